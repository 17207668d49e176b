import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookEventStore } from '../../../electron/backend/webhooks/eventStore';
import { sampleCallback } from '../../../electron/backend/webhooks/samples';
import { ulid } from '../../../electron/backend/conversation/ulid';
import { classifyTrigger, correlationOf, summarize, type CallbackTrigger, type WebhookEvent } from '../../../shared/model/webhookEvent';
import { post, SECRET, startHarness } from './helpers';

function eventFrom(json: Record<string, unknown>, at = Date.now()): WebhookEvent {
  const body = JSON.stringify(json);
  const trigger = classifyTrigger(json);
  return {
    id: ulid(at),
    receivedAt: new Date(at).toISOString(),
    method: 'POST',
    path: '/',
    query: '',
    headers: [{ name: 'Content-Type', value: 'application/json' }],
    bodyText: body,
    sizeBytes: body.length,
    contentType: 'application/json',
    responseStatus: 200,
    rejected: null,
    json: { ok: true },
    trigger,
    summary: summarize(json, trigger),
    correlation: correlationOf(json),
    verdict: { kind: 'valid', details: { nonceSeenBefore: false } },
  };
}

describe('webhook event store', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  async function tempDir(): Promise<string> {
    const d = await mkdtemp(join(tmpdir(), 'sinch-webhook-store-'));
    dirs.push(d);
    return d;
  }

  it('keeps events across a listener restart, evicting the oldest beyond the limit', async () => {
    const dataDir = await tempDir();
    const first = await startHarness({}, { maxEvents: 20 }, dataDir);
    for (let i = 0; i < 30; i++) {
      const s = sampleCallback('MESSAGE_DELIVERY', { secret: SECRET, appId: `APP-${i}` });
      await post(first.url, s.body, s.headers);
    }
    await first.close();
    expect(first.store.size).toBe(20);
    const second = await startHarness({}, { maxEvents: 20 }, dataDir);
    try {
      const page = second.store.query({}, { limit: 5 });
      expect(page.total).toBe(20);
      expect(page.events.map((e) => e.correlation.appId)).toEqual(['APP-29', 'APP-28', 'APP-27', 'APP-26', 'APP-25']);
      expect(second.store.query({}, { offset: 19, limit: 5 }).events.map((e) => e.correlation.appId)).toEqual(['APP-10']);
      const full = second.store.get(page.events[0]?.id ?? '');
      expect(full?.bodyText).toContain('APP-29');
      expect(full?.verdict.kind).toBe('valid');
      // Whole old segments are removed from disk, not only forgotten.
      const files = (await readdir(join(dataDir, 'webhooks'))).filter((f) => f.endsWith('.jsonl'));
      expect(files.length).toBeLessThanOrEqual(11);
      expect(files.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('bounds the bytes on disk, skips and counts corrupt lines, and clears', async () => {
    const dataDir = await tempDir();
    const store = new WebhookEventStore(dataDir, { maxBytes: 20_000 });
    await store.load();
    for (let i = 0; i < 60; i++) store.append(eventFrom(sampleCallback('MESSAGE_INBOUND', { appId: `A${i}` }).json));
    await store.flush();
    expect(store.size).toBeLessThan(60);
    expect(store.query({ appId: 'A59' }).total).toBe(1);
    expect(store.query({ appId: 'A0' }).total).toBe(0);
    const files = (await readdir(join(dataDir, 'webhooks'))).sort();
    const last = files.at(-1) ?? '';
    await appendFile(join(dataDir, 'webhooks', last), 'not json\n{"v":99,"type":"event"}\n{"v":1,"type":"event","event":{"id":3}}\n');
    // Room for the damaged lines' own bytes, so none of the events is evicted to make space for them.
    const reloaded = new WebhookEventStore(dataDir, { maxBytes: 21_000 });
    await reloaded.load();
    expect(reloaded.size).toBe(store.size);
    expect(reloaded.corruptLines).toBe(3);
    expect(reloaded.query().corruptLines).toBe(3);
    expect(await reloaded.clear()).toBe(store.size);
    expect(reloaded.query().total).toBe(0);
    expect((await readdir(join(dataDir, 'webhooks'))).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
  });

  it('reads events kept by the previous version (a whole event per line) and keeps the index only: bodies come from disk', async () => {
    const dataDir = await tempDir();
    await mkdir(join(dataDir, 'webhooks'), { recursive: true });
    const old = eventFrom(sampleCallback('MESSAGE_INBOUND', { appId: 'LEGACY' }).json, Date.parse('2026-01-01T10:00:00Z'));
    const forwarded = { target: 'http://127.0.0.1:9/', status: 204, timeMs: 3 };
    await writeFile(
      join(dataDir, 'webhooks', 'events-000001.jsonl'),
      `${JSON.stringify({ v: 1, type: 'event', event: old })}\n${JSON.stringify({ v: 1, type: 'forwarded', id: old.id, forwarded })}\n`,
    );
    const store = new WebhookEventStore(dataDir);
    await store.load();
    expect(store.size).toBe(1);
    expect(store.corruptLines).toBe(0);
    expect(store.query({ appId: 'LEGACY' }).events[0]).toMatchObject({ id: old.id, forwarded });
    expect(store.query({ text: 'legacy' }).total).toBe(1);
    expect(store.get(old.id)).toEqual({ ...old, forwarded });
    // New events go on in the current format, and both read back after a restart.
    const next = eventFrom(sampleCallback('MESSAGE_DELIVERY', { appId: 'CURRENT' }).json);
    store.append(next);
    expect(store.get(next.id)?.bodyText).toBe(next.bodyText);
    await store.flush();
    const reloaded = new WebhookEventStore(dataDir);
    await reloaded.load();
    expect(reloaded.query().events.map((e) => e.correlation.appId)).toEqual(['CURRENT', 'LEGACY']);
    expect(reloaded.get(next.id)).toEqual(next);
    expect(reloaded.query({ text: 'current' }).total).toBe(1);
  });

  it('keeps a one-line JSON body raw in its line and gives back the exact bytes after a restart; other bodies as text', async () => {
    const dataDir = await tempDir();
    const first = await startHarness({}, {}, dataDir);
    const sample = sampleCallback('MESSAGE_INBOUND', { appId: 'RAW' }).json as Record<string, unknown>;
    // Quotes, backslashes, a line separator escaped, multi-byte text: what escaping would have to get right.
    const tricky = { ...sample, note: 'say "hi" \\ back \u2028 – ✓ 😀 }' };
    const bodies = [
      JSON.stringify(tricky),
      `{ "spaced" :  [1, 2.50, 3e2] , "app_id": "RAW" }`,
      JSON.stringify(sample, null, 2), // on several lines: kept as text
      'not json at all',
    ];
    for (const body of bodies) {
      expect(await post(first.url, body, { 'content-type': 'application/json' })).toBe(200);
    }
    await first.close();
    const [file] = await readdir(join(dataDir, 'webhooks'));
    const lines = (await readFile(join(dataDir, 'webhooks', file ?? ''), 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { v: number }).v)).toEqual([3, 3, 2, 2]);
    // Each line is still one JSON document, the body in it as JSON.
    expect((JSON.parse(lines[0] ?? '') as { body: unknown }).body).toEqual(tricky);
    const second = new WebhookEventStore(dataDir);
    await second.load();
    expect(second.corruptLines).toBe(0);
    const texts = second
      .query({}, { limit: 10 })
      .events.map((e) => second.get(e.id)?.bodyText)
      .reverse();
    expect(texts).toEqual(bodies);
    expect(second.query({ text: 'say "hi"' }).total).toBe(1);
    // A raw line whose body length does not add up is damaged: skipped and counted, never misread.
    await appendFile(join(dataDir, 'webhooks', file ?? ''), `${(lines[0] ?? '').replace(/"blen":\d+/, '"blen":5')}\n`);
    const third = new WebhookEventStore(dataDir);
    await third.load();
    expect(third.size).toBe(4);
    expect(third.corruptLines).toBe(1);
  });

  it('gives back an event appended a moment ago, before its write lands, as it will read from disk', async () => {
    const dataDir = await tempDir();
    const store = new WebhookEventStore(dataDir);
    await store.load();
    const raw = eventFrom(sampleCallback('MESSAGE_INBOUND', { appId: 'NOW' }).json);
    const text = {
      ...eventFrom({ app_id: 'NOW' }),
      id: ulid(Date.now() + 1),
      bodyText: 'plain text, not JSON',
      json: { ok: false, error: 'not JSON' },
    } satisfies WebhookEvent;
    store.append(raw, JSON.parse(raw.bodyText), Buffer.from(raw.bodyText));
    store.append(text);
    // Nothing is on disk yet (the batch is written on a later turn): read from the queued lines.
    expect(await readdir(join(dataDir, 'webhooks')).catch(() => [])).toEqual([]);
    const before = store.get(raw.id);
    expect(before).toEqual(raw);
    expect(store.get(text.id)?.bodyText).toBe('plain text, not JSON');
    // A forward outcome noted meanwhile shows; what a caller does to its copy does not leak back.
    const outcome = { target: 'http://127.0.0.1:9/', status: 204, timeMs: 3 };
    expect(store.setForwarded(raw.id, outcome)).toBe(true);
    if (before) before.summary = 'changed by the caller';
    expect(store.get(raw.id)).toEqual({ ...raw, forwarded: outcome });
    await store.flush();
    expect(store.get(raw.id)).toEqual({ ...raw, forwarded: outcome });
    expect(store.query({}, { limit: 5 }).events.map((e) => e.id)).toEqual([text.id, raw.id]);
  });

  it('finds by text the callbacks the headless listen kept without search text, once the app loads them', async () => {
    const dataDir = await tempDir();
    const headless = new WebhookEventStore(dataDir, { searchable: false });
    await headless.load();
    const inbound = eventFrom({ ...sampleCallback('MESSAGE_INBOUND', { appId: 'HEADLESS' }).json });
    headless.append(inbound);
    await headless.flush();
    // The line carries no search text (that is the work `listen` saves per callback)…
    const [file] = await readdir(join(dataDir, 'webhooks'));
    const line = await readFile(join(dataDir, 'webhooks', file ?? ''), 'utf8');
    expect(line).toMatch(/"x":\["[0-9A-Z]{26}","MESSAGE_INBOUND","valid","HEADLESS",[^\]]*,null\]/);
    // …and the app's store, which searches, builds it when it loads the line.
    const app = new WebhookEventStore(dataDir);
    await app.load();
    const text = inbound.summary.split(/\s+/).find((w) => /^[a-z]{4,}$/i.test(w)) ?? 'headless';
    expect(app.query({ text: 'headless' }).total).toBe(1);
    expect(app.query({ text: text.toLowerCase() }).total).toBe(1);
    expect(app.query({ text: 'no-such-text' }).total).toBe(0);
    expect(app.get(inbound.id)).toEqual(inbound);
  });
  it('reloads lines longer than its read block (a 1 MB body, escaped) next to short ones', async () => {
    const dataDir = await tempDir();
    const store = new WebhookEventStore(dataDir);
    await store.load();
    const small = eventFrom(sampleCallback('MESSAGE_DELIVERY', { appId: 'SMALL' }).json);
    const big = eventFrom({ app_id: 'BIG', message: { contact_message: { text_message: { text: '"quoted" '.repeat(150_000) } } } }, Date.now() + 1);
    const after = eventFrom(sampleCallback('MESSAGE_SUBMIT', { appId: 'AFTER' }).json, Date.now() + 2);
    for (const e of [small, big, after]) store.append(e);
    await store.flush();
    const reloaded = new WebhookEventStore(dataDir);
    await reloaded.load();
    expect(reloaded.corruptLines).toBe(0);
    expect(reloaded.query().events.map((e) => e.correlation.appId)).toEqual(['AFTER', 'BIG', 'SMALL']);
    expect(reloaded.get(big.id)?.bodyText).toBe(big.bodyText);
    expect(reloaded.get(after.id)).toEqual(after);
  });

  it('filters and pages newest first, and builds a message timeline: submit → queued → delivered → reply', async () => {
    const store = new WebhookEventStore(await tempDir());
    await store.load();
    const t0 = Date.parse('2026-01-01T10:00:00Z');
    const delivery = (status: string): Record<string, unknown> => ({
      app_id: 'A',
      message_delivery_report: {
        message_id: 'M1',
        conversation_id: 'C1',
        status,
        channel_identity: { channel: 'SMS', identity: '+4670', app_id: '' },
        contact_id: 'K1',
      },
    });
    const steps: Array<Record<string, unknown>> = [
      {
        app_id: 'A',
        message_submit_notification: {
          message_id: 'M1',
          conversation_id: 'C1',
          channel_identity: { channel: 'SMS', identity: '+4670', app_id: '' },
          contact_id: 'K1',
        },
      },
      delivery('QUEUED_ON_CHANNEL'),
      { app_id: 'B', message_delivery_report: { message_id: 'OTHER', status: 'FAILED' } },
      delivery('DELIVERED'),
      {
        app_id: 'A',
        message: {
          id: 'M2',
          conversation_id: 'C1',
          contact_id: 'K1',
          contact_message: { text_message: { text: 'thanks' }, reply_to: { message_id: 'M1' } },
          channel_identity: { channel: 'SMS', identity: '+4670', app_id: '' },
        },
      },
    ];
    steps.forEach((json, i) => store.append(eventFrom(json, t0 + i * 1000)));
    expect(store.timeline({ messageId: 'M1' }).map((e) => `${e.trigger}:${e.correlation.status ?? ''}`)).toEqual([
      'MESSAGE_SUBMIT:',
      'MESSAGE_DELIVERY:QUEUED_ON_CHANNEL',
      'MESSAGE_DELIVERY:DELIVERED',
      'MESSAGE_INBOUND:',
    ]);
    expect(store.timeline({ conversationId: 'C1' })).toHaveLength(4);
    expect(store.query({ triggers: ['MESSAGE_DELIVERY'] as CallbackTrigger[] }).total).toBe(3);
    expect(store.query({ status: 'FAILED' }).events.map((e) => e.correlation.messageId)).toEqual(['OTHER']);
    expect(store.query({ text: 'THANKS' }).total).toBe(1);
    expect(store.query({ contactId: 'K1', channel: 'SMS' }, { offset: 1, limit: 2 })).toMatchObject({ total: 4 });
    const page = store.query({}, { limit: 2 });
    expect(page.events.map((e) => e.correlation.messageId)).toEqual(['M2', 'M1']);
    expect(page.events[0]).not.toHaveProperty('bodyText');
    expect(page.events[0]).not.toHaveProperty('headers');
  });
});
