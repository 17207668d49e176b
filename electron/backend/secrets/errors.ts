import { BackendError } from '../errors';

export type KeychainProblem = 'load-failed' | 'no-dbus' | 'no-secret-service' | 'locked' | 'denied' | 'timeout' | 'unknown';

/**
 * The OS keychain cannot be used. The message says what is wrong and how to fix it on this OS;
 * `problem` and `help` carry the two halves separately for the UI.
 */
export class KeychainUnavailableError extends BackendError {
  constructor(
    readonly reason: KeychainProblem,
    readonly problem: string,
    readonly help: string,
  ) {
    super('STORAGE', `${problem} ${help}`);
    this.name = 'KeychainUnavailableError';
  }
}

/** The encrypted secrets file is locked: its passphrase has not been typed in this session. */
export class SecretsLockedError extends BackendError {
  constructor(message = 'The encrypted secrets file is locked. Enter its passphrase to unlock it.') {
    super('STORAGE', message);
    this.name = 'SecretsLockedError';
  }
}

export class WrongPassphraseError extends BackendError {
  constructor() {
    super('INVALID_INPUT', 'Wrong passphrase: it does not unlock this secrets file. Check it (caps lock, keyboard layout) and try again.');
    this.name = 'WrongPassphraseError';
  }
}

export interface KeychainDiagnosis {
  reason: KeychainProblem;
  problem: string;
  help: string;
}

/**
 * Turns whatever keytar (libsecret, the macOS Security framework, Windows Credential Manager)
 * rejected with into words a user can act on. The raw message is kept at the end of `problem`
 * because it is what people search for.
 */
export function diagnoseKeychainError(error: unknown, platform: NodeJS.Platform = process.platform): KeychainDiagnosis {
  const raw = error instanceof Error ? error.message : String(error);
  const quoted = ` (${raw.trim() || 'no message'})`;
  if (platform === 'darwin') return diagnoseMac(raw, quoted);
  if (platform === 'win32') return diagnoseWindows(raw, quoted);
  return diagnoseLinux(raw, quoted);
}

const LINUX_HEADLESS =
  "On a headless machine, over SSH or in CI, start a private session: dbus-run-session -- sh -c 'echo -n <password> | gnome-keyring-daemon --unlock --components=secrets; <start the app>'.";

function diagnoseLinux(raw: string, quoted: string): KeychainDiagnosis {
  if (/autolaunch D-Bus|\$DISPLAY|Could not connect|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Unable to autolaunch|Connection refused/i.test(raw)) {
    return {
      reason: 'no-dbus',
      problem: `No D-Bus session is reachable, so the Secret Service (the Linux keychain) cannot be used${quoted}.`,
      help: `Run the app in a desktop session that has a keyring (GNOME Keyring, or KeePassXC with "Secret Service integration" enabled). ${LINUX_HEADLESS}`,
    };
  }
  if (/org\.freedesktop\.secrets|ServiceUnknown|not provided by any \.service|No such interface|UnknownMethod/i.test(raw)) {
    return {
      reason: 'no-secret-service',
      problem: `D-Bus works but no Secret Service answers${quoted}.`,
      help: `Install and start a Secret Service: gnome-keyring (Debian/Ubuntu: sudo apt-get install gnome-keyring, then log out and in) or KeePassXC (Tools → Settings → Secret Service Integration, with a database open). ${LINUX_HEADLESS}`,
    };
  }
  if (/locked|prompt|dismissed|cancel|collection\/login|Object does not exist at path|No such object/i.test(raw)) {
    return {
      reason: 'locked',
      problem: `The keyring is locked, or it has no default collection, and no unlock prompt could be shown${quoted}.`,
      help: 'Unlock your login keyring (open "Passwords and Keys"/Seahorse, or log in to the desktop again); with KeePassXC, open and unlock the database. Headless: echo -n <password> | gnome-keyring-daemon --unlock --components=secrets.',
    };
  }
  return {
    reason: 'unknown',
    problem: `The Secret Service (the Linux keychain) refused the operation${quoted}.`,
    help: `Check that gnome-keyring or KeePassXC's Secret Service is running and unlocked. ${LINUX_HEADLESS}`,
  };
}

function diagnoseMac(raw: string, quoted: string): KeychainDiagnosis {
  if (/interaction is not allowed|-25308|locked|-25293/i.test(raw)) {
    return {
      reason: 'locked',
      problem: `The macOS keychain is locked${quoted}.`,
      help: 'Unlock the "login" keychain in Keychain Access (or run: security unlock-keychain ~/Library/Keychains/login.keychain-db), then try again.',
    };
  }
  if (/denied|not permitted|-128|canceled|cancelled|authorization/i.test(raw)) {
    return {
      reason: 'denied',
      problem: `macOS refused the app access to its keychain item${quoted}.`,
      help: 'Try again and choose "Always Allow" when macOS asks; in Keychain Access you can check the item\'s Access Control list.',
    };
  }
  return {
    reason: 'unknown',
    problem: `The macOS keychain refused the operation${quoted}.`,
    help: 'Open Keychain Access, check that the "login" keychain exists and is unlocked (Keychain First Aid can repair it), then try again.',
  };
}

function diagnoseWindows(raw: string, quoted: string): KeychainDiagnosis {
  if (/denied|0x80070005/i.test(raw)) {
    return {
      reason: 'denied',
      problem: `Windows Credential Manager denied access${quoted}.`,
      help: 'Run the app as the signed-in user (not another account or a service), then try again.',
    };
  }
  return {
    reason: 'unknown',
    problem: `Windows Credential Manager refused the operation${quoted}.`,
    help: 'Check that the "Credential Manager" service (VaultSvc) is running (services.msc) and that the value is under 2.5 KB, then try again.',
  };
}

/** keytar's native part did not load: a build problem, not a keychain one. */
export function keytarLoadFailed(error: unknown, platform: NodeJS.Platform = process.platform): KeychainUnavailableError {
  const raw = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
  const build =
    platform === 'linux'
      ? 'It needs libsecret-1-dev, g++ and python3 (Debian/Ubuntu: sudo apt-get install libsecret-1-dev build-essential python3).'
      : platform === 'darwin'
        ? 'It needs the Xcode command line tools (xcode-select --install).'
        : 'It needs the Visual Studio Build Tools with "Desktop development with C++".';
  return new KeychainUnavailableError(
    'load-failed',
    `The keychain module (keytar) could not be loaded (${raw}).`,
    `Rebuild it for this runtime: npm rebuild keytar (for the packaged Electron app: npx electron-builder install-app-deps). ${build}`,
  );
}
