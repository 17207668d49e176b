/**
 * Issue 19, item 9: Sinch's collection ships its own empty {{PROJECT_ID}}, {{APP_ID}} and
 * {{BASE_URL}}, so an imported request went to `…/projects//messages:send`. The import recognises
 * Sinch's names and offers to bind them to the environment's own.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPostmanCollection } from '../../../shared/formats/postman/importCollection';
import { exportPostmanCollection } from '../../../shared/formats/postman/exportCollection';
import { applyBindings, recogniseSinchVariable } from '../../../shared/formats/sinchVariables';
import type { PostmanCollection } from '../../../shared/formats/postman/types';
import { newEnvironment } from '../../../shared/model/environment';
import { flattenRequests } from '../../../shared/model/collection';
import { buildScope, resolveText } from '../../../shared/variables';

const fixture = fileURLToPath(new URL('../../fixtures/postman/sinch-public-style.postman_collection.json', import.meta.url));

async function imported() {
  return importPostmanCollection(JSON.parse(await readFile(fixture, 'utf8')) as PostmanCollection, 'Postman collection v2.1');
}

describe("Sinch's variable names", () => {
  it("are recognised however they are written; the environment's own names and unrelated ones are not", () => {
    const cases: [string, string | null][] = [
      ['PROJECT_ID', 'project_id'],
      ['PROJECT', 'project_id'],
      ['projectId', 'project_id'],
      ['SINCH_PROJECT_ID', 'project_id'],
      ['APP', 'app_id'],
      ['APP_ID', 'app_id'],
      ['BASE_URL', 'base_url'],
      ['CONVERSATION_API_URL', 'base_url'],
      ['baseUrl', 'base_url'],
      ['CONTACT', 'contact_id'],
      ['CONTACT_ID', 'contact_id'],
      ['WEBHOOK_URL', 'webhook_target'],
      ['TEMPLATES_API_URL', 'template_base_url'],
      ['KEY_ID', 'access-key'],
      ['CLIENT_ID', 'access-key'],
      ['CLIENT_SECRET', 'access-key'],
      ['KEY_SECRET', 'access-key'],
      ['AUTH_URL', 'access-key'],
      ['project_id', null],
      ['app_id', null],
      ['base_url', null],
      ['MESSAGE', null],
      ['PHONE_NUMBER', null],
      ['display_name', null],
    ];
    expect(cases.map(([name]) => [name, recogniseSinchVariable(name)])).toEqual(cases);
  });

  it("are offered in the report: the environment's fields and empty ids checked, the access key's parts listed apart", async () => {
    const { report } = await imported();
    expect(report.bindings?.map((b) => [b.variable, b.target, b.empty, b.suggested, b.uses])).toEqual([
      ['BASE_URL', 'base_url', true, true, 5],
      ['PROJECT_ID', 'project_id', true, true, 5],
      ['APP_ID', 'app_id', true, true, 2],
      ['CONTACT', 'contact_id', true, true, 2],
      ['KEY_ID', 'access-key', true, false, 0],
      ['KEY_SECRET', 'access-key', true, false, 0],
    ]);
  });

  it('bound, send to the active environment: the collection variable becomes a reference to its field, the requests stay as written', async () => {
    const { tree, report } = await imported();
    const chosen = (report.bindings ?? []).flatMap((b) => (b.target !== 'access-key' && b.suggested ? [{ variable: b.variable, target: b.target }] : []));
    const variables = applyBindings(tree.variables, chosen);
    expect(variables.filter((v) => ['PROJECT_ID', 'APP_ID', 'BASE_URL', 'CONTACT'].includes(v.key))).toEqual([
      { key: 'PROJECT_ID', value: '{{project_id}}', enabled: true },
      { key: 'APP_ID', value: '{{app_id}}', enabled: true },
      { key: 'BASE_URL', value: '{{base_url}}', enabled: true },
      { key: 'CONTACT', value: '{{contact_id}}', enabled: true },
    ]);
    const send = flattenRequests(tree.items).find((r) => r.request.name === 'Send a text message')?.request;
    expect(send?.url).toBe('{{BASE_URL}}/v1/projects/{{PROJECT_ID}}/messages:send');
    const env = { ...newEnvironment('e1', 'EU', 'eu'), projectId: 'my-project', appId: 'my-app' };
    const before = buildScope(env, null, { collection: tree.variables });
    expect(resolveText(send?.url ?? '', before).text).toBe('/v1/projects//messages:send');
    const after = buildScope(env, null, { collection: variables });
    expect(resolveText(send?.url ?? '', after).text).toBe('https://eu.conversation.api.sinch.com/v1/projects/my-project/messages:send');
    // Exported to Postman, the requests are Sinch's own and the variables name our exported environment's fields.
    const exported = exportPostmanCollection({ ...tree, variables }).collection;
    expect(exported.variable?.find((v) => v.key === 'PROJECT_ID')).toMatchObject({ value: '{{project_id}}' });
    expect(JSON.stringify(exported.item)).toContain('{{BASE_URL}}/v1/projects/{{PROJECT_ID}}/messages:send');
  });
});

describe("the access key from the collection's own variables", () => {
  it("takes the key id the auth names from the collection's variables, and offers the key secret it names as the access key's secret", () => {
    const { report, tree, secretValues } = importPostmanCollection(
      {
        info: { name: 'Keys', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
        auth: {
          type: 'oauth2',
          oauth2: [
            { key: 'clientId', value: '{{CLIENT_ID}}' },
            { key: 'clientSecret', value: '{{CLIENT_SECRET}}' },
            { key: 'accessTokenUrl', value: '{{AUTH_URL}}' },
          ],
        },
        variable: [
          { key: 'CLIENT_ID', value: 'my-key-id' },
          { key: 'CLIENT_SECRET', value: 'MY-KEY-SECRET' },
          { key: 'AUTH_URL', value: 'https://eu.auth.sinch.com/oauth2/token' },
        ],
        item: [{ name: 'Ping', request: { url: { raw: '{{BASE_URL}}/v1/projects/{{PROJECT_ID}}/apps' } } }],
      },
      'test',
    );
    expect(report.accessKey).toEqual({ mode: 'oauth2', tokenUrl: 'https://eu.auth.sinch.com/oauth2/token', keyId: 'my-key-id' });
    expect(report.secrets).toEqual([
      { id: 'secret-1', label: "Variable CLIENT_SECRET (the key secret the collection's auth uses)", target: { kind: 'access-key-secret' } },
    ]);
    expect(secretValues).toEqual([{ id: 'secret-1', value: 'MY-KEY-SECRET' }]);
    expect(JSON.stringify(tree)).not.toContain('MY-KEY-SECRET');
    expect(report.bindings?.filter((b) => b.target === 'access-key').map((b) => b.variable)).toEqual(['AUTH_URL', 'CLIENT_ID', 'CLIENT_SECRET']);
  });
});
