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

const POSTMAN_KEYS = ['info', 'name', 'schema', 'item', 'request', 'url', 'raw', 'method', 'header', 'key', 'value', 'disabled', 'body', 'mode', 'auth', 'type', 'event', 'listen', 'script', 'exec', 'variable', 'values', 'response', 'requests', 'order', 'folders', '_postman_variable_scope'];

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
    const schemas = ['https://schema.getpostman.com/json/collection/v2.1.0/collection.json', 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json'];
    const collection = fc.tuple(fc.constantFrom(...schemas), jsonText(POSTMAN_KEYS), jsonText(POSTMAN_KEYS)).map(([schema, items, auth]) => `{"info":{"name":"F","schema":${JSON.stringify(schema)}},"item":[${items}],"auth":${auth}}`);
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
    const item = fc.record({ name: field, request: field, item: fc.option(fc.array(fc.record({ name: field, request: fc.record({ url: field, header: field, method: field, body: field, auth: field }), event: field, response: field }), { maxLength: 3 }), { nil: undefined }), event: field, response: field, auth: field, variable: field }, { requiredKeys: [] });
    const file = fc.record({ items: fc.array(item, { maxLength: 4 }), auth: field, variable: field, event: field, name: field }).map(({ items, auth, variable, event, name }) =>
      JSON.stringify({ info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: items, auth, variable, event }),
    );
    await fc.assert(fc.asyncProperty(file, async (text) => void (await outcome(text))), runs(150));
    // Found by hand before the property above existed: numbers where strings belong.
    expect(await outcome('{"info":{"name":5,"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[{"name":7,"request":{"url":5,"header":[{"key":3,"value":{}}],"body":{"mode":"raw","raw":5}},"response":[{"name":3,"code":"x","body":{}}]}]}')).toBe('ok');
    expect(await outcome('{"info":{"name":"x","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},"item":[],"variable":[{"key":1,"value":{"a":1}}]}')).toBe('ok');
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
