import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCurl } from '../../support/runCurl';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/index';
import { createDispatcher } from '../../../electron/backend/dispatcher';
import { DEMO_CREDENTIALS, startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';
import { MemorySecretStore } from '../../../electron/backend/secrets/index';
import type { Environment } from '../../../shared/model/environment';
import { emptyRequest, type HttpRequestDraft } from '../../../shared/model/httpRequest';

/**
 * "Copy as curl" runs as printed: the command the backend writes is handed to a real shell and the
 * real curl binary, against the sandbox on 127.0.0.1, and must get the sandbox's real answer.
 * Only a wrapper that adds `-sS -w <status>` is put in front; the command itself is not touched.
 */
const run = promisify(execFile);
const KEY_ID = 'curl-key-id';
const KEY_SECRET = 'curl-key-secret-0c9e2b';

let dataDir: string;
let backend: Backend;
let sandbox: SandboxHandle;
let dispatch: ReturnType<typeof createDispatcher>;

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.result as T;
}

async function environment(name: string, change: (env: Environment) => Environment): Promise<Environment> {
  const created = await call<Environment>('environments.create', { name });
  return call<Environment>('environments.update', { environment: change(created) });
}

const listApps: HttpRequestDraft = { ...emptyRequest(), url: '{{base_url}}/v1/projects/{{project_id}}/apps' };
const createApp: HttpRequestDraft = {
  ...emptyRequest(),
  method: 'POST',
  url: '{{base_url}}/v1/projects/{{project_id}}/apps',
  // No Content-Type typed: the app adds application/json when sending, so the command must too.
  body: {
    mode: 'json',
    text: JSON.stringify({
      display_name: "Curl's app",
      channel_credentials: [{ channel: 'SMS', static_bearer: { claimed_identity: '{{sender}}', token: 't' } }],
    }),
  },
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sce-curl-'));
  sandbox = await startSandbox({ keyId: KEY_ID, keySecret: KEY_SECRET });
  backend = await createBackend({ dataDir, host: 'browser', keychain: new MemorySecretStore() });
  dispatch = createDispatcher(backend.handlers);
});

afterAll(async () => {
  await backend.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('copy as curl runs as printed', () => {
  test('the curl binary is installed (scripts/setup.sh installs it)', async () => {
    const { stdout } = await run('curl', ['--version']);
    expect(stdout).toMatch(/^curl \d/);
  });

  test('OAuth2: with credentials the command carries a bearer token and Content-Type, and the sandbox answers 200', async () => {
    const env = await environment('Curl OAuth2', (e) => ({
      ...e,
      region: 'custom',
      customBaseUrl: sandbox.conversationUrl,
      customTemplateUrl: sandbox.templateUrl,
      projectId: sandbox.projectId,
      auth: { mode: 'oauth2', tokenUrl: sandbox.authUrl, keyId: KEY_ID },
      variables: [{ key: 'sender', value: "it's $HOME", enabled: true }],
    }));
    await call('credentials.set', { environmentId: env.id, purpose: 'access-key-secret', value: KEY_SECRET });

    const created = await call<{ curl: string; warnings: string[] }>('requests.toCurl', { request: createApp, environmentId: env.id, includeSecrets: true });
    expect(created.curl).toMatch(/-H 'Authorization: Bearer [\w.-]+'/);
    expect(created.curl).toContain("-H 'Content-Type: application/json'");
    expect(created.warnings.join(' ')).toMatch(/expires in about \d+ minutes/);
    const answer = await runCurl(created.curl);
    expect(answer.status, answer.body).toBe(200);
    const app = JSON.parse(answer.body) as { id: string; display_name: string; channel_credentials: { static_bearer: { claimed_identity: string } }[] };
    expect(app.display_name).toBe("Curl's app");
    // Quoting: the shell did not expand $HOME or break on the quote.
    expect(app.channel_credentials[0]?.static_bearer.claimed_identity).toBe("it's $HOME");

    const listed = await runCurl((await call<{ curl: string }>('requests.toCurl', { request: listApps, environmentId: env.id, includeSecrets: true })).curl);
    expect(listed.status).toBe(200);
    expect(listed.body).toContain(app.id);
  });

  test('OAuth2: without credentials the token is a $SINCH_TOKEN placeholder: 401 as printed, 200 once it is exported', async () => {
    const env = (await call<{ environments: Environment[] }>('environments.list')).environments.find((e) => e.name === 'Curl OAuth2') as Environment;
    const masked = await call<{ curl: string }>('requests.toCurl', { request: listApps, environmentId: env.id, includeSecrets: false });
    expect(masked.curl).toContain('-H "Authorization: Bearer $SINCH_TOKEN"');
    expect(masked.curl.split('\n')[0]).toMatch(/^# Secrets redacted \(Authorization\): export SINCH_TOKEN=<access token>/);
    expect((await runCurl(masked.curl)).status).toBe(401);
    const withToken = await call<{ curl: string }>('requests.toCurl', { request: listApps, environmentId: env.id, includeSecrets: true });
    const token = /Bearer ([\w.-]+)'/.exec(withToken.curl)?.[1] ?? '';
    expect(masked.curl).not.toContain(token);
    expect((await runCurl(masked.curl, { SINCH_TOKEN: token })).status).toBe(200);
  });

  test('Basic auth: with credentials a Basic header, without them the key id and a $SINCH_KEY_SECRET placeholder', async () => {
    const env = await environment('Curl Basic', (e) => ({
      ...e,
      region: 'custom',
      customBaseUrl: sandbox.conversationUrl,
      customTemplateUrl: sandbox.templateUrl,
      projectId: sandbox.projectId,
      auth: { mode: 'basic', tokenUrl: '', keyId: KEY_ID },
    }));
    await call('credentials.set', { environmentId: env.id, purpose: 'access-key-secret', value: KEY_SECRET });
    const shown = await call<{ curl: string }>('requests.toCurl', { request: listApps, environmentId: env.id, includeSecrets: true });
    expect(shown.curl).toContain(`-H 'Authorization: Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}'`);
    expect((await runCurl(shown.curl)).status).toBe(200);

    const masked = await call<{ curl: string }>('requests.toCurl', { request: listApps, environmentId: env.id, includeSecrets: false });
    expect(masked.curl).not.toContain(KEY_SECRET);
    expect(masked.curl).toContain(`--user '${KEY_ID}:'"$SINCH_KEY_SECRET"`);
    expect((await runCurl(masked.curl)).status).toBe(401);
    expect((await runCurl(masked.curl, { SINCH_KEY_SECRET: KEY_SECRET })).status).toBe(200);
  });

  test("the Sandbox region: the sandbox's own credentials, and a request that says auth none gets no Authorization", async () => {
    // The environment manager fills in the sandbox's demo project when the region is chosen.
    const env = await environment('Curl Sandbox', (e) => ({ ...e, region: 'sandbox', projectId: DEMO_CREDENTIALS.projectId }));
    const shown = await call<{ curl: string }>('requests.toCurl', { request: createApp, environmentId: env.id, includeSecrets: true });
    expect(shown.curl).toMatch(/-H 'Authorization: Bearer [\w.-]+'/);
    const answer = await runCurl(shown.curl.replace('{{sender}}', 'x'));
    // {{sender}} is not defined here, so it is left as typed (and reported as unresolved).
    expect(answer.status, answer.body).toBe(200);

    const none = await call<{ curl: string }>('requests.toCurl', { request: { ...listApps, auth: 'none' }, environmentId: env.id, includeSecrets: true });
    expect(none.curl).not.toMatch(/Authorization/i);
    expect((await runCurl(none.curl)).status).toBe(401);
  });

  test('an environment without a stored key secret says why no Authorization was added', async () => {
    const env = await environment('Curl No Secret', (e) => ({
      ...e,
      region: 'custom',
      customBaseUrl: sandbox.conversationUrl,
      projectId: sandbox.projectId,
      auth: { mode: 'oauth2', tokenUrl: sandbox.authUrl, keyId: 'other' },
    }));
    const result = await call<{ curl: string; warnings: string[] }>('requests.toCurl', { request: listApps, environmentId: env.id, includeSecrets: true });
    expect(result.curl).not.toMatch(/Authorization/);
    expect(result.warnings).toEqual([expect.stringMatching(/^No Authorization added: No key secret is stored for environment "Curl No Secret"/)]);
  });
});
