import { BODY_SCHEMAS } from '../../../shared/catalog';
import { getOwn } from '../../../shared/safeObject';

const cache = new Map<string, { id: string; schema: object }>();

/** The catalog's JSON Schema for a request body, in the shape the editor takes (stable identity per id). */
export function schemaFor(id: string | undefined): { id: string; schema: object } | undefined {
  if (!id) return undefined;
  const schema = getOwn(BODY_SCHEMAS, id); // the id comes from a request file
  if (!schema) return undefined;
  let entry = cache.get(id);
  if (!entry) {
    entry = { id, schema };
    cache.set(id, entry);
  }
  return entry;
}
