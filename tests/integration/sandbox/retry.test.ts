import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from '../../../electron/backend/sandbox/callbacks/deliveryQueue';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../electron/backend/sandbox/index';
import type { SandboxSecretKeeper } from '../../../electron/backend/sandbox/persistence';
import { verifySignature } from '../../../electron/backend/webhooks/signature';
import { CallbackReceiver, Client, sleep } from './helpers';

const SECRET = 'retry-webhook-secret-0123456789';

/** A loopback port nothing listens on now (taken, then released): a receiver that is down. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

function memoryKeeper(): SandboxSecretKeeper {
  let value: string | null = null;
  return {
    read: async () => value,
    write: async (v) => {
      value = v;
    },
    clear: async () => {
      value = null;
    },
  };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

/** An app with an SMS channel and one signed webhook for delivery reports, pointed at `target`. */
async function appWithWebhook(client: Client, target: string): Promise<string> {
  const app = await client.createApp();
  const hook = await client.call('POST', `${client.project}/webhooks`, { app_id: app.id, target, triggers: ['MESSAGE_DELIVERY'], secret: SECRET });
  expect(hook.status).toBe(200);
  return app.id;
}

async function send(client: Client, appId: string): Promise<string> {
  const res = await client.call<{ message_id: string }>('POST', `${client.project}/messages:send`, {
    app_id: appId,
    recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+15553000001' }] } },
    message: { text_message: { text: 'Hello' } },
  });
  expect(res.status).toBe(200);
  return res.body.message_id;
}

const statuses = (receiver: CallbackReceiver, messageId: string): string[] =>
  receiver
    .withKey('message_delivery_report', (p) => p['message_id'] === messageId)
    .map((cb) => String((cb.json['message_delivery_report'] as { status: string }).status));

/**
 * Like Sinch, the sandbox retries a callback its receiver refused, with back-off, within a bounded number of
 * tries and time; it signs each try afresh, and keeps what is still to deliver across a restart.
 */
describe('sandbox callback retries, like Sinch', () => {
  const running: SandboxHandle[] = [];
  const receivers: CallbackReceiver[] = [];
  let dir: string | undefined;
  const start = async (options: SandboxOptions): Promise<{ sandbox: SandboxHandle; client: Client }> => {
    const sandbox = await startSandbox({ deliveryDelayMs: 5, ...options });
    running.push(sandbox);
    return { sandbox, client: new Client(sandbox) };
  };
  afterEach(async () => {
    for (const sb of running.splice(0)) await sb.close();
    for (const r of receivers.splice(0)) await r.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('by default waits 5 s before the first retry, doubling up to 10 minutes apart, 10 tries within an hour', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 10, baseDelayMs: 5000, maxDelayMs: 600_000, windowMs: 3_600_000, timeoutMs: 5000 });
  });

  it('a receiver that was down gets the callbacks it refused once it is up, in order, each try signed afresh', async () => {
    const port = await freePort();
    const { client, sandbox } = await start({ callbackRetry: { delayFor: () => 100 } });
    const appId = await appWithWebhook(client, `http://127.0.0.1:${port}/`);
    const messageId = await send(client, appId);
    // Refused at least once while nothing listens…
    await until(() => sandbox.deliveries().find((d) => d.attempts.some((a) => a.error === 'ECONNREFUSED')));
    // …then it comes up on that port.
    const receiver = await new CallbackReceiver().start(port);
    receivers.push(receiver);
    await receiver.waitFor('message_delivery_report', 2, (p) => p['message_id'] === messageId);
    expect(statuses(receiver, messageId)).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);
    for (const cb of receiver.received) expect(verifySignature(SECRET, cb.raw, cb.headers).valid).toBe(true);
    await sandbox.whenCallbacksIdle();
    const records = sandbox.deliveries().filter((d) => d.trigger === 'MESSAGE_DELIVERY');
    expect(records.map((d) => d.state)).toEqual(['delivered', 'delivered']);
    expect(records[0]?.attempts.at(0)?.error).toBe('ECONNREFUSED');
  });

  it('a retry carries a new nonce and timestamp, so the receiver does not take it for a replay', async () => {
    const { client, sandbox } = await start({ callbackRetry: { delayFor: () => 50 } });
    const receiver = await new CallbackReceiver().start();
    receivers.push(receiver);
    receiver.respond = (nth) => (nth === 1 ? 503 : 200);
    const appId = await appWithWebhook(client, receiver.url);
    const messageId = await send(client, appId);
    await receiver.waitFor('message_delivery_report', 3, (p) => p['message_id'] === messageId);
    await sandbox.whenCallbacksIdle();
    const [first, retry] = receiver.received;
    expect(first?.raw.toString()).toBe(retry?.raw.toString());
    expect(first?.headers['x-sinch-webhook-signature-nonce']).not.toBe(retry?.headers['x-sinch-webhook-signature-nonce']);
    expect(verifySignature(SECRET, retry?.raw ?? '', retry?.headers ?? {}).valid).toBe(true);
  });

  it('gives up once the next try would fall outside the retry window, whatever tries are left', async () => {
    const port = await freePort();
    const { client, sandbox } = await start({ callbackRetry: { attempts: 50, delayFor: () => 200, windowMs: 300 } });
    const appId = await appWithWebhook(client, `http://127.0.0.1:${port}/`);
    await send(client, appId);
    const records = await until(() => {
      const found = sandbox.deliveries().filter((d) => d.trigger === 'MESSAGE_DELIVERY');
      return found.length >= 2 && found.every((d) => d.state !== 'pending') ? found : undefined;
    });
    for (const record of records) {
      expect(record.state).toBe('failed');
      expect(record.attempts.length).toBeLessThanOrEqual(3);
    }
  });

  it('what is still to deliver is kept across a restart (never a secret in the file) and delivered, signed, once the receiver is up', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-retry-'));
    const path = join(dir, 'sandbox-state.json');
    const keeper = memoryKeeper();
    const port = await freePort();
    // Far-apart retries: only the restart can bring these callbacks to the receiver within the test.
    const persist = { path, debounceMs: 10, secrets: keeper };
    const first = await start({ persist, callbackRetry: { delayFor: () => 600_000 } });
    const appId = await appWithWebhook(first.client, `http://127.0.0.1:${port}/`);
    const messageId = await send(first.client, appId);
    await until(() => (first.sandbox.deliveries().filter((d) => d.trigger === 'MESSAGE_DELIVERY' && d.attempts.length > 0).length >= 1 ? true : undefined));
    await sleep(50);
    await first.sandbox.close();
    const text = await readFile(path, 'utf8');
    expect(text).toContain('"pendingCallbacks"');
    expect(text).not.toContain(SECRET);

    const receiver = await new CallbackReceiver().start(port);
    receivers.push(receiver);
    const second = await start({ persist, callbackRetry: { delayFor: () => 600_000 } });
    await receiver.waitFor('message_delivery_report', 2, (p) => p['message_id'] === messageId);
    expect(statuses(receiver, messageId)).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);
    for (const cb of receiver.received) expect(verifySignature(SECRET, cb.raw, cb.headers).valid).toBe(true);
    const record = second.sandbox.deliveries().find((d) => d.trigger === 'MESSAGE_DELIVERY' && d.state === 'delivered');
    // Its tries before the restart are still on its record.
    expect(record?.attempts[0]?.error).toBe('ECONNREFUSED');
  });
});
