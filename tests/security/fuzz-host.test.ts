// Property-based fuzz of the browser host's URL handling (issue #10): whatever request target,
// token and cookie arrive, the host never answers 5xx, never redirects off its origin, and keeps
// serving. Loopback only, bounded runs, a server on a free port closed afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawExchange, runs } from './fuzzSupport';
import { rawGet, startTestHost, type TestHost } from './hostServer';

const TOKEN = 'fuzz-token-0123456789abcdef';

describe('browser host fuzz: request targets, tokens and cookies', () => {
  let app: TestHost;
  let port: number;
  let origin: string;

  beforeAll(async () => {
    app = await startTestHost(TOKEN);
    port = app.host.port;
    origin = `http://127.0.0.1:${port}`;
  });
  afterAll(() => app.close());

  const piece = fc.oneof(
    fc.constantFrom('/', '//', '/./', '/../', '.', '..', '\\', '%', '%2', '%2F', '%2f', '%5C', '%2e', '%2E%2E', '%00', '%E0%A4%A', '%C0%AF', '%25'),
    fc.constantFrom('?', '#', '@', ':', ';', '&', '=', '+', 'evil.example', 'localhost', '127.0.0.1', 'index.html', 'api', 'a b', '\t'),
    fc.constantFrom(`token=${TOKEN}`, 'token=wrong', `?token=${TOKEN}`, `&token=${TOKEN}`),
    fc.string({ maxLength: 4 }),
  );
  const target = fc.oneof(
    { arbitrary: fc.array(piece, { maxLength: 10 }).map((parts) => `/${parts.join('')}`), weight: 4 },
    { arbitrary: fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')), weight: 1 },
    { arbitrary: fc.constantFrom('http://evil.example/', '*', 'evil.example:80', `http://127.0.0.1:0/?token=${TOKEN}`), weight: 1 },
  );
  const cookie = fc.oneof(
    fc.constant(''),
    fc.constant(`sce_token_PORT=${TOKEN}`),
    fc.string({ maxLength: 12 }).map((v) => `sce_token_PORT=${v}`),
    fc.constantFrom('sce_token_PORT=%', 'sce_token_PORT=%E0%A4%A', 'a=b; sce_token_PORT', '=; ;=;'),
  );

  it('never a 5xx, never an off-origin Location, for any request target', async () => {
    await fc.assert(
      fc.asyncProperty(target, cookie, fc.constantFrom('GET', 'HEAD'), async (path, rawCookie, method) => {
        // Bytes a request line cannot carry are the client's problem; the host still must not fall over.
        const line = path.replace(/[\r\n]/g, '');
        const headers = [`${method} ${line} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
        if (rawCookie !== '') headers.push(`Cookie: ${rawCookie.replace(/PORT/g, String(port)).replace(/[\r\n]/g, '')}`);
        const reply = await rawExchange(port, `${headers.join('\r\n')}\r\n\r\n`);
        expect(reply.status, `${method} ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(200);
        expect(reply.status, `${method} ${JSON.stringify(line)} → ${reply.status} ${reply.body.slice(0, 100)}`).toBeLessThan(500);
        const location = reply.headers.get('location');
        if (location !== undefined) {
          expect(location, `${JSON.stringify(line)} → ${location}`).toMatch(/^\/(?![/\\])/);
          expect(new URL(location, origin).origin, `${JSON.stringify(line)} → ${location}`).toBe(origin);
        }
      }),
      runs(300),
    );
    const alive = await rawGet(port, '/', { Cookie: `sce_token_${port}=${TOKEN}` });
    expect(alive.status).toBe(200);
  });
});
