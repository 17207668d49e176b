import { ApiError } from './errors';
import type { Query } from './http/router';
import { isObject, type JsonObject } from './validate';

/**
 * The two FieldMask encodings seen in the SDKs: `update_mask=a,b` (Node) and repeated
 * `update_mask.paths=a` (.NET). Returns undefined when no mask was sent.
 */
export function readUpdateMask(query: Query): string[] | undefined {
  const paths = [
    ...query.getAll('update_mask').flatMap((v) => v.split(',')),
    ...query.getAll('update_mask.paths'),
  ]
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return paths.length > 0 ? paths : undefined;
}

/**
 * PATCH semantics: with a mask only the listed paths change (a listed path absent from the body
 * is cleared); without one every field present in the body replaces the stored one.
 */
export function applyPatch(current: JsonObject, patch: JsonObject, mask: string[] | undefined, updatable: readonly string[]): JsonObject {
  const next = structuredClone(current);
  const paths = mask ?? Object.keys(patch).filter((k) => updatable.includes(k) && patch[k] !== undefined);
  for (const path of paths) {
    const top = path.split('.')[0] ?? path;
    if (!updatable.includes(top)) {
      throw ApiError.invalid(`update_mask: '${path}' is not an updatable field; expected one of ${updatable.join(', ')}`, 'update_mask');
    }
    setPath(next, path, getPath(patch, path));
  }
  return next;
}

function getPath(obj: JsonObject, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function setPath(obj: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    const child = cur[key];
    if (!isObject(child)) cur[key] = {};
    cur = cur[key] as JsonObject;
  }
  const last = keys[keys.length - 1] ?? path;
  if (value === undefined) delete cur[last];
  else cur[last] = structuredClone(value);
}
