/**
 * Webhook event store at inspector scale: `npx tsx bench/webhooks.bench.ts` (issue #14, goal "Events kept").
 * Writes BENCH_EVENTS (default 100 000, the default cap) callbacks with realistic bodies from the
 * trigger samples, then in a fresh process (as the app starting) reloads them from disk and times
 * what the virtualised list does: page, filter, text search, open one, a timeline. Prints each
 * figure against its budget (the goal is absolute: the "peer" column is the budget) and the
 * process's RSS with the events loaded next to a bare Node process's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCallbackStore } from '../electron/backend/services/index';
import { sampleCallback } from '../electron/backend/webhooks/samples';
import { ulid } from '../electron/backend/conversation/ulid';
import { WEBHOOK_TRIGGERS, classifyTrigger, correlationOf, summarize, type VerdictKind, type WebhookEvent } from '../shared/model/webhookEvent';
import { median, ratio, verdictLine } from './callbacks.goals';

const COUNT = Number(process.env.BENCH_EVENTS ?? 100_000);
const QUERY_BUDGET_MS = 50;
const RELOAD_BUDGET_MS = 1000;
const RSS_BUDGET_MB = 250;
const VERDICTS: VerdictKind[] = ['valid', 'valid', 'valid', 'invalid', 'unsigned', 'stale'];

interface Measured {
  reloadMs: number;
  size: number;
  corrupt: number;
  rssMb: number;
  heapMb: number;
  times: Record<string, { ms: number; total: number }>;
}

async function write(dataDir: string): Promise<{ ms: number; bytes: number }> {
  const store = await createCallbackStore(dataDir, { maxEvents: COUNT });
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
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'x-sinch-webhook-signature-nonce', value: ulid() },
      ],
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
    // With its bytes, as the listener stores a callback (the body raw in its line).
    store.append(event, json, Buffer.from(body));
    // As callbacks arrive: in bursts, the disk catching up between them.
    if (i % 2000 === 1999) await store.flush();
  }
  await store.flush();
  return { ms: performance.now() - t0, bytes };
}

/** Run in a fresh process: what the app pays to start with these events and to search them. */
async function measure(dataDir: string): Promise<Measured> {
  // Made (and its module loaded) before the clock starts: the time is what reading the events costs.
  const store = await createCallbackStore(dataDir, { maxEvents: COUNT });
  const t0 = performance.now();
  await store.load();
  const reloadMs = performance.now() - t0;
  const times: Measured['times'] = {};
  const time = (label: string, run: () => { total: number }): void => {
    let total = run().total;
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      total = run().total;
      samples.push(performance.now() - t);
    }
    times[label] = { ms: median(samples), total };
  };
  time('first page (100)', () => store.query({}, { offset: 0, limit: 100 }));
  time('deep page (offset 90 000)', () => store.query({}, { offset: Math.max(0, COUNT - 10_000), limit: 100 }));
  time('filter triggers=[MESSAGE_DELIVERY]', () => store.query({ triggers: ['MESSAGE_DELIVERY'] }, { limit: 100 }));
  time('filter verdicts=[invalid,stale]', () => store.query({ verdicts: ['invalid', 'stale'] }, { limit: 100 }));
  time('filter appId=APP7 + channel=SMS', () => store.query({ appId: 'APP7', channel: 'SMS' }, { limit: 100 }));
  time('text "contact 4242"', () => store.query({ text: 'contact 4242' }, { limit: 100 }));
  time('text with no hit', () => store.query({ text: 'zzz-no-such-thing' }, { limit: 100 }));
  time('text + trigger filter', () => store.query({ text: 'contact 4', triggers: ['MESSAGE_INBOUND'] }, { limit: 100 }));
  const first = store.query({}, { limit: 100 }).events;
  const someId = first[50]?.id ?? '';
  time('get(id) ×100', () => {
    for (let i = 0; i < 100; i++) store.get(someId);
    return { total: 100 };
  });
  const messageId = first.find((e) => e.correlation.messageId)?.correlation.messageId ?? '';
  time('timeline({ messageId })', () => ({ total: store.timeline({ messageId }).length }));
  const memory = process.memoryUsage();
  return { reloadMs, size: store.size, corrupt: store.corruptLines, rssMb: memory.rss / 1024 / 1024, heapMb: memory.heapUsed / 1024 / 1024, times };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sinch-webhooks-bench-'));
  try {
    const written = await write(dataDir);
    console.log(
      `events: ${COUNT}, body bytes: ${(written.bytes / 1024 / 1024).toFixed(1)} MB, written in ${written.ms.toFixed(0)} ms (${((written.ms * 1000) / COUNT).toFixed(1)} µs/event)`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', dataDir], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(`measuring failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
    const bare = spawnSync(process.execPath, ['--import', 'tsx', '-e', 'console.log(process.memoryUsage().rss / 1024 / 1024)'], { encoding: 'utf8' });
    const bareRss = Number(bare.stdout.trim());
    console.log(`reloaded ${m.size} events (${m.corrupt} corrupt lines) in a fresh process; heap used ${m.heapMb.toFixed(0)} MB`);
    for (const [label, { ms, total }] of Object.entries(m.times)) console.log(`  ${label.padEnd(40)} ${ms.toFixed(2).padStart(9)} ms   ${total} matches`);
    console.log('');
    const worstFilter = Math.max(
      ...['filter triggers=[MESSAGE_DELIVERY]', 'filter verdicts=[invalid,stale]', 'filter appId=APP7 + channel=SMS'].map((k) => m.times[k]?.ms ?? Infinity),
    );
    const worstText = Math.max(...['text "contact 4242"', 'text with no hit', 'text + trigger filter'].map((k) => m.times[k]?.ms ?? Infinity));
    console.log(verdictLine(`Events kept (default cap)`, `${m.size}`, `${COUNT}`, ratio(m.size, COUNT), '100 000', m.size >= 100_000 || m.size === COUNT));
    console.log(
      verdictLine(
        'Events: RSS with them loaded',
        `${m.rssMb.toFixed(0)} MB`,
        `${RSS_BUDGET_MB} MB`,
        ratio(m.rssMb, RSS_BUDGET_MB),
        `< ${RSS_BUDGET_MB} MB`,
        m.rssMb < RSS_BUDGET_MB,
      ),
    );
    console.log(`     (a bare Node process with tsx: ${bareRss.toFixed(0)} MB)`);
    console.log(
      verdictLine(
        'Events: slowest filter',
        `${worstFilter.toFixed(1)} ms`,
        `${QUERY_BUDGET_MS} ms`,
        ratio(worstFilter, QUERY_BUDGET_MS),
        '< 50 ms',
        worstFilter < QUERY_BUDGET_MS,
      ),
    );
    console.log(
      verdictLine(
        'Events: slowest text search',
        `${worstText.toFixed(1)} ms`,
        `${QUERY_BUDGET_MS} ms`,
        ratio(worstText, QUERY_BUDGET_MS),
        '< 50 ms',
        worstText < QUERY_BUDGET_MS,
      ),
    );
    console.log(
      verdictLine(
        'Events: reload from disk',
        `${m.reloadMs.toFixed(0)} ms`,
        `${RELOAD_BUDGET_MS} ms`,
        ratio(m.reloadMs, RELOAD_BUDGET_MS),
        '< 1 s',
        m.reloadMs < RELOAD_BUDGET_MS,
      ),
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--measure');
if (at >= 0) console.log(JSON.stringify(await measure(process.argv[at + 1] ?? '')));
else await main();
