/**
 * Keychain account names. They are built from stable ids (an environment's id never changes when
 * its file is renamed or moved), never from file paths, so a secret cannot be orphaned by
 * reorganising a workspace (Bruno's mistake).
 *
 *   env/<environmentId>/access-key-secret
 *   env/<environmentId>/webhook-secret/<name>
 *   env/<environmentId>/variable/<name>      (an environment variable marked secret)
 *
 * The id and the name are percent-encoded (a UUID stays as it is), so "/" inside them cannot
 * make two different secrets share an account.
 */
export type SecretPurpose = 'access-key-secret' | 'webhook-secret' | 'variable';

export function accountFor(environmentId: string, purpose: 'access-key-secret'): string;
export function accountFor(environmentId: string, purpose: 'webhook-secret' | 'variable', name: string): string;
export function accountFor(environmentId: string, purpose: SecretPurpose, name?: string): string {
  const prefix = environmentAccountPrefix(environmentId);
  if (purpose === 'access-key-secret') return `${prefix}access-key-secret`;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw new TypeError(`A ${purpose === 'variable' ? 'secret variable' : 'webhook secret'} needs a name of 1 to 200 characters.`);
  }
  return `${prefix}${purpose}/${encodeURIComponent(name)}`;
}

/** Every account of one environment starts with this (to list or remove them with it). */
export function environmentAccountPrefix(environmentId: string): string {
  // eslint-disable-next-line no-control-regex
  if (typeof environmentId !== 'string' || environmentId === '' || environmentId.length > 128 || /[\u0000-\u001f\u007f]/.test(environmentId)) {
    throw new TypeError('An environment id must be 1 to 128 characters without control characters.');
  }
  return `env/${encodeURIComponent(environmentId)}/`;
}

export type ParsedAccount =
  { environmentId: string; purpose: 'access-key-secret' } | { environmentId: string; purpose: 'webhook-secret' | 'variable'; name: string };

/** The inverse of accountFor; undefined for names this app did not make. */
export function parseAccount(account: string): ParsedAccount | undefined {
  const m = /^env\/([^/]+)\/(access-key-secret|(webhook-secret|variable)\/([^/]+))$/.exec(account);
  if (!m?.[1]) return undefined;
  try {
    const environmentId = decodeURIComponent(m[1]);
    if (m[2] === 'access-key-secret') return { environmentId, purpose: 'access-key-secret' };
    return { environmentId, purpose: m[3] === 'variable' ? 'variable' : 'webhook-secret', name: decodeURIComponent(m[4] ?? '') };
  } catch {
    return undefined;
  }
}

/**
 * App-wide secrets that belong to no environment live under `app/`: parseAccount does not know
 * them, so they are never taken for an environment's secret (nor tried as a webhook secret).
 */
export const NGROK_AUTHTOKEN_ACCOUNT = 'app/ngrok-authtoken';
