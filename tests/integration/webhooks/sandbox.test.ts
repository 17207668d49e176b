import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/backend/sandbox/index';
import { withSandbox } from '../sandbox/helpers';
import { startHarness, type Harness } from './helpers';

describe('listener receiving the sandbox callbacks', () => {
  let h: Harness | undefined;
  let sandbox: SandboxHandle | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await h?.close();
  });

  it('verifies the sandbox-signed callbacks as valid and correlates a message from submit to delivery', async () => {
    const secret = 'sandbox-webhook-secret';
    h = await startHarness({ secretsFor: async ({ appId }) => (appId ? [{ label: `app:${appId}`, secret }] : []) });
    const started = await withSandbox();
    sandbox = started.sandbox;
    const { client } = started;
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15550003000' }]);
    const webhook = await client.call('POST', `${client.project}/webhooks`, {
      app_id: app.id,
      target: `${h.url}sinch/callbacks`,
      target_type: 'HTTP',
      secret,
      triggers: ['MESSAGE_SUBMIT', 'MESSAGE_DELIVERY'],
    });
    expect(webhook.status).toBe(200);
    const sent = await client.call<{ message_id: string }>('POST', `${client.project}/messages:send`, {
      app_id: app.id,
      recipient: { contact_id: contact.id },
      message: { text_message: { text: 'Hello listener' } },
    });
    expect(sent.status).toBe(200);
    const messageId = sent.body.message_id;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !h.events.some((e) => e.correlation.messageId === messageId && e.correlation.status === 'DELIVERED')) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await sandbox.whenCallbacksIdle();
    await h.listener.idle();
    const ours = h.events.filter((e) => e.correlation.messageId === messageId);
    expect(ours.length).toBeGreaterThanOrEqual(3);
    expect(ours.every((e) => e.verdict.kind === 'valid' && e.verdict.secretLabel === `app:${app.id}`)).toBe(true);
    expect(ours.every((e) => e.path === '/sinch/callbacks')).toBe(true);
    const timeline = h.store.timeline({ messageId });
    expect(timeline[0]?.trigger).toBe('MESSAGE_SUBMIT');
    expect(timeline.at(-1)?.correlation.status).toBe('DELIVERED');
    expect(timeline.map((e) => e.summary).join('\n')).toContain('SMS');
  });
});
