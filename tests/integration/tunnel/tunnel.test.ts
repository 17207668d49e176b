import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NGROK_AUTHTOKEN_ACCOUNT, parseAccount } from '../../../electron/backend/secrets/index';
import type { AgentStartOptions, TunnelAgent } from '../../../electron/backend/tunnel/ngrokAgent';
import { NO_AUTHTOKEN_MESSAGE } from '../../../electron/backend/tunnel/service';
import { PUBLIC_URL_HTTPS_MESSAGE, publicUrlProblem, type TunnelState } from '../../../shared/model/project';
import { createBackend } from '../../../electron/backend/index';
import { call, filesUnder, startBackend, value, type BackendHarness } from '../project/helpers';

const AUTHTOKEN = '2fakeNgrokAuthtoken_abcdefghijklmnop';

/** A loopback TCP server that either closes at once with garbage or says nothing at all. */
async function tcpServer(mode: 'garbage' | 'silent'): Promise<{ addr: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (mode === 'garbage') socket.end('HTTP/1.1 418 teapot\r\n\r\nthis is not ngrok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    addr: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Destroying the connections lets a pending native handshake fail, so nothing stays alive.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (taken, then released). */
async function refusedAddr(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

function tunnelEvents(h: BackendHarness): TunnelState[] {
  return h.events.filter((e) => e.event === 'tunnel.changed').map((e) => e.payload as TunnelState);
}

describe('tunnel', () => {
  let h: BackendHarness | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await h?.close();
    h = undefined;
    for (const c of cleanups.splice(0)) await c();
  });

  it('without an authtoken says so in one line, and a pasted URL still works for the webhook', async () => {
    h = await startBackend();
    const { backend } = h;
    await call(backend, 'webhooks.start', { port: 0 });
    const started = await call(backend, 'tunnel.start');
    expect(started).toMatchObject({ status: 'error', error: NO_AUTHTOKEN_MESSAGE, hasAuthtoken: false, publicUrl: null });
    expect(NO_AUTHTOKEN_MESSAGE).not.toContain('\n');
    expect(tunnelEvents(h).at(-1)?.status).toBe('error');

    const pasted = await call(backend, 'tunnel.setPublicUrl', { url: 'https://my-tunnel.example.test/sinch' });
    expect(pasted).toMatchObject({ mode: 'pasted', status: 'online', publicUrl: 'https://my-tunnel.example.test/sinch' });
    expect(pasted.forwardsTo).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const env = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    const app = value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'Public' }));
    const created = value(await call(backend, 'project.usePublicUrl', { environmentId: env.id, appId: app.id }));
    expect(created).toMatchObject({ created: true, target: 'https://my-tunnel.example.test/sinch', pointsAt: 'public-url', secretInKeychain: true });
    expect(created.triggers).toContain('MESSAGE_DELIVERY');
    const updated = value(await call(backend, 'project.usePublicUrl', { environmentId: env.id, appId: app.id }));
    expect(updated).toMatchObject({ created: false, id: created.id });
    expect(value(await call(backend, 'project.listWebhooks', { environmentId: env.id, appId: app.id }))).toHaveLength(1);

    // Remembered across a restart (not a secret: a plain file).
    const forgotten = await call(backend, 'tunnel.setPublicUrl', { url: null });
    expect(forgotten).toMatchObject({ mode: 'off', status: 'idle', publicUrl: null });
    const none = await call(backend, 'project.usePublicUrl', { environmentId: env.id, appId: app.id });
    expect(!none.ok && none.problem.field).toBe('tunnel');
  });

  it('a pasted http:// URL is refused in words, never online; one kept by an earlier version is not used after a restart', async () => {
    h = await startBackend();
    await expect(call(h.backend, 'tunnel.setPublicUrl', { url: 'http://my-tunnel.example.test/sinch' })).rejects.toThrow(PUBLIC_URL_HTTPS_MESSAGE);
    expect(await call(h.backend, 'tunnel.status')).toMatchObject({ mode: 'off', status: 'idle', publicUrl: null });
    expect(publicUrlProblem('https://my-tunnel.example.test/sinch')).toBeNull();
    expect(publicUrlProblem('ftp://x')).toBe('Paste a full https:// URL.');

    await h.backend.close();
    await writeFile(
      join(h.dataDir, 'tunnel.json'),
      JSON.stringify({ format: 'sinch-explorer/tunnel', version: 1, tunnel: { pastedUrl: 'http://old.example.test/' } }),
    );
    const again = await createBackend({ dataDir: h.dataDir, host: 'browser', version: 'test', keychain: h.keychain });
    try {
      const state = await call(again, 'tunnel.status');
      expect(state).toMatchObject({ mode: 'off', publicUrl: null });
      expect(state.error).toBe(`The saved public URL http://old.example.test/ is not used. ${PUBLIC_URL_HTTPS_MESSAGE}`);
    } finally {
      await again.close();
    }
  });

  it("without a running listener asks to start it first; the authtoken is no environment's secret", async () => {
    h = await startBackend();
    await call(h.backend, 'tunnel.setAuthtoken', { value: AUTHTOKEN });
    // Never listed with an environment's secrets, nor tried as a webhook secret by the inspector.
    expect(parseAccount(NGROK_AUTHTOKEN_ACCOUNT)).toBeUndefined();
    const env = await call(h.backend, 'environments.create', { name: 'Any', region: 'us' });
    expect(await call(h.backend, 'credentials.list', { environmentId: env.id })).toEqual({ accessKeySecret: false, webhookSecrets: [] });
    const state = await call(h.backend, 'tunnel.start');
    expect(state).toMatchObject({ status: 'error', hasAuthtoken: true, forwardsTo: null });
    expect(state.error).toContain('Start the listener first');
  });

  it('with the real ngrok library and an ingress that refuses: one-line error, bounded, token never shown', async () => {
    const addr = await refusedAddr();
    h = await startBackend({ tunnel: { serverAddr: addr, startTimeoutMs: 8000 } });
    await call(h.backend, 'webhooks.start', { port: 0 });
    const withToken = await call(h.backend, 'tunnel.setAuthtoken', { value: AUTHTOKEN });
    expect(withToken.hasAuthtoken).toBe(true);
    expect(await h.keychain.get(NGROK_AUTHTOKEN_ACCOUNT)).toBe(AUTHTOKEN);
    const started = Date.now();
    const state = await call(h.backend, 'tunnel.start');
    expect(Date.now() - started).toBeLessThan(9000);
    expect(state.status).toBe('error');
    expect(state.error).toMatch(/^ngrok could not start a tunnel: .*Check the authtoken and the network, or paste a URL\.$/);
    expect(state.error).not.toContain('\n');
    expect(tunnelEvents(h).map((s) => s.status)).toEqual(expect.arrayContaining(['starting', 'error']));
    const shown = JSON.stringify([state, tunnelEvents(h)]);
    expect(shown).not.toContain(AUTHTOKEN);
    const stopped = await call(h.backend, 'tunnel.stop');
    expect(stopped).toMatchObject({ status: 'idle', mode: 'off' });
    const dataDir = h.dataDir;
    await h.backend.close();
    for (const file of await filesUnder(dataDir)) expect(file.text.includes(AUTHTOKEN), file.path).toBe(false);
  }, 20_000);

  it('with the real ngrok library and an ingress that speaks garbage: an error, not a hang', async () => {
    const server = await tcpServer('garbage');
    cleanups.push(() => server.close());
    h = await startBackend({ tunnel: { serverAddr: server.addr, startTimeoutMs: 8000 } });
    await call(h.backend, 'webhooks.start', { port: 0 });
    await call(h.backend, 'tunnel.setAuthtoken', { value: AUTHTOKEN });
    const state = await call(h.backend, 'tunnel.start');
    expect(state.status).toBe('error');
    expect(state.error).toMatch(/^ngrok could not start a tunnel/);
  }, 20_000);

  it('with the real ngrok library and an ingress that never answers: gives up after the timeout', async () => {
    const server = await tcpServer('silent');
    cleanups.push(() => server.close());
    h = await startBackend({ tunnel: { serverAddr: server.addr, startTimeoutMs: 1500 } });
    await call(h.backend, 'webhooks.start', { port: 0 });
    await call(h.backend, 'tunnel.setAuthtoken', { value: AUTHTOKEN });
    const started = Date.now();
    const state = await call(h.backend, 'tunnel.start');
    expect(Date.now() - started).toBeLessThan(4000);
    expect(state).toMatchObject({ status: 'error', publicUrl: null });
    expect(state.error).toMatch(/^ngrok did not answer within 2 s/);
  }, 20_000);

  it('an injected agent: online with its URL, stopped on stop and on close, a lost session reported once', async () => {
    const closed: string[] = [];
    const seen: AgentStartOptions[] = [];
    const agent: TunnelAgent = {
      async start(options) {
        seen.push(options);
        const url = `https://t${seen.length}.ngrok.example.test`;
        return { url, close: async () => void closed.push(url) };
      },
    };
    h = await startBackend({ tunnel: { agent } });
    const listener = await call(h.backend, 'webhooks.start', { port: 0 });
    await call(h.backend, 'tunnel.setAuthtoken', { value: AUTHTOKEN });
    const online = await call(h.backend, 'tunnel.start');
    expect(online).toMatchObject({ mode: 'ngrok', status: 'online', publicUrl: 'https://t1.ngrok.example.test', hasAuthtoken: true });
    expect(seen[0]?.forwardTo).toBe(listener.url.replace(/\/$/, ''));
    expect(seen[0]?.authtoken).toBe(AUTHTOKEN);
    expect(await call(h.backend, 'tunnel.stop')).toMatchObject({ status: 'idle', publicUrl: null });
    expect(closed).toEqual(['https://t1.ngrok.example.test']);

    await call(h.backend, 'tunnel.start');
    seen[1]?.onDisconnect('session closed by peer');
    const lost = await call(h.backend, 'tunnel.status');
    expect(lost.status).toBe('error');
    expect(lost.error).toContain('The ngrok tunnel was lost');
    expect(closed).toContain('https://t2.ngrok.example.test');

    await call(h.backend, 'tunnel.start');
    const deleted = await call(h.backend, 'tunnel.deleteAuthtoken');
    expect(deleted.hasAuthtoken).toBe(false);
    await h.backend.close();
    expect(closed).toContain('https://t3.ngrok.example.test');
  });
});
