import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../../electron/backend/sandbox/callbacks/deliveryQueue';

/**
 * A message's reports must reach the receiver in the order they happened (QUEUED_ON_CHANNEL, then
 * DELIVERED) even though the queue posts several callbacks at once: the receiver here answers the
 * first callback slowly, which is exactly when an unordered queue lets the second overtake it.
 */
let server: Server | undefined;
let queue: DeliveryQueue | undefined;

afterEach(async () => {
  queue?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function slowFirstReceiver(): Promise<{ url: string; arrived: string[]; answered: string[] }> {
  const arrived: string[] = [];
  const answered: string[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      arrived.push(body);
      const answer = (): void => {
        answered.push(body);
        res.end('ok');
      };
      if (arrived.length === 1) setTimeout(answer, 300);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server?.address() as AddressInfo).port}/`, arrived, answered };
}

const newQueue = (): DeliveryQueue =>
  new DeliveryQueue({ attempts: 1, baseDelayMs: 10, timeoutMs: 5_000, maxPending: 100, concurrency: 8, history: 100, log: () => undefined });

describe('delivery order', () => {
  it('delivers callbacks with the same order key one after another, in the order queued', async () => {
    const receiver = await slowFirstReceiver();
    queue = newQueue();
    queue.enqueue({ url: receiver.url, body: 'QUEUED_ON_CHANNEL', headers: {}, trigger: 'MESSAGE_DELIVERY', orderKey: 'm1' });
    queue.enqueue({ url: receiver.url, body: 'DELIVERED', headers: {}, trigger: 'MESSAGE_DELIVERY', orderKey: 'm1' });
    await queue.whenIdle();
    expect(receiver.arrived).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);
    expect(receiver.answered).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);
  });

  it('still sends callbacks of different messages side by side', async () => {
    const receiver = await slowFirstReceiver();
    queue = newQueue();
    queue.enqueue({ url: receiver.url, body: 'm1', headers: {}, trigger: 'MESSAGE_DELIVERY', orderKey: 'm1' });
    queue.enqueue({ url: receiver.url, body: 'm2', headers: {}, trigger: 'MESSAGE_DELIVERY', orderKey: 'm2' });
    await queue.whenIdle();
    // m2 did not wait for the slow answer to m1.
    expect(receiver.answered).toEqual(['m2', 'm1']);
  });
});
