import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The text of every file directly in a folder, joined (empty when the folder does not exist): what a leak test searches. */
export async function textOfFilesIn(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(names.map(async (n) => ((await stat(join(dir, n))).isFile() ? readFile(join(dir, n), 'utf8') : '')));
  return texts.join('\n');
}
