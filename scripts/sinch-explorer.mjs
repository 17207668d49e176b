#!/usr/bin/env node
// The `sinch-explorer` bin. Runs the compiled CLI (dist-node/, made by `npm run build` and by
// setup) when it is newer than the TypeScript sources; otherwise, as a development fallback, the
// sources through tsx, which compiles them at every launch (about 0.7 s more), and says so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist-node', 'cli.mjs');
const stamp = join(root, 'dist-node', 'BUILT');

/** True when some source file under `dir` changed after `since` (stops at the first one). */
function changedSince(dir, since) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (changedSince(path, since)) return true;
    } else if (statSync(path).mtimeMs > since) return true;
  }
  return false;
}

function compiledIsFresh() {
  if (!existsSync(compiled) || !existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return !['electron', 'shared'].some((d) => changedSince(join(root, d), built));
}

let main;
if (process.env.SINCH_EXPLORER_FROM_SOURCE !== '1' && compiledIsFresh()) {
  ({ main } = await import(pathToFileURL(compiled).href));
} else {
  // Only where someone reads it: scripts and tests parse stderr.
  if (process.env.SINCH_EXPLORER_FROM_SOURCE !== '1' && process.stderr.isTTY) {
    console.error(
      existsSync(compiled)
        ? 'Sources changed since the last build: running them through tsx (run "npm run build" for a faster start).'
        : 'No compiled CLI (dist-node/): running the TypeScript sources through tsx (run "npm run build" for a faster start).',
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/cli/index.ts'));
}
const code = await main(process.argv.slice(2));
process.exitCode = code;
