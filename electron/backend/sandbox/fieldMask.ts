import type { JsonObject } from '../../../shared/conversation/resources';
import { ApiError } from './errors';
import type { Query } from './http/router';
import { forbiddenSegment, readPath as getPath, writePath } from '../../../shared/safeObject';

/** Masked fields are copied, never shared between the stored resource and the request. */
const setPath = (obj: JsonObject, path: string, value: unknown): void => writePath(obj, path, value === undefined ? undefined : structuredClone(value));

/**
 * The two FieldMask encodings seen in the SDKs: `update_mask=a,b` (Node) and repeated
 * `update_mask.paths=a` (.NET). Returns undefined when no mask was sent.
 */
export function readUpdateMask(query: Query): string[] | undefined {
  const paths = [...query.getAll('update_mask').flatMap((v) => v.split(',')), ...query.getAll('update_mask.paths')]
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return paths.length > 0 ? paths : undefined;
}

/**
 * PATCH semantics: with a mask only the listed paths change (a listed path absent from the body
 * is cleared); without one every field present in the body replaces the stored one.
 *
 * Every path is checked before anything is copied, and the walk reads and writes own properties
 * only: a mask is user input, and `a.__proto__.b` must never reach Object.prototype.
 */
export function applyPatch(current: JsonObject, patch: JsonObject, mask: string[] | undefined, updatable: readonly string[]): JsonObject {
  const paths = mask ?? Object.keys(patch).filter((k) => updatable.includes(k) && patch[k] !== undefined);
  for (const path of paths) checkPath(path, updatable);
  const next = structuredClone(current);
  for (const path of paths) setPath(next, path, getPath(patch, path));
  return next;
}

function checkPath(path: string, updatable: readonly string[]): void {
  const keys = path.split('.');
  const bad = forbiddenSegment(path);
  if (bad !== undefined) {
    throw ApiError.invalid(`update_mask: '${path}' contains "${bad}", which is not a field name`, 'update_mask');
  }
  if (keys.some((k) => k === '')) throw ApiError.invalid(`update_mask: '${path}' has an empty segment`, 'update_mask');
  const top = keys[0] ?? path;
  if (!updatable.includes(top)) {
    throw ApiError.invalid(`update_mask: '${path}' is not an updatable field; expected one of ${updatable.join(', ')}`, 'update_mask');
  }
}
