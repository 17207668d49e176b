// Finding 1 of issue #10, body schemas: a request file's `bodySchema` id is looked up in the
// catalog. `BODY_SCHEMAS["constructor"]` found Object (a function) and handed it to Ajv and to
// the editor as if it were a JSON Schema.
import { describe, expect, it } from 'vitest';
import { BODY_SCHEMAS } from '../../shared/catalog/index';
import { validateBodyText } from '../../electron/backend/catalog/validateBody';
import { schemaFor } from '../../renderer/features/requests/schemas';

describe('body schema ids from request files', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'bodySchema "%s" is an unknown schema (nothing to check), not an inherited value',
    (id) => {
      expect(validateBodyText(id, '{"a":1}')).toEqual({ ok: true });
      expect(schemaFor(id)).toBeUndefined();
    },
  );

  it('a real schema id still validates', () => {
    const id = Object.keys(BODY_SCHEMAS)[0] ?? '';
    expect(schemaFor(id)?.id).toBe(id);
    expect(validateBodyText(id, 'not json')).toMatchObject({ ok: false });
  });
});
