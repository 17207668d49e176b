import { access, readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { findProtoKey } from '../../../shared/safeObject';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads one versioned JSON file and says precisely what is wrong with it when it cannot be used,
 * so the user can fix the file by hand. Never throws for bad content.
 */
export async function readVersionedJson<T>(
  path: string,
  format: string,
  supportedVersion: number,
  schema: z.ZodType<T>,
  pick: (file: Record<string, unknown>) => unknown,
): Promise<ReadResult<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `is not valid JSON (${(error as Error).message}). Fix it in an editor or delete it.` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: 'does not hold a JSON object.' };
  }
  // Never written by this app, and a later copy by assignment would turn it into a prototype change.
  const proto = findProtoKey(parsed);
  if (proto !== null) return { ok: false, message: `has a "__proto__" key at ${proto}. Remove it in an editor.` };
  const file = parsed as Record<string, unknown>;
  if (file.format !== format) {
    return { ok: false, message: `is not a ${format} file (its "format" is ${JSON.stringify(file.format)}).` };
  }
  if (typeof file.version !== 'number' || file.version > supportedVersion) {
    return {
      ok: false,
      message: `has format version ${JSON.stringify(file.version)}, but this app reads up to version ${supportedVersion}. Update the app to open it.`,
    };
  }
  const result = schema.safeParse(pick(file));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, message: `has invalid content (${where}${issue?.message ?? 'unknown problem'}).` };
  }
  return { ok: true, value: result.data };
}

/** Whether a file is there (a store with no file yet starts empty rather than reporting a problem). */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
