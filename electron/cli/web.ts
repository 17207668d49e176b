import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createBackend } from '../backend/index';
import * as backend from '../backend/services';
import { startHost } from '../host/server';
import { parseFlags } from './args';
import { launchCommandOf } from './launchCommand';
import { RENDERER_DIST, packageVersion, rendererIsBuilt } from './paths';

const HELP = `Usage: sinch-explorer web [--port N] [--no-open] [--data-dir DIR]

Serves the app to a browser on 127.0.0.1, with a per-launch token in the link.
  --port N        listen on port N (default: a free port)
  --no-open       only print the link; do not open a browser window
  --data-dir DIR  where environments and history live (default: the app's data folder)`;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

export async function runWebCommand(argv: string[]): Promise<number> {
  const flags = parseFlags(argv, { port: 'number', open: 'boolean', 'data-dir': 'string', help: 'boolean' });
  if (flags.help) {
    console.log(HELP);
    return 0;
  }
  if (!rendererIsBuilt()) {
    console.error(`The app is not built (${RENDERER_DIST} is missing). Run "npm run build", or use "npm start", which builds it.`);
    return 1;
  }
  const dataDir = flags['data-dir'] ?? backend.defaultDataDir();
  await mkdir(dataDir, { recursive: true });
  const app = await createBackend({ dataDir, host: 'browser', version: packageVersion(), launchCommand: launchCommandOf(process.env, argv) });
  const host = await startHost({ backend: app, staticDir: RENDERER_DIST, port: flags.port ?? 0 });
  console.log(`Sinch Conversation Explorer is running at ${host.url}`);
  console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await app.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  if (flags.open !== false) openAppWindow(host.url, dataDir, () => void stop(0));
  return new Promise<number>(() => undefined);
}

/**
 * Opens the link in the system's Chromium as an app window (no tabs, no address bar), with its
 * own profile so it starts a fresh process we can watch. When that window closes, the app stops.
 */
function openAppWindow(url: string, dataDir: string, onClosed: () => void): void {
  const browser = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!browser || !hasDisplay) {
    console.log(
      browser ? 'No display found, so no window was opened: open the link above in a browser.' : 'No Chromium found: open the link above in a browser.',
    );
    return;
  }
  const started = Date.now();
  const child = spawn(
    browser,
    [
      `--app=${url}`,
      `--user-data-dir=${join(dataDir, 'browser-profile')}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1400,900',
    ],
    { stdio: 'ignore' },
  );
  child.on('error', (error) => console.log(`Could not open ${browser} (${error.message}): open the link above in a browser.`));
  child.on('exit', () => {
    if (Date.now() - started > 5000) {
      console.log('The app window was closed; stopping.');
      onClosed();
    } else {
      console.log('The browser window did not stay open: open the link above in a browser.');
    }
  });
}
