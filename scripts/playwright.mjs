#!/usr/bin/env node
// Runs Playwright headed, as the e2e suite expects (the layout path of a real window). Without a display
// (CI, a terminal over SSH) it wraps itself in `xvfb-run` so Chromium gets a virtual 1920x1080 screen.
// Usage: node scripts/playwright.mjs test -c tests/playwright.config.ts [playwright arguments…]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const playwright = join(root, 'node_modules', '.bin', 'playwright');
const args = process.argv.slice(2);
const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();

// Like `npm test`: a private D-Bus session with an unlocked throwaway keyring, so the backend's keychain calls
// answer at once (without one, libsecret may try to autolaunch a bus on the virtual display and stall).
if (!process.env.SCE_TEST_SESSION && which('dbus-run-session') && which('gnome-keyring-daemon')) {
  const keyringHome = mkdtempSync(join(tmpdir(), 'sce-keyring-'));
  const inner = [
    `export XDG_DATA_HOME='${keyringHome}'`,
    'echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
    `exec '${process.execPath}' '${fileURLToPath(import.meta.url)}' ${args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')}`,
  ].join('; ');
  const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], { cwd: root, stdio: 'inherit', env: { ...process.env, SCE_TEST_SESSION: 'dbus' } });
  rmSync(keyringHome, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) || process.platform === 'darwin' || process.platform === 'win32';
let cmd = playwright;
let cmdArgs = args;
if (!hasDisplay) {
  const xvfb = which('xvfb-run');
  if (!xvfb) {
    console.error(
      '[e2e] There is no display (DISPLAY is not set) and xvfb-run is not installed, so the headed Chromium the end-to-end ' +
        'tests use cannot start. Run "npm run setup" (it installs xvfb), or install it with "sudo apt-get install xvfb".',
    );
    process.exit(1);
  }
  cmd = xvfb;
  cmdArgs = ['-a', '-s', '-screen 0 1920x1080x24', playwright, ...args];
}
const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
if (result.error) console.error(`[e2e] Could not start ${cmd}: ${result.error.message}`);
process.exit(result.status ?? 1);
