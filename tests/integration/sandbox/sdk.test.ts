import { ConversationCallbackWebhooks, SinchClient } from '@sinch/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/backend/sandbox/index';
import { CallbackReceiver, withSandbox } from './helpers';

/**
 * Fidelity check: the official Node SDK, pointed at the sandbox only through its hostname
 * options, runs a whole happy path and its own validator accepts our signatures.
 */
describe('official Sinch Node SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let receiver: CallbackReceiver;
  let sinch: SinchClient;
  const secret = 'sdk-webhook-secret';

  beforeAll(async () => {
    ({ sandbox } = await withSandbox());
    receiver = await new CallbackReceiver().start();
    sinch = new SinchClient({
      projectId: sandbox.projectId,
      keyId: sandbox.keyId,
      keySecret: sandbox.keySecret,
      authHostname: sandbox.conversationUrl,
      conversationHostname: sandbox.conversationUrl,
      conversationTemplatesHostname: sandbox.templateUrl,
    });
  });
  afterAll(async () => {
    await receiver.close();
    await sandbox.close();
  });

  it('creates an app, a contact and a webhook, sends a text, lists it, and validates the callbacks', async () => {
    const app = await sinch.conversation.app.create({
      appCreateRequestBody: {
        display_name: 'SDK app',
        channel_credentials: [{ channel: 'SMS', static_bearer: { claimed_identity: '+15550001000', token: 'sms-token' } }],
      },
    });
    expect(app.id).toMatch(/^[0-9A-Z]{26}$/);

    const contact = await sinch.conversation.contact.create({
      contactCreateRequestBody: {
        channel_identities: [{ channel: 'SMS', identity: '+15550002000' }],
        language: 'EN_US',
        display_name: 'SDK contact',
      },
    });
    expect(contact.id).toBeTruthy();

    const webhook = await sinch.conversation.webhooks.create({
      webhookCreateRequestBody: {
        app_id: app.id!,
        target: `${receiver.url}/sinch`,
        target_type: 'HTTP',
        secret,
        triggers: ['MESSAGE_DELIVERY', 'MESSAGE_SUBMIT'],
      },
    });
    expect(webhook.triggers).toEqual(['MESSAGE_DELIVERY', 'MESSAGE_SUBMIT']);

    const sent = await sinch.conversation.messages.sendTextMessage({
      sendMessageRequestBody: {
        app_id: app.id!,
        recipient: { contact_id: contact.id! },
        message: { text_message: { text: 'Hello from the SDK' } },
        ttl: 60,
      },
    });
    expect(sent.message_id).toBeTruthy();
    expect(sent.accepted_time).toBeInstanceOf(Date); // the SDK revives RFC 3339 strings

    const page = await sinch.conversation.messages.list({ app_id: app.id!, contact_id: contact.id!, page_size: 5 });
    expect(page.data.map((m) => m.id)).toEqual([sent.message_id]);
    expect(page.hasNextPage).toBe(false);

    const reports = await receiver.waitFor('message_delivery_report', 2, (p) => p['message_id'] === sent.message_id);
    await receiver.waitFor('message_submit_notification');
    const validator = new ConversationCallbackWebhooks(secret);
    for (const cb of receiver.received) {
      expect(validator.validateAuthenticationHeader(cb.headers, cb.raw.toString('utf8'), cb.path, 'POST')).toBe(true);
      expect(new ConversationCallbackWebhooks('wrong-secret').validateAuthenticationHeader(cb.headers, cb.raw.toString('utf8'), cb.path, 'POST')).toBe(false);
    }
    const parsed = validator.parseEvent(reports[1]!.raw.toString('utf8'));
    expect(parsed.trigger).toBe('MESSAGE_DELIVERY');
  });

  it('pages with the SDK iterator and reaches templates on the template host', async () => {
    for (let i = 0; i < 3; i++) {
      await sinch.conversation.contact.create({
        contactCreateRequestBody: { channel_identities: [{ channel: 'SMS', identity: `+1555000300${i}` }], language: 'EN' },
      });
    }
    const seen: string[] = [];
    for await (const c of sinch.conversation.contact.list({ page_size: 2 })) seen.push(c.id!);
    expect(seen.length).toBe(4); // 3 + the contact of the first test
    expect(new Set(seen).size).toBe(4);

    const template = await sinch.conversation.templatesV2.create({
      createTemplateRequestBody: {
        description: 'Greeting',
        default_translation: 'en-US',
        translations: [{ language_code: 'en-US', version: '1', text_message: { text: 'Hi ${name}' }, variables: [{ key: 'name', preview_value: 'Ada' }] }],
      },
    });
    expect(template.version).toBe(1);
    const listed = await sinch.conversation.templatesV2.list({});
    expect(listed.templates?.map((t) => t.id)).toContain(template.id);
  });
});
