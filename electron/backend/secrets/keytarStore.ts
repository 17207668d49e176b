import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
  /** Every other call gives up after this long (see `call`). Default 10 s. */
  callTimeoutMs?: number;
  /** Where to look for the session bus (Linux); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Linux only: true when libsecret would have to *autolaunch* a D-Bus session: no
 * DBUS_SESSION_BUS_ADDRESS, no $XDG_RUNTIME_DIR/bus, but an X display. GLib then starts a private
 * bus for that display, D-Bus activates a fresh gnome-keyring on it, and the first write waits
 * for a "choose a password for the new keyring" prompt on that display, forever when nobody is
 * looking at it (Xvfb, CI). Without a display the autolaunch fails at once and keytar says so.
 */
export function wouldAutolaunchDbus(env: NodeJS.ProcessEnv, exists: (path: string) => boolean = existsSync): boolean {
  if (env['DBUS_SESSION_BUS_ADDRESS']) return false;
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime && exists(join(runtime, 'bus'))) return false;
  return Boolean(env['DISPLAY']);
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
  private readonly callTimeoutMs: number;
  private readonly env: NodeJS.ProcessEnv;
  private keytar: KeytarLike | undefined;
  /**
   * A native call that outlived its timeout and is still running. keytar runs each call on a libuv
   * thread-pool thread that nothing can cancel: while it waits, that thread is gone (four of them
   * serve every file read and write of the process) and the process cannot exit, as Node joins the
   * pool's threads on exit. So one stuck call is the most we allow: until it returns, every call
   * fails at once instead of tying up another thread.
   */
  private stuck: Promise<unknown> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
    if (this.service.trim() === '') throw new TypeError('The keychain service name must not be empty.');
    this.load = options.load ?? requireKeytar;
    this.platform = options.platform ?? process.platform;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 10_000;
    this.callTimeoutMs = options.callTimeoutMs ?? 10_000;
    this.env = options.env ?? process.env;
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
    if (this.platform === 'linux' && wouldAutolaunchDbus(this.env)) {
      throw new KeychainUnavailableError(
        'no-dbus',
        'No D-Bus session is reachable (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service (the Linux keychain) cannot be used; the app does not autolaunch a private bus, whose new keyring would wait for a password prompt on the display.',
        diagnoseKeychainError(new Error('Cannot autolaunch D-Bus'), 'linux').help,
      );
    }
    if (this.stuck) throw this.timeoutError();
    const keytar = this.module();
    let timer: NodeJS.Timeout | undefined;
    try {
      const pending = op(keytar);
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.callTimeoutMs);
        timer.unref();
      });
      const outcome = await Promise.race([pending.then((value) => ({ value })), timeout]);
      if (outcome === 'timeout') {
        const stuck = pending.then(
          () => undefined,
          () => undefined,
        );
        this.stuck = stuck;
        void stuck.then(() => {
          if (this.stuck === stuck) this.stuck = undefined;
        });
        throw this.timeoutError();
      }
      return outcome.value;
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      const d = diagnoseKeychainError(error, this.platform);
      throw new KeychainUnavailableError(d.reason, d.problem, d.help);
    } finally {
      clearTimeout(timer);
    }
  }

  private timeoutError(): KeychainUnavailableError {
    return new KeychainUnavailableError(
      'timeout',
      `The keychain did not answer within ${Math.round(this.callTimeoutMs / 1000)} s.`,
      'An unlock prompt may be waiting for you: answer it, or unlock the keychain yourself, then try again.',
    );
  }
}
