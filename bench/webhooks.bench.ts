/**
 * Webhook event store at inspector scale: `npx tsx bench/webhooks.bench.ts`.
 * Inserts 100 000 callbacks (realistic bodies from the trigger samples), then times what the
 * virtualised list does: page, filter, search, open one, build a timeline, reload from disk.
 * Prints figures and their ratio to the 50 ms budget; asserts nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebhookEventStore } from '../electron/backend/webhooks/eventStore';
import { sampleCallback } from '../electron/backend/webhooks/samples';
import { ulid } from '../electron/backend/sandbox/ulid';
import { WEBHOOK_TRIGGERS, classifyTrigger, correlationOf, summarize, type VerdictKind, type WebhookEvent } from '../shared/model/webhookEvent';

const COUNT = Number(process.env.BENCH_EVENTS ?? 100_000);
const BUDGET_MS = 50;
const VERDICTS: VerdictKind[] = ['valid', 'valid', 'valid', 'invalid', 'unsigned', 'stale'];

function time<T>(label: string, run: () => T, repeat = 5): T {
  let result: T = run();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    result = run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  console.log(`${label.padEnd(48)} ${median.toFixed(2).padStart(9)} ms   ${(median / BUDGET_MS).toFixed(3)} × budget`);
  return result;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sinch-webhooks-bench-'));
  try {
    const store = new WebhookEventStore(dataDir, { maxEvents: COUNT, maxBytes: 2 * 1024 * 1024 * 1024 });
    await store.load();
    const templates = WEBHOOK_TRIGGERS.map((t) => sampleCallback(t, { appId: 'APP0' }).body);
    const start = Date.now() - COUNT;
    const t0 = performance.now();
    let bytes = 0;
    for (let i = 0; i < COUNT; i++) {
      const body = (templates[i % templates.length] ?? '{}').replace('"APP0"', `"APP${i % 50}"`).replace('Sample Contact', `Contact ${i}`);
      bytes += body.length;
      const json = JSON.parse(body) as unknown;
      const trigger = classifyTrigger(json);
      const event: WebhookEvent = {
        id: ulid(start + i),
        receivedAt: new Date(start + i).toISOString(),
        method: 'POST',
        path: '/callbacks',
        query: '',
        headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'x-sinch-webhook-signature-nonce', value: ulid() }],
        bodyText: body,
        sizeBytes: body.length,
        contentType: 'application/json',
        responseStatus: 200,
        rejected: null,
        json: { ok: true },
        trigger,
        summary: summarize(json, trigger),
        correlation: correlationOf(json),
        verdict: { kind: VERDICTS[i % VERDICTS.length] ?? 'valid', details: { nonceSeenBefore: false } },
      };
      store.append(event);
    }
    const insertMs = performance.now() - t0;
    const t1 = performance.now();
    await store.flush();
    const flushMs = performance.now() - t1;
    console.log(`events: ${store.size}, body bytes: ${(bytes / 1024 / 1024).toFixed(1)} MB, heap used with one store: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
    console.log(`${'insert (classify+summarise+store, memory)'.padEnd(48)} ${insertMs.toFixed(0).padStart(9)} ms   ${((insertMs * 1000) / COUNT).toFixed(1)} µs/event`);
    console.log(`${'flush to disk (batched appends)'.padEnd(48)} ${flushMs.toFixed(0).padStart(9)} ms`);
    console.log('');

    const page = time('query {} first page (100)', () => store.query({}, { offset: 0, limit: 100 }));
    time('query {} deep page (offset 90 000)', () => store.query({}, { offset: 90_000, limit: 100 }));
    const byTrigger = time('filter triggers=[MESSAGE_DELIVERY]', () => store.query({ triggers: ['MESSAGE_DELIVERY'] }, { limit: 100 }));
    const byVerdict = time('filter verdicts=[invalid,stale]', () => store.query({ verdicts: ['invalid', 'stale'] }, { limit: 100 }));
    time('filter appId=APP7 + channel=SMS', () => store.query({ appId: 'APP7', channel: 'SMS' }, { limit: 100 }));
    const byText = time('text "contact 4242" (summary+ids+body)', () => store.query({ text: 'contact 4242' }, { limit: 100 }));
    time('text with no hit', () => store.query({ text: 'zzz-no-such-thing' }, { limit: 100 }));
    const someId = page.events[50]?.id ?? '';
    time('get(id) x1000', () => {
      for (let i = 0; i < 1000; i++) store.get(someId);
    });
    const messageId = page.events.find((e) => e.correlation.messageId)?.correlation.messageId ?? '';
    time('timeline({ messageId })', () => store.timeline({ messageId }));
    console.log(`matches: trigger ${byTrigger.total}, verdict ${byVerdict.total}, text ${byText.total}`);

    const t2 = performance.now();
    const reloaded = new WebhookEventStore(dataDir, { maxEvents: COUNT, maxBytes: 2 * 1024 * 1024 * 1024 });
    await reloaded.load();
    console.log(`${'reload from disk'.padEnd(48)} ${(performance.now() - t2).toFixed(0).padStart(9)} ms   (${reloaded.size} events, ${reloaded.corruptLines} corrupt)`);
    const heap = process.memoryUsage().heapUsed / 1024 / 1024;
    console.log(`heap used (two stores loaded): ${heap.toFixed(0)} MB`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
