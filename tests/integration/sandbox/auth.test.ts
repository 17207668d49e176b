import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/backend/sandbox/index';
import type { Client } from './helpers';
import { expectRpcError, sleep, withSandbox } from './helpers';

describe('sandbox auth', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const tokenRequest = (authorization: string | undefined, body = 'grant_type=client_credentials'): Promise<Response> =>
    fetch(sandbox.authUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(authorization ? { Authorization: authorization } : {}) },
      body,
    });

  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox({ tokenTtlSeconds: 2 }));
  });
  afterAll(() => sandbox.close());

  it('issues a JWT-shaped bearer token whose exp matches expires_in', async () => {
    const res = await tokenRequest(basic(sandbox.keyId, sandbox.keySecret));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number; scope: string };
    expect(body.token_type.toLowerCase()).toBe('bearer');
    expect(body.expires_in).toBe(2);
    const parts = body.access_token.split('.');
    expect(parts).toHaveLength(3);
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(2);
  });

  it('rejects wrong client credentials and bad grants the OAuth2 way', async () => {
    const wrong = await tokenRequest(basic(sandbox.keyId, 'nope'));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    const none = await tokenRequest(undefined);
    expect(none.status).toBe(401);
    const grant = await tokenRequest(basic(sandbox.keyId, sandbox.keySecret), 'grant_type=password');
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('requires credentials on every API call, with a Bearer challenge', async () => {
    const res = await fetch(`${sandbox.conversationUrl}${client.project}/apps`);
    expectRpcError({ status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> }, 401, 'UNAUTHENTICATED');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const forged = await client.call('GET', `${client.project}/apps`, undefined, { authorization: 'Bearer a.b.c' });
    expectRpcError(forged, 401, 'UNAUTHENTICATED');
    expect(forged.headers.get('www-authenticate')).not.toMatch(/expired/);
  });

  it('accepts Basic auth with the access key, and refuses a wrong one', async () => {
    const ok = await client.call('GET', `${client.project}/apps`, undefined, { authorization: basic(sandbox.keyId, sandbox.keySecret) });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ apps: [] });
    const bad = await client.call('GET', `${client.project}/apps`, undefined, { authorization: basic(sandbox.keyId, 'x') });
    expectRpcError(bad, 401, 'UNAUTHENTICATED');
  });

  it('answers 401 with an "expired" WWW-Authenticate once the token lifetime has passed', async () => {
    const token = await client.fetchToken();
    const fresh = await client.call('GET', `${client.project}/apps`, undefined, { authorization: `Bearer ${token}` });
    expect(fresh.status).toBe(200);
    // exp has whole-second precision: wait until just past it rather than a fixed time.
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
    await sleep(exp * 1000 - Date.now() + 50);
    const stale = await client.call('GET', `${client.project}/apps`, undefined, { authorization: `Bearer ${token}` });
    expectRpcError(stale, 401, 'UNAUTHENTICATED');
    expect(stale.headers.get('www-authenticate')).toMatch(/expired/);
  });

  it('refuses another project id with 403 PERMISSION_DENIED', async () => {
    const res = await client.call('GET', '/v1/projects/someone-elses-project/apps', undefined, {
      authorization: basic(sandbox.keyId, sandbox.keySecret),
    });
    expectRpcError(res, 403, 'PERMISSION_DENIED');
  });
});
