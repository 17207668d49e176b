import { createHook } from 'node:async_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createBackend } from '../../../electron/backend/index';
import type { SecretStore } from '../../../electron/backend/secrets/store';
import { startHost } from '../../../electron/host/server';
import { startWebhookReceiver } from '../../support/webhookReceiver';

export interface ScenarioResult {
  /** Events the listener stored (callbacks from the sandbox, the fired sample). */
  events: number;
  /** What the forward target received. */
  forwarded: number;
  /** How long closing the host and the backend took. */
  closeMs: number;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * What tests/e2e/webhooks.spec.ts does to the backend, without a browser: the browser host with a
 * WebSocket client, a Sandbox environment (which starts the sandbox, persisted under the data
 * folder), the listener on a free port forwarding to a second server, an app, a webhook with a
 * secret (kept in the keychain by the sandbox's persistence) and a message whose callbacks arrive,
 * a fired sample; then everything is closed the way appHost.close() does.
 */
export async function runBackendScenario(options: { keychain?: SecretStore; keychainService?: string } = {}): Promise<ScenarioResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sce-close-'));
  const target = await startWebhookReceiver();
  try {
    const backend = await createBackend({
      dataDir,
      host: 'browser',
      version: 'test',
      ...(options.keychain ? { keychain: options.keychain } : {}),
      ...(options.keychainService ? { keychainService: options.keychainService } : {}),
    });
    const host = await startHost({ backend, staticDir: join(dataDir, 'no-renderer') });
    const h = backend.handlers;

    // The page's connection: the host's cookie trade is skipped, the token goes in the query.
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { headers: { Origin: host.origin } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const pushed: string[] = [];
    ws.on('message', (data: Buffer) => pushed.push(data.toString('utf8')));

    const env = await h['environments.create']({ name: 'Sandbox', region: 'sandbox' });
    await h['environments.setActive']({ id: env.id });
    const sandbox = await h['sandbox.status']({});
    if (!sandbox.urls || !sandbox.authUrl) throw new Error('the sandbox did not start');
    const listener = await h['webhooks.start']({ port: 0 });
    await h['webhooks.configure']({ forwardTo: target.url });

    const token = (await (
      await fetch(sandbox.authUrl, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from('sandbox-key-id:sandbox-key-secret').toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    const project = `${sandbox.urls.conversationUrl}/v1/projects/${sandbox.demo.projectId}`;
    const post = async <T>(path: string, body: unknown): Promise<T> => {
      const res = await fetch(`${project}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token.access_token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const app = await post<{ id: string }>('/apps', {
      display_name: 'Close test',
      channel_credentials: [{ channel: 'SMS', static_bearer: { claimed_identity: '+15550000001', token: 'sms-token' } }],
    });
    await post('/webhooks', {
      app_id: app.id,
      target: `${listener.url}sinch`,
      target_type: 'HTTP',
      secret: 'close-test-webhook-secret',
      triggers: ['MESSAGE_SUBMIT', 'MESSAGE_DELIVERY'],
    });
    await post('/messages:send', {
      app_id: app.id,
      recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+46700000042' }] } },
      message: { text_message: { text: 'Hello' } },
    });

    const delivered = async (): Promise<boolean> => {
      const page = await h['webhooks.query']({ filter: { triggers: ['MESSAGE_DELIVERY'] }, offset: 0, limit: 50 });
      return page.events.some((e) => e.summary.includes('DELIVERED') || JSON.stringify(e).includes('DELIVERED'));
    };
    await until('the DELIVERED callback', delivered);
    await h['webhooks.fireSample']({ trigger: 'CONTACT_MERGE' });
    await until('the forwarded callbacks', async () => target.received.length >= 3);
    await until('a pushed event on the WebSocket', async () => pushed.some((m) => m.includes('webhooks.received')));
    const events = (await h['webhooks.query']({ filter: {}, offset: 0, limit: 50 })).events.length;

    // As appHost.close(); the page's socket is left open, the host must drop it.
    const started = Date.now();
    await host.close();
    await backend.close();
    const closeMs = Date.now() - started;
    await new Promise<void>((resolve) => (ws.readyState === ws.CLOSED ? resolve() : ws.once('close', () => resolve())));
    return { events, forwarded: target.received.length, closeMs };
  } finally {
    await target.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** process.getActiveResourcesInfo() as counts per kind. */
export function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Kinds of which there are more now than in `before`, with how many more. */
export function leftOver(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [kind, n] of after) if (n > (before.get(kind) ?? 0)) extra[kind] = n - (before.get(kind) ?? 0);
  return extra;
}

/** Handle kinds that live until closed (not request objects, which go away with garbage collection). */
const HANDLE_TYPES = new Set([
  'Timeout',
  'Immediate',
  'TCPWRAP',
  'TCPSERVERWRAP',
  'PIPEWRAP',
  'PIPESERVERWRAP',
  'UDPWRAP',
  'PROCESSWRAP',
  'FSEVENTWRAP',
  'STATWATCHER',
  'SIGNALWRAP',
  'TLSWRAP',
]);

/**
 * Every timer, socket and server created from now on, ref'd or not (getActiveResourcesInfo only
 * sees ref'd ones): `open()` lists those not closed yet, with where they were created.
 */
export function trackHandles(): { open(): Array<{ type: string; stack: string }>; stop(): void } {
  const live = new Map<number, { type: string; stack: string }>();
  const hook = createHook({
    init(id, type) {
      if (!HANDLE_TYPES.has(type)) return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
      Error.stackTraceLimit = limit;
      live.set(id, { type, stack });
    },
    destroy(id) {
      live.delete(id);
    },
  });
  hook.enable();
  return { open: () => [...live.values()], stop: () => hook.disable() };
}

/** Created by the app's code (electron/…), not by Node for itself (its HTTP Date-header cache is a 1 s unref'd timer). */
export function isAppHandle(handle: { stack: string }): boolean {
  return handle.stack.includes('/electron/') && !/at utcDate \(node:/.test(handle.stack);
}
