import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookEventStore, type WebhookStoreLimits } from '../../../electron/backend/webhooks/eventStore';
import { WebhookListener, type WebhookListenerOptions } from '../../../electron/backend/webhooks/listener';
import type { WebhookEvent } from '../../../shared/model/webhookEvent';

export const SECRET = 'listener-test-secret';

export interface Harness {
  listener: WebhookListener;
  store: WebhookEventStore;
  url: string;
  dataDir: string;
  events: WebhookEvent[];
  close(): Promise<void>;
}

/** A listener on 127.0.0.1 (free port) with a store in a fresh temp folder. */
export async function startHarness(options: WebhookListenerOptions = {}, limits: Partial<WebhookStoreLimits> = {}, dataDir?: string): Promise<Harness> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'sinch-webhooks-')));
  const store = new WebhookEventStore(dir, limits);
  const events: WebhookEvent[] = [];
  const listener = new WebhookListener({
    port: 0,
    secretsFor: async () => [{ label: 'test', secret: SECRET }],
    store,
    onEvent: (e) => events.push(e),
    ...options,
  });
  const status = await listener.start();
  return {
    listener,
    store,
    url: status.url,
    dataDir: dir,
    events,
    async close() {
      await listener.stop();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  await res.arrayBuffer();
  return res.status;
}
