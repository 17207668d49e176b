// Findings 3 and 5 of issue #10: the browser host redirected off-origin when trading the launch
// token for a cookie (`/.//evil.example/?token=…` → `Location: //evil.example/`), and answered
// malformed percent-encoding (`/%`) with a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, rawUpgrade, startTestHost, type TestHost } from './hostServer';

const TOKEN = 'test-token-0123456789abcdef';

describe('browser host URL handling', () => {
  let app: TestHost;
  let port: number;
  const cookie = (): Record<string, string> => ({ Cookie: `sce_token_${port}=${TOKEN}` });

  beforeAll(async () => {
    app = await startTestHost(TOKEN);
    port = app.host.port;
  });
  afterAll(() => app.close());

  it.each([
    ['/.//evil.example/', '/evil.example/'],
    ['//evil.example/', '/evil.example/'],
    ['/\\evil.example/', '/evil.example/'],
    ['/%2F%2Fevil.example/', '/%2F%2Fevil.example/'],
    ['/a/../..//evil.example/x?y=1', '/evil.example/x?y=1'],
  ])('trading the token on %s redirects to a same-origin path', async (path, expected) => {
    const sep = path.includes('?') ? '&' : '?';
    const res = await rawGet(port, `${path}${sep}token=${TOKEN}`);
    expect(res.status).toBe(302);
    const location = String(res.headers['location']);
    expect(location).toBe(expected);
    expect(location.startsWith('//')).toBe(false);
    expect(new URL(location, `http://127.0.0.1:${port}`).origin).toBe(`http://127.0.0.1:${port}`);
    expect(String(res.headers['set-cookie'])).toContain(`sce_token_${port}=`);
  });

  it('keeps the rest of the query when it drops the token', async () => {
    const res = await rawGet(port, `/settings?tab=keys&token=${TOKEN}`);
    expect(res.headers['location']).toBe('/settings?tab=keys');
  });

  it.each(['/%', '/%E0%A4%A', '/a%zz', '/%00'])('malformed or hostile percent-encoding %s gets a 400, not a 500', async (path) => {
    const res = await rawGet(port, path, cookie());
    expect(res.status).toBe(400);
    expect(res.body).not.toMatch(/Internal|at .*\.ts/);
  });

  it('a malformed token cookie is refused as a missing token, not a 500', async () => {
    const res = await rawGet(port, '/', { Cookie: `sce_token_${port}=%` });
    expect(res.status).toBe(403);
  });

  it('an absolute-form request target cannot choose where the page comes from', async () => {
    const res = await rawGet(port, `http://evil.example/?token=${TOKEN}`);
    expect([302, 400]).toContain(res.status);
    if (res.status === 302) expect(String(res.headers['location']).startsWith('/')).toBe(true);
    expect(String(res.headers['location'] ?? '')).not.toContain('evil.example');
  });

  it.each(['//', '///', '//a:b', '//['])(
    'a request target %s that new URL(target, base) cannot read is answered, and a WebSocket upgrade to it does not crash the host',
    async (path) => {
      const res = await rawGet(port, path, cookie());
      // Read as the path "/" on this origin: the page, never an error page.
      expect(res.status).toBe(200);
      const upgrade = await rawUpgrade(port, path, { ...cookie(), Origin: `http://127.0.0.1:${port}` });
      expect(upgrade).toMatch(/^HTTP\/1\.1 4\d\d/);
      const alive = await rawGet(port, '/', cookie());
      expect(alive.status).toBe(200);
    },
  );

  it('still serves the page with the cookie', async () => {
    const res = await rawGet(port, '/', cookie());
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>test</title>');
  });
});
