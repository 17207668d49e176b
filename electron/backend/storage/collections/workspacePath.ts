import { sep } from 'node:path';

/**
 * The collection folder (top-level entry) a path lies in, or null outside the workspace: the unit
 * the store reads again after a change, whoever made it.
 */
export function entryOf(workspaceDir: string, path: string): string | null {
  const root = workspaceDir.endsWith(sep) ? workspaceDir : `${workspaceDir}${sep}`;
  if (!path.startsWith(root)) return null;
  const entry = path.slice(root.length).split(sep)[0] ?? '';
  return entry === '' ? null : entry;
}
