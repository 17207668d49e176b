import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { GLOBAL_AUTH_URL, tokenUrlChoiceOf, tokenUrlChoices } from '../../../shared/regions';
import { call, json, recordingServer, startBackend, value, type BackendHarness, type Recorded } from './helpers';

const KEY_ID = 'key-id-1';
const KEY_SECRET = 'key-secret-never-shown-42';
const SMS_TOKEN = 'server-side-sms-token-abc';
const WA_TOKEN = 'server-side-wa-token-def';

/** What the app looks like on the "server": secrets in the credentials, output-only fields beside them. */
function serverApp(): Record<string, unknown> {
  return {
    id: 'APP1',
    display_name: 'Shop',
    processing_mode: 'CONVERSATION',
    callback_settings: { secret_for_overridden_callback_urls: '' },
    channel_credentials: [
      {
        channel: 'SMS',
        static_bearer: { claimed_identity: 'plan', token: SMS_TOKEN },
        state: { status: 'ACTIVE', description: '' },
        channel_known_id: 'k1',
        credential_ordinal_number: 0,
      },
      {
        channel: 'WHATSAPP',
        static_bearer: { claimed_identity: 'bot', token: WA_TOKEN },
        state: { status: 'FAILING', description: 'bad token' },
        channel_known_id: 'k2',
        credential_ordinal_number: 1,
      },
    ],
  };
}

interface Api {
  tokenStatus?: number;
  appsStatus?: number;
  patchStatus?: number;
}

/** A "custom region" Conversation API and token endpoint on one loopback server, recording every call. */
async function fakeApi(options: Api = {}): Promise<Awaited<ReturnType<typeof recordingServer>>> {
  let app = serverApp();
  return recordingServer((req: Recorded, res: ServerResponse) => {
    const path = req.url.split('?')[0] ?? '';
    if (req.method === 'POST' && path === '/oauth2/token') {
      if (options.tokenStatus) return json(res, options.tokenStatus, { error: 'invalid_client', error_description: 'Bad client credentials' });
      return json(res, 200, { access_token: 'tok-123', token_type: 'bearer', expires_in: 3600, scope: '' });
    }
    if (req.headers.authorization !== 'Bearer tok-123') return json(res, 401, { error: { code: 401, message: 'no', status: 'UNAUTHENTICATED' } });
    if (req.method === 'GET' && path === '/v1/projects/p1/apps') {
      if (options.appsStatus)
        return json(res, options.appsStatus, { error: { code: options.appsStatus, message: 'Project p1 not found', status: 'NOT_FOUND' } });
      return json(res, 200, { apps: [app] });
    }
    if (req.method === 'GET' && path === '/v1/projects/p1/apps/APP1') return json(res, 200, app);
    if (req.method === 'GET' && path.startsWith('/v1/projects/p1/apps/'))
      return json(res, 404, { error: { code: 404, message: 'App not found', status: 'NOT_FOUND' } });
    if (req.method === 'PATCH' && path === '/v1/projects/p1/apps/APP1') {
      if (options.patchStatus) {
        return json(res, options.patchStatus, {
          error: { code: 400, message: `channel_credentials[0]: rejected; token ${SMS_TOKEN} invalid`, status: 'INVALID_ARGUMENT' },
        });
      }
      const body = JSON.parse(req.body) as { channel_credentials: Record<string, unknown>[] };
      app = { ...app, channel_credentials: body.channel_credentials.map((c) => ({ ...c, state: { status: 'ACTIVE', description: '' } })) };
      return json(res, 200, app);
    }
    return json(res, 404, { error: { code: 404, message: `no route ${req.method} ${path}`, status: 'NOT_FOUND' } });
  });
}

async function customEnvironment(h: BackendHarness, apiUrl: string, tokenUrl: string): Promise<string> {
  const env = await call(h.backend, 'environments.create', { name: 'Custom', region: 'custom' });
  await call(h.backend, 'environments.update', {
    environment: { ...env, customBaseUrl: apiUrl, projectId: 'p1', auth: { mode: 'oauth2', tokenUrl, keyId: KEY_ID } },
  });
  await call(h.backend, 'credentials.set', { environmentId: env.id, purpose: 'access-key-secret', value: KEY_SECRET });
  return env.id;
}

describe('token URL choices per region', () => {
  it('offers the global endpoint first, the regional host where Sinch has one, and custom', () => {
    expect(tokenUrlChoices('eu').map((c) => c.url)).toEqual([GLOBAL_AUTH_URL, 'https://eu.auth.sinch.com/oauth2/token', '']);
    expect(tokenUrlChoices('us').map((c) => c.url)).toEqual([GLOBAL_AUTH_URL, 'https://us.auth.sinch.com/oauth2/token', '']);
    expect(tokenUrlChoices('br').map((c) => c.id)).toEqual(['global', 'custom']);
    expect(tokenUrlChoices('eu')[0]?.recommended).toBe(true);
    expect(tokenUrlChoices('sandbox', 'http://127.0.0.1:9/oauth2/token')).toEqual([
      { id: 'sandbox', url: 'http://127.0.0.1:9/oauth2/token', label: expect.any(String) as unknown, recommended: true },
    ]);
    expect(tokenUrlChoiceOf('eu', '')).toBe('global');
    expect(tokenUrlChoiceOf('eu', 'https://eu.auth.sinch.com/oauth2/token')).toBe('regional');
    expect(tokenUrlChoiceOf('us', 'https://eu.auth.sinch.com/oauth2/token')).toBe('custom');
    expect(tokenUrlChoiceOf('br', 'http://127.0.0.1:1/token')).toBe('custom');
  });
});

describe('project calls against a recording API (custom region)', () => {
  let h: BackendHarness | undefined;
  let api: Awaited<ReturnType<typeof fakeApi>> | undefined;
  afterEach(async () => {
    await h?.close();
    await api?.close();
    h = undefined;
    api = undefined;
  });

  it("check fetches a token from the environment's token URL and lists the apps", async () => {
    api = await fakeApi();
    h = await startBackend();
    const envId = await customEnvironment(h, api.url, `${api.url}/oauth2/token`);
    const check = value(await call(h.backend, 'project.check', { environmentId: envId }));
    expect(check.token).toMatchObject({ tokenUrl: `${api.url}/oauth2/token`, keyId: KEY_ID, fromCache: false });
    expect(check.appCount).toBe(1);
    const tokenCall = api.requests.find((r) => r.url === '/oauth2/token');
    expect(tokenCall?.method).toBe('POST');
    expect(tokenCall?.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`);
    expect(tokenCall?.body).toBe('grant_type=client_credentials');
    expect(JSON.stringify(check)).not.toContain('tok-123');
  });

  it('reorder PATCHes only channel_credentials, in the new order, secrets passed through from the GET', async () => {
    api = await fakeApi();
    h = await startBackend();
    const envId = await customEnvironment(h, api.url, `${api.url}/oauth2/token`);
    const before = value(await call(h.backend, 'project.getApp', { environmentId: envId, appId: 'APP1' }));
    expect(before.channels.map((c) => c.key)).toEqual(['SMS', 'WHATSAPP']);
    expect(before.channels[1]?.state).toEqual({ status: 'FAILING', description: 'bad token' });
    expect(JSON.stringify(before)).not.toContain(SMS_TOKEN);

    const after = await call(h.backend, 'project.reorderChannels', { environmentId: envId, appId: 'APP1', order: ['WHATSAPP', 'SMS'] });
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(patch?.url).toBe('/v1/projects/p1/apps/APP1?update_mask=channel_credentials');
    const body = JSON.parse(patch?.body ?? '{}') as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['channel_credentials']);
    expect(body['channel_credentials']).toEqual([
      { channel: 'WHATSAPP', static_bearer: { claimed_identity: 'bot', token: WA_TOKEN }, credential_ordinal_number: 1 },
      { channel: 'SMS', static_bearer: { claimed_identity: 'plan', token: SMS_TOKEN }, credential_ordinal_number: 0 },
    ]);
    expect(patch?.headers['content-type']).toBe('application/json');
    expect(value(after).channels.map((c) => c.key)).toEqual(['WHATSAPP', 'SMS']);
    const text = JSON.stringify(after);
    for (const s of [SMS_TOKEN, WA_TOKEN, KEY_SECRET, 'tok-123']) expect(text).not.toContain(s);
  });

  it('a refused reorder is a problem in words with the API body redacted, and the server keeps its order', async () => {
    api = await fakeApi({ patchStatus: 400 });
    h = await startBackend();
    const envId = await customEnvironment(h, api.url, `${api.url}/oauth2/token`);
    const refused = await call(h.backend, 'project.reorderChannels', { environmentId: envId, appId: 'APP1', order: ['WHATSAPP', 'SMS'] });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problem).toMatchObject({
      field: 'order',
      status: 400,
      request: `PATCH ${api.url}/v1/projects/p1/apps/APP1?update_mask=channel_credentials`,
    });
    expect(refused.problem.message).toContain('The API says: channel_credentials[0]: rejected');
    expect(refused.problem.body).toContain('INVALID_ARGUMENT');
    expect(JSON.stringify(refused)).not.toContain(SMS_TOKEN);
    const shown = value(await call(h.backend, 'project.getApp', { environmentId: envId, appId: 'APP1' }));
    expect(shown.channels.map((c) => c.key)).toEqual(['SMS', 'WHATSAPP']);
  });

  it('401 from the token host points at the key secret, in one sentence that says each thing once', async () => {
    api = await fakeApi({ tokenStatus: 401 });
    h = await startBackend();
    const envId = await customEnvironment(h, api.url, `${api.url}/oauth2/token`);
    const check = await call(h.backend, 'project.check', { environmentId: envId });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem).toMatchObject({ field: 'keySecret', status: 401, request: `POST ${api.url}/oauth2/token` });
    expect(check.problem.message).toBe(
      `The token endpoint refused key id "${KEY_ID}" (401: invalid_client, Bad client credentials): check the key id and key secret in the Sinch dashboard (Settings → Access keys), and create a new key if the secret is lost (it is shown only once).`,
    );
    expect(JSON.stringify(check)).not.toContain(KEY_SECRET);
    const apps = await call(h.backend, 'project.listApps', { environmentId: envId });
    expect(apps.ok).toBe(false);
    if (!apps.ok) expect(apps.problem.field).toBe('keySecret');
  });

  it('404 on the apps list says the project is not there; 404 on an app names the app', async () => {
    api = await fakeApi({ appsStatus: 404 });
    h = await startBackend();
    const envId = await customEnvironment(h, api.url, `${api.url}/oauth2/token`);
    const apps = await call(h.backend, 'project.listApps', { environmentId: envId });
    expect(apps.ok).toBe(false);
    if (!apps.ok) {
      expect(apps.problem).toMatchObject({ field: 'projectId', status: 404 });
      expect(apps.problem.message).toContain('No such project');
      expect(apps.problem.body).toContain('Project p1 not found');
    }
    const app = await call(h.backend, 'project.getApp', { environmentId: envId, appId: 'OTHER' });
    expect(app.ok).toBe(false);
    if (!app.ok) expect(app.problem).toMatchObject({ field: 'app', status: 404 });
  });

  it('a refused connection is a network problem, not an exception', async () => {
    api = await fakeApi();
    const deadUrl = api.url;
    await api.close();
    api = undefined;
    h = await startBackend();
    const envId = await customEnvironment(h, deadUrl, `${deadUrl}/oauth2/token`);
    const check = await call(h.backend, 'project.check', { environmentId: envId });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem.field).toBe('network');
  });
});
