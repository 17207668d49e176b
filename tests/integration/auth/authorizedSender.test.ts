import { afterEach, describe, expect, it } from 'vitest';
import { AuthorizedSender, type AuthSettings, type AuthorizedSendResult } from '../../../electron/backend/auth/authorizedSender';
import { TokenManager } from '../../../electron/backend/auth/tokenManager';
import { HttpExecutor } from '../../../electron/backend/http/executor';
import { ResponseStore } from '../../../electron/backend/http/responseStore';
import type { ResolvedRequest } from '../../../shared/variables';
import { countingSandbox, sleep, type CountingSandbox } from './helpers';

const open: CountingSandbox[] = [];
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.sandbox.close();
});

async function sandbox(options: Parameters<typeof countingSandbox>[0] = {}): Promise<CountingSandbox> {
  const sb = await countingSandbox(options);
  open.push(sb);
  return sb;
}

const listApps = (sb: CountingSandbox, headers: ResolvedRequest['headers'] = []): ResolvedRequest => ({
  method: 'GET',
  url: `${sb.sandbox.conversationUrl}/v1/projects/${sb.sandbox.projectId}/apps`,
  headers,
  body: null,
  unresolved: [],
});
type OAuth2 = Extract<AuthSettings, { mode: 'oauth2' }>;
const oauth2 = (sb: CountingSandbox, tokenUrl = sb.sandbox.authUrl): OAuth2 => ({
  mode: 'oauth2',
  tokenUrl,
  keyId: sb.sandbox.keyId,
  keySecret: sb.sandbox.keySecret,
});
const options = (): { timeoutMs: number; signal: AbortSignal } => ({ timeoutMs: 5000, signal: new AbortController().signal });
const status = (r: AuthorizedSendResult): number | undefined => (r.kind === 'response' && r.result.ok ? r.result.response.status : undefined);
const shape = (r: AuthorizedSendResult): string[] =>
  r.timeline.map((e) => `${e.kind}${e.fromCache === undefined ? '' : e.fromCache ? ':cache' : ':fetch'} ${e.status ?? '-'}`);

function expectNoCredentials(r: AuthorizedSendResult, ...values: string[]): void {
  const text = JSON.stringify(r.timeline);
  for (const v of values) expect(text).not.toContain(v);
}

describe('AuthorizedSender', () => {
  it('OAuth2: fetches a token, sends with Bearer, then reuses the cached token', async () => {
    const sb = await sandbox();
    const tokens = new TokenManager();
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), tokens);
    const first = await sender.send(listApps(sb), oauth2(sb), options());
    expect(status(first)).toBe(200);
    expect(shape(first)).toEqual(['token:fetch 200', 'request 200']);
    expect(first.timeline[0]?.label).toContain(sb.sandbox.authUrl);
    const second = await sender.send(listApps(sb), oauth2(sb), options());
    expect(shape(second)).toEqual(['token:cache -', 'request 200']);
    expect(sb.tokenRequests()).toHaveLength(1);
    const token = (await tokens.getToken(oauth2(sb))).accessToken;
    expectNoCredentials(first, sb.sandbox.keySecret, token);
    expectNoCredentials(second, sb.sandbox.keySecret, token);
  });

  it('OAuth2: a cached token the API refuses (401) → exactly one new token and one retry', async () => {
    const a = await sandbox();
    const tokens = new TokenManager();
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), tokens);
    // Node's global agent keeps connections alive; a socket to the closed server must not be reused.
    const close = [{ name: 'Connection', value: 'close' }];
    expect(status(await sender.send(listApps(a, close), oauth2(a), options()))).toBe(200);
    const port = new URL(a.sandbox.conversationUrl).port;
    await a.sandbox.close();

    // Same URL, new server: it never issued the cached token (another signing key), like a revoked one.
    const b = await sandbox({ port: Number(port) });
    const result = await sender.send(listApps(b, close), oauth2(b), options());
    expect(status(result)).toBe(200);
    expect(shape(result)).toEqual(['token:cache -', 'request 401', 'token:fetch 200', 'retry 200']);
    expect(b.tokenRequests()).toHaveLength(1);
    expect(b.apiRequests().map((l) => l.replace(/ \(\d+ ms\)$/, ''))).toEqual([
      `[conversation] GET /v1/projects/${b.sandbox.projectId}/apps -> 401`,
      `[conversation] GET /v1/projects/${b.sandbox.projectId}/apps -> 200`,
    ]);
    expect(result.timeline[2]?.label).toMatch(/^after 401: Token fetched/);
    expectNoCredentials(result, b.sandbox.keySecret);
  });

  it('OAuth2: a 401 whose WWW-Authenticate says "expired" refreshes and retries even when the clock said the token was fine', async () => {
    // 2 s, not 1: the fresh token used for the retry must not itself expire within the same second.
    const sb = await sandbox({ tokenTtlSeconds: 2 });
    // A local clock 5 s behind the server's: the cached token looks valid here while the API calls it expired.
    const tokens = new TokenManager({ now: () => Date.now() - 5000 });
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), tokens);
    const first = await tokens.getToken(oauth2(sb));
    await sleep(Math.max(0, first.expiresAt - Date.now()) + 50);
    const result = await sender.send(listApps(sb), oauth2(sb), options());
    expect(shape(result)).toEqual(['token:cache -', 'request 401', 'token:fetch 200', 'retry 200']);
    expect(sb.tokenRequests()).toHaveLength(2);
  });

  it('OAuth2: a freshly fetched token that is refused is not retried (a retry would be refused too)', async () => {
    const issuer = await sandbox();
    const api = await sandbox();
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), new TokenManager());
    const result = await sender.send(listApps(api), oauth2(issuer), options());
    expect(status(result)).toBe(401);
    expect(shape(result)).toEqual(['token:fetch 200', 'request 401']);
    expect(api.apiRequests()).toHaveLength(1);
  });

  it('OAuth2: a token failure is reported as such, and the API is not called', async () => {
    const sb = await sandbox();
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), new TokenManager());
    const secret = 'not-the-sandbox-secret-8Hq';
    const result = await sender.send(listApps(sb), { ...oauth2(sb), keySecret: secret }, options());
    expect(result.kind).toBe('token-error');
    if (result.kind !== 'token-error') return;
    expect(result.error.status).toBe(401);
    expect(result.error.message).toContain('check the key id and key secret');
    expect(shape(result)).toEqual(['token:fetch 401']);
    expect(sb.apiRequests()).toHaveLength(0);
    expectNoCredentials(result, secret);
    expect(`${result.error.message}${result.error.stack ?? ''}`).not.toContain(secret);
  });

  it('Basic: sends the key as Basic auth, replacing an Authorization header the user typed; no token requests', async () => {
    const sb = await sandbox();
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), new TokenManager());
    const request = listApps(sb, [{ name: 'authorization', value: 'Bearer stale-user-typed' }]);
    const ok = await sender.send(request, { mode: 'basic', keyId: sb.sandbox.keyId, keySecret: sb.sandbox.keySecret }, options());
    expect(status(ok)).toBe(200);
    expect(shape(ok)).toEqual(['request 200']);
    expect(ok.timeline[0]?.label).toContain(`Basic auth (key id ${sb.sandbox.keyId})`);
    expect(request.headers).toEqual([{ name: 'authorization', value: 'Bearer stale-user-typed' }]);
    const bad = await sender.send(listApps(sb), { mode: 'basic', keyId: sb.sandbox.keyId, keySecret: 'wrong-basic-secret' }, options());
    expect(status(bad)).toBe(401);
    expect(shape(bad)).toEqual(['request 401']);
    expect(sb.tokenRequests()).toHaveLength(0);
    expectNoCredentials(bad, 'wrong-basic-secret', Buffer.from(`${sb.sandbox.keyId}:wrong-basic-secret`).toString('base64'));
  });

  it('none: sends as is, and a 401 is just the answer', async () => {
    const sb = await sandbox();
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), new TokenManager());
    const result = await sender.send(listApps(sb), { mode: 'none' }, options());
    expect(status(result)).toBe(401);
    expect(shape(result)).toEqual(['request 401']);
    expect(sb.tokenRequests()).toHaveLength(0);
  });

  it('does not spend a token request on a request that cannot be sent', async () => {
    const sb = await sandbox();
    const sender = new AuthorizedSender(new HttpExecutor(new ResponseStore()), new TokenManager());
    const result = await sender.send({ ...listApps(sb), unresolved: ['app_id'] }, oauth2(sb), options());
    expect(result.kind === 'response' && !result.result.ok && result.result.error.code).toBe('UNRESOLVED_VARIABLES');
    expect(sb.tokenRequests()).toHaveLength(0);
  });
});
