import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpExecutor, PREVIEW_LIMIT } from '../../../electron/backend/http/executor';
import { ResponseStore } from '../../../electron/backend/http/responseStore';
import type { ResolvedRequest } from '../../../shared/variables';
import { startEchoServer, type EchoServer } from '../../support/echoServer';

let echo: EchoServer;
let gzipServer: Server;
let gzipUrl: string;
const store = new ResponseStore();
const executor = new HttpExecutor(store);
const never = new AbortController().signal;

const request = (patch: Partial<ResolvedRequest>): ResolvedRequest => ({ method: 'GET', url: echo.url, headers: [], body: null, unresolved: [], ...patch });

beforeAll(async () => {
  echo = await startEchoServer();
  gzipServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    res.end(gzipSync(JSON.stringify({ compressed: true })));
  });
  await new Promise<void>((resolve) => gzipServer.listen(0, '127.0.0.1', resolve));
  gzipUrl = `http://127.0.0.1:${(gzipServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await echo.close();
  await new Promise<void>((resolve) => gzipServer.close(() => resolve()));
});

describe('the HTTP executor', () => {
  test('sends method, headers and body as given and reports status, headers, size and time', async () => {
    const result = await executor.execute(
      request({ method: 'POST', url: `${echo.url}/send?x=1`, headers: [{ name: 'X-Custom', value: 'v' }], body: '{"a":1}' }),
      { timeoutMs: 5000, signal: never },
    );
    if (!result.ok) throw new Error(result.error.message);
    expect(result.response.status).toBe(200);
    expect(result.response.headers).toContainEqual({ name: 'X-Echo', value: 'yes' });
    expect(result.response.sizeBytes).toBe(Buffer.byteLength(result.response.body.preview));
    expect(result.response.timeMs).toBeGreaterThanOrEqual(0);
    const sent = echo.received.at(-1);
    expect(sent).toMatchObject({ method: 'POST', url: '/send?x=1', body: '{"a":1}' });
    expect(sent?.headers['x-custom']).toBe('v');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers.host).toBe(`127.0.0.1:${echo.port}`);
  });

  test('a user-set Content-Type is kept', async () => {
    await executor.execute(request({ method: 'POST', headers: [{ name: 'content-type', value: 'text/plain' }], body: 'hi' }), {
      timeoutMs: 5000,
      signal: never,
    });
    expect(echo.received.at(-1)?.headers['content-type']).toBe('text/plain');
  });

  test('gzip bodies are decoded', async () => {
    const result = await executor.execute(request({ url: gzipUrl }), { timeoutMs: 5000, signal: never });
    expect(result.ok && JSON.parse(result.response.body.preview)).toEqual({ compressed: true });
  });

  test('a large body is previewed, flagged truncated, and kept whole for saving', async () => {
    const result = await executor.execute(request({ url: `${echo.url}/big?bytes=2000000` }), { timeoutMs: 10000, signal: never });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.response.body.truncated).toBe(true);
    expect(Buffer.byteLength(result.response.body.preview)).toBeLessThanOrEqual(PREVIEW_LIMIT);
    expect(store.get(result.response.responseId)?.length).toBe(result.response.sizeBytes);
    expect(result.response.sizeBytes).toBeGreaterThan(1_900_000);
  });

  test('a timeout says how long it waited and what to do', async () => {
    const result = await executor.execute(request({ url: `${echo.url}/slow?ms=3000` }), { timeoutMs: 200, signal: never });
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(!result.ok && result.error.message).toMatch(/200 ms/);
  });

  test('cancelling stops the request', async () => {
    const controller = new AbortController();
    const pending = executor.execute(request({ url: `${echo.url}/slow?ms=3000` }), { timeoutMs: 10000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  test('a refused connection, a bad URL and unresolved variables each get their own clear error', async () => {
    const closed = await startEchoServer();
    const url = closed.url;
    await closed.close();
    const refused = await executor.execute(request({ url }), { timeoutMs: 5000, signal: never });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(!refused.ok && refused.error.message).toMatch(/Connection refused/);
    expect(await executor.execute(request({ url: 'not a url' }), { timeoutMs: 5000, signal: never })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL' },
    });
    expect(await executor.execute(request({ url: 'file:///etc/passwd' }), { timeoutMs: 5000, signal: never })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL' },
    });
    expect(await executor.execute(request({ unresolved: ['app_id'] }), { timeoutMs: 5000, signal: never })).toMatchObject({
      ok: false,
      error: { code: 'UNRESOLVED_VARIABLES', variables: ['app_id'] },
    });
  });
});

describe('kept-alive connections', () => {
  test('a request after the server restarted on the same port still gets through', async () => {
    const first = await startEchoServer();
    const url = `${first.url}/one`;
    const port = first.port;
    expect((await executor.execute(request({ url }), { timeoutMs: 5000, signal: never })).ok).toBe(true);
    await first.close();
    // Same port again: the executor's pooled socket to it is now dead.
    const { createServer } = await import('node:http');
    const again = createServer((_req, res) => res.end('{"again":true}'));
    await new Promise<void>((resolve) => again.listen(port, '127.0.0.1', resolve));
    try {
      const result = await executor.execute(request({ url: `http://127.0.0.1:${port}/two` }), { timeoutMs: 5000, signal: never });
      expect(result.ok && result.response.body.preview).toBe('{"again":true}');
    } finally {
      again.closeAllConnections();
      await new Promise<void>((resolve) => again.close(() => resolve()));
    }
  });
});
