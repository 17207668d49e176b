import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/backend/sandbox/index';
import type { Client } from './helpers';
import { expectRpcError, withSandbox, type Json } from './helpers';

type List<K extends string> = Record<K, Json[]> & { next_page_token: string; total_size?: number };

describe('sandbox resources: CRUD, paging, update masks and errors', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  let p: string;

  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox());
    p = client.project;
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('apps: create, get, list, update with either update_mask encoding, delete', async () => {
    const app = await client.createApp({ processing_mode: 'CONVERSATION' });
    expect(app).toMatchObject({
      display_name: 'Test app',
      rate_limits: { inbound: 25, outbound: 25, webhooks: 25 },
      channel_credentials: [{ channel: 'SMS', state: { status: 'ACTIVE' } }, { channel: 'WHATSAPP' }],
    });
    expect((await client.call('GET', `${p}/apps/${app.id}`)).body).toEqual(app);
    expect((await client.call<List<'apps'>>('GET', `${p}/apps`)).body.apps).toHaveLength(1);

    const masked = await client.call('PATCH', `${p}/apps/${app.id}?update_mask=display_name`, { display_name: 'Renamed', processing_mode: 'DISPATCH' });
    expect(masked.body).toMatchObject({ display_name: 'Renamed', processing_mode: 'CONVERSATION' });
    const repeated = await client.call('PATCH', `${p}/apps/${app.id}?update_mask.paths=processing_mode&update_mask.paths=display_name`, {
      display_name: 'Twice',
      processing_mode: 'DISPATCH',
    });
    expect(repeated.body).toMatchObject({ display_name: 'Twice', processing_mode: 'DISPATCH' });
    const unknownPath = await client.call('PATCH', `${p}/apps/${app.id}?update_mask=id`, {});
    expect(expectRpcError(unknownPath, 400, 'INVALID_ARGUMENT').message).toMatch(/update_mask: 'id' is not an updatable field/);

    expect((await client.call('DELETE', `${p}/apps/${app.id}`)).body).toEqual({});
    expectRpcError(await client.call('GET', `${p}/apps/${app.id}`), 404, 'NOT_FOUND');
  });

  it('apps: validates required fields, enums and credential shapes', async () => {
    const noName = await client.call('POST', `${p}/apps`, { channel_credentials: [] });
    expect(expectRpcError(noName, 400, 'INVALID_ARGUMENT').message).toBe('display_name: required field is missing');
    const badMode = await client.call('POST', `${p}/apps`, {
      display_name: 'x',
      processing_mode: 'BATCH',
      channel_credentials: [{ channel: 'SMS', static_bearer: { claimed_identity: '1', token: 't' } }],
    });
    expect(expectRpcError(badMode, 400, 'INVALID_ARGUMENT').message).toBe("processing_mode: 'BATCH' is not one of CONVERSATION, DISPATCH");
    const wrongCred = await client.call('POST', `${p}/apps`, { display_name: 'x', channel_credentials: [{ channel: 'SMS', static_token: { token: 't' } }] });
    expect(expectRpcError(wrongCred, 400, 'INVALID_ARGUMENT').message).toMatch(/channel_credentials\[0\]\.static_token: not a credential for channel SMS/);
    const missingToken = await client.call('POST', `${p}/apps`, {
      display_name: 'x',
      channel_credentials: [{ channel: 'SMS', static_bearer: { claimed_identity: '1' } }],
    });
    expect(expectRpcError(missingToken, 400, 'INVALID_ARGUMENT').message).toBe('channel_credentials[0].static_bearer.token: required field is missing');
    const notJson = await fetch(`${sandbox.conversationUrl}${p}/apps`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await client.fetchToken()}`, 'Content-Type': 'application/json' },
      body: '{"display_name":',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');
  });

  it('contacts: paging with page_size/page_token, filters, update and identity rules', async () => {
    for (let i = 0; i < 5; i++) {
      await client.createContact([{ channel: 'SMS', identity: `+1555100000${i}` }], { external_id: `ext-${i % 2}` });
    }
    const first = await client.call<List<'contacts'>>('GET', `${p}/contacts?page_size=2`);
    expect(first.body.contacts).toHaveLength(2);
    expect(first.body.next_page_token).not.toBe('');
    const ids = first.body.contacts.map((c) => c['id']);
    let token = first.body.next_page_token;
    while (token) {
      const next = await client.call<List<'contacts'>>('GET', `${p}/contacts?page_size=2&page_token=${token}`);
      ids.push(...next.body.contacts.map((c) => c['id']));
      token = next.body.next_page_token;
    }
    expect(new Set(ids).size).toBe(5);
    const mismatched = await client.call('GET', `${p}/contacts?page_size=2&external_id=ext-0&page_token=${first.body.next_page_token}`);
    expect(expectRpcError(mismatched, 400, 'INVALID_ARGUMENT').message).toMatch(/page_token/);
    expect((await client.call<List<'contacts'>>('GET', `${p}/contacts?page_size=50`)).body.contacts).toHaveLength(5); // clamped to max 20

    expect((await client.call<List<'contacts'>>('GET', `${p}/contacts?external_id=ext-1`)).body.contacts).toHaveLength(2);
    const byIdentity = await client.call<List<'contacts'>>('GET', `${p}/contacts?channel=SMS&identity=%2B15551000003`);
    expect(byIdentity.body.contacts.map((c) => c['channel_identities'])).toEqual([[{ channel: 'SMS', identity: '+15551000003', app_id: '' }]]);
    const unencodedPlus = await client.call<List<'contacts'>>('GET', `${p}/contacts?channel=SMS&identity=+15551000003`);
    expect(unencodedPlus.body.contacts).toHaveLength(1); // the Node SDK does not percent-encode query values
    expectRpcError(await client.call('GET', `${p}/contacts?channel=SMS`), 400, 'INVALID_ARGUMENT');
    expectRpcError(await client.call('GET', `${p}/contacts?external_id=a&channel=SMS&identity=1`), 400, 'INVALID_ARGUMENT');

    const id = ids[0] as string;
    const updated = await client.call('PATCH', `${p}/contacts/${id}?update_mask=language,display_name`, {
      language: 'FR',
      display_name: 'Zoé',
      email: 'ignored@x',
    });
    expect(updated.body).toMatchObject({ language: 'FR', display_name: 'Zoé', email: '' });
    const badLang = await client.call('PATCH', `${p}/contacts/${id}`, { language: 'KLINGON' });
    expect(expectRpcError(badLang, 400, 'INVALID_ARGUMENT').message).toMatch(/^language: 'KLINGON' is not one of AF, SQ/);
    const scoped = await client.call('POST', `${p}/contacts`, { language: 'EN', channel_identities: [{ channel: 'MESSENGER', identity: 'psid' }] });
    expect(expectRpcError(scoped, 400, 'INVALID_ARGUMENT').message).toMatch(/channel_identities\[0\]\.app_id: required for MESSENGER/);
    const empty = await client.call('POST', `${p}/contacts`, { language: 'EN', channel_identities: [] });
    expect(expectRpcError(empty, 400, 'INVALID_ARGUMENT').message).toBe('channel_identities: must contain at least 1 item(s)');
  });

  it('contacts: merge, getChannelProfile and identityConflicts', async () => {
    const app = await client.createApp({
      channel_credentials: [
        { channel: 'MESSENGER', static_token: { token: 't' } },
        { channel: 'SMS', static_bearer: { claimed_identity: '1', token: 't' } },
      ],
    });
    const a = await client.createContact([{ channel: 'SMS', identity: '+15552000001' }], { display_name: 'Ada' });
    const b = await client.createContact([
      { channel: 'SMS', identity: '+15552000001' },
      { channel: 'MESSENGER', identity: 'psid-1', app_id: app.id },
    ]);
    const conflicts = await client.call<{ conflicts: Json[] }>('GET', `${p}/contacts:identityConflicts`);
    expect(conflicts.body.conflicts).toEqual([{ identity: '+15552000001', channels: ['SMS'], contact_ids: [a.id, b.id] }]);

    const profile = await client.call('POST', `${p}/contacts:getChannelProfile`, { app_id: app.id, channel: 'MESSENGER', recipient: { contact_id: b.id } });
    expect(profile.body).toEqual({ profile_name: 'Sandbox User psid-1' });
    const smsProfile = await client.call('POST', `${p}/contacts:getChannelProfile`, { app_id: app.id, channel: 'SMS', recipient: { contact_id: a.id } });
    expect(expectRpcError(smsProfile, 400, 'INVALID_ARGUMENT').message).toMatch(/^channel: 'SMS' is not one of MESSENGER, INSTAGRAM, VIBER, LINE/);

    const merged = await client.call<Json>('POST', `${p}/contacts/${a.id}:merge`, { source_id: b.id });
    expect(merged.body['id']).toBe(a.id);
    expect(merged.body['channel_identities']).toHaveLength(2);
    expectRpcError(await client.call('GET', `${p}/contacts/${b.id}`), 404, 'NOT_FOUND');
    expect((await client.call<{ conflicts: Json[] }>('GET', `${p}/contacts:identityConflicts`)).body.conflicts).toEqual([]);
    expectRpcError(await client.call('POST', `${p}/contacts/${a.id}:merge`, {}), 400, 'INVALID_ARGUMENT');
  });

  it('conversations: create, list, recent, update metadata, stop, inject message and event, delete', async () => {
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15553000001' }]);
    const conv = await client.call<Json & { id: string }>('POST', `${p}/conversations`, {
      app_id: app.id,
      contact_id: contact.id,
      active: true,
      metadata_json: { a: 1, b: { c: 2 } },
    });
    expect(conv.body).toMatchObject({ active: true, active_channel: 'CHANNEL_UNSPECIFIED', last_received: '1970-01-01T00:00:00Z' });
    const second = await client.call('POST', `${p}/conversations`, { app_id: app.id, contact_id: contact.id, active: true });
    expect(expectRpcError(second, 400, 'FAILED_PRECONDITION').message).toMatch(/already has an active conversation/);
    expectRpcError(await client.call('GET', `${p}/conversations`), 400, 'INVALID_ARGUMENT');

    const merged = await client.call('PATCH', `${p}/conversations/${conv.body.id}?metadata_update_strategy=MERGE_PATCH`, {
      metadata_json: { b: { d: 3 }, a: null },
    });
    expect(merged.body['metadata_json']).toEqual({ b: { c: 2, d: 3 } });

    const injected = await client.call('POST', `${p}/conversations/${conv.body.id}:inject-message`, {
      accept_time: new Date(Date.now() - 60_000).toISOString(),
      channel_identity: { channel: 'SMS', identity: '+15553000001' },
      contact_id: contact.id,
      direction: 'TO_APP',
      contact_message: { text_message: { text: 'injected hello' } },
    });
    expect(injected.body).toEqual({});
    const tooOld = await client.call('POST', `${p}/conversations/${conv.body.id}:inject-message`, {
      accept_time: '2001-01-01T00:00:00Z',
      channel_identity: { channel: 'SMS', identity: '+15553000001' },
      contact_id: contact.id,
      direction: 'TO_APP',
      contact_message: { text_message: { text: 'x' } },
    });
    expect(expectRpcError(tooOld, 400, 'INVALID_ARGUMENT').message).toMatch(/accept_time: must be within the past 30 days/);
    const event = await client.call<Json>('POST', `${p}/conversations/${conv.body.id}:inject-event`, {
      accept_time: new Date().toISOString(),
      app_event: { generic_event: { payload: { k: 'v' } } },
    });
    expect(Object.keys(event.body).sort()).toEqual(['accepted_time', 'event_id']);

    const list = await client.call<List<'conversations'>>('GET', `${p}/conversations?app_id=${app.id}&only_active=true`);
    expect(list.body).toMatchObject({ total_size: 1, next_page_token: '' });
    const recent = await client.call<{ conversations: Array<{ conversation: Json; last_message?: Json }>; total_size: number }>(
      'GET',
      `${p}/conversations:recent?app_id=${app.id}&page_size=10`,
    );
    expect(recent.body.conversations[0]?.last_message).toMatchObject({ injected: true, contact_message: { text_message: { text: 'injected hello' } } });
    expectRpcError(await client.call('GET', `${p}/conversations:recent`), 400, 'INVALID_ARGUMENT');

    expect((await client.call('POST', `${p}/conversations/${conv.body.id}:stop`)).body).toEqual({});
    expect((await client.call('GET', `${p}/conversations/${conv.body.id}`)).body).toMatchObject({ active: false });
    expect((await client.call<List<'events'>>('GET', `${p}/events?conversation_id=${conv.body.id}`)).body.events).toHaveLength(1);
    expect((await client.call('DELETE', `${p}/conversations/${conv.body.id}`)).body).toEqual({});
    expectRpcError(await client.call('GET', `${p}/conversations/${conv.body.id}`), 404, 'NOT_FOUND');

    const dispatchApp = await client.createApp({ processing_mode: 'DISPATCH' });
    const refused = await client.call('POST', `${p}/conversations`, { app_id: dispatchApp.id, contact_id: contact.id });
    expectRpcError(refused, 400, 'FAILED_PRECONDITION');
  });

  it('messages: list newest first with paging and filters, get/update/delete by source, fetch-last-message, transcode', async () => {
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15554000001' }]);
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await client.call<Json>('POST', `${p}/messages:send`, {
        app_id: app.id,
        recipient: { contact_id: contact.id },
        message: { text_message: { text: `m${i}` } },
        message_metadata: `meta-${i}`,
      });
      sent.push(res.body['message_id'] as string);
    }
    const page1 = await client.call<List<'messages'>>('GET', `${p}/messages?app_id=${app.id}&page_size=2`);
    expect(page1.body.messages.map((m) => m['id'])).toEqual([sent[2], sent[1]]);
    const page2 = await client.call<List<'messages'>>('GET', `${p}/messages?app_id=${app.id}&page_size=2&page_token=${page1.body.next_page_token}`);
    expect(page2.body.messages.map((m) => m['id'])).toEqual([sent[0]]);
    expect(page2.body.next_page_token).toBe('');
    const noMeta = await client.call<List<'messages'>>('GET', `${p}/messages?contact_id=${contact.id}&view=WITHOUT_METADATA`);
    expect(noMeta.body.messages.every((m) => m['metadata'] === '')).toBe(true);
    expect((await client.call<List<'messages'>>('GET', `${p}/messages?messages_source=DISPATCH_SOURCE`)).body.messages).toHaveLength(0);
    expect((await client.call<List<'messages'>>('GET', `${p}/messages?channel=WHATSAPP`)).body.messages).toHaveLength(0);
    expectRpcError(await client.call('GET', `${p}/messages?direction=SIDEWAYS`), 400, 'INVALID_ARGUMENT');

    const id = sent[0] as string;
    expect((await client.call('PATCH', `${p}/messages/${id}`, { metadata: 'changed' })).body).toMatchObject({ id, metadata: 'changed' });
    expectRpcError(await client.call('PATCH', `${p}/messages/${id}`, {}), 400, 'INVALID_ARGUMENT');
    expectRpcError(await client.call('GET', `${p}/messages/${id}?messages_source=DISPATCH_SOURCE`), 404, 'NOT_FOUND');
    expect((await client.call('DELETE', `${p}/messages/${id}`)).body).toEqual({});
    expectRpcError(await client.call('GET', `${p}/messages/${id}`), 404, 'NOT_FOUND');

    const last = await client.call<List<'messages'>>('POST', `${p}/messages:fetch-last-message`, {
      contact_ids: [contact.id],
      messages_source: 'CONVERSATION_SOURCE',
    });
    expect(last.body.messages.map((m) => m['id'])).toEqual([sent[2]]);
    const both = await client.call('POST', `${p}/messages:fetch-last-message`, { contact_ids: ['a'], channel_identities: ['b'] });
    expectRpcError(both, 400, 'INVALID_ARGUMENT');

    const transcoded = await client.call<{ transcoded_message: Record<string, string> }>('POST', `${p}/messages:transcode`, {
      app_id: app.id,
      app_message: { text_message: { text: 'Preview me' } },
      channels: ['SMS', 'WHATSAPP'],
    });
    expect(transcoded.body.transcoded_message['SMS']).toBe('Preview me');
    expect(JSON.parse(transcoded.body.transcoded_message['WHATSAPP'] ?? '{}')).toMatchObject({ text: { body: 'Preview me' } });
  });

  it('DISPATCH apps: identified_by only, no contact or conversation, listed under DISPATCH_SOURCE', async () => {
    const app = await client.createApp({ processing_mode: 'DISPATCH' });
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15555000001' }]);
    const byContact = await client.call('POST', `${p}/messages:send`, {
      app_id: app.id,
      recipient: { contact_id: contact.id },
      message: { text_message: { text: 'x' } },
    });
    expect(expectRpcError(byContact, 400, 'INVALID_ARGUMENT').message).toMatch(/DISPATCH mode/);
    const ok = await client.call<Json>('POST', `${p}/messages:send`, {
      app_id: app.id,
      recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+15555000002' }] } },
      message: { text_message: { text: 'x' } },
    });
    const listed = await client.call<List<'messages'>>('GET', `${p}/messages?messages_source=DISPATCH_SOURCE`);
    expect(listed.body.messages).toMatchObject([{ id: ok.body['message_id'], contact_id: '', conversation_id: '', processing_mode: 'DISPATCH' }]);
    expect((await client.call<List<'contacts'>>('GET', `${p}/contacts`)).body.contacts).toHaveLength(1);
  });

  it('events: send, list needs a filter, get and delete', async () => {
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15556000001' }]);
    const sent = await client.call<Json>('POST', `${p}/events:send`, { app_id: app.id, recipient: { contact_id: contact.id }, event: { composing_event: {} } });
    const id = sent.body['event_id'] as string;
    expectRpcError(await client.call('GET', `${p}/events`), 400, 'INVALID_ARGUMENT');
    expect((await client.call<List<'events'>>('GET', `${p}/events?contact_id=${contact.id}`)).body.events.map((e) => e['id'])).toEqual([id]);
    expect((await client.call('GET', `${p}/events/${id}`)).body).toMatchObject({ id, app_event: { composing_event: {} }, direction: 'TO_CONTACT' });
    const twoEvents = await client.call('POST', `${p}/events:send`, {
      app_id: app.id,
      recipient: { contact_id: contact.id },
      event: { composing_event: {}, composing_end_event: {} },
    });
    expect(expectRpcError(twoEvents, 400, 'INVALID_ARGUMENT').message).toMatch(/composing_event and composing_end_event/);
    expect((await client.call('DELETE', `${p}/events/${id}`)).body).toEqual({});
    expectRpcError(await client.call('GET', `${p}/events/${id}`), 404, 'NOT_FOUND');
  });

  it('webhooks: create, list per app, get, update triggers, delete, with target rules', async () => {
    const app = await client.createApp();
    const hook = await client.call<Json & { id: string }>('POST', `${p}/webhooks`, {
      app_id: app.id,
      target: 'http://127.0.0.1:9/a',
      triggers: ['MESSAGE_DELIVERY'],
    });
    expect(hook.body).toMatchObject({ app_id: app.id, target_type: 'HTTP', secret: '', triggers: ['MESSAGE_DELIVERY'] });
    const dup = await client.call('POST', `${p}/webhooks`, { app_id: app.id, target: 'http://127.0.0.1:9/a' });
    expect(expectRpcError(dup, 400, 'INVALID_ARGUMENT').message).toMatch(/already has a webhook/);
    const badTrigger = await client.call('POST', `${p}/webhooks`, { app_id: app.id, target: 'http://127.0.0.1:9/b', triggers: ['MESSAGE_DELIVERY', 'NOPE'] });
    expect(expectRpcError(badTrigger, 400, 'INVALID_ARGUMENT').message).toMatch(/^triggers\[1\]: 'NOPE' is not one of MESSAGE_INBOUND/);
    const sinchHost = await client.call('POST', `${p}/webhooks`, { app_id: app.id, target: 'https://conversation-api.eu.sinch.com/x' });
    expectRpcError(sinchHost, 400, 'INVALID_ARGUMENT');
    expectRpcError(await client.call('POST', `${p}/webhooks`, { app_id: 'missing', target: 'http://127.0.0.1:9/c' }), 404, 'NOT_FOUND');
    for (let i = 0; i < 4; i++) await client.call('POST', `${p}/webhooks`, { app_id: app.id, target: `http://127.0.0.1:9/n${i}` });
    expectRpcError(await client.call('POST', `${p}/webhooks`, { app_id: app.id, target: 'http://127.0.0.1:9/six' }), 400, 'INVALID_ARGUMENT');

    const updated = await client.call('PATCH', `${p}/webhooks/${hook.body.id}?update_mask=triggers`, { triggers: ['MESSAGE_INBOUND', 'EVENT_INBOUND'] });
    expect(updated.body).toMatchObject({ triggers: ['MESSAGE_INBOUND', 'EVENT_INBOUND'], target: 'http://127.0.0.1:9/a' });
    expect((await client.call<{ webhooks: Json[] }>('GET', `${p}/apps/${app.id}/webhooks`)).body.webhooks).toHaveLength(5);
    expect((await client.call('GET', `${p}/webhooks/${hook.body.id}`)).body).toMatchObject({ id: hook.body.id });
    expect((await client.call('DELETE', `${p}/webhooks/${hook.body.id}`)).body).toEqual({});
    expectRpcError(await client.call('GET', `${p}/webhooks/${hook.body.id}`), 404, 'NOT_FOUND');
  });

  it('answers unknown paths with 404 and a wrong verb with 501, in the error envelope', async () => {
    expectRpcError(await client.call('GET', `${p}/nothing-here`), 404, 'NOT_FOUND');
    expectRpcError(await client.call('PUT', `${p}/apps`), 501, 'UNIMPLEMENTED');
  });
});
