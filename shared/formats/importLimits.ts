/**
 * The import size limit, on its own: the page checks it before sending a file, and must not load
 * every format's converter (./registry.ts) to do so.
 */

/** Larger files are refused before parsing: Postman's own exports of big workspaces stay well under it. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Why a file of `bytes` is refused: the same words wherever the size is checked (here, the CLI before reading, the page before sending). */
export function tooLargeToImport(fileName: string, bytes: number): string {
  return `${fileName} is ${(bytes / 1024 / 1024).toFixed(1)} MB; imports are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split the collection into smaller ones in Postman (export folders separately) and import each.`;
}
