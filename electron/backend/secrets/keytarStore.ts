import { createRequire } from 'node:module';
import { checkAccount, checkValue, type SecretStore } from './store';
import { KeychainUnavailableError, diagnoseKeychainError, keytarLoadFailed } from './errors';

export const DEFAULT_KEYCHAIN_SERVICE = 'Sinch Conversation Explorer';
/** Read by probe(); never written, so probing leaves no trace in the user's keychain. */
export const PROBE_ACCOUNT = 'probe/keychain-availability';

/** The part of keytar we use; tests may hand in another implementation. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export interface KeychainProbe {
  available: boolean;
  problem?: string;
  help?: string;
}

export interface KeytarSecretStoreOptions {
  /** Keychain "service" the entries are filed under. Tests pass a unique one so they never touch real entries. */
  service?: string;
  /** Loads keytar; default: require('keytar') on first use. */
  load?: () => KeytarLike;
  /** For the wording of errors; default process.platform. */
  platform?: NodeJS.Platform;
  /** probe() gives up after this long (an unlock prompt nobody answers, a hung D-Bus). Default 10 s. */
  probeTimeoutMs?: number;
}

function requireKeytar(): KeytarLike {
  // Loaded lazily so that a missing or mis-built native module is reported as a keychain problem
  // the user can fix, instead of crashing the backend the moment it is imported.
  const require = createRequire(import.meta.url);
  return require('keytar') as KeytarLike;
}

/** Secrets in the OS keychain through keytar: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows. */
export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly service: string;
  private readonly load: () => KeytarLike;
  private readonly platform: NodeJS.Platform;
  private readonly probeTimeoutMs: number;
  private keytar: KeytarLike | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
    if (this.service.trim() === '') throw new TypeError('The keychain service name must not be empty.');
    this.load = options.load ?? requireKeytar;
    this.platform = options.platform ?? process.platform;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 10_000;
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    return this.call((k) => k.getPassword(this.service, account));
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    checkValue(value);
    await this.call((k) => k.setPassword(this.service, account, value));
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    return this.call((k) => k.deletePassword(this.service, account));
  }

  async has(account: string): Promise<boolean> {
    return (await this.get(account)) !== null;
  }

  async accounts(): Promise<string[]> {
    // findCredentials hands back the passwords too; keep only the names and let the rest go.
    const found = await this.call((k) => k.findCredentials(this.service));
    return found.map((c) => c.account).sort();
  }

  /** A harmless read that tells whether the keychain works, and if not why and what to do. */
  async probe(): Promise<KeychainProbe> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new KeychainUnavailableError(
            'timeout',
            `The keychain did not answer within ${Math.round(this.probeTimeoutMs / 1000)} s.`,
            'An unlock prompt may be waiting for you: answer it, or unlock the keychain yourself, then try again.',
          ),
        );
      }, this.probeTimeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([this.get(PROBE_ACCOUNT), timeout]);
      return { available: true };
    } catch (error) {
      if (error instanceof KeychainUnavailableError) return { available: false, problem: error.problem, help: error.help };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private module(): KeytarLike {
    if (this.keytar) return this.keytar;
    try {
      this.keytar = this.load();
    } catch (error) {
      throw keytarLoadFailed(error, this.platform);
    }
    return this.keytar;
  }

  private async call<T>(op: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    const keytar = this.module();
    try {
      return await op(keytar);
    } catch (error) {
      const d = diagnoseKeychainError(error, this.platform);
      throw new KeychainUnavailableError(d.reason, d.problem, d.help);
    }
  }
}
