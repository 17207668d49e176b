import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/backend/sandbox/index';
import type { Client } from './helpers';
import { expectRpcError, withSandbox, type Json } from './helpers';

describe('sandbox templates, consents and project settings', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  const t2 = (): string => `/v2/projects/${sandbox.projectId}/templates`;

  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox());
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('templates v2 live on the template host only, with optimistic versioning and translations', async () => {
    const onConversationHost = await client.call('GET', t2());
    expectRpcError(onConversationHost, 404, 'NOT_FOUND');

    const body = {
      id: 'welcome',
      description: 'Welcome',
      default_translation: 'en-US',
      translations: [
        { language_code: 'en-US', version: '1', text_message: { text: 'Hi ${name}' }, variables: [{ key: 'name', preview_value: 'Ada' }] },
        { language_code: 'sv-SE', version: '1', text_message: { text: 'Hej ${name}' } },
      ],
    };
    const created = await client.call<Json>('POST', t2(), body, { host: 'template' });
    expect(created.body).toMatchObject({ id: 'welcome', version: 1, default_translation: 'en-US' });
    expectRpcError(await client.call('POST', t2(), body, { host: 'template' }), 409, 'ALREADY_EXISTS');
    const twoBodies = await client.call(
      'POST',
      t2(),
      {
        translations: [{ language_code: 'en', text_message: { text: 'a' }, media_message: { url: 'https://x' } }],
      },
      { host: 'template' },
    );
    expect(expectRpcError(twoBodies, 400, 'INVALID_ARGUMENT').message).toMatch(/translations\[0\]: only one translation body/);
    const badDefault = await client.call(
      'POST',
      t2(),
      { default_translation: 'de', translations: [{ language_code: 'en', text_message: { text: 'a' } }] },
      { host: 'template' },
    );
    expectRpcError(badDefault, 400, 'INVALID_ARGUMENT');

    const stale = await client.call('PUT', `${t2()}/welcome`, { ...body, version: 7 }, { host: 'template' });
    expect(expectRpcError(stale, 400, 'FAILED_PRECONDITION').message).toMatch(/not the latest version/);
    const replaced = await client.call<Json>('PUT', `${t2()}/welcome`, { ...body, description: 'v2', version: 1 }, { host: 'template' });
    expect(replaced.body).toMatchObject({ version: 2, description: 'v2' });

    const sv = await client.call<{ translations: Json[] }>('GET', `${t2()}/welcome/translations?language_code=sv-SE`, undefined, { host: 'template' });
    expect(sv.body.translations.map((t) => t['language_code'])).toEqual(['sv-SE']);
    expect((await client.call<{ templates: Json[] }>('GET', t2(), undefined, { host: 'template' })).body.templates).toHaveLength(1);
    expect((await client.call('DELETE', `${t2()}/welcome`, undefined, { host: 'template' })).body).toEqual({});
    expectRpcError(await client.call('GET', `${t2()}/welcome`, undefined, { host: 'template' }), 404, 'NOT_FOUND');
  });

  it('templates v1 (end-of-life) still work on the template host with update_mask', async () => {
    const path = `/v1/projects/${sandbox.projectId}/templates`;
    const created = await client.call<Json & { id: string }>(
      'POST',
      path,
      {
        description: 'old',
        channel: 'SMS',
        translations: [{ language_code: 'en-US', content: '{"text_message":{"text":"hi"}}' }],
      },
      { host: 'template' },
    );
    expect(created.body).toMatchObject({ channel: 'SMS', default_translation: 'en-US' });
    const patched = await client.call(
      'PATCH',
      `${path}/${created.body.id}?update_mask=description`,
      { description: 'newer', channel: 'RCS' },
      { host: 'template' },
    );
    expect(patched.body).toMatchObject({ description: 'newer', channel: 'SMS' });
    const badChannel = await client.call('POST', path, { channel: 'PIGEON', translations: [{ language_code: 'en', content: 'x' }] }, { host: 'template' });
    expectRpcError(badChannel, 400, 'INVALID_ARGUMENT');
    expect((await client.call('DELETE', `${path}/${created.body.id}`, undefined, { host: 'template' })).body).toEqual({});
  });

  it('consents: a STOP from a contact and the control endpoint fill opt-out lists with an audit trail, and block sends', async () => {
    const app = await client.createApp();
    const p = client.project;
    await sandbox.simulateInbound({ appId: app.id, channel: 'SMS', identity: '+15557000001', kind: 'text', text: 'stop' });
    await client.call('POST', '/_sandbox/consents', { appId: app.id, identity: '+15557000002', listType: 'OPT_OUT_MARKETING' });
    await client.call('POST', '/_sandbox/consents', { appId: app.id, identity: '+15557000003', listType: 'OPT_OUT_ALL' });

    const all = await client.call<{ identities: Json[]; next_page_token: string }>('GET', `${p}/apps/${app.id}/consents/OPT_OUT_ALL?page_size=1`);
    expect(all.body.identities).toEqual([{ identity: '+15557000001' }]);
    const rest = await client.call<{ identities: Json[] }>(
      'GET',
      `${p}/apps/${app.id}/consents/OPT_OUT_ALL?page_size=1&page_token=${all.body.next_page_token}`,
    );
    expect(rest.body.identities).toEqual([{ identity: '+15557000003' }]);
    expectRpcError(await client.call('GET', `${p}/apps/${app.id}/consents/OPT_IN_EVERYTHING`), 400, 'INVALID_ARGUMENT');

    const audit = await client.call('GET', `${p}/apps/${app.id}/consents/identities/${encodeURIComponent('+15557000001')}`);
    expect(audit.body).toMatchObject({
      identity: { identity: '+15557000001' },
      audit_records: [{ origin: 'ORIGIN_MO', operation: 'OPERATION_INSERT', list_type: 'OPT_OUT_ALL', app_id: app.id, project_id: sandbox.projectId }],
    });
    expectRpcError(await client.call('GET', `${p}/apps/${app.id}/consents/identities/unknown`), 404, 'NOT_FOUND');

    const send = await client.call<Json>('POST', `${p}/messages:send`, {
      app_id: app.id,
      recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: '+15557000002' }] } },
      message: { text_message: { text: 'promo' } },
      message_content_type: 'CONTENT_MARKETING',
    });
    expect(send.status).toBe(200); // consent is checked downstream, as a FAILED delivery report
    await sandbox.whenCallbacksIdle();
    const deadline = Date.now() + 2000;
    let status: unknown;
    while (Date.now() < deadline) {
      status = ((await client.call<Json>('GET', `${p}/messages/${send.body['message_id'] as string}`)).body['message_status'] as Json)['status'];
      if (status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe('FAILED');
  });

  it('project settings: create once, read, patch, delete', async () => {
    const path = `${client.project}/settings`;
    expectRpcError(await client.call('GET', path), 404, 'NOT_FOUND');
    const created = await client.call('POST', path, { contact_settings: { unified_contact_id_enabled: true } });
    expect(created.body).toEqual({ project_id: sandbox.projectId, settings: { contact_settings: { unified_contact_id_enabled: true } } });
    expectRpcError(await client.call('POST', path, {}), 409, 'ALREADY_EXISTS');
    const patched = await client.call('PATCH', path, { contact_settings: { unified_contact_id_enabled: false } });
    expect(patched.body).toMatchObject({ settings: { contact_settings: { unified_contact_id_enabled: false } } });
    const badType = await client.call('PATCH', path, { contact_settings: { unified_contact_id_enabled: 'yes' } });
    expect(expectRpcError(badType, 400, 'INVALID_ARGUMENT').message).toMatch(/contact_settings\.unified_contact_id_enabled: expected true or false/);
    expect((await client.call('DELETE', path)).body).toEqual({});
  });
});
