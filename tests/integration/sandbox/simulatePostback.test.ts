import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';
import { Client, type Json } from './helpers';

/** Simulate inbound's postback: empty data answers the last choice sent to the contact, as the dialog promises. */
describe('a simulated postback with no data', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  let appId: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, deliveryDelayMs: 1 });
    client = new Client(sandbox);
    appId = (await client.createApp()).id;
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const contentOf = async (messageId: string | undefined): Promise<Json> => {
    const res = await client.call<{ contact_message: Json }>('GET', `${client.project}/messages/${messageId ?? ''}`);
    expect(res.status).toBe(200);
    return res.body.contact_message;
  };
  const sendToContact = async (contactId: string, message: Json): Promise<string> => {
    const res = await client.call<{ message_id: string }>('POST', `${client.project}/messages:send`, {
      app_id: appId,
      recipient: { contact_id: contactId },
      message,
    });
    expect(res.status).toBe(200);
    return res.body.message_id;
  };

  it("answers the last choice message's first option with its postback_data", async () => {
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15551290001' }]);
    await sendToContact(contact.id, { choice_message: { text_message: { text: 'Old' }, choices: [{ text_message: { text: 'Old' }, postback_data: 'old' }] } });
    const last = await sendToContact(contact.id, {
      choice_message: {
        text_message: { text: 'Pick' },
        choices: [{ text_message: { text: 'Yes' }, postback_data: 'answer_yes' }, { text_message: { text: 'No' } }],
      },
    });
    const result = await sandbox.simulateInbound({ appId, contactId: contact.id, kind: 'postback', postbackData: '' });
    expect(await contentOf(result.messageId)).toEqual({ choice_response_message: { message_id: last, postback_data: 'answer_yes' } });
  });

  it('uses the API default postback data (message id + text) when the choice has none', async () => {
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15551290002' }]);
    const sent = await sendToContact(contact.id, { choice_message: { choices: [{ url_message: { title: 'Open', url: 'https://example.com' } }] } });
    const result = await sandbox.simulateInbound({ appId, contactId: contact.id, kind: 'postback' });
    expect(await contentOf(result.messageId)).toEqual({ choice_response_message: { message_id: sent, postback_data: `${sent}_Open` } });
  });

  it('says what to do when no choice was ever sent to the contact', async () => {
    const res = await client.call<{ error: { message: string } }>('POST', '/_sandbox/inbound', {
      appId,
      channel: 'SMS',
      identity: '+15551290003',
      kind: 'postback',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/no choice message was sent to \+15551290003.*Send a choice_message first, or type the postback data/);
  });

  it('still sends typed postback data as it is', async () => {
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15551290004' }]);
    const sent = await sendToContact(contact.id, {
      list_message: { title: 'Menu', sections: [{ items: [{ choice: { title: 'Tea', postback_data: 'tea' } }] }] },
    });
    const result = await sandbox.simulateInbound({ appId, contactId: contact.id, kind: 'postback', postbackData: 'coffee' });
    expect(await contentOf(result.messageId)).toEqual({ choice_response_message: { message_id: sent, postback_data: 'coffee' } });
  });
});
