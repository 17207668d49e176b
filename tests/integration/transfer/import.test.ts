/**
 * Import through the backend's own service, as the app and the CLI call it: round trips
 * (import → export → import gives the same requests, for every catalog request and the Sinch-style
 * fixture), bad input (a clear message and nothing half-written), and secrets kept out of files.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_COLLECTION, BUILTIN_RUN_ORDER } from '../../../shared/catalog/index';
import { exportCollection } from '../../../shared/formats/explorer/exportCollection';
import { exportPostmanCollection } from '../../../shared/formats/postman/exportCollection';
import { flattenRequests, type CollectionTree, type RequestTemplate } from '../../../shared/model/collection';
import { readImport } from '../../../electron/backend/importer/read';
import { ImportService } from '../../../electron/backend/importer/service';
import { CredentialService } from '../../../electron/backend/secrets/credentials';
import { MemorySecretStore, SecretVault, accountFor } from '../../../electron/backend/secrets/index';
import { CollectionStore } from '../../../electron/backend/storage/collections/store';
import { EnvironmentStore } from '../../../electron/backend/storage/environments';
import { GlobalsStore } from '../../../electron/backend/storage/globals';

const fixtures = fileURLToPath(new URL('../../fixtures/postman/', import.meta.url));

async function importTree(text: string, fileName = 'x.postman_collection.json'): Promise<CollectionTree> {
  const read = await readImport(text, fileName);
  if (read.kind !== 'collection') throw new Error(`expected a collection, got ${read.kind}`);
  return read.imported.tree;
}

function exportText(tree: CollectionTree, runOrder?: readonly string[]): string {
  return JSON.stringify(exportPostmanCollection(tree, runOrder ? { runOrder } : {}).collection, null, 2);
}

/** What "the same request" means: everything a user sees and sends (ids are new on import; body schemas are the catalog's own). */
function comparable(tree: CollectionTree): Record<string, unknown>[] {
  return flattenRequests(tree.items).map(({ request: r, folderPath }) => ({
    path: [...folderPath, r.name].join(' / '),
    description: r.description,
    method: r.method,
    url: r.url,
    params: r.params,
    headers: r.headers,
    body: r.body,
    variables: r.variables,
    captures: r.captures,
    auth: r.auth,
    scripts: r.scripts ?? null,
    examples: r.examples ?? null,
  }));
}

describe('round trip: import → export → import gives the same requests', () => {
  it('for every request of the built-in catalog (exported, imported, exported and imported again)', async () => {
    const first = await importTree(exportText(BUILTIN_COLLECTION, BUILTIN_RUN_ORDER));
    expect(comparable(first)).toEqual(comparable(BUILTIN_COLLECTION));
    const second = await importTree(exportText(first));
    expect(comparable(second)).toEqual(comparable(first));
    expect(flattenRequests(second.items)).toHaveLength(flattenRequests(BUILTIN_COLLECTION.items).length);
  });

  for (const fixture of ['sinch-oauth2.postman_collection.json', 'sinch-token-script.postman_collection.json']) {
    it(`for the Postman-style fixture ${fixture} (captures, kept scripts, examples, disabled rows)`, async () => {
      const first = await importTree(await readFile(join(fixtures, fixture), 'utf8'), fixture);
      const second = await importTree(exportText(first));
      expect(comparable(second)).toEqual(comparable(first));
      const create = flattenRequests(first.items).find((r) => r.request.name === 'Create app')?.request as RequestTemplate;
      expect(create.captures).toEqual([{ variable: 'APP_ID', from: 'body', path: 'id', enabled: true }]);
      expect(create.examples?.[0]).toMatchObject({ name: 'Created', status: 200 });
      const getContact = flattenRequests(first.items).find((r) => r.request.name === 'Get contact')?.request as RequestTemplate;
      expect(getContact.headers).toEqual([{ key: 'X-Debug', value: '1', enabled: false }]);
    });
  }
});

describe('import into the workspace', () => {
  let dir: string;
  let workspace: string;
  let service: ImportService;
  let environments: EnvironmentStore;
  let keychain: MemorySecretStore;
  let vault: SecretVault;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-import-'));
    workspace = join(dir, 'workspace');
    environments = new EnvironmentStore(dir);
    await environments.load();
    keychain = new MemorySecretStore();
    vault = new SecretVault({ dataDir: dir, keychain });
    // The app's own save path: padlocked values go to the keychain, the file keeps their names.
    // No sandbox running: a sandbox environment's requests would say so.
    const credentials = new CredentialService(vault, environments, () => null);
    service = new ImportService({
      collections: new CollectionStore(workspace),
      environments,
      globals: new GlobalsStore(dir),
      vault,
      saveEnvironment: (env) => credentials.saveEnvironment(env),
    });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function workspaceEntries(): Promise<string[]> {
    return readdir(workspace).catch(() => []);
  }

  async function allText(path: string): Promise<string> {
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    const texts = await Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
    return texts.join('\n');
  }

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"info": {"name": "x",', /is not JSON .*Import accepts Postman collection and environment files/],
    ['JSON of an unknown format', '{"hello": "world"}', /is not a format Import knows\. It accepts: Postman collections \(v2\.1, v2\.0, v1\)/],
    [
      'an unknown collection schema',
      '{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v3.0.0/"}, "item": []}',
      /declares the schema .*v3\.0\.0.*not a Postman collection format we know/,
    ],
    [
      'a __proto__ key',
      '{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [], "__proto__": {"polluted": true}}',
      /"__proto__" is not allowed/,
    ],
    ['an empty file', '   ', /is empty/],
  ];
  for (const [what, text, message] of bad) {
    it(`refuses ${what} with a clear message and writes nothing`, async () => {
      await expect(service.importText(text, 'input.json')).rejects.toThrow(message);
      expect(await workspaceEntries()).toEqual([]);
    });
  }

  it('refuses a 20 MB collection before reading it, saying the limit and what to do', async () => {
    const big = JSON.stringify({
      info: { name: 'Big', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [{ name: 'r', request: { method: 'POST', url: 'https://x', body: { mode: 'raw', raw: 'x'.repeat(20 * 1024 * 1024) } } }],
    });
    await expect(service.importText(big, 'big.postman_collection.json')).rejects.toThrow(
      /big\.postman_collection\.json is 20\.0 MB; imports are limited to 10 MB\. Split the collection/,
    );
    expect(await workspaceEntries()).toEqual([]);
  });

  it('imports a v1 collection through postman-collection-transformer', async () => {
    const v1 = {
      id: 'v1-col',
      name: 'Old collection',
      order: ['r1'],
      folders: [],
      requests: [
        {
          id: 'r1',
          name: 'List apps',
          url: '{{base_url}}/v1/projects/{{project_id}}/apps?page_size=5',
          method: 'GET',
          headers: 'Accept: application/json\n',
          data: [],
          dataMode: 'params',
        },
      ],
    };
    const outcome = await service.importText(JSON.stringify(v1), 'old.json');
    expect(outcome.report.source).toMatch(/v1 \(converted with postman-collection-transformer\)/);
    expect(outcome.created).toMatchObject({ kind: 'collection', name: 'Old collection' });
    const text = await allText(workspace);
    expect(text).toContain('{{base_url}}/v1/projects/{{project_id}}/apps?page_size=5');
  });

  it('refuses a second collection of the same name, and keeps items with duplicate names inside a file (saying so)', async () => {
    const file = await readFile(join(fixtures, 'sinch-oauth2.postman_collection.json'), 'utf8');
    await service.importText(file, 'a.json');
    const before = await allText(workspace);
    await expect(service.importText(file, 'a.json')).rejects.toThrow(
      /A collection named "Sinch Conversation API \(Postman style, OAuth2\)" is already in your workspace\. Import it under another name/,
    );
    expect(await allText(workspace)).toBe(before);
    const renamed = await service.importText(file, 'a.json', { name: 'Second copy' });
    expect(renamed.created).toMatchObject({ kind: 'collection', name: 'Second copy' });

    const twins = {
      info: { name: 'Twins', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Ping', request: 'https://a/1' },
        { name: 'Ping', request: 'https://a/2' },
      ],
    };
    const outcome = await service.importText(JSON.stringify(twins), 'twins.json');
    expect(outcome.report.notes).toContainEqual(
      expect.objectContaining({ path: 'Ping', message: expect.stringMatching(/same name "Ping": both are kept/) as unknown }),
    );
    expect(outcome.report.counts.requests).toBe(2);
  });

  it('writes nothing when one request deep in the file cannot be imported, and names it', async () => {
    const col = {
      info: { name: 'Half', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'Good', request: 'https://a/ok' },
        { name: 'Folder', item: [{ name: 'Too long', request: { method: 'GET', url: `https://a/${'x'.repeat(70_000)}` } }] },
      ],
    };
    await expect(service.importText(JSON.stringify(col), 'half.json')).rejects.toThrow(
      /Request "Folder \/ Too long" cannot be imported: url: .*Nothing was imported/,
    );
    expect(await workspaceEntries()).toEqual([]);
  });

  it("keeps secrets out of the workspace and offers them for an environment's keychain", async () => {
    const col = {
      info: { name: 'With secrets', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
      auth: {
        type: 'oauth2',
        oauth2: {
          grant_type: 'client_credentials',
          accessTokenUrl: 'https://auth.sinch.com/oauth2/token',
          clientId: 'my-key-id',
          clientSecret: 'TOP-SECRET-KEY',
        },
      },
      variable: [
        { key: 'webhook_secret', value: 'HOOK-SECRET-VALUE' },
        { key: 'recipient', value: '+46700000001' },
      ],
      item: [{ name: 'Ping', request: { url: 'https://a/1', header: [{ key: 'X-Api-Key', value: 'LITERAL-API-KEY' }] } }],
    };
    const outcome = await service.importText(JSON.stringify(col), 'secrets.json');
    const files = await allText(workspace);
    for (const secret of ['TOP-SECRET-KEY', 'HOOK-SECRET-VALUE', 'LITERAL-API-KEY']) expect(files).not.toContain(secret);
    expect(JSON.stringify(outcome)).not.toMatch(/TOP-SECRET-KEY|HOOK-SECRET-VALUE|LITERAL-API-KEY/);
    expect(files).toContain('{{x_api_key}}');
    expect(outcome.report.accessKey).toEqual({ mode: 'oauth2', tokenUrl: 'https://auth.sinch.com/oauth2/token', keyId: 'my-key-id' });
    expect(outcome.report.secrets.map((s) => s.label)).toEqual([
      'Variable webhook_secret',
      'OAuth2 client secret (collection auth)',
      'X-Api-Key header ("Ping")',
    ]);

    const env = await environments.create('Production');
    const stored = await service.storeSecrets({
      importId: outcome.importId,
      environmentId: env.id,
      secretIds: outcome.report.secrets.map((s) => s.id),
      applyAccessKey: true,
    });
    expect(stored.stored).toHaveLength(3);
    expect(await vault.get(accountFor(env.id, 'access-key-secret'))).toBe('TOP-SECRET-KEY');
    expect(stored.environment.auth).toMatchObject({ mode: 'oauth2', keyId: 'my-key-id' });
    expect(stored.environment.variables.map((v) => [v.key, v.secret])).toEqual([
      ['webhook_secret', true],
      ['x_api_key', true],
    ]);
    // Held once: a second call finds nothing.
    await expect(service.storeSecrets({ importId: outcome.importId, environmentId: env.id, secretIds: [], applyAccessKey: false })).rejects.toThrow(
      /no longer held/,
    );
  });

  // Issue 19: literal secrets outside headers and auth went into the workspace, Docs and every export.
  it('takes literal secrets out of query parameters, URL user info, bodies, form fields and example responses: none in the workspace, Docs or an export; each offered and stored', async () => {
    const secrets = {
      query: 'QUERY-API-KEY-1',
      userinfo: 'URL-PASSWORD-2',
      json: 'JSON-PASSWORD-3',
      urlencoded: 'FORM-CLIENT-SECRET-4',
      formdata: 'MULTIPART-PASSWORD-5',
      example: 'EXAMPLE-ACCESS-TOKEN-6',
      exampleCookie: 'EXAMPLE-SESSION-7',
      disabledQuery: 'DISABLED-TOKEN-8',
      token: 'URL-TOKEN-9',
    };
    const col = {
      info: { name: 'Leaky', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'Query',
          request: {
            method: 'GET',
            url: {
              raw: `https://api.test/v1/items?api_key=${secrets.query}&page=2`,
              protocol: 'https',
              host: ['api', 'test'],
              path: ['v1', 'items'],
              query: [
                { key: 'api_key', value: secrets.query },
                { key: 'page', value: '2' },
                { key: 'access_token', value: secrets.disabledQuery, disabled: true },
              ],
            },
          },
        },
        { name: 'Userinfo', request: { method: 'GET', url: `https://ada:${secrets.userinfo}@api.test/v1/me` } },
        { name: 'Token in URL', request: { method: 'GET', url: `https://${secrets.token}@git.test/repo` } },
        {
          name: 'Login',
          request: {
            method: 'POST',
            url: 'https://api.test/login',
            body: {
              mode: 'raw',
              raw: JSON.stringify({ user: 'ada', password: secrets.json, nested: { note: 'kept' } }),
              options: { raw: { language: 'json' } },
            },
          },
        },
        {
          name: 'Token',
          request: {
            method: 'POST',
            url: 'https://auth.test/token',
            body: {
              mode: 'urlencoded',
              urlencoded: [
                { key: 'grant_type', value: 'client_credentials' },
                { key: 'client_secret', value: secrets.urlencoded },
              ],
            },
          },
        },
        {
          name: 'Upload',
          request: {
            method: 'POST',
            url: 'https://api.test/upload',
            body: {
              mode: 'formdata',
              formdata: [
                { key: 'user', value: 'ada', type: 'text' },
                { key: 'password', value: secrets.formdata, type: 'text' },
              ],
            },
          },
        },
        {
          name: 'Whoami',
          request: { method: 'GET', url: 'https://api.test/whoami' },
          response: [
            {
              name: 'Signed in',
              code: 200,
              header: [{ key: 'Set-Cookie', value: `session=${secrets.exampleCookie}` }],
              body: JSON.stringify({ access_token: secrets.example, expires_in: 3600 }),
            },
          ],
        },
      ],
    };
    const outcome = await service.importText(JSON.stringify(col), 'leaky.postman_collection.json');
    const leaked = (text: string): string[] => Object.values(secrets).filter((secret) => text.includes(secret));
    // Not in any file of the workspace, nor in what the page is sent.
    expect(leaked(await allText(workspace))).toEqual([]);
    expect(leaked(JSON.stringify(outcome))).toEqual([]);
    const id = outcome.created.kind === 'collection' ? outcome.created.id : '';
    const tree = new CollectionStore(workspace);
    await tree.load();
    const imported = tree.getCollection(id);
    const requests = Object.fromEntries(flattenRequests(imported.items).map(({ request }) => [request.name, request]));
    expect(requests['Query']).toMatchObject({
      url: 'https://api.test/v1/items?api_key={{api_key}}&page=2',
      params: [
        { key: 'api_key', value: '{{api_key}}' },
        { key: 'page', value: '2' },
        { key: 'access_token', value: '{{access_token}}', enabled: false },
      ],
    });
    expect(requests['Userinfo']?.url).toBe('https://ada:{{url_password}}@api.test/v1/me');
    expect(requests['Token in URL']?.url).toBe('https://{{url_token}}@git.test/repo');
    expect(JSON.parse(requests['Login']?.body.text ?? '')).toEqual({ user: 'ada', password: '{{password}}', nested: { note: 'kept' } });
    expect(requests['Token']?.body.text).toBe('grant_type=client_credentials&client_secret={{client_secret}}');
    // Docs lists the form-data fields: the password as its placeholder.
    expect(requests['Upload']?.description).toContain('- password = {{password_2}}');
    expect(requests['Whoami']?.examples?.[0]).toMatchObject({
      headers: [{ key: 'Set-Cookie', value: '{{set_cookie}}' }],
      body: JSON.stringify({ access_token: '{{access_token_2}}', expires_in: 3600 }),
    });
    // Nor in an export of it, to Postman or to a file of our own.
    expect(leaked(exportText(imported))).toEqual([]);
    expect(leaked(exportCollection(imported).text)).toEqual([]);

    // The report names each placeholder and where it was found; the keychain offer stores each value.
    const offered = outcome.report.secrets.map((s) => [s.label, s.target.kind === 'variable' ? s.target.name : s.target.kind]);
    expect(offered).toEqual([
      ['api_key query parameter ("Query")', 'api_key'],
      ['access_token query parameter ("Query")', 'access_token'],
      ['The password in the URL ("Userinfo")', 'url_password'],
      ['The token in the URL (its user name) ("Token in URL")', 'url_token'],
      ['password body field ("Login")', 'password'],
      ['client_secret body field ("Token")', 'client_secret'],
      ['password form field ("Upload")', 'password_2'],
      ['Set-Cookie header of the example "Signed in" ("Whoami")', 'set_cookie'],
      ['access_token body field of the example "Signed in" ("Whoami")', 'access_token_2'],
    ]);
    expect(outcome.report.notes).toContainEqual({
      path: 'Query',
      level: 'converted',
      message: expect.stringContaining('the api_key query parameter → {{api_key}}') as unknown,
    });
    const env = await environments.create('Production');
    const stored = await service.storeSecrets({
      importId: outcome.importId,
      environmentId: env.id,
      secretIds: outcome.report.secrets.map((s) => s.id),
      applyAccessKey: false,
    });
    expect(stored.stored).toHaveLength(9);
    const values = Object.fromEntries(
      await Promise.all(stored.environment.variables.map(async (v) => [v.key, await vault.get(accountFor(env.id, 'variable', v.key))] as const)),
    );
    expect(values).toEqual({
      api_key: secrets.query,
      access_token: secrets.disabledQuery,
      url_password: secrets.userinfo,
      url_token: secrets.token,
      password: secrets.json,
      client_secret: secrets.urlencoded,
      password_2: secrets.formdata,
      set_cookie: `session=${secrets.exampleCookie}`,
      access_token_2: secrets.example,
    });
    expect(leaked(await allText(join(dir, 'environments')))).toEqual([]);
  });

  it('takes the secrets out of a pasted curl command (X-Api-Key, ?api_key=, a body password) and offers them for the keychain', async () => {
    const outcome = await service.importText(
      `curl 'https://api.test/v1/send?api_key=CURL-QUERY-KEY' -H 'X-Api-Key: CURL-HEADER-KEY' -H 'Content-Type: application/json' --data-raw '{"user":"ada","password":"CURL-BODY-PASSWORD"}'`,
      'pasted text',
    );
    expect(JSON.stringify(outcome)).not.toMatch(/CURL-(QUERY|HEADER|BODY)/);
    if (outcome.created.kind !== 'curl') throw new Error('expected a request');
    expect(outcome.created.request).toMatchObject({
      url: 'https://api.test/v1/send?api_key={{api_key}}',
      headers: [{ key: 'X-Api-Key', value: '{{x_api_key}}' }],
      body: { mode: 'json', text: '{"user":"ada","password":"{{password}}"}' },
    });
    expect(outcome.report.secrets.map((s) => [s.label, s.target])).toEqual([
      ['api_key query parameter', { kind: 'variable', name: 'api_key' }],
      ['X-Api-Key header', { kind: 'variable', name: 'x_api_key' }],
      ['password body field', { kind: 'variable', name: 'password' }],
    ]);
    const env = await environments.create('Curl');
    await service.storeSecrets({
      importId: outcome.importId,
      environmentId: env.id,
      secretIds: outcome.report.secrets.map((s) => s.id),
      applyAccessKey: false,
    });
    expect(await vault.get(accountFor(env.id, 'variable', 'x_api_key'))).toBe('CURL-HEADER-KEY');
    expect(await vault.get(accountFor(env.id, 'variable', 'api_key'))).toBe('CURL-QUERY-KEY');
    expect(await vault.get(accountFor(env.id, 'variable', 'password'))).toBe('CURL-BODY-PASSWORD');
  });

  // Issue 19, item 9: Sinch's collection sent to `…/projects//messages:send` with its own empty variables.
  it("binds a Sinch-style collection's variables to the environment, in its collection.json, and refuses a name that is not one", async () => {
    const outcome = await service.importText(await readFile(join(fixtures, 'sinch-public-style.postman_collection.json'), 'utf8'), 'sinch.json');
    if (outcome.created.kind !== 'collection') throw new Error('expected a collection');
    const chosen = (outcome.report.bindings ?? []).flatMap((b) =>
      b.target !== 'access-key' && b.suggested ? [{ variable: b.variable, target: b.target }] : [],
    );
    expect(chosen.map((b) => `${b.variable}=${b.target}`)).toEqual(['BASE_URL=base_url', 'PROJECT_ID=project_id', 'APP_ID=app_id', 'CONTACT=contact_id']);
    const variables = await service.bindVariables(outcome.created.id, chosen);
    expect(variables.filter((v) => v.value.startsWith('{{'))).toEqual([
      { key: 'PROJECT_ID', value: '{{project_id}}', enabled: true },
      { key: 'APP_ID', value: '{{app_id}}', enabled: true },
      { key: 'BASE_URL', value: '{{base_url}}', enabled: true },
      { key: 'CONTACT', value: '{{contact_id}}', enabled: true },
    ]);
    const saved = await allText(workspace);
    expect(saved).toContain('"value": "{{project_id}}"');
    await expect(service.bindVariables(outcome.created.id, [{ variable: '__proto__', target: 'project_id' }])).rejects.toThrow(
      /"__proto__" cannot be a variable name/,
    );
    await expect(service.bindVariables('no-such-collection', chosen)).rejects.toThrow(/no longer in the workspace/);
  });

  it('imports a Postman environment: secret values to the keychain (padlocked), the rest to the file', async () => {
    const file = {
      name: 'Sinch EU',
      _postman_variable_scope: 'environment',
      values: [
        { key: 'base_url', value: 'https://eu.conversation.api.sinch.com', type: 'default', enabled: true },
        { key: 'project_id', value: 'p-123', enabled: true },
        { key: 'key_id', value: 'kid', enabled: true },
        { key: 'key_secret', value: 'ENV-KEY-SECRET', type: 'secret', enabled: true },
        { key: 'SMS_TOKEN', value: 'ENV-SMS-TOKEN', type: 'secret', enabled: true },
        { key: 'recipient', value: '+4670', enabled: false },
        { key: 'bad name!', value: 'x' },
      ],
    };
    const outcome = await service.importText(JSON.stringify(file), 'eu.postman_environment.json');
    expect(outcome.created).toMatchObject({ kind: 'environment', name: 'Sinch EU' });
    const id = outcome.created.kind === 'environment' ? outcome.created.id : '';
    const env = environments.get(id);
    expect(env).toMatchObject({ region: 'eu', projectId: 'p-123', auth: { mode: 'oauth2', keyId: 'kid', tokenUrl: '' } });
    expect(env.variables).toEqual([
      { key: 'SMS_TOKEN', value: '', enabled: true, secret: true },
      { key: 'recipient', value: '+4670', enabled: false },
    ]);
    expect(await vault.get(accountFor(id, 'access-key-secret'))).toBe('ENV-KEY-SECRET');
    expect(await vault.get(accountFor(id, 'variable', 'SMS_TOKEN'))).toBe('ENV-SMS-TOKEN');
    expect(await allText(join(dir, 'environments'))).not.toMatch(/ENV-KEY-SECRET|ENV-SMS-TOKEN/);
    expect(outcome.report.notes).toContainEqual(
      expect.objectContaining({ level: 'skipped', message: expect.stringMatching(/"bad name!" was not imported/) as unknown }),
    );
    await expect(service.importText(JSON.stringify(file), 'eu.postman_environment.json')).rejects.toThrow(/An environment named "Sinch EU" already exists/);
  });

  it('imports Postman globals, merging by name', async () => {
    const outcome = await service.importText(
      JSON.stringify({
        name: 'Globals',
        _postman_variable_scope: 'globals',
        values: [
          { key: 'region_hint', value: 'eu', enabled: true },
          { key: 'api_token', value: 'G-SECRET', type: 'secret' },
        ],
      }),
      'g.json',
    );
    expect(outcome.created).toEqual({ kind: 'globals', count: 1 });
    expect(outcome.report.notes[0]?.message).toMatch(/api_token is a secret and globals cannot be padlocked/);
  });

  it('reads a pasted curl command as a request and writes nothing', async () => {
    const outcome = await service.importText(
      `curl -X POST 'https://us.conversation.api.sinch.com/v1/projects/p/messages:send' -H 'Authorization: Bearer abc.def' -H 'Content-Type: application/json' --data-raw '{"app_id":"A"}'`,
      'pasted text',
    );
    expect(outcome.created.kind).toBe('curl');
    if (outcome.created.kind !== 'curl') return;
    expect(outcome.created.request).toMatchObject({
      method: 'POST',
      url: 'https://us.conversation.api.sinch.com/v1/projects/p/messages:send',
      headers: [],
      body: { mode: 'json', text: '{"app_id":"A"}' },
      auth: 'inherit',
    });
    expect(outcome.report.notes[0]?.message).toMatch(/Authorization header was not kept/);
    expect(await workspaceEntries()).toEqual([]);
  });
});
