import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { BackendError } from '../errors';
import { toJsonFile, writeFileAtomic } from '../storage/atomicFile';
import { GuardedReadError, readGuardedText } from '../storage/guardedFile';
import { SecretsLockedError, WrongPassphraseError } from './errors';
import { checkAccount, checkValue, type SecretStore } from './store';

export const SECRETS_FILE_FORMAT = 'sinch-explorer/secrets';
export const SECRETS_FILE_VERSION = 1;
export const MIN_PASSPHRASE_LENGTH = 8;

/** scrypt cost: N=2^15, r=8, p=1 needs 32 MiB; about 0.1 s on a laptop, per unlock, not per read. */
export const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const SALT_LENGTH = 16;
const VERIFIER_PLAINTEXT = 'sinch-explorer/secrets verifier v1';

interface Sealed {
  nonce: string;
  ciphertext: string;
  tag: string;
}

interface SecretsFile {
  format: typeof SECRETS_FILE_FORMAT;
  version: typeof SECRETS_FILE_VERSION;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string; keyLength: number };
  cipher: 'aes-256-gcm';
  /** A known text sealed with the key: tells "wrong passphrase" apart from a damaged entry. */
  verifier: Sealed;
  /** Account name → sealed value. Names are not secret (env/<id>/…); values are. */
  entries: Record<string, Sealed>;
}

export interface EncryptedFileSecretStoreOptions {
  /** Only for tests that need to be fast; never lower than 2^14 in the app. */
  kdf?: { N: number; r: number; p: number };
}

function scrypt(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  // Node caps scrypt at 32 MiB by default, which is exactly what N=2^15, r=8 needs: leave room.
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(passphrase.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** The account name is bound to its ciphertext, so entries cannot be swapped between accounts unnoticed. */
function aad(label: string): Buffer {
  return Buffer.from(`${SECRETS_FILE_FORMAT} v${SECRETS_FILE_VERSION} ${label}`, 'utf8');
}

function seal(key: Buffer, plaintext: string, label: string): Sealed {
  const nonce = randomBytes(NONCE_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(label));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Throws when the key is wrong or the bytes were changed (GCM checks both). */
function open(key: Buffer, sealed: Sealed, label: string): string {
  const nonce = Buffer.from(sealed.nonce, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (nonce.length !== NONCE_LENGTH || tag.length !== 16) throw new Error('malformed entry');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad(label));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

export function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.trim() === '') {
    throw new BackendError('INVALID_INPUT', 'Choose a passphrase: an empty one would leave the secrets file unprotected.');
  }
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new BackendError(
      'INVALID_INPUT',
      `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters (a few unrelated words are easy to remember).`,
    );
  }
}

/**
 * The explicit, opt-in alternative when no keychain is reachable: one JSON file holding each
 * value AES-256-GCM encrypted under a key derived (scrypt) from a passphrase the user types.
 * The key lives in memory only while unlocked. There is no plaintext or machine-bound fallback:
 * without the passphrase the values cannot be read, by design.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'encrypted-file' as const;
  private key: Buffer | undefined;
  private doc: SecretsFile | undefined;
  private readonly kdf: { N: number; r: number; p: number };
  /** Writes are serialised so two quick set() calls cannot lose one another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    options: EncryptedFileSecretStoreOptions = {},
  ) {
    this.kdf = options.kdf ?? DEFAULT_KDF;
    if (this.kdf.N < 2 ** 14) throw new TypeError('scrypt N below 2^14 is too weak for a secrets file.');
  }

  get isLocked(): boolean {
    return this.key === undefined;
  }

  async exists(): Promise<boolean> {
    try {
      return (await stat(this.path)).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** Creates an empty secrets file and leaves it unlocked. Refuses to overwrite an existing one. */
  async create(passphrase: string): Promise<void> {
    checkPassphrase(passphrase);
    if (await this.exists()) {
      throw new BackendError('CONFLICT', `A secrets file already exists at ${this.path}. Unlock it with its passphrase instead of creating a new one.`);
    }
    const salt = randomBytes(SALT_LENGTH);
    const key = await scrypt(passphrase, salt, this.kdf);
    const doc: SecretsFile = {
      format: SECRETS_FILE_FORMAT,
      version: SECRETS_FILE_VERSION,
      kdf: { name: 'scrypt', ...this.kdf, salt: salt.toString('base64'), keyLength: KEY_LENGTH },
      cipher: 'aes-256-gcm',
      verifier: seal(key, VERIFIER_PLAINTEXT, 'verifier'),
      entries: nullProto({}),
    };
    await writeFileAtomic(this.path, toJsonFile(doc));
    this.key = key;
    this.doc = doc;
  }

  async unlock(passphrase: string): Promise<void> {
    if (typeof passphrase !== 'string' || passphrase === '') throw new WrongPassphraseError();
    const doc = await this.readDoc();
    const key = await scrypt(passphrase, Buffer.from(doc.kdf.salt, 'base64'), doc.kdf);
    let verified: boolean;
    try {
      verified = open(key, doc.verifier, 'verifier') === VERIFIER_PLAINTEXT;
    } catch {
      verified = false;
    }
    if (!verified) {
      key.fill(0);
      throw new WrongPassphraseError();
    }
    this.lock();
    this.key = key;
    this.doc = doc;
  }

  /** Forgets the key (overwritten in memory) and the decrypted view; the file stays. */
  lock(): void {
    this.key?.fill(0);
    this.key = undefined;
    this.doc = undefined;
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    const { key, doc } = this.unlocked();
    if (!Object.hasOwn(doc.entries, account)) return null;
    const sealed = doc.entries[account] as Sealed;
    try {
      return open(key, sealed, `account:${account}`);
    } catch {
      throw new BackendError(
        'STORAGE',
        `The secret "${account}" in ${this.path} fails its integrity check: the file was changed outside the app or is damaged. Set that secret again to replace it.`,
      );
    }
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    checkValue(value);
    await this.mutate((doc, key) => {
      doc.entries[account] = seal(key, value, `account:${account}`);
      return true;
    });
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    let deleted = false;
    await this.mutate((doc) => {
      deleted = Object.hasOwn(doc.entries, account);
      if (deleted) delete doc.entries[account];
      return deleted;
    });
    return deleted;
  }

  async has(account: string): Promise<boolean> {
    checkAccount(account);
    return Object.hasOwn(this.unlocked().doc.entries, account);
  }

  async accounts(): Promise<string[]> {
    return Object.keys(this.unlocked().doc.entries).sort();
  }

  private unlocked(): { key: Buffer; doc: SecretsFile } {
    if (!this.key || !this.doc) throw new SecretsLockedError();
    return { key: this.key, doc: this.doc };
  }

  private mutate(change: (doc: SecretsFile, key: Buffer) => boolean): Promise<void> {
    const run = async (): Promise<void> => {
      const { key, doc } = this.unlocked();
      const next: SecretsFile = { ...doc, entries: nullProto(doc.entries) };
      if (!change(next, key)) return;
      await writeFileAtomic(this.path, toJsonFile(next));
      // Only a written change becomes the truth; a failed write leaves the old view.
      if (this.doc === doc) this.doc = next;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readDoc(): Promise<SecretsFile> {
    let text: string;
    try {
      text = await readGuardedText(this.path);
    } catch (error) {
      if (error instanceof GuardedReadError && error.problem === 'missing') {
        throw new BackendError('NOT_FOUND', `There is no secrets file at ${this.path}. Create one with a passphrase first.`);
      }
      throw new BackendError('STORAGE', `Could not read the secrets file ${this.path}: it ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw damaged(this.path, 'it is not valid JSON');
    }
    return validateDoc(parsed, this.path);
  }
}

function damaged(path: string, why: string): BackendError {
  return new BackendError(
    'STORAGE',
    `The secrets file ${path} is damaged (${why}). Restore it from a backup, or move it away and create a new one (its secrets are then lost).`,
  );
}

function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.nonce === 'string' && typeof v.ciphertext === 'string' && typeof v.tag === 'string';
}

function validateDoc(value: unknown, path: string): SecretsFile {
  if (typeof value !== 'object' || value === null) throw damaged(path, 'not a JSON object');
  const v = value as Record<string, unknown>;
  if (v.format !== SECRETS_FILE_FORMAT) throw damaged(path, `format is not "${SECRETS_FILE_FORMAT}"`);
  if (typeof v.version !== 'number') throw damaged(path, 'no version');
  if (v.version > SECRETS_FILE_VERSION) {
    throw new BackendError(
      'STORAGE',
      `The secrets file ${path} was written by a newer version of the app (format version ${v.version}). Update the app to read it.`,
    );
  }
  if (v.version !== SECRETS_FILE_VERSION) throw damaged(path, `unknown version ${v.version}`);
  if (v.cipher !== 'aes-256-gcm') throw damaged(path, 'unknown cipher');
  const kdf = v.kdf as Record<string, unknown> | undefined;
  const ok =
    typeof kdf === 'object' &&
    kdf !== null &&
    kdf.name === 'scrypt' &&
    typeof kdf.salt === 'string' &&
    Number.isInteger(kdf.N) &&
    Number.isInteger(kdf.r) &&
    Number.isInteger(kdf.p) &&
    kdf.keyLength === KEY_LENGTH;
  if (!ok) throw damaged(path, 'bad key-derivation parameters');
  const N = kdf.N as number;
  // Refuse parameters that would make unlocking trivially cheap or exhaust memory: both are signs of tampering.
  if (N < 2 ** 14 || N > 2 ** 20 || (N & (N - 1)) !== 0 || (kdf.r as number) < 1 || (kdf.r as number) > 32 || (kdf.p as number) < 1 || (kdf.p as number) > 16) {
    throw damaged(path, 'key-derivation parameters out of range');
  }
  if (!isSealed(v.verifier)) throw damaged(path, 'no verifier');
  if (typeof v.entries !== 'object' || v.entries === null || Array.isArray(v.entries)) throw damaged(path, 'no entries');
  for (const [account, sealed] of Object.entries(v.entries as Record<string, unknown>)) {
    if (!isSealed(sealed)) throw damaged(path, `entry "${account}" is malformed`);
  }
  return { ...(value as SecretsFile), entries: nullProto(v.entries as Record<string, Sealed>) };
}

/** Account names are user data: "__proto__" must be an ordinary key, not the prototype. */
function nullProto(entries: Record<string, Sealed>): Record<string, Sealed> {
  return Object.assign(Object.create(null) as Record<string, Sealed>, entries);
}
