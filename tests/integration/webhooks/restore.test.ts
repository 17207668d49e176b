import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/index';
import type { ListenerState } from '../../../shared/contract';
import { call, startBackend, value, waitFor, type BackendHarness } from '../project/helpers';

/** Occupies a loopback port, as another program would. */
async function occupy(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/**
 * After a restart the listener comes back as it was (running, same port, same interfaces), so webhooks that
 * point at it keep working; a port taken in the meantime is said, never swapped for another. While it is stopped,
 * the sandbox's webhooks that point at it are named in its state (the Requests view says so), and starting it
 * sends at once the callbacks the sandbox was retrying.
 */
describe('the listener across a restart', () => {
  let h: BackendHarness | undefined;
  const extra: Backend[] = [];
  const servers: Server[] = [];
  afterEach(async () => {
    for (const b of extra.splice(0)) await b.close();
    for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
    await h?.close();
    h = undefined;
  });

  const reopen = async (options: Partial<BackendOptions> = {}): Promise<Backend> => {
    if (!h) throw new Error('no backend');
    const backend = await createBackend({ dataDir: h.dataDir, host: 'browser', version: 'test', keychain: h.keychain, ...options });
    extra.push(backend);
    return backend;
  };

  it('comes back running on the port it had (0 became a real one), and stays stopped once the user stopped it', async () => {
    h = await startBackend();
    const started = await call(h.backend, 'webhooks.start', { port: 0 });
    expect(started.listening).toBe(true);
    await h.backend.close();

    const again = await reopen();
    const restored = await call(again, 'webhooks.status');
    expect(restored).toMatchObject({ listening: true, port: started.port, host: '127.0.0.1', url: started.url });
    const stopped = await call(again, 'webhooks.stop');
    await again.close();
    extra.splice(0);

    const third = await reopen();
    expect(await call(third, 'webhooks.status')).toMatchObject({ listening: false, port: stopped.port });
  });

  it('keeps the all-interfaces choice', async () => {
    h = await startBackend();
    const started = await call(h.backend, 'webhooks.start', { port: 0, host: '0.0.0.0' });
    await h.backend.close();
    const restored = await call(await reopen(), 'webhooks.status');
    expect(restored).toMatchObject({ listening: true, host: '0.0.0.0', port: started.port });
    expect(restored.warning).toMatch(/reachable from other machines/);
  });

  it('a port taken in the meantime is said, with the port kept; no other port is picked', async () => {
    h = await startBackend();
    const started = await call(h.backend, 'webhooks.start', { port: 0 });
    await h.backend.close();
    servers.push(await occupy(started.port));

    const again = await reopen();
    const state = await call(again, 'webhooks.status');
    expect(state).toMatchObject({ listening: false, port: started.port, url: started.url });
    expect(state.error).toContain(
      `The listener ran on port ${started.port} before the app was closed, but cannot listen there again: Port ${started.port} on 127.0.0.1 is already in use`,
    );
    expect(state.error).toContain(`Webhooks pointed at ${started.url} wait until it runs there`);
    await again.close();
    extra.splice(0);

    // Freed, the next start has it again: the choice was kept.
    await new Promise<void>((resolve) => servers.splice(0)[0]?.close(() => resolve()));
    expect(await call(await reopen(), 'webhooks.status')).toMatchObject({ listening: true, port: started.port });
  });

  it('names the sandbox webhooks pointing at it while it is stopped, and sends their waiting callbacks at once when started', async () => {
    // Retries half an hour apart: only the start of the listener can bring the callbacks within this test.
    h = await startBackend({ sandbox: { callbackRetry: { delayFor: () => 1_800_000 } } });
    const { backend } = h;
    const created = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    const env = await call(backend, 'environments.update', { environment: { ...created, projectId: (await call(backend, 'sandbox.status')).demo.projectId } });
    const listener = await call(backend, 'webhooks.start', { port: 0 });
    const app = value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'Bot' }));
    value(
      await call(backend, 'project.saveChannel', {
        environmentId: env.id,
        appId: app.id,
        formId: 'SMS',
        values: [
          { path: 'claimed_identity', value: '447700900001' },
          { path: 'token', value: 'sms-token-123' },
        ],
      }),
    );
    const hook = value(
      await call(backend, 'project.saveWebhook', {
        environmentId: env.id,
        appId: app.id,
        target: listener.url,
        triggers: ['MESSAGE_DELIVERY'],
        secret: { mode: 'generate' },
      }),
    );
    const states = (): ListenerState[] => h?.events.filter((e) => e.event === 'webhooks.state').map((e) => e.payload as ListenerState) ?? [];
    // Told as soon as the webhook exists, not when something else happens to change.
    await waitFor(() =>
      states()
        .at(-1)
        ?.pointedAtBy.some((p) => p.webhookId === hook.id)
        ? true
        : undefined,
    );
    expect(states().at(-1)?.pointedAtBy).toEqual([{ appId: app.id, webhookId: hook.id }]);

    const stopped = await call(backend, 'webhooks.stop');
    expect(stopped).toMatchObject({ listening: false, pointedAtBy: [{ appId: app.id, webhookId: hook.id }] });
    const sent = value(
      await call(backend, 'project.sendTestMessage', { environmentId: env.id, appId: app.id, channel: 'SMS', identity: '+46700000042', text: 'Hi' }),
    );
    // Refused while stopped…
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await call(backend, 'webhooks.timeline', { messageId: sent.messageId })).toEqual([]);

    // …and delivered, verified, as soon as it starts again on its port.
    await call(backend, 'webhooks.start', {});
    const events = await waitFor(async () => {
      const found = await call(backend, 'webhooks.timeline', { messageId: sent.messageId });
      return found.filter((e) => e.trigger === 'MESSAGE_DELIVERY').length >= 2 ? found : undefined;
    });
    expect(events.filter((e) => e.trigger === 'MESSAGE_DELIVERY').map((e) => [e.correlation.status, e.verdict.kind])).toEqual([
      ['QUEUED_ON_CHANNEL', 'valid'],
      ['DELIVERED', 'valid'],
    ]);
  });
});
