import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository (or installed package) root: the nearest folder above this file holding our
 * package.json. Found by walking up, so it holds from the TypeScript sources (electron/cli) and
 * from the compiled CLI (dist-node/) alike.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from, up = 0; up < 8; dir = dirname(dir), up++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'sinch-conversation-explorer') return dir;
    } catch {
      /* not here: keep walking up */
    }
  }
  return resolve(from, '..', '..');
}
export const RENDERER_DIST = join(PACKAGE_ROOT, 'dist', 'renderer');

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function rendererIsBuilt(): boolean {
  return existsSync(join(RENDERER_DIST, 'index.html'));
}
