// Where Electron's runtime is, if it is installed. Never `require('electron')` to find out: when
// the runtime is missing, that call tries to download it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} root the repository root @returns {string | null} */
export function electronBinary(root) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
