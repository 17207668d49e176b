import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/backend/sandbox/index';
import { verifySignature } from '../../../electron/backend/webhooks/signature';
import type { Client } from './helpers';
import { CallbackReceiver, expectRpcError, withSandbox, type ApiResponse, type Json } from './helpers';

const SECRET = 'webhook-secret-1';
const ALL_TRIGGERS = [
  'MESSAGE_INBOUND',
  'MESSAGE_DELIVERY',
  'MESSAGE_SUBMIT',
  'EVENT_INBOUND',
  'EVENT_DELIVERY',
  'CONVERSATION_START',
  'CONVERSATION_STOP',
  'CONVERSATION_DELETE',
  'CONTACT_CREATE',
  'CONTACT_UPDATE',
  'CONTACT_DELETE',
  'CONTACT_MERGE',
  'CONTACT_IDENTITIES_DUPLICATION',
  'CAPABILITY',
];

describe('sandbox message lifecycle and signed callbacks', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  let receiver: CallbackReceiver;
  let app: Json & { id: string };

  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox());
  });
  afterAll(() => sandbox.close());

  beforeEach(async () => {
    sandbox.reset();
    receiver = await new CallbackReceiver().start();
    app = await client.createApp();
    const hook = await client.call('POST', `${client.project}/webhooks`, {
      app_id: app.id,
      target: `${receiver.url}/hook`,
      secret: SECRET,
      triggers: ALL_TRIGGERS,
    });
    expect(hook.status).toBe(200);
  });
  afterEach(() => receiver.close());

  const send = (body: Json): Promise<ApiResponse> =>
    client.call('POST', `${client.project}/messages:send`, { app_id: app.id, message: { text_message: { text: 'Hello' } }, ...body });

  it('accepts a send, then reports SUBMIT, QUEUED_ON_CHANNEL and DELIVERED, each signed with the webhook secret', async () => {
    const res = await send({
      recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+15551230001' }] } },
      message_metadata: 'order-42',
      correlation_id: 'corr-1',
    });
    expect(res.status).toBe(200);
    const messageId = res.body['message_id'] as string;
    expect(Object.keys(res.body).sort()).toEqual(['accepted_time', 'message_id']);
    expect(Number.isNaN(Date.parse(res.body['accepted_time'] as string))).toBe(false);

    const reports = await receiver.waitFor('message_delivery_report', 2, (p) => p['message_id'] === messageId);
    expect(reports.map((r) => (r.json['message_delivery_report'] as Json)['status'])).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);
    const delivered = reports[1]?.json ?? {};
    expect(delivered).toMatchObject({
      app_id: app.id,
      project_id: sandbox.projectId,
      correlation_id: 'corr-1',
      message_delivery_report: {
        message_id: messageId,
        status: 'DELIVERED',
        channel_identity: { channel: 'SMS', identity: '+15551230001' },
        metadata: 'order-42',
        processing_mode: 'CONVERSATION',
      },
    });
    expect(receiver.withKey('message_submit_notification', (p) => p['message_id'] === messageId)).toHaveLength(1);
    for (const cb of receiver.received) {
      const check = verifySignature(SECRET, cb.raw, cb.headers);
      expect(check.valid, JSON.stringify(check)).toBe(true);
      expect(cb.headers['x-sinch-webhook-signature-algorithm']).toBe('HmacSHA256');
    }
    const nonces = receiver.received.map((cb) => cb.headers['x-sinch-webhook-signature-nonce']);
    expect(new Set(nonces).size).toBe(nonces.length);

    const stored = await client.call('GET', `${client.project}/messages/${messageId}`);
    expect(stored.body).toMatchObject({ id: messageId, direction: 'TO_CONTACT', message_status: { status: 'DELIVERED' } });
  });

  it('auto-creates the contact and an active conversation in CONVERSATION mode, announcing both', async () => {
    await send({ recipient: { identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '+15551230002' }] } } });
    const [created] = await receiver.waitFor('contact_create_notification');
    const [started] = await receiver.waitFor('conversation_start_notification');
    const contact = (created?.json['contact_create_notification'] as { contact: Json }).contact;
    expect(contact['channel_identities']).toEqual([{ channel: 'WHATSAPP', identity: '+15551230002', app_id: '' }]);
    expect((started?.json['conversation_start_notification'] as { conversation: Json }).conversation).toMatchObject({
      app_id: app.id,
      contact_id: contact['id'],
      active: true,
      active_channel: 'WHATSAPP',
    });
  });

  it('fails an unreachable recipient with a reason, and fails over to the next channel first', async () => {
    const lonely = await client.createContact([{ channel: 'SMS', identity: '+15551239999' }]);
    const failed = await send({ recipient: { contact_id: lonely.id } });
    const [report] = await receiver.waitFor('message_delivery_report', 1, (p) => p['message_id'] === failed.body['message_id'] && p['status'] === 'FAILED');
    expect((report?.json['message_delivery_report'] as Json)['reason']).toMatchObject({ code: 'RECIPIENT_NOT_REACHABLE', sub_code: 'UNSPECIFIED_SUB_CODE' });

    const both = await client.createContact([
      { channel: 'SMS', identity: '+15551249999' },
      { channel: 'WHATSAPP', identity: '+15551240000' },
    ]);
    const res = await send({ recipient: { contact_id: both.id } });
    const id = res.body['message_id'];
    const reports = await receiver.waitFor('message_delivery_report', 4, (p) => p['message_id'] === id);
    expect(
      reports.map((r) => {
        const p = r.json['message_delivery_report'] as { status: string; channel_identity: { channel: string } };
        return `${p.channel_identity.channel}:${p.status}`;
      }),
    ).toEqual(['SMS:QUEUED_ON_CHANNEL', 'SMS:SWITCHING_CHANNEL', 'WHATSAPP:QUEUED_ON_CHANNEL', 'WHATSAPP:DELIVERED']);
  });

  it('picks the channel by the documented priority: explicit order, then active conversation, contact priority, app order', async () => {
    const contact = await client.createContact(
      [
        { channel: 'SMS', identity: '+15551250001' },
        { channel: 'WHATSAPP', identity: '+15551250002' },
      ],
      { channel_priority: ['WHATSAPP'] },
    );
    const channelOf = async (body: Json): Promise<string> => {
      const res = await send({ recipient: { contact_id: contact.id }, ...body });
      const [r] = await receiver.waitFor('message_delivery_report', 1, (p) => p['message_id'] === res.body['message_id'] && p['status'] === 'DELIVERED');
      return ((r?.json['message_delivery_report'] as Json)['channel_identity'] as Json)['channel'] as string;
    };
    expect(await channelOf({})).toBe('WHATSAPP'); // contact's channel_priority beats app order (SMS first)
    expect(await channelOf({ channel_priority_order: ['SMS'] })).toBe('SMS');
    // The conversation's active channel is now SMS, which outranks the contact's priority.
    expect(await channelOf({})).toBe('SMS');

    const plain = await client.createContact([
      { channel: 'WHATSAPP', identity: '+15551250003' },
      { channel: 'SMS', identity: '+15551250004' },
    ]);
    const res = await send({ recipient: { contact_id: plain.id } });
    const [r] = await receiver.waitFor('message_delivery_report', 1, (p) => p['message_id'] === res.body['message_id']);
    expect(((r?.json['message_delivery_report'] as Json)['channel_identity'] as Json)['channel']).toBe('SMS'); // app credential order
  });

  it('rejects sends the API rejects synchronously, with specific messages', async () => {
    const two = await send({
      recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+1555' }] } },
      message: { text_message: { text: 'a' }, media_message: { url: 'https://x/y.png' } },
    });
    expect(expectRpcError(two, 400, 'INVALID_ARGUMENT').message).toMatch(/text_message and media_message/);
    const unknownApp = await client.call('POST', `${client.project}/messages:send`, {
      app_id: 'NOPE',
      recipient: { contact_id: 'x' },
      message: { text_message: { text: 'a' } },
    });
    expectRpcError(unknownApp, 404, 'NOT_FOUND');
    expectRpcError(await send({ recipient: { contact_id: 'UNKNOWN' } }), 404, 'NOT_FOUND');
    const telegramOnly = await client.createContact([{ channel: 'TELEGRAM', identity: 'tg-1' }]);
    const unresolvable = await send({ recipient: { contact_id: telegramOnly.id } });
    expect(expectRpcError(unresolvable, 400, 'INVALID_ARGUMENT').message).toMatch(/no channel identity/);
    const notOnApp = await send({ recipient: { contact_id: telegramOnly.id }, channel_priority_order: ['RCS'] });
    expect(expectRpcError(notOnApp, 400, 'INVALID_ARGUMENT').message).toMatch(/channel_priority_order\[0\]: channel RCS is not configured/);
    const badEnum = await send({ recipient: { identified_by: { channel_identities: [{ channel: 'FAX', identity: '1' }] } } });
    expect(expectRpcError(badEnum, 400, 'INVALID_ARGUMENT').message).toMatch(/recipient\.identified_by\.channel_identities\[0\]\.channel: 'FAX' is not one of/);
    const missing = await client.call('POST', `${client.project}/messages:send`, { app_id: app.id });
    expect(expectRpcError(missing, 400, 'INVALID_ARGUMENT').message).toBe('recipient: required field is missing');
  });

  it('reports events (EVENT_DELIVERY) and capability results (CAPABILITY)', async () => {
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15551260001' }]);
    const ev = await client.call('POST', `${client.project}/events:send`, {
      app_id: app.id,
      recipient: { contact_id: contact.id },
      event: { composing_event: {} },
    });
    expect(ev.status).toBe(200);
    const eventReports = await receiver.waitFor('event_delivery_report', 2, (p) => p['event_id'] === ev.body['event_id']);
    expect(eventReports.map((r) => (r.json['event_delivery_report'] as Json)['status'])).toEqual(['QUEUED_ON_CHANNEL', 'DELIVERED']);

    const cap = await client.call('POST', `${client.project}/capability:query`, {
      app_id: app.id,
      recipient: { contact_id: contact.id },
    });
    expect(cap.body).toMatchObject({ app_id: app.id, recipient: { contact_id: contact.id } });
    const [capability] = await receiver.waitFor('capability_notification', 1, (p) => p['request_id'] === cap.body['request_id']);
    expect(capability?.json['capability_notification']).toMatchObject({
      contact_id: contact.id,
      channel: 'SMS',
      identity: '+15551260001',
      capability_status: 'CAPABILITY_FULL',
    });
  });

  it('announces contact update, merge, delete, duplicated identities and conversation stop/delete', async () => {
    const a = await client.createContact([{ channel: 'SMS', identity: '+15551270001' }]);
    const b = await client.createContact([
      { channel: 'SMS', identity: '+15551270001' },
      { channel: 'WHATSAPP', identity: '+15551270002' },
    ]);
    await receiver.waitFor('duplicated_contact_identities_notification');
    await client.call('PATCH', `${client.project}/contacts/${a.id}?update_mask=display_name`, { display_name: 'Ada' });
    const [updated] = await receiver.waitFor('contact_update_notification');
    expect((updated?.json['contact_update_notification'] as { contact: Json }).contact['display_name']).toBe('Ada');
    const merged = await client.call('POST', `${client.project}/contacts/${a.id}:merge`, { source_id: b.id, strategy: 'MERGE' });
    expect(merged.status).toBe(200);
    const [merge] = await receiver.waitFor('contact_merge_notification');
    expect(merge?.json['contact_merge_notification']).toMatchObject({ preserved_contact: { id: a.id }, deleted_contact: { id: b.id } });

    const conv = await client.call('POST', `${client.project}/conversations`, { app_id: app.id, contact_id: a.id, active: true });
    await receiver.waitFor('conversation_start_notification');
    await client.call('POST', `${client.project}/conversations/${conv.body['id'] as string}:stop`);
    const [stopped] = await receiver.waitFor('conversation_stop_notification');
    expect((stopped?.json['conversation_stop_notification'] as { conversation: Json }).conversation).toMatchObject({ active: false });
    await client.call('DELETE', `${client.project}/conversations/${conv.body['id'] as string}`);
    await receiver.waitFor('conversation_delete_notification');
    await client.call('DELETE', `${client.project}/contacts/${a.id}`);
    await receiver.waitFor('contact_delete_notification');
  });

  it('lets a simulated contact send text, composing and a postback reply, over HTTP and in code', async () => {
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15551280001' }]);
    const choice = await send({
      recipient: { contact_id: contact.id },
      message: { choice_message: { text_message: { text: 'Pick' }, choices: [{ text_message: { text: 'Yes' }, postback_data: 'yes' }] } },
    });
    const text = await client.call('POST', '/_sandbox/inbound', { appId: app.id, contactId: contact.id, kind: 'text', text: 'Hi there' });
    expect(text.status).toBe(200);
    const [inbound] = await receiver.waitFor('message', 1, (p) => p['id'] === text.body['messageId']);
    expect(inbound?.json['message']).toMatchObject({
      direction: 'TO_APP',
      contact_id: contact.id,
      contact_message: { text_message: { text: 'Hi there' } },
      channel_identity: { channel: 'SMS', identity: '+15551280001' },
      sender_id: '+15550000001',
    });
    const composing = await sandbox.simulateInbound({ appId: app.id, contactId: contact.id, kind: 'composing' });
    const [event] = await receiver.waitFor('event', 1, (p) => p['id'] === composing.eventId);
    expect(event?.json['event']).toMatchObject({ contact_event: { composing_event: {} }, direction: 'TO_APP' });
    const postback = await sandbox.simulateInbound({ appId: app.id, contactId: contact.id, kind: 'postback', postbackData: 'yes' });
    const [reply] = await receiver.waitFor('message', 1, (p) => p['id'] === postback.messageId);
    expect((reply?.json['message'] as Json)['contact_message']).toEqual({
      choice_response_message: { message_id: choice.body['message_id'], postback_data: 'yes' },
    });
    const bad = await client.call('POST', '/_sandbox/inbound', { appId: app.id, contactId: contact.id, kind: 'shout' });
    expect(expectRpcError(bad, 400, 'INVALID_ARGUMENT').message).toMatch(/kind: 'shout' is not one of/);
    const listed = await client.call<{ messages: Json[] }>('GET', `${client.project}/messages?contact_id=${contact.id}&direction=TO_APP`);
    expect(listed.body.messages.map((m) => m['id'])).toEqual([postback.messageId, text.body['messageId']]);
  });

  it('sends delivery reports to a per-message callback_url signed with the app callback secret', async () => {
    const other = await new CallbackReceiver().start();
    try {
      const patched = await client.call('PATCH', `${client.project}/apps/${app.id}?update_mask=callback_settings`, {
        callback_settings: { secret_for_overridden_callback_urls: 'override-secret' },
      });
      expect(patched.status).toBe(200);
      const res = await send({
        recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+15551290001' }] } },
        callback_url: `${other.url}/override`,
      });
      const reports = await other.waitFor('message_delivery_report', 2, (p) => p['message_id'] === res.body['message_id']);
      for (const r of reports) expect(verifySignature('override-secret', r.raw, r.headers).valid).toBe(true);
      expect(receiver.withKey('message_delivery_report', (p) => p['message_id'] === res.body['message_id'])).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('sandbox callback retries', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox({ callbackRetry: { attempts: 3, baseDelayMs: 40, timeoutMs: 1000 } }));
  });
  afterAll(() => sandbox.close());

  it('retries a 5xx with backoff until the receiver accepts, without slowing the API', async () => {
    const receiver = await new CallbackReceiver().start();
    try {
      receiver.respond = (nth) => (nth <= 2 ? 503 : 200);
      const app = await client.createApp();
      await client.call('POST', `${client.project}/webhooks`, { app_id: app.id, target: receiver.url, triggers: ['CONTACT_CREATE'] });
      const started = Date.now();
      await client.createContact([{ channel: 'SMS', identity: '+15552000001' }]);
      expect(Date.now() - started).toBeLessThan(500);
      await receiver.waitFor('contact_create_notification', 3);
      await sandbox.whenCallbacksIdle();
      const record = sandbox.deliveries().find((d) => d.trigger === 'CONTACT_CREATE');
      expect(record?.state).toBe('delivered');
      expect(record?.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
      const times = receiver.received.map((r) => r.raw.toString()).filter((b, i, all) => all.indexOf(b) === i);
      expect(times).toHaveLength(1); // the same body each time, so a receiver can dedupe
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the configured attempts when the target refuses connections', async () => {
    sandbox.reset();
    const dead = await new CallbackReceiver().start();
    const deadUrl = dead.url;
    await dead.close(); // nothing listens there any more
    const app = await client.createApp();
    await client.call('POST', `${client.project}/webhooks`, { app_id: app.id, target: deadUrl, triggers: ['CONTACT_CREATE'] });
    await client.createContact([{ channel: 'SMS', identity: '+15552000002' }]);
    await sandbox.whenCallbacksIdle();
    const deliveries = await client.call<{ deliveries: Array<{ url: string; state: string; attempts: Array<{ error?: string }> }> }>(
      'GET',
      '/_sandbox/deliveries',
    );
    const record = deliveries.body.deliveries.find((d) => d.url === deadUrl);
    expect(record?.state).toBe('failed');
    expect(record?.attempts).toHaveLength(3);
    expect(record?.attempts[0]?.error).toBe('ECONNREFUSED');
  });

  it('does not retry a 4xx, which a retry would not fix', async () => {
    sandbox.reset();
    const receiver = await new CallbackReceiver().start();
    try {
      receiver.respond = () => 400;
      const app = await client.createApp();
      await client.call('POST', `${client.project}/webhooks`, { app_id: app.id, target: receiver.url, triggers: ['CONTACT_CREATE'] });
      await client.createContact([{ channel: 'SMS', identity: '+15552000003' }]);
      await sandbox.whenCallbacksIdle();
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
