import { describe, expect, test } from 'vitest';
import { exportCollection } from '../../../shared/formats/explorer/exportCollection';
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
});
