/**
 * `sinch-explorer run` recovers from a 401 the way the app's Send does (issue 20): the token it
 * cached is refused, so it is dropped, a fresh one is fetched and the request goes once more
 * (AuthorizedSender). The real CLI entry, against a loopback server that plays both the token
 * endpoint and the API, and revokes each token after its first use.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from '../../support/runCli';

let server: Server;
let base: string;
let dir: string;
/** What the server saw, in order: `token t1`, `GET /v1/apps Bearer t1 → 200`… */
const seen: string[] = [];

beforeAll(async () => {
  let issued = 0;
  const valid = new Set<string>();
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/oauth2/token') {
        const token = `t${++issued}`;
        valid.add(token);
        seen.push(`token ${token}`);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 3600 }));
        return;
      }
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      // A token is good for one request: the next one that carries it is refused, as a revoked key's is.
      const ok = valid.delete(token);
      seen.push(`${req.method ?? ''} ${req.url ?? ''} Bearer ${token} → ${ok ? 200 : 401}`);
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json', ...(ok ? {} : { 'WWW-Authenticate': 'Bearer error="invalid_token"' }) });
      res.end(JSON.stringify(ok ? { apps: [] } : { error: { code: 401, message: 'Unauthorized', status: 'UNAUTHENTICATED' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'sce-refresh-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

test('a request whose cached token is refused gets a fresh token and goes again, as in the app', async () => {
  const request = (name: string) => ({
    name,
    request: { method: 'GET', header: [], url: { raw: '{{BASE_URL}}/v1/apps', host: ['{{BASE_URL}}'], path: ['v1', 'apps'] } },
  });
  const collection = {
    info: { name: 'Refresh', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    auth: {
      type: 'oauth2',
      oauth2: [
        { key: 'grant_type', value: 'client_credentials' },
        { key: 'accessTokenUrl', value: '{{AUTH_URL}}' },
        { key: 'clientId', value: '{{KEY_ID}}' },
        { key: 'clientSecret', value: '{{KEY_SECRET}}' },
      ],
    },
    item: [request('First'), request('Second')],
  };
  const environment = {
    name: 'Loopback',
    values: [
      { key: 'BASE_URL', value: base, enabled: true },
      { key: 'AUTH_URL', value: `${base}/oauth2/token`, enabled: true },
      { key: 'KEY_ID', value: 'key-id', enabled: true },
      { key: 'KEY_SECRET', value: 'key-secret', type: 'secret', enabled: true },
    ],
  };
  const collectionFile = join(dir, 'refresh.postman_collection.json');
  const environmentFile = join(dir, 'loopback.postman_environment.json');
  await writeFile(collectionFile, JSON.stringify(collection));
  await writeFile(environmentFile, JSON.stringify(environment));

  const { code, stdout, stderr } = await runCli(['run', collectionFile, '--env', environmentFile, '--json']);
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; name?: string; ok?: boolean; status?: number });
  expect(
    lines.filter((l) => l.type === 'result').map((r) => [r.name, r.status]),
    stdout + stderr,
  ).toEqual([
    ['First', 200],
    ['Second', 200],
  ]);
  // The second request's cached token was refused: dropped, a new one fetched, the request sent again.
  expect(seen).toEqual(['token t1', 'GET /v1/apps Bearer t1 → 200', 'GET /v1/apps Bearer t1 → 401', 'token t2', 'GET /v1/apps Bearer t2 → 200']);
  expect(code).toBe(0);
}, 60_000);
