// Runs a script again inside a private D-Bus session with an unlocked, throwaway gnome-keyring, so the backend's
// keychain calls reach a real Secret Service at once without touching the user's own keyring (and libsecret
// never tries to autolaunch a bus of its own, whose new keyring would wait forever on a password prompt).
// `npm test` and the e2e runner share it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();

/**
 * When not yet inside such a session and the tools exist, runs `node <script> <args>` inside one and exits with
 * its status. Returns false when it did not (already inside one, or no dbus-run-session/gnome-keyring here).
 */
export function reexecInKeyringSession(script, args, cwd) {
  if (process.env.SCE_TEST_SESSION || !which('dbus-run-session') || !which('gnome-keyring-daemon')) return false;
  const keyringHome = mkdtempSync(join(tmpdir(), 'sce-keyring-'));
  const quote = (a) => `'${a.replace(/'/g, "'\\''")}'`;
  const inner = [
    `export XDG_DATA_HOME=${quote(keyringHome)}`,
    'echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
    `exec ${quote(process.execPath)} ${quote(script)} ${args.map(quote).join(' ')}`,
  ].join('; ');
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], { cwd, stdio: 'inherit', env: { ...process.env, SCE_TEST_SESSION: 'dbus' } });
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}
