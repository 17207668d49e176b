import { describe, expect, it } from 'vitest';
import { importPostmanCollection } from '../../../shared/formats/postman/importCollection';
import type { PostmanCollection } from '../../../shared/formats/postman/types';
import { flattenRequests } from '../../../shared/model/collection';

const schema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

function requestsOf(collection: PostmanCollection) {
  const imported = importPostmanCollection(collection, 'Postman collection v2.1');
  return { imported, requests: Object.fromEntries(flattenRequests(imported.tree.items).map(({ request }) => [request.name, request])) };
}

describe('Postman auth at collection, folder and request level', () => {
  it('inherits down the tree; noauth, bearer and API key map onto the request, secrets onto placeholders', () => {
    const { imported, requests } = requestsOf({
      info: { name: 'Auth', schema },
      auth: {
        type: 'basic',
        basic: [
          { key: 'username', value: 'key-id' },
          { key: 'password', value: 'BASIC-SECRET' },
        ],
      },
      item: [
        { name: 'Inherits', request: { url: { raw: 'https://a/1' } } },
        {
          name: 'Public',
          auth: { type: 'noauth' },
          item: [
            { name: 'Also public', request: { url: { raw: 'https://a/2' } } },
            { name: 'Own bearer', request: { url: { raw: 'https://a/3' }, auth: { type: 'bearer', bearer: [{ key: 'token', value: 'LITERAL-TOKEN' }] } } },
          ],
        },
        {
          name: 'Key in query',
          request: {
            url: { raw: 'https://a/4?x=1' },
            auth: {
              type: 'apikey',
              apikey: [
                { key: 'key', value: 'api_key' },
                { key: 'value', value: '{{my_key}}' },
                { key: 'in', value: 'query' },
              ],
            },
          },
        },
        { name: 'Digest', request: { url: { raw: 'https://a/5' }, auth: { type: 'digest', digest: [] } } },
      ],
    });
    expect(requests['Inherits']).toMatchObject({ auth: 'inherit', headers: [] });
    expect(requests['Also public']).toMatchObject({ auth: 'none' });
    expect(requests['Own bearer']).toMatchObject({ auth: 'inherit', headers: [{ key: 'Authorization', value: 'Bearer {{bearer_token}}', enabled: true }] });
    expect(requests['Key in query']).toMatchObject({
      url: 'https://a/4?x=1&api_key={{my_key}}',
      params: [
        { key: 'x', value: '1', enabled: true },
        { key: 'api_key', value: '{{my_key}}', enabled: true },
      ],
    });
    expect(imported.report.accessKey).toEqual({ mode: 'basic', tokenUrl: '', keyId: 'key-id' });
    expect(imported.report.secrets.map((s) => [s.label, s.target])).toEqual([
      ['Basic auth password (collection auth)', { kind: 'access-key-secret' }],
      ['Bearer token ("Public / Own bearer" auth)', { kind: 'variable', name: 'bearer_token' }],
    ]);
    expect(JSON.stringify(imported.tree)).not.toMatch(/BASIC-SECRET|LITERAL-TOKEN/);
    expect(imported.report.notes).toContainEqual({
      path: 'Digest',
      level: 'skipped',
      message: expect.stringMatching(/The digest auth is not supported/) as unknown,
    });
  });
});

describe('Postman bodies', () => {
  it('urlencoded becomes a text body; form-data is listed in Docs with its file fields flagged', () => {
    const { imported, requests } = requestsOf({
      info: { name: 'Bodies', schema },
      item: [
        {
          name: 'Form',
          request: {
            method: 'POST',
            url: { raw: 'https://a/1' },
            body: {
              mode: 'urlencoded',
              urlencoded: [
                { key: 'grant_type', value: 'client_credentials' },
                { key: 'off', value: 'x', disabled: true },
              ],
            },
          },
        },
        {
          name: 'Upload',
          request: {
            method: 'POST',
            url: { raw: 'https://a/2' },
            body: {
              mode: 'formdata',
              formdata: [
                { key: 'caption', value: 'hi', type: 'text' },
                { key: 'media', src: '/tmp/cat.png', type: 'file' },
              ],
            },
          },
        },
        {
          name: 'Text',
          request: { method: 'PUT', url: { raw: 'https://a/3' }, body: { mode: 'raw', raw: 'plain words', options: { raw: { language: 'text' } } } },
        },
      ],
    });
    expect(requests['Form']).toMatchObject({
      body: { mode: 'text', text: 'grant_type=client_credentials' },
      headers: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true }],
    });
    expect(requests['Upload']).toMatchObject({ body: { mode: 'none', text: '' }, description: expect.stringContaining('- media (file)') as unknown });
    expect(imported.report.notes).toContainEqual({
      path: 'Upload',
      level: 'skipped',
      message: expect.stringMatching(/form-data body \(1 text field, file field media\) cannot be sent/) as unknown,
    });
    expect(requests['Text']).toMatchObject({ method: 'PUT', body: { mode: 'text', text: 'plain words' } });
  });
});

describe('Postman bodies that are empty', () => {
  // Issue 19: three imported GET requests reported "multipart form-data body (0 text fields) cannot be sent".
  it('reads an empty form-data or urlencoded body (as Postman keeps on a GET) as no body, without a warning', () => {
    const { imported, requests } = requestsOf({
      info: { name: 'Empty bodies', schema },
      item: [
        { name: 'List', request: { method: 'GET', url: { raw: 'https://a/1' }, body: { mode: 'formdata', formdata: [] } } },
        { name: 'Get', request: { method: 'GET', url: { raw: 'https://a/2' }, body: { mode: 'urlencoded', urlencoded: [] } } },
      ],
    });
    expect(requests['List']).toMatchObject({ body: { mode: 'none', text: '' }, description: '', headers: [] });
    expect(requests['Get']).toMatchObject({ body: { mode: 'none', text: '' }, headers: [] });
    expect(imported.report.notes).toEqual([]);
  });
});

describe('kept scripts carry no credentials into the workspace', () => {
  it('replaces literal secrets in scripts by pm.variables.get and offers them for the keychain', () => {
    const { imported, requests } = requestsOf({
      info: { name: 'Scripts', schema },
      item: [
        {
          name: 'Signed',
          request: { url: { raw: 'https://a/1' } },
          event: [
            {
              listen: 'prerequest',
              script: {
                exec: [
                  "const client_secret = 'SCRIPT-SECRET-1';",
                  "pm.environment.set('API_TOKEN', 'SCRIPT-SECRET-2');",
                  'const body = { password: "SCRIPT-SECRET-3", user: \'ada\' };',
                  'console.log(body);',
                ],
              },
            },
          ],
        },
      ],
    });
    const pre = requests['Signed']?.scripts?.preRequest ?? '';
    expect(pre).not.toMatch(/SCRIPT-SECRET/);
    expect(pre).toContain('const client_secret = pm.variables.get("client_secret");');
    expect(pre).toContain('pm.environment.set(\'API_TOKEN\', pm.variables.get("API_TOKEN"));');
    expect(pre).toContain("user: 'ada'");
    expect(imported.secretValues.map((s) => s.value).sort()).toEqual(['SCRIPT-SECRET-1', 'SCRIPT-SECRET-2', 'SCRIPT-SECRET-3']);
  });
});
