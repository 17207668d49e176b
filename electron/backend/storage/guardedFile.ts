import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

/**
 * The one way the app reads a workspace or data file it did not just write: only a regular file
 * (never a symbolic link, a folder, a FIFO or a device) and only up to a size cap. A
 * `collection.json` linked to /dev/zero would otherwise be read until memory runs out, and a FIFO
 * would block start-up (and a thread of libuv's pool) until something wrote to it. The app writes
 * these files itself, atomically, as regular files: a link in their place was put there by
 * someone else, and a save would replace it anyway.
 */

/** Bigger than any file this app writes (a request file holds at most a 20 MB body). */
export const MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;

export type GuardedReadProblem = 'missing' | 'not-regular' | 'too-large' | 'unreadable';

/** Why a file was not read: `message` names what is wrong (not the file, which callers name), never its content. */
export class GuardedReadError extends Error {
  constructor(
    readonly problem: GuardedReadProblem,
    message: string,
    /** The errno code (ENOENT, EACCES…) when the system refused. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GuardedReadError';
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function kindOf(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(info: Stats): GuardedReadError {
  return new GuardedReadError(
    'not-regular',
    `is ${kindOf(info)}, not a regular file: the app reads only regular files here. Put the file itself in its place.`,
  );
}

function tooLarge(bytes: number, maxBytes: number): GuardedReadError {
  // Rounded sizes that read the same ("64 MB, more than the 64 MB") are given in bytes.
  const [size, cap] = formatSize(bytes) === formatSize(maxBytes) ? [`${bytes} bytes`, `${maxBytes} bytes`] : [formatSize(bytes), formatSize(maxBytes)];
  return new GuardedReadError('too-large', `is ${size}, more than the ${cap} the app reads from one file.`);
}

/** O_NOFOLLOW and O_NONBLOCK where the platform has them (not on Windows, where FIFOs and links are not files like these). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * A file's bytes, when `lstat` says it is a regular file of at most `maxBytes`. Opened without
 * following links and without blocking, then checked again on the open handle (the same file,
 * still regular), so nothing swapped in between is read either. Throws GuardedReadError.
 */
export async function readGuardedFile(path: string, maxBytes = MAX_DATA_FILE_BYTES): Promise<Buffer> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GuardedReadError(code === 'ENOENT' ? 'missing' : 'unreadable', `cannot be read: ${code ?? String(error)}`, code);
  }
  if (!info.isFile()) throw notRegular(info);
  if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a link put in its place since the lstat.
    if (code === 'ELOOP')
      throw new GuardedReadError(
        'not-regular',
        'is a symbolic link, not a regular file: the app reads only regular files here. Put the file itself in its place.',
      );
    throw new GuardedReadError(code === 'ENOENT' ? 'missing' : 'unreadable', `cannot be read: ${code ?? String(error)}`, code);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== info.ino || opened.dev !== info.dev) throw notRegular(opened);
    if (opened.size > maxBytes) throw tooLarge(opened.size, maxBytes);
    // Read what is there, one byte past the cap at most: a file that grows while it is read is cut, not followed.
    const buffer = Buffer.allocUnsafe(Math.min(opened.size + 1, maxBytes + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) throw tooLarge(filled, maxBytes);
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof GuardedReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new GuardedReadError('unreadable', `cannot be read: ${code ?? String(error)}`, code);
  } finally {
    await handle.close();
  }
}

/** As readGuardedFile, as UTF-8 text. */
export async function readGuardedText(path: string, maxBytes = MAX_DATA_FILE_BYTES): Promise<string> {
  return (await readGuardedFile(path, maxBytes)).toString('utf8');
}
