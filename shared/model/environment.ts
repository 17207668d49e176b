import { z } from 'zod';
import { REGION_CHOICES, type RegionChoice } from '../regions';
import { KeyValueSchema } from './keyValue';

/**
 * Variables an environment defines through its own fields. A user variable may not reuse these
 * names: two sources for `{{project_id}}` would make it unclear which one is sent.
 */
export const RESERVED_VARIABLES = ['base_url', 'template_base_url', 'region', 'project_id', 'app_id'] as const;

export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export const AUTH_MODES = ['oauth2', 'basic', 'none'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/**
 * How requests of this environment authenticate (reference §2). The key id is not a secret and is
 * stored here; the key secret lives in the OS keychain, keyed by the environment's id.
 */
export const EnvironmentAuthSchema = z.object({
  mode: z.enum(AUTH_MODES),
  /** Empty means Sinch's global token endpoint. */
  tokenUrl: z.string().max(2048),
  keyId: z.string().max(200),
});
export type EnvironmentAuth = z.infer<typeof EnvironmentAuthSchema>;

export const DEFAULT_AUTH: EnvironmentAuth = { mode: 'oauth2', tokenUrl: '', keyId: '' };

export const EnvironmentSchema = z
  .object({
    id: z.string().min(1).max(128),
    name: z.string().trim().min(1, 'An environment needs a name').max(200),
    region: z.enum(REGION_CHOICES),
    /** Conversation API base URL when region is `custom`. */
    customBaseUrl: z.string().max(2048),
    /** Template Management API base URL when region is `custom`; empty means the same as customBaseUrl. */
    customTemplateUrl: z.string().max(2048),
    projectId: z.string().max(200),
    appId: z.string().max(200),
    variables: z.array(KeyValueSchema).max(1000),
    /** Files written before credentials existed have no auth: they get the default. */
    auth: EnvironmentAuthSchema.default(DEFAULT_AUTH),
  })
  .superRefine((env, ctx) => {
    const tokenUrl = env.auth.tokenUrl.trim();
    if (tokenUrl !== '' && !/^https?:\/\/[^\s/]+/.test(tokenUrl)) {
      ctx.addIssue({ code: 'custom', path: ['auth', 'tokenUrl'], message: `Token URL must start with http:// or https:// (got "${tokenUrl}")` });
    }
    if (env.region === 'custom') {
      for (const field of ['customBaseUrl', 'customTemplateUrl'] as const) {
        const value = env[field].trim();
        if (field === 'customTemplateUrl' && value === '') continue;
        if (!/^https?:\/\/[^\s/]+/.test(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `${field === 'customBaseUrl' ? 'Base URL' : 'Template URL'} must start with http:// or https:// (got "${value}")`,
          });
        }
      }
    }
    const seen = new Set<string>();
    env.variables.forEach((variable, index) => {
      const name = variable.key.trim();
      if (name === '') return;
      if (!VARIABLE_NAME_PATTERN.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variables', index, 'key'],
          message: `Variable name "${name}" may only use letters, digits, "_", "." and "-", and must not start with a digit`,
        });
      }
      if ((RESERVED_VARIABLES as readonly string[]).includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variables', index, 'key'],
          message: `"${name}" is set by the environment's own fields; pick another name`,
        });
      }
      if (seen.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['variables', index, 'key'], message: `Variable "${name}" is defined twice` });
      }
      seen.add(name);
    });
  });

export type Environment = z.infer<typeof EnvironmentSchema>;

/**
 * What is wrong with a custom region's base URL, said for the field it is typed in (the same rule the schema
 * checks); null when it will do.
 */
export function baseUrlProblem(value: string): string | null {
  const url = value.trim();
  if (url === '')
    return 'Enter the base URL of the Conversation API to call, e.g. https://conversation.example.com: requests go to it, followed by /v1/projects/….';
  if (!/^https?:\/\/[^\s/]+/.test(url)) return `“${url.slice(0, 80)}” is not a base URL: it starts with https:// (or http:// for a server on this computer).`;
  return null;
}

export function newEnvironment(id: string, name: string, region: RegionChoice = 'us'): Environment {
  return { id, name, region, customBaseUrl: '', customTemplateUrl: '', projectId: '', appId: '', variables: [], auth: { ...DEFAULT_AUTH } };
}
