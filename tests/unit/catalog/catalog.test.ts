import { describe, expect, it } from 'vitest';
import { BODY_SCHEMAS, BUILTIN_COLLECTION, BUILTIN_VARIABLES } from '../../../shared/catalog/index';
import { APP_EVENT_KEYS, APP_MESSAGE_CONTENT_KEYS, CHANNEL_SPECIFIC_TYPES, CHOICE_KEYS } from '../../../shared/catalog/schemas/index';
import { flattenRequests, RequestTemplateSchema, type RequestTemplate, type TreeItem } from '../../../shared/model/collection';
import { RESERVED_VARIABLES } from '../../../shared/model/environment';
import { formatQuery, splitUrl } from '../../../shared/queryParams';
import { findVariables } from '../../../shared/variables';
import { validateBody } from '../../../electron/backend/catalog/validateBody';

const requests: RequestTemplate[] = flattenRequests(BUILTIN_COLLECTION.items).map((r) => r.request);
const byId = new Map(requests.map((r) => [r.id, r]));

/** Example values for every variable, the environment's own fields included. */
const EXAMPLES = new Map<string, string>([
  ['base_url', 'https://eu.conversation.api.sinch.com'],
  ['template_base_url', 'https://eu.template.api.sinch.com'],
  ['project_id', '00000000-0000-0000-0000-000000000000'],
  ['app_id', '01EXAMPLEAPP0000000000000A'],
  ...BUILTIN_VARIABLES.map((v): [string, string] => [v.key, v.value]),
]);

function substitute(text: string): string {
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) => EXAMPLES.get(name) ?? whole);
}

function bodyOf(r: RequestTemplate): Record<string, unknown> {
  return JSON.parse(substitute(r.body.text)) as Record<string, unknown>;
}

function allItems(items: readonly TreeItem[]): TreeItem[] {
  return items.flatMap((i) => (i.kind === 'folder' ? [i, ...allItems(i.items)] : [i]));
}

function sends(prefix: string): RequestTemplate[] {
  return requests.filter((r) => r.id.startsWith(prefix));
}

/** Every operation of reference §4.1–§4.12 (host, method, path); §4.11's legacy opt-in/out registration excluded (unverified). */
const REFERENCE_OPERATIONS: [host: 'conversation' | 'template', method: string, path: string][] = [
  // §4.1 Apps
  ['conversation', 'POST', '/v1/projects/{project_id}/apps'],
  ['conversation', 'GET', '/v1/projects/{project_id}/apps'],
  ['conversation', 'GET', '/v1/projects/{project_id}/apps/{app_id}'],
  ['conversation', 'PATCH', '/v1/projects/{project_id}/apps/{app_id}'],
  ['conversation', 'DELETE', '/v1/projects/{project_id}/apps/{app_id}'],
  // §4.2 Contacts
  ['conversation', 'POST', '/v1/projects/{project_id}/contacts'],
  ['conversation', 'GET', '/v1/projects/{project_id}/contacts'],
  ['conversation', 'GET', '/v1/projects/{project_id}/contacts/{contact_id}'],
  ['conversation', 'PATCH', '/v1/projects/{project_id}/contacts/{contact_id}'],
  ['conversation', 'DELETE', '/v1/projects/{project_id}/contacts/{contact_id}'],
  ['conversation', 'POST', '/v1/projects/{project_id}/contacts/{destination_id}:merge'],
  ['conversation', 'POST', '/v1/projects/{project_id}/contacts:getChannelProfile'],
  ['conversation', 'GET', '/v1/projects/{project_id}/contacts:identityConflicts'],
  // §4.3 Conversations
  ['conversation', 'POST', '/v1/projects/{project_id}/conversations'],
  ['conversation', 'GET', '/v1/projects/{project_id}/conversations'],
  ['conversation', 'GET', '/v1/projects/{project_id}/conversations:recent'],
  ['conversation', 'GET', '/v1/projects/{project_id}/conversations/{conversation_id}'],
  ['conversation', 'PATCH', '/v1/projects/{project_id}/conversations/{conversation_id}'],
  ['conversation', 'DELETE', '/v1/projects/{project_id}/conversations/{conversation_id}'],
  ['conversation', 'POST', '/v1/projects/{project_id}/conversations/{conversation_id}:stop'],
  ['conversation', 'POST', '/v1/projects/{project_id}/conversations/{conversation_id}:inject-message'],
  ['conversation', 'POST', '/v1/projects/{project_id}/conversations/{conversation_id}:inject-event'],
  // §4.4 Messages
  ['conversation', 'POST', '/v1/projects/{project_id}/messages:send'],
  ['conversation', 'GET', '/v1/projects/{project_id}/messages'],
  ['conversation', 'GET', '/v1/projects/{project_id}/messages/{message_id}'],
  ['conversation', 'PATCH', '/v1/projects/{project_id}/messages/{message_id}'],
  ['conversation', 'DELETE', '/v1/projects/{project_id}/messages/{message_id}'],
  ['conversation', 'POST', '/v1/projects/{project_id}/messages:fetch-last-message'],
  // §4.5 Events
  ['conversation', 'POST', '/v1/projects/{project_id}/events:send'],
  ['conversation', 'GET', '/v1/projects/{project_id}/events'],
  ['conversation', 'GET', '/v1/projects/{project_id}/events/{event_id}'],
  ['conversation', 'DELETE', '/v1/projects/{project_id}/events/{event_id}'],
  // §4.6 Webhooks
  ['conversation', 'POST', '/v1/projects/{project_id}/webhooks'],
  ['conversation', 'GET', '/v1/projects/{project_id}/apps/{app_id}/webhooks'],
  ['conversation', 'GET', '/v1/projects/{project_id}/webhooks/{webhook_id}'],
  ['conversation', 'PATCH', '/v1/projects/{project_id}/webhooks/{webhook_id}'],
  ['conversation', 'DELETE', '/v1/projects/{project_id}/webhooks/{webhook_id}'],
  // §4.7 Transcoding, §4.8 Capability
  ['conversation', 'POST', '/v1/projects/{project_id}/messages:transcode'],
  ['conversation', 'POST', '/v1/projects/{project_id}/capability:query'],
  // §4.9 Templates v2
  ['template', 'POST', '/v2/projects/{project_id}/templates'],
  ['template', 'GET', '/v2/projects/{project_id}/templates'],
  ['template', 'GET', '/v2/projects/{project_id}/templates/{template_id}'],
  ['template', 'PUT', '/v2/projects/{project_id}/templates/{template_id}'],
  ['template', 'DELETE', '/v2/projects/{project_id}/templates/{template_id}'],
  ['template', 'GET', '/v2/projects/{project_id}/templates/{template_id}/translations'],
  // §4.10 Templates v1 (end-of-life)
  ['template', 'POST', '/v1/projects/{project_id}/templates'],
  ['template', 'GET', '/v1/projects/{project_id}/templates'],
  ['template', 'GET', '/v1/projects/{project_id}/templates/{template_id}'],
  ['template', 'PATCH', '/v1/projects/{project_id}/templates/{template_id}'],
  ['template', 'DELETE', '/v1/projects/{project_id}/templates/{template_id}'],
  // §4.11 Consents
  ['conversation', 'GET', '/v1/projects/{project_id}/apps/{app_id}/consents/{list_type}'],
  ['conversation', 'GET', '/v1/projects/{project_id}/apps/{app_id}/consents/identities/{identity}'],
  // §4.12 Project settings
  ['conversation', 'POST', '/v1/projects/{project_id}/settings'],
  ['conversation', 'GET', '/v1/projects/{project_id}/settings'],
  ['conversation', 'PATCH', '/v1/projects/{project_id}/settings'],
  ['conversation', 'DELETE', '/v1/projects/{project_id}/settings'],
];

/** A template's host and path with every `{{var}}` turned into one opaque segment. */
function endpointOf(r: RequestTemplate): { host: 'conversation' | 'template'; method: string; path: string } {
  const { base } = splitUrl(r.url);
  const host = base.startsWith('{{template_base_url}}') ? 'template' : 'conversation';
  const path = base.replace(/^\{\{(base_url|template_base_url)\}\}/, '').replace(/\{\{[^{}]+\}\}/g, 'VAR');
  return { host, method: r.method, path };
}

function matches(reference: (typeof REFERENCE_OPERATIONS)[number], r: RequestTemplate): boolean {
  const [host, method, path] = reference;
  const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[a-z_]+\}/g, '[^/:]+')}$`);
  const actual = endpointOf(r);
  return actual.host === host && actual.method === method && pattern.test(actual.path);
}

describe('built-in collection', () => {
  it('is the read-only Sinch collection', () => {
    expect(BUILTIN_COLLECTION.id).toBe('builtin-sinch-conversation');
    expect(BUILTIN_COLLECTION.readOnly).toBe(true);
    expect(BUILTIN_COLLECTION.items.map((i) => i.kind === 'folder' && i.name)).toEqual([
      'Apps',
      'Contacts',
      'Conversations',
      'Messages',
      'Events',
      'Webhooks',
      'Transcoding',
      'Capability',
      'Templates v2',
      'Templates v1 (end-of-life)',
      'Consents',
      'Project settings',
    ]);
  });

  it('has unique ids for every request and folder', () => {
    const ids = allItems(BUILTIN_COLLECTION.items).map((i) => (i.kind === 'folder' ? i.id : i.request.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds valid request templates with the common conventions', () => {
    for (const r of requests) {
      expect(RequestTemplateSchema.safeParse(r).success, r.id).toBe(true);
      expect(r.auth, r.id).toBe('inherit');
      expect(r.variables, r.id).toEqual([]);
      expect(r.headers, r.id).toEqual([]);
      expect(r.description.length, r.id).toBeGreaterThan(10);
      expect(r.description, r.id).not.toContain('\n');
      expect(r.url, r.id).toMatch(/^\{\{(base_url|template_base_url)\}\}\/v[12]\/projects\/\{\{project_id\}\}\//);
      // The URL's query string mirrors the enabled params.
      expect(splitUrl(r.url).query ?? '', r.id).toBe(formatQuery(r.params));
    }
  });

  it('gives every body a schema, pretty-printed JSON, and none to GET or DELETE', () => {
    for (const r of requests) {
      if (r.method === 'GET' || r.method === 'DELETE') {
        expect(r.body.mode, r.id).toBe('none');
        continue;
      }
      if (r.body.mode === 'none') continue; // :stop has no body
      expect(r.body.mode, r.id).toBe('json');
      expect(r.bodySchema && BODY_SCHEMAS[r.bodySchema], `${r.id} names a known schema`).toBeTruthy();
      expect(r.body.text, r.id).toBe(JSON.stringify(JSON.parse(r.body.text), null, 2));
    }
  });

  it('validates every example body against its own schema', () => {
    for (const r of requests) {
      if (r.body.mode !== 'json') continue;
      const result = validateBody(r.bodySchema ?? '', bodyOf(r));
      expect(result, `${r.id}: ${JSON.stringify(result)}`).toEqual({ ok: true });
    }
    // Compiling every body schema takes a few seconds on a loaded 2-core machine; this is not a timing test.
  }, 60_000);

  it('covers every operation of reference §4.1–§4.12', () => {
    const missing = REFERENCE_OPERATIONS.filter((op) => !requests.some((r) => matches(op, r)));
    expect(missing).toEqual([]);
    // …and nothing outside it.
    const extra = requests.filter((r) => !REFERENCE_OPERATIONS.some((op) => matches(op, r))).map((r) => r.id);
    expect(extra).toEqual([]);
  });

  it('has a send example for every message content type, choice kind and channel-specific type', () => {
    const messages = sends('messages.send.').map((r) => bodyOf(r)['message'] as Record<string, unknown>);
    for (const key of APP_MESSAGE_CONTENT_KEYS)
      expect(
        messages.some((m) => key in m),
        key,
      ).toBe(true);
    const choices = messages.flatMap((m) => (m['choice_message'] as { choices?: Record<string, unknown>[] } | undefined)?.choices ?? []);
    for (const kind of CHOICE_KEYS)
      expect(
        choices.some((c) => kind in c),
        kind,
      ).toBe(true);
    expect(choices.some((c) => 'postback_data' in c)).toBe(true);
    const specific = messages.flatMap((m) =>
      Object.values((m['channel_specific_message'] as Record<string, { message_type: string }> | undefined) ?? {}).map((s) => s.message_type),
    );
    for (const type of Object.keys(CHANNEL_SPECIFIC_TYPES)) expect(specific, type).toContain(type);
    const lists = messages.map((m) => m['list_message'] as { sections: { items: Record<string, unknown>[] }[] } | undefined).filter((l) => l);
    expect(lists.some((l) => l?.sections.some((s) => s.items.some((i) => 'product' in i)))).toBe(true);
  });

  it('has a send example for every app event', () => {
    const events = sends('events.send.').map((r) => bodyOf(r)['event'] as Record<string, unknown>);
    for (const key of APP_EVENT_KEYS)
      expect(
        events.some((e) => key in e),
        key,
      ).toBe(true);
  });

  it('captures the ids the natural flow needs', () => {
    const capture = (id: string): [string, string][] => (byId.get(id)?.captures ?? []).map((c) => [c.variable, c.path]);
    expect(capture('apps.create')).toEqual([['app_id', 'id']]);
    expect(capture('contacts.create')).toEqual([['contact_id', 'id']]);
    expect(capture('conversations.create')).toEqual([['conversation_id', 'id']]);
    expect(capture('webhooks.create')).toEqual([['webhook_id', 'id']]);
    expect(capture('templatesV2.create')).toEqual([['template_id', 'id']]);
    for (const r of sends('messages.send.')) expect(capture(r.id), r.id).toEqual([['message_id', 'message_id']]);
    for (const r of sends('events.send.')) expect(capture(r.id), r.id).toEqual([['event_id', 'event_id']]);
  });

  it('declares every variable it uses in BUILTIN_VARIABLES (or as an environment field), and no others', () => {
    const used = new Set<string>();
    for (const r of requests) {
      for (const text of [r.url, r.body.text, ...r.params.map((p) => p.value)]) for (const v of findVariables(text)) used.add(v.name);
    }
    const declared = new Set(BUILTIN_VARIABLES.map((v) => v.key));
    const reserved = new Set<string>(RESERVED_VARIABLES);
    expect([...used].filter((n) => !declared.has(n) && !reserved.has(n))).toEqual([]);
    expect([...declared].filter((n) => !used.has(n))).toEqual([]);
    expect([...declared].filter((n) => reserved.has(n))).toEqual([]);
    for (const v of BUILTIN_VARIABLES) expect(v.value && v.description, v.key).toBeTruthy();
    expect(BUILTIN_VARIABLES.find((v) => v.key === 'recipient_phone')?.value).toBe('+46700000001');
  });
});

describe('body schemas', () => {
  const send = (message: unknown, recipient: unknown = { contact_id: 'c1' }): unknown => ({ app_id: 'a1', recipient, message });
  const problems = (schema: string, body: unknown): string[] => {
    const result = validateBody(schema, body);
    return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it('are draft-07 objects with descriptions', () => {
    for (const [id, schema] of Object.entries(BODY_SCHEMAS)) {
      expect(schema.$schema, id).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.type, id).toBe('object');
      expect(schema.description, id).toBeTruthy();
    }
  });

  it('reject two message contents', () => {
    expect(problems('messages.send', send({ text_message: { text: 'hi' }, media_message: { url: 'https://x' } }))).toEqual([
      expect.stringMatching(/^message: must have exactly one of text_message, .* \(got text_message and media_message\)$/),
    ]);
  });

  it('reject a message without content and a content missing its required field', () => {
    expect(problems('messages.send', send({}))[0]).toMatch(/^message: must have exactly one of text_message/);
    expect(problems('messages.send', send({ text_message: {} }))).toEqual(['message.text_message.text: required']);
  });

  it('reject an unknown channel', () => {
    const body = send({ text_message: { text: 'hi' } }, { identified_by: { channel_identities: [{ channel: 'PIGEON', identity: '1' }] } });
    expect(problems('messages.send', body)).toEqual([
      expect.stringMatching(/^recipient\.identified_by\.channel_identities\[0\]\.channel: 'PIGEON' is not one of WHATSAPP, RCS, SMS/),
    ]);
  });

  it('reject a missing recipient and a recipient with both kinds', () => {
    expect(problems('messages.send', { app_id: 'a1', message: { text_message: { text: 'hi' } } })).toEqual(['recipient: required']);
    const both = send({ text_message: { text: 'hi' } }, { contact_id: 'c', identified_by: { channel_identities: [{ channel: 'SMS', identity: '1' }] } });
    expect(problems('messages.send', both)).toEqual(['recipient: must have exactly one of contact_id, identified_by (got contact_id and identified_by)']);
    expect(problems('messages.send', send({ text_message: { text: 'hi' } }, {}))).toEqual(['recipient: must have exactly one of contact_id, identified_by']);
  });

  it('reject unknown fields, two choice kinds, too many choices and an unknown trigger', () => {
    expect(problems('messages.send', { ...(send({ text_message: { text: 'hi' } }) as object), priority: 'high' })).toEqual([
      'priority: unknown field (not part of this request)',
    ]);
    const twoKinds = { choices: [{ text_message: { text: 'a' }, url_message: { title: 't', url: 'https://x' } }] };
    expect(problems('messages.send', send({ choice_message: twoKinds }))[0]).toMatch(
      /^message\.choice_message\.choices\[0\]: must have exactly one of text_message, url_message/,
    );
    const eleven = { choices: Array.from({ length: 11 }, (_, i) => ({ text_message: { text: String(i) } })) };
    expect(problems('messages.send', send({ choice_message: eleven }))).toEqual(['message.choice_message.choices: must have at most 10 items (got 11)']);
    expect(problems('webhooks.create', { app_id: 'a', target: 'https://x', triggers: ['MESSAGE_SENT'] })[0]).toMatch(
      /^triggers\[0\]: 'MESSAGE_SENT' is not one of/,
    );
  });

  it('reject events with two or no event kinds, and contacts without language', () => {
    const event = (e: unknown): unknown => ({ app_id: 'a', recipient: { contact_id: 'c' }, event: e });
    expect(problems('events.send', event({ composing_event: {}, composing_end_event: {} }))[0]).toMatch(/^event: must have exactly one of composing_event/);
    expect(problems('events.send', event({}))[0]).toMatch(/^event: must have exactly one of/);
    expect(problems('contacts.create', { channel_identities: [{ channel: 'SMS', identity: '+46700000001' }] })).toEqual(['language: required']);
  });

  it('check channel-specific payloads by message_type', () => {
    const flows = send({
      text_message: { text: 'fallback' },
      channel_specific_message: { WHATSAPP: { message_type: 'FLOWS', message: { flow_cta: 'A call to action that is too long' } } },
    });
    expect(problems('messages.send', flows)).toEqual([
      'message.channel_specific_message.WHATSAPP.message.flow_id: required',
      'message.channel_specific_message.WHATSAPP.message.flow_cta: must be at most 20 characters (got 33)',
    ]);
    const wrongChannel = send({ text_message: { text: 'x' }, channel_specific_message: { WHATSAPP: { message_type: 'COMMERCE', message: {} } } });
    expect(problems('messages.send', wrongChannel)[0]).toMatch(
      /^message\.channel_specific_message\.WHATSAPP\.message_type: 'COMMERCE' is not one of FLOWS, ORDER_DETAILS, ORDER_STATUS$/,
    );
  });

  it('accept {{variables}} inside strings, even where an enum belongs', () => {
    const body = send(
      { text_message: { text: 'Hi {{name}}' } },
      { identified_by: { channel_identities: [{ channel: '{{channel}}', identity: '{{recipient_phone}}' }] } },
    );
    expect(validateBody('messages.send', body)).toEqual({ ok: true });
  });

  it('treat an unknown schema id as nothing to check', () => {
    expect(validateBody('no.such.schema', { anything: true })).toEqual({ ok: true });
  });
});
