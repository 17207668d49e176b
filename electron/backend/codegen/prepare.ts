/**
 * A request made ready to be written as code (curl, another language, an SDK call): variables
 * resolved, the headers Send adds on its own added, and the Authorization the environment gives
 * it looked up. Without `includeSecrets`, padlocked variables resolve to `<name>` and no token is
 * fetched: the secret values never leave the backend.
 */
import type { CurlAuth } from '../../../shared/formats/curl';
import { withheldPlaceholder } from '../../../shared/formats/curl';
import type { Environment } from '../../../shared/model/environment';
import type { HttpRequestDraft } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import type { REQUEST_AUTH_MODES } from '../../../shared/model/collection';
import { findVariables, resolveRequest, type VariableScope } from '../../../shared/variables';
import { DEFAULT_TOKEN_URL, redact, type AuthSettings, type TokenManager } from '../auth/index';
import { IMPLICIT_CONTENT_TYPE } from '../http/executor';
import type { CredentialService } from '../secrets/credentials';

export type CodeRequestInput = HttpRequestDraft & { variables?: KeyValue[]; auth?: (typeof REQUEST_AUTH_MODES)[number] };

/** The environment a request is sent in and every variable it sees there (RequestService.scoped: what Send resolves with). */
export type ScopeOf = (
  environmentId: string | null,
  collectionId: string | null,
  requestVariables: KeyValue[] | undefined,
) => Promise<{ env: Environment | null; scope: VariableScope }>;

export interface PrepareDeps {
  scoped: ScopeOf;
  credentials: Pick<CredentialService, 'authFor'>;
  tokens: Pick<TokenManager, 'getToken'>;
}

export interface PreparedRequest {
  env: Environment | null;
  scope: VariableScope;
  method: string;
  url: string;
  /** The URL as typed, before variables were resolved. */
  typedUrl: string;
  headers: { name: string; value: string }[];
  body: string | null;
  /** The environment's Authorization, when the request has none of its own; a bearer token is '' unless included. */
  auth: CurlAuth | null;
  /** The environment's credentials as the SDK takes them (key id, token URL); null without any. */
  settings: AuthSettings | null;
  /** Padlocked variables the request uses whose values were replaced by `<name>`. */
  withheld: string[];
  unresolved: string[];
  warnings: string[];
  /** Values that must not appear in anything written without credentials. */
  secrets: string[];
}

/** The values of padlocked variables in scope: what must never leave the backend unasked. */
export function secretValues(scope: VariableScope): string[] {
  return [...scope.values()].filter((v) => v.secret && v.value !== '').map((v) => v.value);
}

/** Whether `{{name}}` is used by what the request sends, directly or through other variables. */
function requestMentions(request: CodeRequestInput, name: string, scope: VariableScope): boolean {
  const texts = [
    request.url,
    ...request.headers.filter((h) => h.enabled).flatMap((h) => [h.key, h.value]),
    request.body.mode === 'none' ? '' : request.body.text,
  ];
  const seen = new Set<string>();
  const queue = texts.flatMap((t) => findVariables(t).map((v) => v.name));
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (next === name) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...findVariables(scope.get(next)?.value ?? '').map((v) => v.name));
  }
  return false;
}

export async function prepareRequest(
  deps: PrepareDeps,
  /** `fetchToken` false: no token is fetched (the SDK gets its own); the bearer stays ''. */
  input: { request: CodeRequestInput; environmentId: string | null; collectionId?: string | null; includeSecrets: boolean; fetchToken?: boolean },
): Promise<PreparedRequest> {
  const { request, includeSecrets } = input;
  const { env, scope } = await deps.scoped(input.environmentId, input.collectionId ?? null, request.variables);
  const secrets = secretValues(scope);
  const withheldAll = includeSecrets ? [] : [...scope].filter(([, v]) => v.secret && v.value !== '').map(([name]) => name);
  const shownScope: VariableScope = includeSecrets
    ? scope
    : new Map([...scope].map(([name, v]) => [name, v.secret && v.value !== '' ? { ...v, value: withheldPlaceholder(name) } : v]));
  const resolved = resolveRequest(request, shownScope);
  const headers = [...resolved.headers];
  // What the executor adds on its own, so the code sends what Send sends.
  if (resolved.body !== null && !headers.some((h) => h.name.toLowerCase() === 'content-type'))
    headers.push({ name: 'Content-Type', value: IMPLICIT_CONTENT_TYPE });
  const warnings: string[] = [];
  // Its variables are left as typed past the limit: the code runs, but not as Send would.
  if (resolved.tooLarge !== undefined) warnings.push(`Some variables were left as typed: ${resolved.tooLarge}.`);
  let auth: CurlAuth | null = null;
  let settings: AuthSettings | null = null;
  if (request.auth !== 'none' && !headers.some((h) => h.name.toLowerCase() === 'authorization')) {
    const found = await deps.credentials.authFor(env).catch((error: unknown) => ({ problem: error instanceof Error ? error.message : String(error) }));
    if ('problem' in found) warnings.push(`No Authorization added: ${found.problem}`);
    else {
      settings = found;
      if (found.mode === 'basic') auth = { mode: 'basic', keyId: found.keyId, keySecret: found.keySecret };
      else if (found.mode === 'oauth2') {
        if (!includeSecrets || input.fetchToken === false) auth = { mode: 'bearer', token: '' };
        else {
          try {
            const token = await deps.tokens.getToken({
              tokenUrl: found.tokenUrl.trim() || DEFAULT_TOKEN_URL,
              keyId: found.keyId,
              keySecret: found.keySecret,
              signal: AbortSignal.timeout(30_000),
            });
            auth = { mode: 'bearer', token: token.accessToken };
            const minutes = Math.max(0, Math.floor((token.expiresAt - Date.now()) / 60_000));
            warnings.push(`The access token included here expires in about ${minutes} minute${minutes === 1 ? '' : 's'}; copy it again after that.`);
          } catch (error) {
            warnings.push(
              `No Authorization added: the token request failed (${redact(error instanceof Error ? error.message : String(error), [found.keySecret])}).`,
            );
          }
        }
      }
    }
  }
  return {
    env,
    scope,
    method: resolved.method,
    url: resolved.url,
    typedUrl: request.url.trim(),
    headers,
    body: resolved.body,
    auth,
    settings,
    withheld: withheldAll.filter((name) => requestMentions(request, name, scope)),
    unresolved: resolved.unresolved,
    warnings,
    secrets,
  };
}
