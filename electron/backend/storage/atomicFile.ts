import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** `.<name>.<12 hex>.tmp`: the temp file writeFileAtomic writes next to its target, and nothing a person names a file. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes a file so that a crash or power cut leaves either the old or the new content, never a
 * torn one: temp file in the same folder, fsync, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = tempPathFor(path);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  // Not every platform lets a folder be opened for fsync (Windows does not); the rename is
  // still atomic there, only its durability across a power cut is weaker.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* best effort */
  }
}

/** Pretty-printed JSON with a trailing newline, as people and git like it. */
export function toJsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A folder to clean of orphaned temp files; `descend` says which subfolders to enter (all by default). */
export interface TempFileRoot {
  dir: string;
  descend?: (path: string, depth: number) => boolean | Promise<boolean>;
}

/**
 * Removes the temp files of atomic writes that never finished (the app was killed between writing
 * and renaming), under each folder the app writes: only names writeFileAtomic makes, only regular
 * files, only ones older than `minAgeMs` (a write in flight is never that old), never through a
 * link to another folder. Returns how many were removed; a folder that cannot be read is skipped.
 */
export async function removeOrphanedTempFiles(
  roots: readonly TempFileRoot[],
  options: { minAgeMs?: number; maxDepth?: number; now?: number } = {},
): Promise<number> {
  const minAgeMs = options.minAgeMs ?? 60_000;
  const maxDepth = options.maxDepth ?? 40;
  const now = options.now ?? Date.now();
  const seen = new Set<string>();
  let removed = 0;
  const visit = async (root: TempFileRoot, dir: string, depth: number): Promise<void> => {
    if (seen.has(dir)) return;
    seen.add(dir);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Dirent says what the entry itself is: a link to a folder is not a folder here, so never followed.
      if (entry.isDirectory()) {
        if (depth < maxDepth && (root.descend === undefined || (await root.descend(path, depth)))) await visit(root, path, depth + 1);
        continue;
      }
      if (!entry.isFile() || !TEMP_FILE.test(entry.name)) continue;
      try {
        const info = await lstat(path);
        if (info.isFile() && now - info.mtimeMs >= minAgeMs) {
          await rm(path);
          removed++;
        }
      } catch {
        /* gone already, or not ours to remove */
      }
    }
  };
  for (const root of roots) await visit(root, root.dir, 0);
  return removed;
}
