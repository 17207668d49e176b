// Finding 1 of issue #10: the sandbox's update_mask walked into `__proto__` and patched
// Object.prototype before validating, so one PATCH with the public demo key changed every object
// in the process (the sandbox runs inside the app's backend).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/backend/sandbox/index';
import { expectRpcError, withSandbox, type Client, type Json } from '../integration/sandbox/helpers';

const INJECTED = ['email', 'polluted', 'callback_url', 'isAdmin', 'display_name'] as const;

function pollution(): string[] {
  const probe: Record<string, unknown> = {};
  return INJECTED.filter((key) => probe[key] !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, key));
}

describe('sandbox field masks and patches cannot reach Object.prototype', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  let token: string;

  /** Sends the body text as written: JSON.stringify would never produce an own "__proto__" key. */
  const rawPatch = async (path: string, body: string, host: 'conversation' | 'template' = 'conversation'): Promise<{ status: number; body: Json }> => {
    const base = host === 'template' ? sandbox.templateUrl : sandbox.conversationUrl;
    const res = await fetch(`${base}${path}`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox());
    token = await client.fetchToken();
  });
  afterAll(() => sandbox.close());
  afterEach(() => {
    // Never let one failing case poison the rest of this worker.
    for (const key of INJECTED) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('the reproduction from the issue answers 400 naming the path and leaves ({}).email undefined', async () => {
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15557000001' }]);
    const res = await rawPatch(
      `${client.project}/contacts/${contact.id}?update_mask=display_name.__proto__.email`,
      '{"display_name":{"__proto__":{"email":"x"}}}',
    );
    const error = expectRpcError({ status: res.status, headers: new Headers(), body: res.body }, 400, 'INVALID_ARGUMENT');
    expect(error.message).toContain('display_name.__proto__');
    expect(({} as Record<string, unknown>)['email']).toBeUndefined();
    expect(pollution()).toEqual([]);
    // The app keeps working: a new contact has exactly what was sent, the old one is unchanged.
    const fresh = await client.createContact([{ channel: 'SMS', identity: '+15557000002' }]);
    expect(fresh['email']).toBe('');
    const again = await client.call('GET', `${client.project}/contacts/${contact.id}`);
    expect(again.status).toBe(200);
    expect(again.body['display_name']).toBe(contact['display_name']);
  });

  it.each([
    ['__proto__', 'display_name.__proto__.polluted'],
    ['constructor', 'display_name.constructor.prototype.polluted'],
    ['prototype', 'metadata.prototype'],
  ])('refuses %s anywhere in a contact update_mask, naming the path', async (word, path) => {
    const contact = await client.createContact([{ channel: 'SMS', identity: `+1555700${String(path.length).padStart(4, '0')}` }]);
    const res = await rawPatch(
      `${client.project}/contacts/${contact.id}?update_mask=${path}`,
      '{"display_name":{"constructor":{"prototype":{"polluted":1}}},"metadata":{"prototype":1}}',
    );
    const error = expectRpcError({ status: res.status, headers: new Headers(), body: res.body }, 400, 'INVALID_ARGUMENT');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`"${word}"`);
    expect(pollution()).toEqual([]);
  });

  it('apps, conversations, webhooks and v1 templates refuse the same masks before anything changes', async () => {
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15557000100' }]);
    const conversation = await client.call<Json & { id: string }>('POST', `${client.project}/conversations`, { app_id: app.id, contact_id: contact.id });
    expect(conversation.status).toBe(200);
    const webhook = await client.call<Json & { id: string }>('POST', `${client.project}/webhooks`, {
      app_id: app.id,
      target: 'http://127.0.0.1:9/hook',
      triggers: ['MESSAGE_DELIVERY'],
    });
    expect(webhook.status).toBe(200);
    const template = await client.call<Json & { id: string }>(
      'POST',
      `/v1/projects/${sandbox.projectId}/templates`,
      { description: 'd', channel: 'SMS', translations: [{ language_code: 'en-US', content: '{"text_message":{"text":"hi"}}' }] },
      { host: 'template' },
    );
    expect(template.status).toBe(200);
    const cases: Array<[string, string, 'conversation' | 'template']> = [
      [
        `${client.project}/apps/${app.id}?update_mask=display_name.__proto__.callback_url`,
        '{"display_name":{"__proto__":{"callback_url":"http://evil.example/"}}}',
        'conversation',
      ],
      [
        `${client.project}/conversations/${conversation.body.id}?update_mask=metadata_json.__proto__.polluted`,
        '{"metadata_json":{"__proto__":{"polluted":true}}}',
        'conversation',
      ],
      [
        `${client.project}/webhooks/${webhook.body.id}?update_mask=target.__proto__.callback_url`,
        '{"target":{"__proto__":{"callback_url":"http://evil.example/"}}}',
        'conversation',
      ],
      [
        `/v1/projects/${sandbox.projectId}/templates/${template.body.id}?update_mask=description.__proto__.polluted`,
        '{"description":{"__proto__":{"polluted":1}}}',
        'template',
      ],
    ];
    for (const [path, body, host] of cases) {
      const res = await rawPatch(path, body, host);
      expectRpcError({ status: res.status, headers: new Headers(), body: res.body }, 400, 'INVALID_ARGUMENT');
      expect(pollution(), path).toEqual([]);
    }
    const stored = await client.call('GET', `${client.project}/apps/${app.id}`);
    expect(stored.body['display_name']).toBe(app['display_name']);
  });

  it('a "__proto__" key anywhere in a JSON body is refused with its path, with or without a mask', async () => {
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15557000200' }]);
    const conversation = await client.call<Json & { id: string }>('POST', `${client.project}/conversations`, { app_id: app.id, contact_id: contact.id });
    const res = await rawPatch(
      `${client.project}/conversations/${conversation.body.id}?metadata_update_strategy=MERGE_PATCH`,
      '{"metadata_json":{"nested":{"__proto__":{"polluted":true}}}}',
    );
    const error = expectRpcError({ status: res.status, headers: new Headers(), body: res.body }, 400, 'INVALID_ARGUMENT');
    expect(error.message).toContain('metadata_json.nested.__proto__');
    expect(pollution()).toEqual([]);
    // "constructor" and "prototype" are ordinary data keys in a body and are kept as such.
    const ok = await rawPatch(
      `${client.project}/conversations/${conversation.body.id}?update_mask=metadata_json`,
      '{"metadata_json":{"constructor":"c","prototype":{"x":1}}}',
    );
    expect(ok.status).toBe(200);
    expect(ok.body['metadata_json']).toEqual({ constructor: 'c', prototype: { x: 1 } });
  });
});
