/**
 * Import reads files from anywhere: whatever shape they have, it answers with an import or a
 * clear INVALID_INPUT, never a crash (a TypeError deep in a converter), and never changes
 * Object.prototype. Hostile keys and wrong types are mixed into Postman-looking files.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../../electron/backend/errors';
import { readImport } from '../../electron/backend/importer/read';
import { jsonText, runs } from './fuzzSupport';

const POSTMAN_KEYS = [
  'info',
  'name',
  'schema',
  'item',
  'request',
  'url',
  'raw',
  'method',
  'header',
  'key',
  'value',
  'disabled',
  'body',
  'mode',
  'auth',
  'type',
  'event',
  'listen',
  'script',
  'exec',
  'variable',
  'values',
  'response',
  'requests',
  'order',
  'folders',
  '_postman_variable_scope',
];

async function outcome(text: string): Promise<'ok' | 'refused'> {
  try {
    await readImport(text, 'fuzz.json');
    return 'ok';
  } catch (error) {
    if (error instanceof BackendError && error.code === 'INVALID_INPUT') return 'refused';
    throw error;
  }
}

describe('import of arbitrary Postman-looking files', () => {
  it('imports or refuses in words, never crashes or pollutes prototypes', async () => {
    const schemas = [
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      'https://schema.getpostman.com/json/collection/v2.0.0/collection.json',
    ];
    const collection = fc
      .tuple(fc.constantFrom(...schemas), jsonText(POSTMAN_KEYS), jsonText(POSTMAN_KEYS))
      .map(([schema, items, auth]) => `{"info":{"name":"F","schema":${JSON.stringify(schema)}},"item":[${items}],"auth":${auth}}`);
    const environment = jsonText(POSTMAN_KEYS).map((values) => `{"name":"E","values":[${values}]}`);
    const v1 = jsonText(POSTMAN_KEYS).map((req) => `{"id":"x","name":"V1","order":[],"requests":[${req}]}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(collection, environment, v1, jsonText(POSTMAN_KEYS)), async (text) => {
        await outcome(text);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      runs(300),
    );
  });

  it('survives fields of every wrong type (numbers for names, objects for headers, strings for lists)', async () => {
    const field = fc.jsonValue({ maxDepth: 3 });
    const item = fc.record(
      {
        name: field,
        request: field,
        item: fc.option(
          fc.array(
            fc.record({
              name: field,
              request: fc.record({ url: field, header: field, method: field, body: field, auth: field }),
              event: field,
              response: field,
            }),
            { maxLength: 3 },
          ),
          { nil: undefined },
        ),
        event: field,
        response: field,
        auth: field,
        variable: field,
      },
      { requiredKeys: [] },
    );
    const file = fc
      .record({ items: fc.array(item, { maxLength: 4 }), auth: field, variable: field, event: field, name: field })
      .map(({ items, auth, variable, event, name }) =>
        JSON.stringify({ info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items, auth, variable, event }),
      );
    await fc.assert(
      fc.asyncProperty(file, async (text) => void (await outcome(text))),
      runs(150),
    );
    // Found by hand before the property above existed: numbers where strings belong.
    expect(
      await outcome(
        '{"info":{"name":5,"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[{"name":7,"request":{"url":5,"header":[{"key":3,"value":{}}],"body":{"mode":"raw","raw":5}},"response":[{"name":3,"code":"x","body":{}}]}]}',
      ),
    ).toBe('ok');
    expect(
      await outcome(
        '{"info":{"name":"x","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[],"variable":[{"key":1,"value":{"a":1}}]}',
      ),
    ).toBe('ok');
  });

  // Issue 19: `auth.type: "__proto__"` was refused with the library's own "Cannot read properties of undefined (reading 'bind')".
  it('imports a file with hostile or unknown auth and variable types, saying what was left out and where', async () => {
    const types: unknown[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'no-such-auth', 5, null, {}, ['basic']];
    for (const type of types) {
      const file = {
        info: { name: 'Hostile', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        auth: { type },
        variable: [{ key: 'region', value: 'eu', type }],
        item: [{ name: 'Folder', auth: { type }, item: [{ name: 'Ping', request: { url: 'https://a.test/ping', auth: { type } } }] }],
      };
      const read = await readImport(JSON.stringify(file), 'hostile.json');
      if (read.kind !== 'collection') throw new Error('expected a collection');
      const notes = read.imported.report.notes.map((n) => `${n.path}: ${n.message}`);
      const shown =
        typeof type === 'string'
          ? `auth.type "${type}", which is not an auth type Postman knows`
          : `auth.type ${type === null ? 'null' : Array.isArray(type) ? 'a list' : typeof type === 'object' ? 'an object' : 'a number'}, where the name of an auth type`;
      expect(notes).toContainEqual(expect.stringContaining(`: The collection's auth has ${shown}`));
      expect(notes).toContainEqual(expect.stringContaining(`Folder: The folder's auth has ${shown}`));
      expect(notes).toContainEqual(expect.stringContaining(`Folder / Ping: The request's auth has ${shown}`));
      expect(notes).toContainEqual(expect.stringMatching(/^: Variable region has type .* which is not a Postman variable type: it was read as a string\.$/));
      expect(read.imported.tree.variables).toEqual([{ key: 'region', value: 'eu', enabled: true }]);
      expect(Object.keys(Object.prototype)).toEqual([]);
    }
  });

  it('says which item and field held something other than text where text belongs', async () => {
    const file = {
      info: { name: 'Odd', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: { en: 'Named by an object' }, request: 'https://a.test/1' },
        {
          name: 'Ping',
          request: {
            url: 'https://a.test/2',
            method: { verb: 'GET' },
            header: [
              { key: 5, value: 'x' },
              { key: 'Accept', value: 'application/json' },
            ],
            body: {
              mode: 'urlencoded',
              urlencoded: [
                { key: {}, value: 1 },
                { key: 'a', value: 'b' },
              ],
            },
          },
        },
        { name: 'Odd body', request: { url: 'https://a.test/3', method: 'POST', body: { mode: { raw: true }, raw: 'x' } } },
      ],
    };
    const read = await readImport(JSON.stringify(file), 'odd.json');
    if (read.kind !== 'collection') throw new Error('expected a collection');
    expect(read.imported.report.notes.map((n) => `${n.path}: ${n.message}`)).toEqual([
      'Request: An item\'s name is an object, not text: it is called "Request".',
      "Ping: The request's method is an object, not text (GET, POST…): it was imported as GET.",
      // What was read before the converter (above) comes first, then what the converter says.
      "Odd body: The request's body has a mode that is an object, not one of raw, urlencoded, formdata, file, graphql: the body was left out.",
      'Ping: Header 1 has a key that is a number, not text: it was left out.',
      'Ping: Form field 1 has a key that is an object, not text: it was left out.',
      'Ping: The form body (x-www-form-urlencoded, 1 field) became a text body with Content-Type application/x-www-form-urlencoded.',
    ]);
  });

  it("never answers with a library's internal error, whatever the values of type fields are", async () => {
    const hostile = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '__defineSetter__', 'type', '');
    const value = fc.oneof(hostile, fc.jsonValue({ maxDepth: 1 }));
    const file = fc.record({ auth: value, body: value, variable: value, listen: value, method: value }).map(({ auth, body, variable, listen, method }) =>
      JSON.stringify({
        info: { name: 'F', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        auth: { type: auth },
        variable: [{ key: 'v', value: 'x', type: variable }],
        item: [
          {
            name: 'r',
            event: [{ listen, script: { exec: ['x'] } }],
            request: { method, url: 'https://a.test', auth: { type: auth }, body: { mode: body, raw: 'x' } },
          },
        ],
      }),
    );
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        try {
          await readImport(text, 'fuzz.json');
        } catch (error) {
          expect(error).toBeInstanceOf(BackendError);
          expect((error as Error).message).not.toMatch(/Cannot read|is not a function|undefined|\[object Object\]/);
        }
      }),
      runs(200),
    );
  });

  it('refuses curl-looking text it cannot read, in words', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (tail) => {
        await outcome(`curl ${tail}`);
      }),
      runs(300),
    );
  });
});
