// Property-based fuzz of the webhook listener's request handling (issue #10): whatever method,
// path, headers and body a sender tries, the listener answers, records one event per request with
// a known trigger and verdict, keeps it serialisable, and never changes Object.prototype.
// Loopback only, bounded runs, a listener on a free port stopped afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallback } from '../../electron/backend/webhooks/signature';
import { VERDICT_KINDS, WEBHOOK_TRIGGERS } from '../../shared/model/webhookEvent';
import { post, SECRET, startHarness, type Harness } from '../integration/webhooks/helpers';
import { HOSTILE_KEYS, hostileText, jsonText, prototypeSnapshot, rawExchange, runs } from './fuzzSupport';

const PAYLOAD_KEYS = [
  'message',
  'message_delivery_report',
  'event',
  'contact_create_notification',
  'conversation_start_notification',
  'app_id',
  'project_id',
  'contact_message',
  'text_message',
  'text',
  'channel_identity',
] as const;
const KNOWN_TRIGGERS: readonly string[] = [...WEBHOOK_TRIGGERS, 'SMART_CONVERSATIONS', 'UNKNOWN'];
const MAX_BODY = 64 * 1024;

describe('webhook listener fuzz', () => {
  let h: Harness;
  let port: number;
  const before = prototypeSnapshot();

  beforeAll(async () => {
    h = await startHarness({ maxBodyBytes: MAX_BODY, bodyTimeoutMs: 2000, headersTimeoutMs: 2000 });
    port = Number(new URL(h.url).port);
  });
  afterAll(() => h.close());

  const headerName = fc.oneof(
    fc.constantFrom(
      'x-sinch-webhook-signature',
      'x-sinch-webhook-signature-nonce',
      'x-sinch-webhook-signature-timestamp',
      'x-sinch-webhook-signature-algorithm',
      'content-type',
    ),
    fc.constantFrom(...HOSTILE_KEYS),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/),
  );
  const headerValue = fc.oneof(
    fc.stringMatching(/^[ -~]{0,40}$/),
    fc.constantFrom('application/json', 'text/plain', 'HmacSHA256', '0', '-1', '99999999999999999999'),
  );
  const body = fc.oneof(
    jsonText(PAYLOAD_KEYS).map((t) => Buffer.from(t, 'utf8')),
    hostileText().map((t) => Buffer.from(t, 'utf8')),
    fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
    fc.integer({ min: MAX_BODY - 8, max: MAX_BODY + 64 }).map((n) => Buffer.alloc(n, 0x7b)),
  );
  const request = fc.record({
    method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
    path: fc.oneof(
      fc.constant('/'),
      fc.webPath().map((p) => `/${p.replace(/^\/+/, '')}`),
      fc.constantFrom('/__proto__', '/constructor/prototype', '/a?b=1&__proto__[x]=1', '//x'),
    ),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }),
    body,
    signed: fc.boolean(),
  });

  it('answers and records every request, with a known trigger and verdict, and leaves Object.prototype alone', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const startCount = h.events.length;
        const lines = [`${r.method} ${r.path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Content-Length: ${r.body.length}`, 'Connection: close'];
        for (const [name, value] of r.headers) {
          const lower = name.toLowerCase();
          if (lower === 'content-length' || lower === 'host' || lower === 'transfer-encoding') continue;
          // A signed request carries exactly the signature it was signed with.
          if (r.signed && lower.startsWith('x-sinch-webhook-signature')) continue;
          lines.push(`${name}: ${value}`);
        }
        if (r.signed) for (const [name, value] of Object.entries(signCallback(SECRET, r.body).headers)) lines.push(`${name}: ${value}`);
        const reply = await rawExchange(port, `${lines.join('\r\n')}\r\n\r\n`, r.body);
        // 400 is Node's own parser refusing a malformed header: nothing reached the listener.
        expect([200, 400, 405, 413], `${r.method} ${r.path} (${r.body.length} bytes) → ${reply.status}`).toContain(reply.status);
        await h.listener.idle();
        if (reply.status !== 400) {
          expect(h.events.length).toBe(startCount + 1);
          const event = h.events[h.events.length - 1];
          if (!event) throw new Error('no event recorded');
          expect(KNOWN_TRIGGERS).toContain(event.trigger);
          expect(VERDICT_KINDS).toContain(event.verdict.kind);
          expect(typeof event.summary).toBe('string');
          expect(() => JSON.stringify(event)).not.toThrow();
          const stored = h.store.get(event.id);
          expect(stored?.trigger).toBe(event.trigger);
          if (r.method === 'POST' && r.body.length <= MAX_BODY && r.signed) expect(event.verdict.kind).toBe('valid');
        }
        expect(prototypeSnapshot()).toBe(before);
      }),
      runs(150, 25_000),
    );
    // Still listening and verifying afterwards.
    expect(await post(h.url, '{"app_id":"after"}', { 'Content-Type': 'application/json' })).toBe(200);
  });
});
