import { findProtoKey } from '../../../shared/safeObject';

/**
 * One line of an append-only JSON Lines file written as `{ "v": <version>, ... }`: the object,
 * or null when the line is damaged or from another format version (callers skip and count it).
 */
export function readVersionedLine(raw: string, version: number): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  // Never written by this app; a line carrying one is treated as damaged.
  if (findProtoKey(value) !== null) return null;
  const line = value as Record<string, unknown>;
  return line.v === version ? line : null;
}
