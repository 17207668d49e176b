// Property-based fuzz of the sandbox's JSON parsing and field masks (issue #10): whatever body and
// update_mask arrive, the answer is a success or a Sinch error envelope, never a 500, and
// Object.prototype is never changed. Loopback only, bounded runs.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/backend/sandbox/index';
import { withSandbox, type Client } from '../integration/sandbox/helpers';
import { HOSTILE_KEYS, hostileText, jsonText, prototypeSnapshot, rawExchange, runs } from './fuzzSupport';

const FIELDS = [
  'display_name',
  'metadata',
  'metadata_json',
  'email',
  'channel_identities',
  'channel',
  'identity',
  'language',
  'target',
  'triggers',
  'secret',
  'description',
  'translations',
  'active',
  'app_id',
  'contact_id',
  'message',
  'recipient',
] as const;

interface Endpoint {
  method: 'PATCH' | 'POST';
  path: string;
  host: 'conversation' | 'template';
  masked: boolean;
}

function checkReply(status: number, body: string, what: string): void {
  expect(status, what).toBeGreaterThanOrEqual(200);
  expect(status, `${what} answered ${status}: ${body.slice(0, 300)}`).toBeLessThan(500);
  const parsed = JSON.parse(body) as { error?: { code?: unknown; status?: unknown; message?: unknown } };
  if (status >= 400) {
    expect(parsed.error?.code, what).toBe(status);
    expect(typeof parsed.error?.status, what).toBe('string');
    expect(typeof parsed.error?.message, what).toBe('string');
    expect(body, what).not.toMatch(/\bat .+\.ts:\d+/);
  }
}

describe('sandbox fuzz: bodies and field masks', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  let auth: string;
  let endpoints: Endpoint[];
  const before = prototypeSnapshot();

  const send = async (endpoint: Endpoint, query: string, body: string): Promise<{ status: number; body: string }> => {
    const base = new URL(endpoint.host === 'template' ? sandbox.templateUrl : sandbox.conversationUrl);
    const bytes = Buffer.from(body, 'utf8');
    const head = [
      `${endpoint.method} ${endpoint.path}${query} HTTP/1.1`,
      `Host: ${base.host}`,
      `Authorization: ${auth}`,
      'Content-Type: application/json',
      `Content-Length: ${bytes.length}`,
      'Connection: close',
    ].join('\r\n');
    const reply = await rawExchange(Number(base.port), `${head}\r\n\r\n`, bytes);
    return { status: reply.status, body: reply.body };
  };

  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox());
    auth = `Bearer ${await client.fetchToken()}`;
    const p = client.project;
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15558000001' }]);
    const conversation = await client.call<{ id: string }>('POST', `${p}/conversations`, { app_id: app.id, contact_id: contact.id });
    const webhook = await client.call<{ id: string }>('POST', `${p}/webhooks`, {
      app_id: app.id,
      target: 'http://127.0.0.1:9/hook',
      triggers: ['MESSAGE_DELIVERY'],
    });
    const template = await client.call<{ id: string }>(
      'POST',
      `/v1/projects/${sandbox.projectId}/templates`,
      { description: 'd', channel: 'SMS', translations: [{ language_code: 'en-US', content: '{"text_message":{"text":"hi"}}' }] },
      { host: 'template' },
    );
    endpoints = [
      { method: 'PATCH', path: `${p}/contacts/${contact.id}`, host: 'conversation', masked: true },
      { method: 'PATCH', path: `${p}/apps/${app.id}`, host: 'conversation', masked: true },
      { method: 'PATCH', path: `${p}/conversations/${conversation.body.id}`, host: 'conversation', masked: true },
      { method: 'PATCH', path: `${p}/webhooks/${webhook.body.id}`, host: 'conversation', masked: true },
      { method: 'PATCH', path: `/v1/projects/${sandbox.projectId}/templates/${template.body.id}`, host: 'template', masked: true },
      { method: 'POST', path: `${p}/contacts`, host: 'conversation', masked: false },
      { method: 'POST', path: `${p}/conversations`, host: 'conversation', masked: false },
      { method: 'POST', path: `${p}/messages:send`, host: 'conversation', masked: false },
      { method: 'POST', path: `${p}/apps`, host: 'conversation', masked: false },
    ];
  });
  afterAll(() => sandbox.close());

  // `__proto__` weighted up: a walk into the prototype needs it right after a real field.
  const segment = fc.oneof(
    { arbitrary: fc.constant('__proto__'), weight: 2 },
    { arbitrary: fc.constantFrom(...HOSTILE_KEYS), weight: 1 },
    { arbitrary: fc.constantFrom(...FIELDS), weight: 2 },
    { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
  );
  const maskPath = fc.tuple(fc.constantFrom(...FIELDS), fc.array(segment, { maxLength: 3 })).map(([top, rest]) => [top, ...rest].join('.'));
  const encodeMask = (paths: string[], repeated: boolean): string =>
    repeated ? `?${paths.map((x) => `update_mask.paths=${encodeURIComponent(x)}`).join('&')}` : `?update_mask=${encodeURIComponent(paths.join(','))}`;
  /** A body that holds a value at exactly the masked path, so a patch really walks it. */
  const along = (path: string, leaf: string): string => path.split('.').reduceRight((inner, key) => `{${JSON.stringify(key)}:${inner}}`, leaf);
  const request = fc.oneof(
    fc
      .tuple(fc.array(maskPath, { minLength: 1, maxLength: 3 }), fc.boolean(), jsonText(FIELDS))
      .map(([paths, repeated, body]) => ({ query: encodeMask(paths, repeated), body })),
    fc
      .tuple(maskPath, fc.oneof(fc.constant('"x"'), fc.constant('{"polluted":true}'), jsonText(FIELDS)))
      .map(([path, leaf]) => ({ query: encodeMask([path], false), body: along(path, leaf) })),
    jsonText(FIELDS).map((body) => ({ query: '', body })),
  );

  it('generated JSON bodies with hostile keys and masks: a success or an envelope, never a 500, never a prototype change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), request, async (pick, { query, body }) => {
        const endpoint = endpoints[pick % endpoints.length] as Endpoint;
        const reply = await send(endpoint, endpoint.masked ? query : '', body);
        checkReply(reply.status, reply.body, `${endpoint.method} ${endpoint.path}${query} ${body.slice(0, 200)}`);
        expect(prototypeSnapshot()).toBe(before);
        expect(({} as Record<string, unknown>)['email']).toBeUndefined();
      }),
      runs(250),
    );
  });

  it('text that is not JSON, or nested thousands deep (alone or under a masked field): a 400 envelope, never a 500', async () => {
    const deepUnderField = fc
      .tuple(fc.constantFrom('metadata_json', 'display_name', 'description', 'target', 'translations'), hostileText())
      .map(([field, text]) => ({ query: `?update_mask=${field}`, body: `{"${field}":${text}}` }));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.oneof(
          hostileText().map((body) => ({ query: '', body })),
          deepUnderField,
        ),
        async (pick, { query, body }) => {
          const endpoint = endpoints[pick % endpoints.length] as Endpoint;
          const reply = await send(endpoint, endpoint.masked ? query : '', body);
          checkReply(reply.status, reply.body, `${endpoint.method} ${endpoint.path}${query} ${body.slice(0, 80)}`);
          expect(prototypeSnapshot()).toBe(before);
        },
      ),
      runs(150),
    );
  });

  it('the sandbox still works afterwards', async () => {
    const apps = await client.call('GET', `${client.project}/apps`);
    expect(apps.status).toBe(200);
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15558000099' }]);
    expect(Object.keys(contact).sort()).toEqual(
      Object.keys(contact)
        .filter((k) => !HOSTILE_KEYS.includes(k as (typeof HOSTILE_KEYS)[number]))
        .sort(),
    );
  });
});
