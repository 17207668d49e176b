import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainUnavailableError } from '../../../electron/backend/secrets/errors';
import { KeytarSecretStore } from '../../../electron/backend/secrets/keytarStore';
import { SecretVault } from '../../../electron/backend/secrets/vault';

const child = fileURLToPath(new URL('./fixtures/noKeychainChild.ts', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];

interface ChildError {
  name: string;
  code?: string;
  reason?: string;
  message: string;
  problem?: string;
  help?: string;
}
interface ChildOutcome {
  ok: boolean;
  value?: unknown;
  error?: ChildError;
}
interface ChildResult {
  probe: { available: boolean; problem?: string; help?: string };
  storeSet: ChildOutcome;
  vaultStatus: { backend: string; available: boolean; locked: boolean; problem?: string; help?: string; encryptedFileExists: boolean };
  vaultSet: ChildOutcome;
  vaultStatusAfterFailedSet: ChildResult['vaultStatus'];
  optIn: ChildOutcome;
  vaultSetAfterOptIn: ChildOutcome;
  vaultGetAfterOptIn: ChildOutcome;
}

/** Runs the real keytar in a process that cannot reach any D-Bus session. */
async function runWithoutDbus(busAddress: string | undefined): Promise<{ result: ChildResult; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sce-no-keychain-'));
  dirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_DATA_HOME: dataDir };
  if (busAddress !== undefined) env.DBUS_SESSION_BUS_ADDRESS = busAddress;
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', child, dataDir, `sce-test-no-dbus-${process.pid}`],
      { cwd: root, env, timeout: 20_000 },
      (error, out, err) => {
        if (error) reject(new Error(`child failed: ${error.message}\n${err}`));
        else resolve(out);
      },
    );
  });
  return { result: JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildResult, dataDir };
}

/** A real gnome-keyring in a private D-Bus session, started without unlocking it (no prompt can be shown). */
async function runWithLockedKeyring(): Promise<ChildResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sce-locked-keyring-'));
  dirs.push(dataDir);
  const inner = [
    `export XDG_DATA_HOME='${dataDir}'`,
    'gnome-keyring-daemon --components=secrets --daemonize >/dev/null 2>&1',
    `exec '${process.execPath}' --import tsx '${child}' '${dataDir}' 'sce-test-locked-${process.pid}'`,
  ].join('; ');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dataDir };
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile('dbus-run-session', ['--', 'sh', '-c', inner], { cwd: root, env, timeout: 20_000 }, (error, out, err) => {
      if (error) reject(new Error(`child failed: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildResult;
}

const hasTool = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
const canStartKeyring = process.platform === 'linux' && hasTool('dbus-run-session') && hasTool('gnome-keyring-daemon');

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('no Secret Service reachable (real keytar, child process without D-Bus)', () => {
  it('explains "no D-Bus session" and how to fix it, and the vault refuses until the user opts in', async () => {
    const { result, dataDir } = await runWithoutDbus(undefined);

    expect(result.probe.available).toBe(false);
    // keytar's own words are kept (people search for them), followed by what to do.
    expect(result.probe.problem).toMatch(/No D-Bus session is reachable.*Secret Service.*Cannot autolaunch D-Bus without X11 \$DISPLAY/);
    expect(result.probe.help).toMatch(/gnome-keyring|KeePassXC/);
    expect(result.probe.help).toContain('dbus-run-session');

    expect(result.storeSet.ok).toBe(false);
    expect(result.storeSet.error).toMatchObject({ name: 'KeychainUnavailableError', code: 'STORAGE', reason: 'no-dbus' });

    expect(result.vaultStatus).toMatchObject({ backend: 'none', available: false, locked: false, encryptedFileExists: false });
    expect(result.vaultStatus.help).toMatch(/encrypted file protected by a passphrase/);
    expect(result.vaultSet.ok).toBe(false);
    expect(result.vaultSet.error?.message).toMatch(/No D-Bus session.*dbus-run-session.*encrypted file protected by a passphrase/s);

    // Nothing was written anywhere before the explicit choice; after it, secrets work.
    expect(result.optIn).toMatchObject({ ok: true, value: { backend: 'encrypted-file', available: true, locked: false, encryptedFileExists: true } });
    expect(result.vaultSetAfterOptIn.ok).toBe(true);
    expect(result.vaultGetAfterOptIn).toEqual({ ok: true, value: 'child-secret-value' });
    const file = await readFile(join(dataDir, 'secrets.enc.json'), 'utf8');
    expect(file).not.toContain('child-secret-value');
    expect(JSON.parse(await readFile(join(dataDir, 'secrets-backend.json'), 'utf8'))).toMatchObject({ backend: 'encrypted-file' });
  });

  it('explains a D-Bus address that points nowhere the same way', async () => {
    const { result } = await runWithoutDbus('unix:path=/nonexistent/sce-test-bus');
    expect(result.probe.available).toBe(false);
    expect(result.probe.problem).toMatch(/No D-Bus session is reachable/);
    expect(result.probe.help).toContain('dbus-run-session');
  });
});

describe('a real keyring that is locked', () => {
  it('names the locked keyring and how to unlock it when a write fails', async (ctx) => {
    if (!canStartKeyring) {
      if (process.env.SCE_TEST_SESSION === 'dbus')
        throw new Error('SCE_TEST_SESSION=dbus, but dbus-run-session or gnome-keyring-daemon is missing (npm run setup installs them).');
      ctx.skip('dbus-run-session and gnome-keyring-daemon are not installed here (npm run setup installs them)');
    }
    const result = await runWithLockedKeyring();
    // Reading needs no unlocked collection (the probe is a read), writing does.
    expect(result.storeSet.ok).toBe(false);
    expect(result.storeSet.error).toMatchObject({ name: 'KeychainUnavailableError', code: 'STORAGE', reason: 'locked' });
    expect(result.storeSet.error?.problem).toMatch(/keyring is locked/);
    expect(result.storeSet.error?.help).toMatch(/Unlock your login keyring/);
    // The read-only probe cannot see the lock; the refused write is what status() then reports.
    expect(result.vaultStatusAfterFailedSet).toMatchObject({ backend: 'keychain', available: false, locked: false });
    expect(result.vaultStatusAfterFailedSet.problem).toMatch(/keyring is locked/);
  });
});

describe('keytar that cannot be loaded', () => {
  const missing = (): never => createRequire(import.meta.url)('keytar-native-module-that-is-not-installed') as never;

  it('is a clear keychain error with the rebuild recipe, not a crash at import', async () => {
    const store = new KeytarSecretStore({ service: 'unused', load: missing, platform: 'linux' });
    const error = await store.get('env/x/access-key-secret').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    const e = error as KeychainUnavailableError;
    expect(e.reason).toBe('load-failed');
    expect(e.code).toBe('STORAGE');
    expect(e.message).toMatch(/keytar\) could not be loaded \(Cannot find module/);
    expect(e.message).toContain('npm rebuild keytar');
    expect(e.message).toContain('libsecret-1-dev');
    expect(await store.probe()).toMatchObject({ available: false });
  });

  it('leaves the vault with backend "none" and a clear error until the user opts in', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sce-vault-noload-'));
    dirs.push(dataDir);
    const vault = new SecretVault({ dataDir, keychain: new KeytarSecretStore({ load: missing, platform: 'darwin' }) });
    const status = await vault.status();
    expect(status).toMatchObject({ backend: 'none', available: false, locked: false, encryptedFileExists: false });
    expect(status.help).toContain('xcode-select --install');
    await expect(vault.get('env/x/access-key-secret')).rejects.toThrow(/could not be loaded.*encrypted file/s);
  });
});
