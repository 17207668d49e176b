import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/index';
import { createDispatcher } from '../../../electron/backend/dispatcher';
import { startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';
import { MemorySecretStore } from '../../../electron/backend/secrets/index';
import { KeytarSecretStore } from '../../../electron/backend/secrets/index';
import type { Environment } from '../../../shared/model/environment';
import { emptyRequest } from '../../../shared/model/httpRequest';

/**
 * A whole session as a user would have it: access key, tokens, secret variables, requests,
 * webhooks with a secret, a saved and an exported collection. Afterwards no secret value may be
 * found anywhere on disk (data folder, workspace), in the export, or in anything logged.
 * With `npm test` the real OS keychain is used; elsewhere an in-memory store stands in for it.
 */
const KEY_SECRET = 'scan-key-secret-9d2f71c4a8';
const WEBHOOK_SECRET = 'scan-webhook-secret-33b1e07f';
const VARIABLE_SECRET = 'scan-variable-secret-5c0de9aa';

let dataDir: string;
let workspaceDir: string;
let backend: Backend;
let sandbox: SandboxHandle;
const logged: string[] = [];
const realLog = { log: console.log, error: console.error, warn: console.warn };

type Dispatch = ReturnType<typeof createDispatcher>;
async function call<T>(dispatch: Dispatch, method: string, input?: unknown): Promise<T> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.result as T;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sce-scan-'));
  workspaceDir = join(dataDir, 'my-workspace');
  for (const level of ['log', 'error', 'warn'] as const) console[level] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  sandbox = await startSandbox({ keyId: 'scan-key-id', keySecret: KEY_SECRET });
  const keychain = process.env.SCE_TEST_SESSION === 'dbus' ? new KeytarSecretStore({ service: `SCE scan test ${process.pid}` }) : new MemorySecretStore();
  backend = await createBackend({ dataDir, workspaceDir, host: 'browser', keychain });
});

afterAll(async () => {
  Object.assign(console, realLog);
  await backend.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe('no secret leaves the keychain', () => {
  test('after a full session, no secret value is in any file, export or log', async () => {
    const dispatch = createDispatcher(backend.handlers);
    const created = await call<Environment>(dispatch, 'environments.create', { name: 'Scan' });
    const env: Environment = {
      ...created,
      region: 'custom',
      customBaseUrl: sandbox.conversationUrl,
      customTemplateUrl: sandbox.templateUrl,
      projectId: sandbox.projectId,
      auth: { mode: 'oauth2', tokenUrl: sandbox.authUrl, keyId: 'scan-key-id' },
      variables: [{ key: 'hook_secret', value: VARIABLE_SECRET, enabled: true, secret: true }],
    };
    const saved = await call<Environment>(dispatch, 'environments.update', { environment: env });
    expect(saved.variables[0]).toEqual({ key: 'hook_secret', value: '', enabled: true, secret: true });
    await call(dispatch, 'credentials.set', { environmentId: env.id, purpose: 'access-key-secret', value: KEY_SECRET });
    await call(dispatch, 'credentials.set', { environmentId: env.id, purpose: 'webhook-secret', name: 'scan-hook', value: WEBHOOK_SECRET });
    const token = await call<{ tokenType: string }>(dispatch, 'auth.getToken', { environmentId: env.id });
    expect(token.tokenType.toLowerCase()).toBe('bearer');

    const listener = await call<{ url: string; listening: boolean }>(dispatch, 'webhooks.start', { port: 0 });
    expect(listener.listening).toBe(true);

    const send = async (
      method: 'GET' | 'POST',
      url: string,
      body?: string,
      captures: { variable: string; from: 'body'; path: string; enabled: boolean }[] = [],
    ): Promise<{ ok: boolean; response?: { status: number } }> =>
      call(dispatch, 'requests.send', {
        requestId: `r-${Math.random()}`,
        environmentId: env.id,
        request: { ...emptyRequest(), method, url, body: body ? { mode: 'json', text: body } : { mode: 'none', text: '' }, captures },
      });
    const app = await send(
      'POST',
      '{{base_url}}/v1/projects/{{project_id}}/apps',
      JSON.stringify({ display_name: 'Scan', channel_credentials: [{ channel: 'SMS', static_bearer: { claimed_identity: '1', token: 't' } }] }),
      [{ variable: 'app_id', from: 'body', path: 'id', enabled: true }],
    );
    expect(app.response?.status).toBe(200);
    const hook = await send(
      'POST',
      '{{base_url}}/v1/projects/{{project_id}}/webhooks',
      JSON.stringify({ app_id: '{{app_id}}', target: `${listener.url}hook`, target_type: 'HTTP', secret: '{{hook_secret}}', triggers: ['MESSAGE_DELIVERY'] }),
    );
    expect(hook.response?.status).toBe(200);
    const message = await send(
      'POST',
      '{{base_url}}/v1/projects/{{project_id}}/messages:send',
      JSON.stringify({
        app_id: '{{app_id}}',
        recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+46700000001' }] } },
        message: { text_message: { text: 'hi' } },
      }),
    );
    expect(message.response?.status).toBe(200);
    // Callbacks arrive after the send answers; wait (bounded) for the delivery report.
    let events: { events: { verdict: { kind: string } }[] } = { events: [] };
    for (let i = 0; i < 100 && events.events.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      events = await call(dispatch, 'webhooks.query', { filter: {}, offset: 0, limit: 50 });
    }
    expect(events.events.map((e) => e.verdict.kind)).toContain('valid');

    // Save a request into a collection and export it.
    const collection = await call<{ id: string }>(dispatch, 'collections.create', { name: 'Scan requests' });
    await call(dispatch, 'collections.saveRequest', {
      parentId: collection.id,
      request: {
        ...emptyRequest(),
        id: 'scan-req',
        name: 'With auth header',
        description: '',
        variables: [],
        captures: [],
        auth: 'inherit',
        url: '{{base_url}}/x',
        headers: [{ key: 'X-Hook-Secret', value: '{{hook_secret}}', enabled: true }],
      },
    });
    const exported = await call<{ text: string }>(dispatch, 'collections.export', { id: collection.id });
    await call(dispatch, 'webhooks.stop');
    await backend.close();

    const secrets = [KEY_SECRET, WEBHOOK_SECRET, VARIABLE_SECRET, Buffer.from(`scan-key-id:${KEY_SECRET}`).toString('base64')];
    const places: { where: string; text: string }[] = [
      { where: 'export', text: exported.text },
      { where: 'logs', text: logged.join('\n') },
    ];
    for (const file of await filesUnder(dataDir)) places.push({ where: file, text: (await readFile(file)).toString('latin1') });
    expect(places.length).toBeGreaterThan(5);
    const leaks = places.flatMap(({ where, text }) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 12)}… in ${where}`));
    expect(leaks).toEqual([]);
  });
});
