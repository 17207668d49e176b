/**
 * Postman environment and globals files ↔ our environments and globals. Pure.
 *
 * An environment's own fields travel as the variables our requests use: `base_url`,
 * `template_base_url`, `project_id`, `app_id`, plus the access key as `key_id`, `key_secret`
 * (type secret, never a value) and `auth_url`. Importing reads them back into the fields.
 */
import { VARIABLE_NAME_PATTERN, type Environment, type EnvironmentAuth } from '../../model/environment';
import type { KeyValue } from '../../model/keyValue';
import { GLOBAL_AUTH_URL, SINCH_REGIONS, sinchHosts, type RegionChoice } from '../../regions';
import { isForbiddenKey } from '../../safeObject';
import { holdsLiteralValue, isSecretName } from '../secrets';
import { EXPORT_KEY_ID_VARIABLE, EXPORT_KEY_SECRET_VARIABLE } from './exportCollection';
import type { EnvironmentImport } from '../importFormat';
import { emptyCounts, type ImportReport } from '../report';
import type { PostmanEnvironmentFile, PostmanEnvironmentValue } from './types';

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

const BASE_URL_NAMES = new Set(['base_url', 'baseurl', 'conversation_base_url', 'conversation_url']);
const TEMPLATE_URL_NAMES = new Set(['template_base_url', 'template_url', 'templates_base_url']);
const KEY_ID_NAMES = new Set(['key_id', 'keyid', 'access_key_id', 'client_id']);
const KEY_SECRET_NAMES = new Set(['key_secret', 'keysecret', 'access_key_secret', 'client_secret']);
const AUTH_URL_NAMES = new Set(['auth_url', 'token_url', 'oauth_url', 'access_token_url']);

export function importPostmanEnvironment(file: PostmanEnvironmentFile, fallbackName: string): EnvironmentImport {
  const counts = emptyCounts();
  const notes: ImportReport['notes'] = [];
  const name = (file.name ?? '').trim().slice(0, 200) || fallbackName;
  const env: Omit<Environment, 'id'> = {
    name,
    region: 'custom',
    customBaseUrl: '',
    customTemplateUrl: '',
    projectId: '',
    appId: '',
    variables: [],
    auth: { mode: 'oauth2', tokenUrl: '', keyId: '' },
  };
  const auth: EnvironmentAuth = env.auth;
  const secretVariables: { name: string; value: string }[] = [];
  let accessKeySecret: string | null = null;
  let baseUrl = '';
  let templateUrl = '';
  const seen = new Set<string>();
  for (const v of file.values) {
    const key = (v.key ?? '').trim();
    const value = text(v.value);
    const enabled = v.enabled !== false;
    const lower = key.toLowerCase();
    if (key === '') continue;
    // Only the exact names our requests use map onto the fields; `PROJECT_ID` stays a variable of its own.
    if (key === 'project_id') env.projectId = value;
    else if (key === 'app_id') env.appId = value;
    else if (BASE_URL_NAMES.has(lower) && lower === key) baseUrl = value;
    else if (TEMPLATE_URL_NAMES.has(lower) && lower === key) templateUrl = value;
    else if (lower === 'region' && key === lower) {
      /* derived from base_url */
    } else if (KEY_ID_NAMES.has(lower) && lower === key) auth.keyId = value;
    else if (AUTH_URL_NAMES.has(lower) && lower === key) auth.tokenUrl = value === GLOBAL_AUTH_URL ? '' : value;
    else if (KEY_SECRET_NAMES.has(lower) && lower === key) {
      if (holdsLiteralValue(value)) accessKeySecret = value;
      notes.push({
        path: key,
        level: 'converted',
        message: `${key} became the access key's secret${holdsLiteralValue(value) ? ' (stored in the keychain)' : ''}.`,
      });
    } else {
      if (!VARIABLE_NAME_PATTERN.test(key) || isForbiddenKey(key)) {
        notes.push({
          path: key,
          level: 'skipped',
          message: `Variable "${key}" was not imported: names may only use letters, digits, "_", "." and "-", and must not start with a digit.`,
        });
        continue;
      }
      if (seen.has(key)) {
        notes.push({ path: key, level: 'skipped', message: `Variable "${key}" is defined twice: the first one was kept.` });
        continue;
      }
      seen.add(key);
      const secret = v.type === 'secret' || (isSecretName(key) && holdsLiteralValue(value));
      if (secret) {
        if (value !== '') secretVariables.push({ name: key, value });
        env.variables.push({ key, value: '', enabled, secret: true });
        notes.push({ path: key, level: 'converted', message: `${key} is a secret: padlocked, its value kept in the keychain.` });
      } else env.variables.push({ key, value, enabled });
    }
  }
  // The base URL decides the region: Sinch's own hosts are regions, anything else is custom.
  const region = SINCH_REGIONS.find((r) => trimSlash(baseUrl) === sinchHosts(r).conversation);
  if (region) {
    env.region = region;
  } else if (baseUrl !== '') {
    env.region = 'custom';
    env.customBaseUrl = trimSlash(baseUrl);
    env.customTemplateUrl = trimSlash(templateUrl);
  } else {
    env.region = 'us' satisfies RegionChoice;
    notes.push({
      path: '',
      level: 'converted',
      message: 'No base_url in the file: the region is set to us. Change it under Environments if your app lives elsewhere.',
    });
  }
  if (auth.keyId === '' && accessKeySecret === null) auth.mode = 'oauth2';
  counts.variables = env.variables.length;
  return {
    environment: env,
    secretVariables,
    accessKeySecret,
    report: { kind: 'environment', source: 'Postman environment', name, counts, notes, secrets: [], accessKey: null },
  };
}

export function importPostmanGlobals(file: PostmanEnvironmentFile): { variables: KeyValue[]; report: ImportReport } {
  const counts = emptyCounts();
  const notes: ImportReport['notes'] = [];
  const variables: KeyValue[] = [];
  for (const v of file.values) {
    const key = (v.key ?? '').trim();
    if (key === '' || isForbiddenKey(key)) continue;
    const value = text(v.value);
    if (v.type === 'secret' || (isSecretName(key) && holdsLiteralValue(value))) {
      notes.push({
        path: key,
        level: 'skipped',
        message: `${key} is a secret and globals cannot be padlocked: not imported. Add it to an environment as a padlocked variable.`,
      });
      continue;
    }
    variables.push({ key, value, enabled: v.enabled !== false });
  }
  counts.variables = variables.length;
  return { variables, report: { kind: 'globals', source: 'Postman globals', name: 'Globals', counts, notes, secrets: [], accessKey: null } };
}

/** An environment as a Postman environment file: no secret values (padlocked ones are type secret, empty). */
export function exportPostmanEnvironment(env: Environment, hosts: { conversation: string; template: string }): PostmanEnvironmentFile {
  const values: PostmanEnvironmentValue[] = [
    { key: 'base_url', value: hosts.conversation, type: 'default', enabled: true },
    { key: 'template_base_url', value: hosts.template, type: 'default', enabled: true },
    { key: 'region', value: env.region, type: 'default', enabled: true },
    { key: 'project_id', value: env.projectId, type: 'default', enabled: true },
    { key: 'app_id', value: env.appId, type: 'default', enabled: true },
    { key: EXPORT_KEY_ID_VARIABLE, value: env.auth.keyId, type: 'default', enabled: true },
    { key: EXPORT_KEY_SECRET_VARIABLE, value: '', type: 'secret', enabled: true },
    { key: 'auth_url', value: env.auth.tokenUrl || GLOBAL_AUTH_URL, type: 'default', enabled: true },
    ...env.variables.map((v) => ({ key: v.key, value: v.secret ? '' : v.value, type: v.secret ? 'secret' : 'default', enabled: v.enabled })),
  ];
  return { id: env.id, name: env.name, values, _postman_variable_scope: 'environment', _postman_exported_using: 'Sinch Conversation Explorer' };
}
