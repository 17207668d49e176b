#!/usr/bin/env node
// Compiles what the CLI and the browser host run (electron/cli, electron/backend, electron/host,
// shared/) to JavaScript in dist-node/, so `sinch-explorer` and `npm run web` start without
// compiling TypeScript at every launch. esbuild (already installed with tsx and vite) bundles our
// sources; every npm package stays an import from node_modules, so native ones (keytar,
// @ngrok/ngrok) load as they do under tsx. `npm run build` and `npm run setup` run it.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-node');
const started = Date.now();
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'electron', 'cli', 'index.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  logLevel: 'warning',
});
// scripts/sinch-explorer.mjs compares this stamp with the sources' times to tell a stale build.
await writeFile(join(outdir, 'BUILT'), `${new Date().toISOString()}\n`);
console.log(`Compiled the CLI and browser host to dist-node/ in ${Date.now() - started} ms.`);
