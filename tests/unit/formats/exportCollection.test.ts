import { describe, expect, test } from 'vitest';
import { exportCollection } from '../../../shared/formats/explorer/exportCollection';
import { exportPostmanCollection } from '../../../shared/formats/postman/exportCollection';
import { newRequestTemplate, type CollectionTree } from '../../../shared/model/collection';

describe('collection export', () => {
  test('credentials become named placeholders; variable references and ordinary values stay', () => {
    const tree: CollectionTree = {
      id: 'c',
      name: 'Shared',
      description: '',
      readOnly: false,
      variables: [
        { key: 'client_secret', value: 'cs-123456789', enabled: true },
        { key: 'region_hint', value: 'eu', enabled: true },
      ],
      items: [
        {
          kind: 'request',
          request: {
            ...newRequestTemplate('r', 'Call'),
            url: 'https://x/y?api_key=AKIA123&page_token=abc',
            headers: [
              { key: 'Authorization', value: 'Bearer eyJhbGciOi.secret.token', enabled: true },
              { key: 'X-Trace', value: 'trace-1', enabled: true },
              { key: 'X-Api-Key', value: '{{api_key}}', enabled: true },
            ],
            body: { mode: 'json', text: '{"password": "hunter22", "name": "Ada"}' },
          },
        },
      ],
    };
    const { text, placeholders } = exportCollection(tree, new Date('2026-01-01T00:00:00Z'));
    for (const secret of ['cs-123456789', 'AKIA123', 'eyJhbGciOi.secret.token', 'hunter22']) expect(text).not.toContain(secret);
    expect(placeholders).toEqual(['api_key', 'authorization', 'client_secret', 'password']);
    const file = JSON.parse(text) as { collection: CollectionTree };
    const request = file.collection.items[0];
    expect(request?.kind === 'request' && request.request.headers.map((h) => h.value)).toEqual(['Bearer {{authorization}}', 'trace-1', '{{api_key}}']);
    expect(request?.kind === 'request' && request.request.url).toBe('https://x/y?api_key={{api_key}}&page_token=abc');
    expect(request?.kind === 'request' && request.request.body.text).toBe('{"password": "{{password}}", "name": "Ada"}');
    expect(file.collection.variables[1]).toEqual({ key: 'region_hint', value: 'eu', enabled: true });
  });

  // Both exports follow the importers' rule: a secret the Postman export let through (a JSON body's
  // password, URL user info, a token in a saved example) or ours did (user info, examples) stayed
  // in a file meant to be shared.
  test('neither export writes a literal secret from a body, URL user info or a saved example', () => {
    const tree: CollectionTree = {
      id: 'c',
      name: 'Shared',
      description: '',
      readOnly: false,
      variables: [],
      items: [
        {
          kind: 'request',
          request: {
            ...newRequestTemplate('r', 'Call'),
            method: 'POST',
            url: 'https://admin:pa55word-99@api.example.com/v1/login?client_secret=cs-42424242',
            body: { mode: 'json', text: '{"username": "ada", "password": "hunter22-hunter22"}' },
            examples: [
              {
                name: 'Signed in',
                status: 200,
                headers: [{ key: 'Set-Cookie', value: 'session=s-cookie-1234', enabled: true }],
                body: '{"access_token": "tok-abcdef-123456", "expires_in": 3600}',
              },
            ],
          },
        },
      ],
    };
    const secrets = ['pa55word-99', 'cs-42424242', 'hunter22-hunter22', 's-cookie-1234', 'tok-abcdef-123456'];
    const ours = exportCollection(tree, new Date('2026-01-01T00:00:00Z'));
    const postman = exportPostmanCollection(tree);
    const postmanText = JSON.stringify(postman.collection);
    for (const secret of secrets) {
      expect(ours.text, 'our export').not.toContain(secret);
      expect(postmanText, 'Postman export').not.toContain(secret);
    }
    for (const list of [ours.placeholders, postman.placeholders]) {
      expect(list).toEqual(expect.arrayContaining(['url_password', 'client_secret', 'password', 'set_cookie', 'access_token']));
    }
    // What was not secret is kept as it was.
    expect(postmanText).toContain('"username\\": \\"ada\\"');
    expect(postmanText).toContain('\\"expires_in\\": 3600');
    expect(postmanText).toContain('admin:{{url_password}}@api.example.com');
  });
});
