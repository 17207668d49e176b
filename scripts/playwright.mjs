#!/usr/bin/env node
// Runs Playwright headed, as the e2e suite expects (the layout path of a real window). Without a display
// (CI, a terminal over SSH) it wraps itself in `xvfb-run` so Chromium gets a virtual 1920x1080 screen.
// Usage: node scripts/playwright.mjs test -c tests/playwright.config.ts [playwright arguments…]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reexecInKeyringSession, which } from './keyringSession.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const playwright = join(root, 'node_modules', '.bin', 'playwright');
const args = process.argv.slice(2);

// Like `npm test`: inside a private D-Bus session with an unlocked throwaway keyring.
reexecInKeyringSession(fileURLToPath(import.meta.url), args, root);

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
