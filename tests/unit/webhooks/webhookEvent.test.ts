import { readFileSync } from 'node:fs';
import { ConversationCallbackWebhooks } from '@sinch/sdk-core';
import { describe, expect, it } from 'vitest';
import { signCallback } from '../../../electron/backend/webhooks/signature';
import { NonceCache, verifyCallback } from '../../../electron/backend/webhooks/verify';
import { sampleCallback } from '../../../electron/backend/webhooks/samples';
import {
  classifyTrigger,
  correlationOf,
  diffEvents,
  diffJson,
  DiffRefusal,
  tryParse,
  matchesFilter,
  summarize,
  summaryOfEvent,
  summaryWithWholeIds,
  WEBHOOK_TRIGGERS,
  type WebhookEvent,
  type WebhookHeader,
} from '../../../shared/model/webhookEvent';

const vector = JSON.parse(readFileSync(new URL('../../fixtures/webhooks/sdk-signature-vector.json', import.meta.url), 'utf8')) as {
  secret: string;
  nonce: string;
  timestamp: string;
  algorithm: string;
  signature: string;
  body: string;
};

function headersOf(record: Record<string, string>): WebhookHeader[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

const vectorHeaders = headersOf({
  'X-Sinch-Webhook-Signature': vector.signature,
  'X-Sinch-Webhook-Signature-Nonce': vector.nonce,
  'X-Sinch-Webhook-Signature-Timestamp': vector.timestamp,
  'X-Sinch-Webhook-Signature-Algorithm': vector.algorithm,
});
const atSigning = Number(vector.timestamp);

describe('signature verdicts', () => {
  it("accepts the Sinch SDKs' published vector, and agrees with the official Node SDK validator", () => {
    const verdict = verifyCallback(Buffer.from(vector.body), vectorHeaders, [{ label: 'sdk', secret: vector.secret }], { nowSeconds: atSigning + 10 });
    expect(verdict.kind).toBe('valid');
    expect(verdict.secretLabel).toBe('sdk');
    expect(verdict.details.computedSignature).toBe(vector.signature);
    expect(verdict.details.skewSeconds).toBe(10);
    expect(verdict.details.signedStringLength).toBe(Buffer.byteLength(`${vector.body}.${vector.nonce}.${vector.timestamp}`));
    expect(verdict.details.signedStringParts).toEqual({ bodyBytes: Buffer.byteLength(vector.body), nonce: 26, timestamp: 10 });
    const sdkHeaders = Object.fromEntries(vectorHeaders.map((h) => [h.name, h.value]));
    expect(new ConversationCallbackWebhooks(vector.secret).validateAuthenticationHeader(sdkHeaders, vector.body, '/', 'POST')).toBe(true);
    // Both sides on a vector of ours: a body the SDK never saw, signed by us.
    const ours = '{"app_id":"01X","message":{"id":"é ü 😀"}}\n';
    const signed = signCallback('another-secret', ours, { nonce: '01NONCE', timestampSeconds: 1_700_000_000 }).headers;
    expect(new ConversationCallbackWebhooks('another-secret').validateAuthenticationHeader(signed, ours, '/', 'POST')).toBe(true);
    expect(verifyCallback(Buffer.from(ours), headersOf(signed), [{ label: 'x', secret: 'another-secret' }], { nowSeconds: 1_700_000_000 }).kind).toBe('valid');
  });

  it('says invalid, unknown_secret, unsigned, malformed_headers, stale and replayed, with details', () => {
    const body = Buffer.from(vector.body);
    const tampered = verifyCallback(Buffer.from(vector.body.replace('New Test', 'New Tost')), vectorHeaders, [{ label: 'sdk', secret: vector.secret }], {
      nowSeconds: atSigning,
    });
    expect(tampered.kind).toBe('invalid');
    expect(tampered.details.computedSignature).not.toBe(vector.signature);
    expect(tampered.details.receivedSignature).toBe(vector.signature);
    const wrong = verifyCallback(
      body,
      vectorHeaders,
      [
        { label: 'a', secret: 'nope' },
        { label: 'b', secret: 'nope2' },
      ],
      { nowSeconds: atSigning },
    );
    expect(wrong.kind).toBe('invalid');
    expect(wrong.details.triedSecrets).toEqual(['a', 'b']);
    // The second candidate matches: several secrets are tried.
    expect(
      verifyCallback(
        body,
        vectorHeaders,
        [
          { label: 'old', secret: 'nope' },
          { label: 'new', secret: vector.secret },
        ],
        { nowSeconds: atSigning },
      ).secretLabel,
    ).toBe('new');
    expect(verifyCallback(body, vectorHeaders, [], { nowSeconds: atSigning }).kind).toBe('unknown_secret');
    expect(verifyCallback(body, [{ name: 'Content-Type', value: 'application/json' }], [{ label: 'sdk', secret: vector.secret }]).kind).toBe('unsigned');
    const partial = verifyCallback(
      body,
      vectorHeaders.filter((h) => !/nonce/i.test(h.name)),
      [{ label: 'sdk', secret: vector.secret }],
    );
    expect(partial.kind).toBe('malformed_headers');
    expect(partial.details.note).toContain('x-sinch-webhook-signature-nonce');
    const stale = verifyCallback(body, vectorHeaders, [{ label: 'sdk', secret: vector.secret }], { nowSeconds: atSigning + 301 });
    expect(stale.kind).toBe('stale');
    expect(stale.details.skewSeconds).toBe(301);
    expect(verifyCallback(body, vectorHeaders, [{ label: 'sdk', secret: vector.secret }], { nowSeconds: atSigning + 301, toleranceSeconds: 600 }).kind).toBe(
      'valid',
    );
    const nonces = new NonceCache(2);
    const first = verifyCallback(body, vectorHeaders, [{ label: 'sdk', secret: vector.secret }], { nowSeconds: atSigning, nonces });
    expect(first.kind).toBe('valid');
    expect(first.details.nonceSeenBefore).toBe(false);
    const again = verifyCallback(body, vectorHeaders, [{ label: 'sdk', secret: vector.secret }], { nowSeconds: atSigning, nonces });
    expect(again.kind).toBe('replayed');
    expect(again.details.nonceSeenBefore).toBe(true);
  });

  it('keeps the nonce cache bounded, forgetting the least recently seen first', () => {
    const cache = new NonceCache(3);
    for (const n of ['a', 'b', 'c']) cache.checkAndRemember(n);
    expect(cache.checkAndRemember('a')).toBe(true); // refreshes a
    cache.checkAndRemember('d'); // evicts b
    expect(cache.size).toBe(3);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
  });
});

describe('classification, summary and correlation', () => {
  it('classifies a sample of every §11.2 trigger back to its trigger, and accepts the SDK spelling', () => {
    for (const trigger of WEBHOOK_TRIGGERS) {
      const sample = sampleCallback(trigger, { appId: '01APP' });
      expect(classifyTrigger(JSON.parse(sample.body))).toBe(trigger);
      expect(summarize(sample.json, trigger).length).toBeGreaterThan(0);
    }
    expect(sampleCallback('SMART_CONVERSATIONS').trigger).toBe('SMART_CONVERSATION');
    expect(classifyTrigger({ app_id: 'x' })).toBe('UNKNOWN');
    expect(classifyTrigger('not an object')).toBe('UNKNOWN');
    expect(classifyTrigger({ message: 'a string, not a payload' })).toBe('UNKNOWN');
  });

  it('summarises a delivery report in one line and extracts its correlation ids', () => {
    const json = {
      app_id: '01APP',
      project_id: 'p1',
      message_delivery_report: {
        message_id: '01HMESSAGE00000000000000000',
        conversation_id: '01HCONV',
        status: 'DELIVERED',
        channel_identity: { channel: 'SMS', identity: '+46701234567', app_id: '' },
        contact_id: '01HCONTACT',
      },
    };
    // Ids and numbers whole: the list has the room, and a cut id can be neither told apart nor searched for.
    expect(summarize(json, classifyTrigger(json))).toBe('DELIVERED · SMS · +46701234567 · msg 01HMESSAGE00000000000000000');
    expect(correlationOf(json)).toEqual({
      appId: '01APP',
      projectId: 'p1',
      channel: 'SMS',
      identity: '+46701234567',
      contactId: '01HCONTACT',
      conversationId: '01HCONV',
      messageId: '01HMESSAGE00000000000000000',
      status: 'DELIVERED',
    });
    // Events stored with the cut summaries of earlier versions read whole too, from their correlation ids.
    expect(summaryWithWholeIds({ summary: 'DELIVERED · SMS · +46701… · msg 01HMES…', correlation: correlationOf(json) })).toBe(
      'DELIVERED · SMS · +46701234567 · msg 01HMESSAGE00000000000000000',
    );
    expect(summaryWithWholeIds({ summary: 'INBOUND "a · b…" · SMS · +46701… · msg 01HMES…', correlation: correlationOf(json) })).toBe(
      'INBOUND "a · b…" · SMS · +46701234567 · msg 01HMESSAGE00000000000000000',
    );
    expect(summaryWithWholeIds({ summary: 'Something else…', correlation: correlationOf(json) })).toBe('Something else…');
    const reply = {
      app_id: 'a',
      message: { id: 'M2', conversation_id: 'C', contact_message: { text_message: { text: 'yes' }, reply_to: { message_id: 'M1' } } },
    };
    expect(correlationOf(reply)).toMatchObject({ messageId: 'M2', replyToMessageId: 'M1', conversationId: 'C' });
  });

  it('filters by trigger (either smart spelling), verdict, ids and text', () => {
    const base = sampleCallback('SMART_CONVERSATION', { appId: 'A1' });
    const event: WebhookEvent = {
      id: '01X',
      receivedAt: new Date().toISOString(),
      method: 'POST',
      path: '/hook',
      query: '',
      headers: [],
      bodyText: base.body,
      sizeBytes: base.body.length,
      contentType: 'application/json',
      responseStatus: 200,
      rejected: null,
      json: { ok: true },
      trigger: 'SMART_CONVERSATION',
      summary: summarize(base.json, 'SMART_CONVERSATION'),
      correlation: correlationOf(base.json),
      verdict: { kind: 'valid', details: { nonceSeenBefore: false } },
    };
    expect(matchesFilter(event, { triggers: ['SMART_CONVERSATIONS'] })).toBe(true);
    expect(matchesFilter(event, { triggers: ['MESSAGE_INBOUND'] })).toBe(false);
    expect(matchesFilter(event, { verdicts: ['invalid'] })).toBe(false);
    expect(matchesFilter(event, { appId: 'A1', channel: 'SMS' })).toBe(true);
    expect(matchesFilter(event, { text: 'LOVE THIS' })).toBe(true);
    expect(matchesFilter(summaryOfEvent(event), { text: 'love this' })).toBe(false); // summaries carry no body
  });
});

describe('diff', () => {
  it('compares JSON bodies structurally and reports paths', () => {
    const a = { bodyText: '{"a":1,"b":{"c":[1,2],"d":"x"},"gone":true}' };
    const b = { bodyText: '{ "b": { "d": "y", "c": [1, 2, 3] }, "a": 1, "new": null }' };
    expect(diffEvents(a, b)).toEqual([
      { path: '/b/c/2', kind: 'added', after: 3 },
      { path: '/b/d', kind: 'changed', before: 'x', after: 'y' },
      { path: '/gone', kind: 'removed', before: true },
      { path: '/new', kind: 'added', after: null },
    ]);
    expect(diffEvents(a, { bodyText: a.bodyText.replace(/,/g, ' ,') })).toEqual([]);
    expect(diffEvents({ bodyText: 'not json' }, { bodyText: 'other' })).toEqual([{ path: '', kind: 'changed', before: 'not json', after: 'other' }]);
    expect(diffJson({ 'a/b': 1 }, { 'a/b': 2 })).toEqual([{ path: '/a~1b', kind: 'changed', before: 1, after: 2 }]);
  });

  it('walks values of any depth without overflowing, in the same order as before', () => {
    // Issue 19: 20 000 levels of [[[…]]] crashed the app; the walk itself must not care about depth.
    let left: unknown = 1;
    let right: unknown = 2;
    for (let i = 0; i < 100_000; i++) {
      left = [left];
      right = [right];
    }
    const entries = diffJson(left, right);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'changed', before: 1, after: 2 });
    expect(entries[0]?.path).toBe('/0'.repeat(100_000));
    expect(diffJson([1, { a: 1, b: [1] }, 3], [2, { b: [1, 2], c: 1 }])).toEqual([
      { path: '/0', kind: 'changed', before: 1, after: 2 },
      { path: '/1/a', kind: 'removed', before: 1 },
      { path: '/1/b/1', kind: 'added', after: 2 },
      { path: '/1/c', kind: 'added', after: 1 },
      { path: '/2', kind: 'removed', before: 3 },
    ]);
  });

  it('refuses a body nested deeper than the JSON depth limit, naming which one; plain text with brackets is still text', () => {
    const deep = { bodyText: `${'['.repeat(20_000)}${']'.repeat(20_000)}` };
    const fine = { bodyText: '{"a":1}' };
    const parsed = tryParse(deep.bodyText);
    expect(parsed).toMatchObject({ ok: false, tooDeep: true });
    expect(!parsed.ok && parsed.error).toMatch(/nested deeper than 64 levels/);
    expect(() => diffEvents(deep, fine)).toThrow(DiffRefusal);
    expect(() => diffEvents(fine, deep)).toThrow(/second body cannot be compared: JSON nested deeper than 64 levels/);
    const brackets = { bodyText: `note ${'['.repeat(100)}` };
    expect(tryParse(brackets.bodyText)).toMatchObject({ ok: false });
    expect(tryParse(brackets.bodyText)).not.toHaveProperty('tooDeep');
    expect(diffEvents(brackets, fine)).toEqual([{ path: '', kind: 'changed', before: brackets.bodyText, after: fine.bodyText }]);
  });
});
