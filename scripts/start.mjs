#!/usr/bin/env node
// `npm start`: build what is stale, then open the Electron app, or, where Electron's runtime is not
// installed, the browser host. `npm run web` (--web) goes straight to the browser host.
// Plain Node with no dependencies, so it can explain a missing setup instead of crashing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.error('Dependencies are not installed. Run "npm run setup" first (it installs everything this app needs).');
  process.exit(1);
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function ensureBuilt() {
  const stamp = join(root, 'dist', 'renderer', 'index.html');
  const sources = Math.max(
    ...['renderer', 'shared', 'electron'].map((d) => newestMtime(join(root, d))),
    newestMtime(join(root, 'vite.config.ts')),
    newestMtime(join(root, 'package-lock.json')),
  );
  const fail = (result) => {
    if (result.status === 0) return;
    console.error('The build failed (see above). Fix the error, or run "npm run setup" again if dependencies changed.');
    process.exit(result.status ?? 1);
  };
  if (!(existsSync(stamp) && statSync(stamp).mtimeMs >= sources && existsSync(join(root, 'dist', 'electron', 'main.cjs')))) {
    console.log('Building the app (only when sources changed; about 10 seconds)…');
    fail(spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }));
  }
  // The compiled CLI and browser host (dist-node/), so launching does not compile TypeScript.
  const nodeStamp = join(root, 'dist-node', 'BUILT');
  const nodeSources = Math.max(...['shared', 'electron'].map((d) => newestMtime(join(root, d))), newestMtime(join(root, 'package-lock.json')));
  if (!(existsSync(nodeStamp) && statSync(nodeStamp).mtimeMs >= nodeSources)) {
    fail(spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], { cwd: root, stdio: 'inherit' }));
  }
}

ensureBuilt();

const electron = webOnly ? null : electronBinary(root);
if (electron) {
  const child = spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!webOnly) {
    console.log("Electron's runtime is not installed on this machine, so the app opens in the browser host instead (same app, served on 127.0.0.1).");
  }
  const child = spawn(process.execPath, [join(root, 'scripts', 'sinch-explorer.mjs'), 'web', ...passThrough], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
