/**
 * Where secret values live. Callers only ever see this interface, so another backend (Electron's
 * safeStorage, a password manager's CLI) can be added without touching them.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'encrypted-file' | 'memory';
  /** The value, or null when nothing is stored under that account. */
  get(account: string): Promise<string | null>;
  /** Stores or replaces the value. */
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  has(account: string): Promise<boolean>;
  /** Account names only, never values. */
  accounts(): Promise<string[]>;
}

export const MAX_ACCOUNT_LENGTH = 512;
/** Keychains differ in what they accept; the smallest common limit is Windows' 2560-byte blob. */
export const MAX_SECRET_BYTES = 2560;

/** Shared argument checks, so every store refuses the same things with the same words. */
export function checkAccount(account: string): void {
  if (typeof account !== 'string' || account.length === 0) throw new TypeError('A secret needs a non-empty account name.');
  if (account.length > MAX_ACCOUNT_LENGTH) throw new TypeError(`Secret account names are limited to ${MAX_ACCOUNT_LENGTH} characters.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(account)) throw new TypeError('Secret account names must not contain control characters.');
}

export function checkValue(value: string): void {
  if (typeof value !== 'string') throw new TypeError('A secret value must be a string.');
  if (Buffer.byteLength(value, 'utf8') > MAX_SECRET_BYTES) {
    throw new TypeError(`A secret value is limited to ${MAX_SECRET_BYTES} bytes (some keychains refuse more).`);
  }
}
