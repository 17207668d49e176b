import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenError } from '../../../electron/backend/auth/tokenError';
import { TokenManager } from '../../../electron/backend/auth/tokenManager';
import { closedPort, countingSandbox, json, scriptedServer, type CountingSandbox } from './helpers';

const fastBackoff = { baseMs: 40, factor: 4, maxMs: 1000 };

describe('TokenManager against the sandbox token endpoint', () => {
  let sb: CountingSandbox;
  beforeAll(async () => {
    sb = await countingSandbox({ tokenTtlSeconds: 3 });
  });
  afterAll(() => sb.sandbox.close());

  const creds = (): { tokenUrl: string; keyId: string; keySecret: string } => ({
    tokenUrl: sb.sandbox.authUrl,
    keyId: sb.sandbox.keyId,
    keySecret: sb.sandbox.keySecret,
  });

  it('fetches once, then answers from the cache', async () => {
    const tokens = new TokenManager();
    const before = sb.tokenRequests().length;
    const first = await tokens.getToken(creds());
    expect(first.fromCache).toBe(false);
    expect(first.tokenType.toLowerCase()).toBe('bearer');
    expect(first.accessToken.split('.')).toHaveLength(3);
    // Expiry comes from the JWT's exp (whole seconds), so within 3 s of now.
    expect(first.expiresAt).toBeGreaterThan(first.fetchedAt);
    expect(first.expiresAt).toBeLessThanOrEqual(first.fetchedAt + 3000);
    // 60 s skew is more than the lifetime: at most half of it is taken off instead.
    expect(first.expiresAt - first.refreshAt).toBeLessThanOrEqual((first.expiresAt - first.fetchedAt) / 2 + 1);

    const second = await tokens.getToken(creds());
    expect(second.fromCache).toBe(true);
    expect(second.accessToken).toBe(first.accessToken);
    expect(sb.tokenRequests().length - before).toBe(1);
    expect(sb.tokenRequests().at(-1)).toMatch(/-> 200/);
  });

  it('shares one in-flight request among 10 concurrent callers', async () => {
    const tokens = new TokenManager();
    const before = sb.tokenRequests().length;
    const all = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken(creds())));
    expect(new Set(all.map((t) => t.accessToken)).size).toBe(1);
    expect(sb.tokenRequests().length - before).toBe(1);
  });

  it('fetches a new token once the current one is close to expiry', async () => {
    // The manager's clock, moved past the refresh time instead of waiting for it.
    let now = Date.now();
    const tokens = new TokenManager({ now: () => now });
    const before = sb.tokenRequests().length;
    const first = await tokens.getToken(creds());
    expect((await tokens.getToken(creds())).fromCache).toBe(true);
    now = first.refreshAt - 1;
    expect((await tokens.getToken(creds())).fromCache).toBe(true);
    now = first.refreshAt;
    const next = await tokens.getToken(creds());
    expect(next.fromCache).toBe(false);
    expect(next.accessToken).not.toBe(first.accessToken);
    expect(sb.tokenRequests().length - before).toBe(2);
  });

  it('invalidate() drops the cached token; a changed secret never gets the old token', async () => {
    const tokens = new TokenManager();
    const first = await tokens.getToken(creds());
    tokens.invalidate(sb.sandbox.authUrl, sb.sandbox.keyId);
    const second = await tokens.getToken(creds());
    expect(second.fromCache).toBe(false);
    const wrong = await tokens.getToken({ ...creds(), keySecret: 'a-different-secret-value' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TokenError);
    expect(first.fromCache).toBe(false);
  });

  it('a wrong secret: TokenError with guidance, and the secret nowhere (message, stack, JSON, log)', async () => {
    const logged: string[] = [];
    const tokens = new TokenManager({ log: (l) => logged.push(l) });
    const secret = 'wrong-secret-Qm7xT2pL9vR4';
    const error = await tokens.getToken({ tokenUrl: sb.sandbox.authUrl, keyId: sb.sandbox.keyId, keySecret: secret }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    const e = error as TokenError;
    expect(e.status).toBe(401);
    expect(e.reason).toBe('rejected');
    expect(e.message).toContain(`refused key id "${sb.sandbox.keyId}"`);
    expect(e.message).toContain('check the key id and key secret');
    const basic = Buffer.from(`${sb.sandbox.keyId}:${secret}`).toString('base64');
    for (const text of [e.message, e.stack ?? '', JSON.stringify(e), String(e), logged.join('\n'), sb.lines.join('\n')]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(basic);
    }
    expect(logged.join('\n')).toContain('-> 401');
  });

  it('a wrong token URL (404) and an unreachable host say so', async () => {
    const tokens = new TokenManager();
    const notFound = await tokens.getToken({ ...creds(), tokenUrl: `${sb.sandbox.conversationUrl}/oauth2/nope` }).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(TokenError);
    expect((notFound as TokenError).status).toBe(404);
    expect((notFound as TokenError).message).toMatch(/^Wrong token URL: .*oauth2\/nope does not exist \(404\)/);

    const port = await closedPort();
    const refused = await tokens.getToken({ ...creds(), tokenUrl: `http://127.0.0.1:${port}/oauth2/token` }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TokenError);
    expect((refused as TokenError).reason).toBe('network');
    expect((refused as TokenError).status).toBeUndefined();
    expect((refused as TokenError).message).toContain(`Could not reach the token endpoint: 127.0.0.1:${port} refused the connection`);

    const missing = await tokens.getToken({ ...creds(), keySecret: '' }).catch((e: unknown) => e);
    expect((missing as TokenError).reason).toBe('invalid-input');
    expect((missing as TokenError).message).toMatch(/No key secret is stored/);
  });
});

describe('TokenManager and a rate-limited token endpoint', () => {
  it('retries a 429 with growing jittered delays: 429, 429, 200 = 3 requests', async () => {
    const server = await scriptedServer([
      json(429, { error: 'rate_limited' }),
      json(429, { error: 'rate_limited' }),
      json(200, { access_token: 'opaque-token-after-backoff', token_type: 'Bearer', expires_in: 2 }),
    ]);
    try {
      // The waits the manager asks for, answered at once: the test measures them, not the wall clock.
      const waits: number[] = [];
      const sleep = async (ms: number): Promise<void> => {
        waits.push(ms);
      };
      const tokens = new TokenManager({ backoff: fastBackoff, sleep });
      const token = await tokens.getToken({ tokenUrl: server.url, keyId: 'key-429', keySecret: 'secret-429-value' });
      expect(token.accessToken).toBe('opaque-token-after-backoff');
      expect(token.attempts).toBe(3);
      expect(server.requests).toHaveLength(3);
      expect(waits).toHaveLength(2);
      const [firstDelay, secondDelay] = waits as [number, number];
      // Equal jitter: retry n waits between half and all of base·4^(n-1).
      expect(firstDelay).toBeGreaterThanOrEqual(20);
      expect(firstDelay).toBeLessThanOrEqual(40);
      expect(secondDelay).toBeGreaterThanOrEqual(80);
      expect(secondDelay).toBeLessThanOrEqual(160);
      expect(secondDelay).toBeGreaterThan(firstDelay);
      // What every request carried (reference §2.2).
      for (const r of server.requests) {
        expect(r.body).toBe('grant_type=client_credentials');
        expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(r.headers.authorization).toBe(`Basic ${Buffer.from('key-429:secret-429-value').toString('base64')}`);
      }
      // Not a JWT: expiry from expires_in, refresh at half the 2 s lifetime.
      expect(token.expiresAt - token.fetchedAt).toBe(2000);
      expect(token.refreshAt - token.fetchedAt).toBe(1000);
      expect(firstDelay + secondDelay).toBeLessThan(1500);
    } finally {
      await server.close();
    }
  });

  it('gives up after 3 retries with a TokenError that says it is rate limited', async () => {
    const server = await scriptedServer([json(429, { error: 'rate_limited' })]);
    try {
      const tokens = new TokenManager({ backoff: { baseMs: 5, factor: 2, maxMs: 50 }, sleep: () => Promise.resolve() });
      const error = await tokens.getToken({ tokenUrl: server.url, keyId: 'key-429', keySecret: 'secret-429-value' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenError);
      expect((error as TokenError).status).toBe(429);
      expect((error as TokenError).message).toMatch(/rate limiting \(429\) and still was after 3 retries/);
      expect(server.requests).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('a 200 that is not a token points at the token URL', async () => {
    const server = await scriptedServer([json(200, { hello: 'world' })]);
    try {
      const error = await new TokenManager().getToken({ tokenUrl: server.url, keyId: 'k', keySecret: 's3cr3t-value' }).catch((e: unknown) => e);
      expect((error as TokenError).reason).toBe('bad-response');
      expect((error as TokenError).message).toMatch(/without an access_token.*Check the token URL/);
    } finally {
      await server.close();
    }
  });
});
