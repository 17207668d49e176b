import { access } from 'node:fs/promises';
import type { z } from 'zod';
import { findJsonProblem } from '../../../shared/jsonProblem';
import { findProtoKey, nestingBeyond } from '../../../shared/safeObject';
import { GuardedReadError, MAX_DATA_FILE_BYTES, readGuardedText } from './guardedFile';

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
  options: { maxBytes?: number } = {},
): Promise<ReadResult<T>> {
  let text: string;
  try {
    text = await readGuardedText(path, options.maxBytes ?? MAX_DATA_FILE_BYTES);
  } catch (error) {
    return { ok: false, message: error instanceof GuardedReadError ? error.message : `cannot be read: ${String(error)}` };
  }
  const deep = nestingBeyond(text, MAX_FILE_DEPTH);
  if (deep >= 0)
    return {
      ok: false,
      message: `is nested deeper than ${MAX_FILE_DEPTH} levels (${lineAndColumn(text, deep)}); no file this app writes comes close. Fix it in an editor or delete it.`,
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `is not valid JSON (${whereJsonFails(text, error)}). Fix it in an editor or delete it.` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: 'does not hold a JSON object.' };
  }
  // Never written by this app, and a later copy by assignment would turn it into a prototype change.
  const proto = findProtoKey(parsed);
  if (proto !== null) return { ok: false, message: `has a "__proto__" key at ${proto}. Remove it in an editor.` };
  const file = parsed as Record<string, unknown>;
  if (file.format !== format) {
    return { ok: false, message: `is not a ${format} file (its "format" is ${shortValue(file.format)}).` };
  }
  if (typeof file.version !== 'number' || file.version > supportedVersion) {
    return {
      ok: false,
      message: `has format version ${shortValue(file.version)}, but this app reads up to version ${supportedVersion}. Update the app to open it.`,
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

/**
 * Deepest nesting a data or workspace file may have: the files this app writes nest a few levels
 * around JSON it caps at 64 (a sandbox message body), and the page is sent at most 256.
 */
export const MAX_FILE_DEPTH = 128;

/** `line L, column C` of a character offset (1-based, as editors count). */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Files this size and under get a precise description of their first error. */
const DESCRIBE_JSON_LIMIT = 4 * 1024 * 1024;

/**
 * Where JSON.parse failed, in words that never quote the file: V8's own messages do ("Unexpected
 * token 'r', "root:x:0:0"... is not valid JSON"), and the problems banner must not show a line
 * of whatever file a link pointed at.
 */
function whereJsonFails(text: string, error: unknown): string {
  if (text.length <= DESCRIBE_JSON_LIMIT) {
    const problem = findJsonProblem(text);
    if (problem) return `line ${problem.line}, column ${problem.column}: ${problem.message}`;
  }
  const at = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (at) return lineAndColumn(text, Number(at[1]));
  return text.trim() === '' ? 'the file is empty' : 'it does not parse';
}

/** A field's value for a message: a short name or number as it is, anything else by its kind only. */
function shortValue(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^[\w.-]{1,64}$/.test(value)) return JSON.stringify(value);
  if (value === undefined) return 'missing';
  return value === null ? 'null' : `a ${Array.isArray(value) ? 'list' : typeof value}`;
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
