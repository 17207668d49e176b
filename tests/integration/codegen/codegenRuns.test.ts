import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runCurl } from '../../support/runCurl';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/index';
import { createDispatcher } from '../../../electron/backend/dispatcher';
import { startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';
import { MemorySecretStore } from '../../../electron/backend/secrets/index';
import { SettingsStore } from '../../../electron/backend/storage/settings';
import { BUILTIN_COLLECTION, BUILTIN_COLLECTION_ID } from '../../../shared/catalog/index';
import { CODE_LANGUAGES, type CodeLanguage, type GeneratedCodeResult } from '../../../shared/formats/codegen';
import { flattenRequests, type RequestTemplate } from '../../../shared/model/collection';
import type { Environment } from '../../../shared/model/environment';
import { emptyRequest } from '../../../shared/model/httpRequest';

/**
 * The Code panel's snippets run as printed: curl with the real curl binary, the Node fetch snippet
 * and the Sinch SDK snippet with `node` (the SDK being the real @sinch/sdk-core), against the
 * sandbox on 127.0.0.1. What one snippet creates (an app) is what the next one sends with.
 * Python, Java, C#, Go, PHP and Ruby are not installed here: their snippets are checked by their
 * key lines only.
 */
const run = promisify(execFile);
const KEY_ID = 'code-key-id';
const KEY_SECRET = 'code-key-secret-5e1f7a';
const NODE_MODULES = resolve(import.meta.dirname, '../../../node_modules');

let dataDir: string;
let backend: Backend;
let sandbox: SandboxHandle;
let dispatch: ReturnType<typeof createDispatcher>;
let oauthEnv: Environment;

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.result as T;
}

function catalogRequest(id: string): RequestTemplate {
  const found = flattenRequests(BUILTIN_COLLECTION.items).find((r) => r.request.id === id);
  if (!found) throw new Error(`no catalog request ${id}`);
  return found.request;
}

async function code(language: CodeLanguage | null, request: RequestTemplate, env: Environment, includeSecrets: boolean): Promise<GeneratedCodeResult> {
  const { method, url, params, headers, body, variables, auth } = request;
  return call<GeneratedCodeResult>('codegen.generate', {
    request: { method, url, params, headers, body, variables, auth },
    environmentId: env.id,
    collectionId: BUILTIN_COLLECTION_ID,
    catalogId: request.id,
    ...(language ? { language } : {}),
    includeSecrets,
  });
}

/** Runs a snippet with node, as a user would after saving it to a file (the SDK found through NODE_PATH). */
async function runNode(source: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dataDir, `snippet-${Math.random().toString(36).slice(2)}.cjs`);
  await writeFile(file, source);
  try {
    const { stdout, stderr } = await run(process.execPath, [file], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_PATH: NODE_MODULES, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function environment(name: string, change: (env: Environment) => Environment): Promise<Environment> {
  const created = await call<Environment>('environments.create', { name });
  return call<Environment>('environments.update', { environment: change(created) });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sce-code-'));
  sandbox = await startSandbox({ keyId: KEY_ID, keySecret: KEY_SECRET });
  backend = await createBackend({ dataDir, host: 'browser', keychain: new MemorySecretStore() });
  dispatch = createDispatcher(backend.handlers);
  oauthEnv = await environment('Code OAuth2', (e) => ({
    ...e,
    region: 'custom',
    customBaseUrl: sandbox.conversationUrl,
    customTemplateUrl: sandbox.templateUrl,
    projectId: sandbox.projectId,
    auth: { mode: 'oauth2', tokenUrl: sandbox.authUrl, keyId: KEY_ID },
    variables: [{ key: 'sms_service_plan_id', value: "plan's $HOME", enabled: true }],
  }));
  await call('credentials.set', { environmentId: oauthEnv.id, purpose: 'access-key-secret', value: KEY_SECRET });
});

afterAll(async () => {
  await backend.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Code panel snippets run against the sandbox', () => {
  test('Node (fetch) with credentials creates an app; curl and Node (fetch) then send a message to it', async () => {
    const create = await code('node-fetch', catalogRequest('apps.create'), oauthEnv, true);
    expect(create.code).toMatch(/myHeaders\.append\("Authorization", "Bearer [\w.-]+"\)/);
    expect(create.code).toContain('myHeaders.append("Content-Type", "application/json")');
    const created = await runNode(create.code);
    expect(created.code, created.stderr).toBe(0);
    const app = JSON.parse(created.stdout) as { id: string; channel_credentials: { static_bearer: { claimed_identity: string } }[] };
    expect(app.id).toMatch(/^[0-9A-Z]{26}$/);
    // The body went as typed: quotes and $ survived the generator.
    expect(app.channel_credentials[0]?.static_bearer.claimed_identity).toBe("plan's $HOME");

    oauthEnv = await call<Environment>('environments.update', { environment: { ...oauthEnv, appId: app.id } });
    const send = catalogRequest('messages.send.text');

    const curl = await code('curl', send, oauthEnv, true);
    const byCurl = await runCurl(curl.code);
    expect(byCurl.status, byCurl.body).toBe(200);
    expect(JSON.parse(byCurl.body)).toMatchObject({ message_id: expect.any(String) as unknown });

    const node = await code('node-fetch', send, oauthEnv, true);
    expect(node.unresolved).toEqual([]);
    const byNode = await runNode(node.code);
    expect(byNode.code, byNode.stderr).toBe(0);
    expect(JSON.parse(byNode.stdout)).toMatchObject({ message_id: expect.any(String) as unknown });
  });

  test('without credentials the Node (fetch) and curl snippets read SINCH_TOKEN: refused as printed, sent once it is exported', async () => {
    const send = catalogRequest('messages.send.text');
    const withToken = await code('node-fetch', send, oauthEnv, true);
    const token = /"Bearer ([\w.-]+)"/.exec(withToken.code)?.[1] ?? '';
    expect(token).not.toBe('');

    const masked = await code('node-fetch', send, oauthEnv, false);
    expect(masked.code).not.toContain(token);
    expect(masked.code).toContain('myHeaders.append("Authorization", "Bearer " + process.env.SINCH_TOKEN);');
    expect(masked.code.split('\n')[0]).toBe('// Secrets redacted (Authorization): set SINCH_TOKEN in the environment (export SINCH_TOKEN=…) before running.');
    const refused = await runNode(masked.code);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 401 } });
    const sent = await runNode(masked.code, { SINCH_TOKEN: token });
    expect(JSON.parse(sent.stdout)).toMatchObject({ message_id: expect.any(String) as unknown });

    const curl = await code('curl', send, oauthEnv, false);
    expect(curl.code).toContain('-H "Authorization: Bearer $SINCH_TOKEN"');
    expect((await runCurl(curl.code)).status).toBe(401);
    expect((await runCurl(curl.code, { SINCH_TOKEN: token })).status).toBe(200);
  });

  test('the Sinch SDK snippet is the real @sinch/sdk-core call: it sends with credentials, and with SINCH_KEY_SECRET when masked', async () => {
    const send = catalogRequest('messages.send.text');
    const shown = await code('node-sdk', send, oauthEnv, true);
    expect(shown.sdk).toMatchObject({
      operation: 'messages.send',
      node: 'sinchClient.conversation.messages.send(…)',
      java: expect.stringContaining('sendMessage') as unknown,
      python: expect.stringContaining('message.send') as unknown,
      dotnet: expect.stringContaining('Messages.Send') as unknown,
    });
    expect(shown.code).toContain('await sinchClient.conversation.messages.send({\n    sendMessageRequestBody: {');
    expect(shown.code).toContain(`keySecret: "${KEY_SECRET}",`);
    expect(shown.code).toContain(`conversationHostname: "${sandbox.conversationUrl}",`);
    expect(shown.code).toContain(`authHostname: "${sandbox.conversationUrl}",`);
    const ran = await runNode(shown.code);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/"message_id": "\w+"/);

    const masked = await code('node-sdk', send, oauthEnv, false);
    expect(masked.code).not.toContain(KEY_SECRET);
    expect(masked.code).toContain('keySecret: process.env.SINCH_KEY_SECRET,');
    expect(masked.code).toMatch(/^\/\/ Secrets redacted \(key secret\): set SINCH_KEY_SECRET/m);
    const maskedRun = await runNode(masked.code, { SINCH_KEY_SECRET: KEY_SECRET });
    expect(maskedRun.code, maskedRun.stderr).toBe(0);
    expect(maskedRun.stdout).toMatch(/"message_id": "\w+"/);
  });

  test('SDK calls with path and query parameters: list messages of the app and get the app', async () => {
    const list = await code(
      'node-sdk',
      {
        ...catalogRequest('messages.list'),
        url: '{{base_url}}/v1/projects/{{project_id}}/messages?app_id={{app_id}}&page_size=5&only_recipient_originated=false&bogus=1',
      },
      oauthEnv,
      true,
    );
    expect(list.code).toContain('page_size: 5,');
    expect(list.code).toContain('only_recipient_originated: false,');
    expect(list.warnings).toContain('Left out (the SDK method does not take them): bogus.');
    const listed = await runNode(list.code);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ data: expect.any(Array) as unknown });

    const get = await code('node-sdk', catalogRequest('apps.get'), oauthEnv, true);
    expect(get.code).toContain(`sinchClient.conversation.app.get({\n    app_id: "${oauthEnv.appId}",\n  })`);
    const got = await runNode(get.code);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ id: oauthEnv.appId });
  });

  test('a request the SDKs have no method for says so instead of guessing', async () => {
    const custom: RequestTemplate = { ...catalogRequest('apps.list'), id: 'mine', url: '{{base_url}}/v1/projects/{{project_id}}/not-an-endpoint' };
    const result = await code('node-sdk', custom, oauthEnv, false);
    expect(result.sdk).toBeNull();
    expect(result.sdkUnavailable).toMatch(/^The Sinch SDKs have no method for GET http:\/\/127\.0\.0\.1:\d+\/v1\/projects\/[\w-]+\/not-an-endpoint/);
    expect(result.code).toBe(`// ${result.sdkUnavailable}\n`);
  });

  test('Basic auth: the masked Node (fetch) snippet encodes the key id and SINCH_KEY_SECRET itself and runs once it is exported', async () => {
    const env = await environment('Code Basic', (e) => ({
      ...e,
      region: 'custom',
      customBaseUrl: sandbox.conversationUrl,
      customTemplateUrl: sandbox.templateUrl,
      projectId: sandbox.projectId,
      auth: { mode: 'basic', tokenUrl: '', keyId: KEY_ID },
    }));
    await call('credentials.set', { environmentId: env.id, purpose: 'access-key-secret', value: KEY_SECRET });
    const list = {
      ...emptyRequest(),
      id: 'x',
      name: 'x',
      description: '',
      variables: [],
      captures: [],
      auth: 'inherit' as const,
      url: '{{base_url}}/v1/projects/{{project_id}}/apps',
    };
    const masked = await code('node-fetch', list, env, false);
    expect(masked.code).not.toContain(KEY_SECRET);
    expect(masked.code).toContain(`"Basic " + Buffer.from("${KEY_ID}:" + process.env.SINCH_KEY_SECRET).toString("base64")`);
    expect(JSON.parse((await runNode(masked.code)).stdout)).toMatchObject({ error: { code: 401 } });
    expect(JSON.parse((await runNode(masked.code, { SINCH_KEY_SECRET: KEY_SECRET })).stdout)).toMatchObject({ apps: expect.any(Array) as unknown });

    const python = await code('python-requests', list, env, false);
    expect(python.code).toContain(`'Authorization': "Basic " + base64.b64encode(("${KEY_ID}:" + os.environ["SINCH_KEY_SECRET"]).encode()).decode()`);
    expect(python.code).toMatch(/^import os\nimport base64\n/m);
  });

  test('the other languages read the token from the environment their own way, and carry it only when included (checked by content: no runtimes here)', async () => {
    const send = catalogRequest('messages.send.text');
    const token = /"Bearer ([\w.-]+)"/.exec((await code('node-fetch', send, oauthEnv, true)).code)?.[1] ?? '';
    const expected: Record<Exclude<CodeLanguage, 'curl' | 'node-fetch' | 'node-sdk'>, string[]> = {
      'python-requests': [
        'import os',
        `'Authorization': "Bearer " + os.environ["SINCH_TOKEN"]`,
        'requests.request("POST", url, headers=headers, data=payload)',
        '# Secrets redacted (Authorization): set SINCH_TOKEN',
      ],
      'java-okhttp': ['.addHeader("Authorization", "Bearer " + System.getenv("SINCH_TOKEN"))', '.url("http://127.0.0.1:', '// Secrets redacted'],
      'csharp-httpclient': [
        'request.Headers.Add("Authorization", "Bearer " + Environment.GetEnvironmentVariable("SINCH_TOKEN"));',
        'new HttpRequestMessage(HttpMethod.Post,',
      ],
      go: ['  "os"\n', 'req.Header.Add("Authorization", "Bearer " + os.Getenv("SINCH_TOKEN"))', 'package main'],
      'php-curl': ['<?php\n// Secrets redacted', "'Authorization: Bearer ' . getenv('SINCH_TOKEN')", "CURLOPT_CUSTOMREQUEST => 'POST'"],
      ruby: ['request["Authorization"] = "Bearer " + ENV["SINCH_TOKEN"]', 'Net::HTTP::Post.new(url)', '# Secrets redacted'],
    };
    for (const [language, lines] of Object.entries(expected) as [CodeLanguage, string[]][]) {
      const masked = await code(language, send, oauthEnv, false);
      for (const line of lines) expect(masked.code, language).toContain(line);
      expect(masked.code, language).not.toContain(token);
      expect(masked.code, language).not.toContain('SCEWITHHELD');
      // The body is the request's: the app id and the recipient are in it.
      expect(masked.code, language).toContain(oauthEnv.appId);
      const shown = await code(language, send, oauthEnv, true);
      expect(shown.code, language).toMatch(/Bearer [\w.-]{20,}/);
      expect(shown.code, language).not.toContain('SINCH_TOKEN');
    }
  });

  test('a padlocked variable is written as <name> without credentials, and its value only when included', async () => {
    const env = await environment('Code Padlock', (e) => ({
      ...e,
      region: 'custom',
      customBaseUrl: sandbox.conversationUrl,
      projectId: sandbox.projectId,
      auth: { mode: 'none', tokenUrl: '', keyId: '' },
      variables: [{ key: 'api_secret', value: 'padlocked-value-91', enabled: true, secret: true }],
    }));
    const request = {
      ...emptyRequest(),
      id: 'y',
      name: 'y',
      description: '',
      variables: [],
      captures: [],
      auth: 'inherit' as const,
      method: 'POST' as const,
      url: '{{base_url}}/x',
      body: { mode: 'json' as const, text: '{"s":"{{api_secret}}"}' },
    };
    for (const language of CODE_LANGUAGES) {
      const masked = await code(language, request, env, false);
      expect(JSON.stringify(masked), language).not.toContain('padlocked-value-91');
      if (language === 'node-sdk') continue; // no SDK method for this URL: said, not written
      expect(masked.code, language).toContain('<api_secret>');
      expect(masked.code, language).toContain('padlocked {{api_secret}}');
      expect((await code(language, request, env, true)).code, language).toContain('padlocked-value-91');
    }
    // The SDK snippet of a catalog request withholds padlocked values in its body the same way.
    const send = {
      ...catalogRequest('messages.send.text'),
      body: { mode: 'json' as const, text: '{"app_id":"A","recipient":{"contact_id":"C"},"message":{"text_message":{"text":"{{api_secret}}"}}}' },
    };
    const sdk = await code('node-sdk', send, env, false);
    expect(sdk.code).toContain('text: "<api_secret>",');
    expect(sdk.code).toContain('// Padlocked {{api_secret}} withheld: replace each <…> placeholder.');
    expect(JSON.stringify(sdk)).not.toContain('padlocked-value-91');
  });

  test('the language picked last is what the panel opens with, also after a restart (kept in settings.json)', async () => {
    await code('ruby', catalogRequest('apps.list'), oauthEnv, false);
    const reopened = await code(null, catalogRequest('apps.list'), oauthEnv, false);
    expect(reopened.language).toBe('ruby');
    expect(reopened.code).toContain('Net::HTTP::Get.new(url)');
    const afterRestart = new SettingsStore(dataDir);
    expect((await afterRestart.load()).codeLanguage).toBe('ruby');
  });

  test('hostile bodies: a __proto__ key or JSON nested 5000 deep gets a clear answer, never a crash or a silently changed body', async () => {
    const base = {
      ...emptyRequest(),
      id: 'z',
      name: 'z',
      description: '',
      variables: [],
      captures: [],
      auth: 'inherit' as const,
      method: 'POST' as const,
      url: '{{base_url}}/v1/projects/{{project_id}}/messages:send',
    };
    const proto = { ...base, body: { mode: 'json' as const, text: '{"app_id":"A","__proto__":{"admin":true}}' } };
    const sdk = await code('node-sdk', proto, oauthEnv, false);
    expect(sdk.sdk).toBeNull();
    expect(sdk.sdkUnavailable).toMatch(/__proto__/);
    const node = await code('node-fetch', proto, oauthEnv, false);
    expect(node.warnings.join(' ')).toMatch(/Check that this code sends the body as typed: __proto__/);

    const deep = { ...base, body: { mode: 'json' as const, text: `${'['.repeat(5000)}${']'.repeat(5000)}` } };
    for (const language of ['node-sdk', 'node-fetch', 'python-requests', 'curl'] as const) {
      const result = await code(language, deep, oauthEnv, false);
      expect(typeof result.code, language).toBe('string');
    }
    expect((await code('node-sdk', deep, oauthEnv, false)).sdkUnavailable).toMatch(/nested deeper than 64 levels/);
  });
});

describe('postman-code-generators without its deepinstall', () => {
  test("every generator the panel uses works when its postinstall never ran (npm ci --ignore-scripts): their dependencies come from the package's own", async () => {
    // A node_modules like a plain install's: the package copied without what deepinstall adds
    // (codegens/*/node_modules), everything else linked from ours.
    const dir = await mkdtemp(join(tmpdir(), 'sce-pcg-'));
    try {
      await mkdir(join(dir, 'node_modules'));
      for (const entry of await readdir(NODE_MODULES)) {
        if (entry !== 'postman-code-generators') await symlink(join(NODE_MODULES, entry), join(dir, 'node_modules', entry));
      }
      await cp(join(NODE_MODULES, 'postman-code-generators'), join(dir, 'node_modules', 'postman-code-generators'), {
        recursive: true,
        filter: (source) => !/[\\/]codegens[\\/][^\\/]+[\\/]node_modules$/.test(source),
      });
      // nodejs-native is one of the generators deepinstall gives a node_modules of its own.
      await expect(readdir(join(dir, 'node_modules', 'postman-code-generators', 'codegens', 'nodejs-native', 'node_modules'))).rejects.toThrow(/ENOENT/);
      const script = [
        "const codegen = require('postman-code-generators');",
        "const { Request } = require('postman-collection');",
        "const request = new Request({ url: 'http://127.0.0.1:9/x', method: 'POST', header: [{ key: 'Authorization', value: 'Bearer t' }], body: { mode: 'raw', raw: '{\"a\":1}' } });",
        "const used = [['javascript', 'Fetch'], ['python', 'Requests'], ['java', 'OkHttp'], ['csharp', 'HttpClient'], ['go', 'Native'], ['php', 'cURL'], ['ruby', 'Net::HTTP']];",
        'const written = [];',
        'for (const [language, variant] of used) codegen.convert(language, variant, request, {}, (error, snippet) => { if (!error && snippet.includes("Bearer t")) written.push(language); });',
        "console.log(require.resolve('postman-code-generators') + ' ' + written.join(','));",
      ].join('\n');
      await writeFile(join(dir, 'check.cjs'), script);
      const { stdout } = await run(process.execPath, ['--preserve-symlinks', join(dir, 'check.cjs')], { cwd: dir, timeout: 30_000 });
      expect(stdout.trim()).toBe(`${join(dir, 'node_modules', 'postman-code-generators', 'index.js')} javascript,python,java,csharp,go,php,ruby`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
