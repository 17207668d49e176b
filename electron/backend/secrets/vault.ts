import { join } from 'node:path';
import { toJsonFile, writeFileAtomic } from '../storage/atomicFile';
import { GuardedReadError, readGuardedText } from '../storage/guardedFile';
import { environmentAccountPrefix } from './accounts';
import { EncryptedFileSecretStore, type EncryptedFileSecretStoreOptions } from './encryptedFileStore';
import { KeychainUnavailableError, SecretsLockedError } from './errors';
import { KeytarSecretStore, PROBE_ACCOUNT } from './keytarStore';
import type { SecretStore } from './store';

export const SECRETS_FILE_NAME = 'secrets.enc.json';
export const BACKEND_PREFERENCE_FILE_NAME = 'secrets-backend.json';
const PREFERENCE_FORMAT = 'sinch-explorer/secrets-backend';

export type VaultBackend = 'keychain' | 'encrypted-file' | 'none';

export interface VaultStatus {
  /** What secrets are read from and written to right now; 'none' = nothing usable yet. */
  backend: VaultBackend;
  /** True when secrets can be read and written (an encrypted file must also be unlocked). */
  available: boolean;
  /** The encrypted file is chosen but its passphrase has not been typed in this session. */
  locked: boolean;
  problem?: string;
  help?: string;
  encryptedFileExists: boolean;
}

export interface SecretVaultOptions {
  /** App-private folder: holds secrets.enc.json (if chosen) and secrets-backend.json. */
  dataDir: string;
  /** Default: the OS keychain through keytar. */
  keychain?: SecretStore;
  /** Passed to the encrypted file store (tests only). */
  encryptedFile?: EncryptedFileSecretStoreOptions;
}

type Preference = 'keychain' | 'encrypted-file';

const OPT_IN_HINT = 'Or choose to keep secrets in an encrypted file protected by a passphrase you type each time the app starts.';

/**
 * The one place the app reads and writes secrets. It uses the OS keychain when it works. When it
 * does not, every operation fails with a KeychainUnavailableError that says why and how to fix
 * it, until the user explicitly chooses the passphrase-protected file. That choice is remembered,
 * so the next start asks for the passphrase (status: locked) rather than silently using
 * something else. There is no plaintext fallback.
 */
export class SecretVault {
  readonly keychain: SecretStore;
  readonly encryptedFile: EncryptedFileSecretStore;
  private readonly preferencePath: string;
  private preference: Promise<Preference> | undefined;
  /**
   * A locked keyring still answers reads (the probe is a read) but refuses writes, so the last
   * refused write is remembered and reported by status() until a write succeeds.
   */
  private keychainWriteFailure: KeychainUnavailableError | undefined;

  constructor(options: SecretVaultOptions) {
    this.keychain = options.keychain ?? new KeytarSecretStore();
    this.encryptedFile = new EncryptedFileSecretStore(join(options.dataDir, SECRETS_FILE_NAME), options.encryptedFile);
    this.preferencePath = join(options.dataDir, BACKEND_PREFERENCE_FILE_NAME);
  }

  async status(): Promise<VaultStatus> {
    const encryptedFileExists = await this.encryptedFile.exists();
    if ((await this.loadPreference()) === 'encrypted-file') {
      if (!encryptedFileExists) {
        return {
          backend: 'encrypted-file',
          available: false,
          locked: false,
          problem: `The encrypted secrets file chosen earlier is missing (${this.encryptedFile.path}).`,
          help: 'Restore it from a backup, or set a passphrase to start a new, empty file, or switch back to the keychain.',
          encryptedFileExists,
        };
      }
      const locked = this.encryptedFile.isLocked;
      return {
        backend: 'encrypted-file',
        available: !locked,
        locked,
        ...(locked ? { problem: 'The encrypted secrets file is locked.', help: 'Enter its passphrase to unlock it.' } : {}),
        encryptedFileExists,
      };
    }
    try {
      await this.keychain.get(PROBE_ACCOUNT);
      const failed = this.keychainWriteFailure;
      if (failed)
        return { backend: 'keychain', available: false, locked: false, problem: failed.problem, help: `${failed.help} ${OPT_IN_HINT}`, encryptedFileExists };
      return { backend: 'keychain', available: true, locked: false, encryptedFileExists };
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
      return { backend: 'none', available: false, locked: false, problem: error.problem, help: `${error.help} ${OPT_IN_HINT}`, encryptedFileExists };
    }
  }

  /**
   * The explicit opt-in: unlocks <dataDir>/secrets.enc.json with the passphrase, or creates it
   * when there is none yet, and remembers the choice for the next start.
   * Secrets already in the keychain are not copied over.
   */
  async useEncryptedFile(passphrase: string): Promise<VaultStatus> {
    if (await this.encryptedFile.exists()) await this.encryptedFile.unlock(passphrase);
    else await this.encryptedFile.create(passphrase);
    await this.savePreference('encrypted-file');
    return this.status();
  }

  /** Switches back to the OS keychain; the encrypted file is locked and kept, not deleted. */
  async useKeychain(): Promise<VaultStatus> {
    this.encryptedFile.lock();
    await this.savePreference('keychain');
    return this.status();
  }

  /** Forgets the passphrase-derived key; the next operation fails until the passphrase is typed again. */
  lock(): void {
    this.encryptedFile.lock();
  }

  async get(account: string): Promise<string | null> {
    return this.run((s) => s.get(account));
  }

  async set(account: string, value: string): Promise<void> {
    return this.run((s) => s.set(account, value), true);
  }

  async delete(account: string): Promise<boolean> {
    return this.run((s) => s.delete(account), true);
  }

  async has(account: string): Promise<boolean> {
    return this.run((s) => s.has(account));
  }

  async accounts(): Promise<string[]> {
    return this.run((s) => s.accounts());
  }

  /** Deletes every secret of one environment (when the environment itself is deleted). Returns how many. */
  async deleteEnvironmentSecrets(environmentId: string): Promise<number> {
    const prefix = environmentAccountPrefix(environmentId);
    return this.run(async (s) => {
      let count = 0;
      for (const account of await s.accounts()) {
        if (account.startsWith(prefix) && (await s.delete(account))) count++;
      }
      return count;
    }, true);
  }

  private async run<T>(op: (store: SecretStore) => Promise<T>, write = false): Promise<T> {
    if ((await this.loadPreference()) === 'encrypted-file') {
      if (this.encryptedFile.isLocked) {
        throw new SecretsLockedError(
          (await this.encryptedFile.exists())
            ? 'The encrypted secrets file is locked. Enter its passphrase to unlock it.'
            : `The encrypted secrets file chosen earlier is missing (${this.encryptedFile.path}). Restore it, or set a passphrase to start a new one.`,
        );
      }
      return op(this.encryptedFile);
    }
    try {
      const result = await op(this.keychain);
      if (write) this.keychainWriteFailure = undefined;
      return result;
    } catch (error) {
      if (error instanceof KeychainUnavailableError) {
        if (write) this.keychainWriteFailure = error;
        throw new KeychainUnavailableError(error.reason, error.problem, `${error.help} ${OPT_IN_HINT}`);
      }
      throw error;
    }
  }

  private loadPreference(): Promise<Preference> {
    this.preference ??= this.readPreference().catch((error: unknown) => {
      this.preference = undefined;
      throw error;
    });
    return this.preference;
  }

  private async readPreference(): Promise<Preference> {
    let text: string;
    try {
      text = await readGuardedText(this.preferencePath);
    } catch (error) {
      if (error instanceof GuardedReadError && error.problem === 'missing') return 'keychain';
      throw new Error(`The secrets preference file ${this.preferencePath} ${(error as Error).message}`, { cause: error });
    }
    try {
      const parsed = JSON.parse(text) as { format?: unknown; backend?: unknown };
      if (parsed.format === PREFERENCE_FORMAT && (parsed.backend === 'keychain' || parsed.backend === 'encrypted-file')) return parsed.backend;
    } catch {
      /* unreadable: decided below */
    }
    // A damaged preference must not quietly switch stores: if an encrypted file exists, the user chose it.
    return (await this.encryptedFile.exists()) ? 'encrypted-file' : 'keychain';
  }

  private async savePreference(backend: Preference): Promise<void> {
    await writeFileAtomic(this.preferencePath, toJsonFile({ format: PREFERENCE_FORMAT, version: 1, backend }));
    this.preference = Promise.resolve(backend);
  }
}
