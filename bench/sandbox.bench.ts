/**
 * The sandbox at the sizes real users reach: `npx tsx bench/sandbox.bench.ts` (issue #14).
 * Two sandboxes restored from state files: a small one (10 contacts, 100 messages: the peer) and
 * a large one (10,000 contacts, 100,000 messages), each with one conversation per contact. The
 * same HTTP operations run against both in back-to-back pairs; per operation the medians of each
 * side, and as the ratio the median of the pairs' ratios (see `measure`). A sandbox that scans
 * every contact or message per request is as many times slower as it is larger; one with indexes
 * is not. Goal: each operation on the large sandbox ≤ 2× the small one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SandboxHandle } from '../electron/backend/services/index';
import { Client } from '../tests/integration/sandbox/helpers';
import { QUICK, goal, median, ms } from './goals';

const LARGE = { contacts: QUICK ? 2000 : 10_000, messages: QUICK ? 20_000 : 100_000 };
const SMALL = { contacts: 10, messages: 100 };
const REPEAT = QUICK ? 30 : 300;
const WARMUP = 20;

type Json = Record<string, unknown>;

function id(prefix: string, n: number): string {
  // Sortable like a ULID: creation order is id order.
  return `01BENCH${prefix}${String(n).padStart(19, '0')}`;
}

function phone(n: number): string {
  return `+4670${String(n).padStart(7, '0')}`;
}

/** A state file with one app (made through the API) plus `size` contacts, conversations and messages. */
async function stateFile(dir: string, name: string, size: { contacts: number; messages: number }): Promise<{ path: string; appId: string }> {
  const path = join(dir, `${name}.json`);
  const seed = await startSimulator({ port: 0, templatePort: 0, persist: { path, debounceMs: 0 } });
  const appId = (await new Client(seed).createApp({ processing_mode: 'CONVERSATION' })).id;
  await seed.flush();
  await seed.close();
  const file = JSON.parse(await readFile(path, 'utf8')) as { state: Record<string, unknown[]> };
  const state = file.state as Record<string, Json[]>;
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let c = 0; c < size.contacts; c++) {
    state['contacts']?.push({
      id: id('C', c),
      channel_identities: [{ channel: 'SMS', identity: phone(c), app_id: '' }],
      channel_priority: [],
      display_name: `Contact ${c}`,
      email: '',
      external_id: `ext-${c}`,
      metadata: '',
      language: 'EN_US',
    });
    state['conversations']?.push({
      id: id('V', c),
      app_id: appId,
      contact_id: id('C', c),
      active: true,
      active_channel: 'SMS',
      last_received: '1970-01-01T00:00:00Z',
      metadata: '',
      metadata_json: {},
      correlation_id: '',
    });
  }
  for (let m = 0; m < size.messages; m++) {
    const c = m % size.contacts;
    const time = new Date(t0 + m * 1000).toISOString();
    state['messages']?.push({
      appId,
      correlationId: '',
      message: {
        id: id('M', m),
        direction: m % 3 === 0 ? 'TO_APP' : 'TO_CONTACT',
        conversation_id: id('V', c),
        contact_id: id('C', c),
        channel_identity: { channel: 'SMS', identity: phone(c), app_id: '' },
        accept_time: time,
        metadata: '',
        injected: false,
        sender_id: '',
        processing_mode: 'CONVERSATION',
        app_message: { text_message: { text: `Message ${m}` } },
        message_status: { status: 'DELIVERED', event_time: time },
      },
    });
  }
  await writeFile(path, JSON.stringify(file));
  return { path, appId };
}

interface Target {
  name: string;
  size: { contacts: number; messages: number };
  sandbox: SandboxHandle;
  client: Client;
  appId: string;
  created: number;
}

/** The operations, each one HTTP request; `i` varies the contact or identity used. */
const OPERATIONS: Array<{ label: string; run: (t: Target, i: number) => Promise<number> }> = [
  {
    label: 'contact create (identity checked)',
    run: async (t) =>
      (
        await t.client.call('POST', `${t.client.project}/contacts`, {
          channel_identities: [{ channel: 'SMS', identity: phone(1_000_000 + t.created++) }],
          language: 'EN_US',
        })
      ).status,
  },
  {
    label: 'contact update (identity checked)',
    run: async (t, i) =>
      (await t.client.call('PATCH', `${t.client.project}/contacts/${id('C', i % t.size.contacts)}?update_mask=display_name`, { display_name: `Renamed ${i}` }))
        .status,
  },
  {
    label: 'contact find by channel identity',
    run: async (t, i) =>
      (await t.client.call('GET', `${t.client.project}/contacts?channel=SMS&identity=${encodeURIComponent(phone(i % t.size.contacts))}`)).status,
  },
  { label: 'messages: newest page', run: async (t) => (await t.client.call('GET', `${t.client.project}/messages?page_size=20`)).status },
  {
    label: "messages: a contact's page",
    run: async (t, i) => (await t.client.call('GET', `${t.client.project}/messages?contact_id=${id('C', i % t.size.contacts)}&page_size=20`)).status,
  },
  {
    label: 'messages: fetch last message',
    run: async (t, i) =>
      (
        await t.client.call('POST', `${t.client.project}/messages:fetch-last-message`, {
          contact_ids: [id('C', i % t.size.contacts)],
          messages_source: 'CONVERSATION_SOURCE',
        })
      ).status,
  },
  {
    label: 'message send to a known contact',
    run: async (t, i) =>
      (
        await t.client.call('POST', `${t.client.project}/messages:send`, {
          app_id: t.appId,
          recipient: { identified_by: { channel_identities: [{ channel: 'SMS', identity: phone(i % t.size.contacts) }] } },
          message: { text_message: { text: 'hi' } },
        })
      ).status,
  },
];

/**
 * Why pairs, and why their order is shuffled. "A contact's page" once read 2.2–2.6× in full
 * runs although the sandbox does the same work in both: an index walk of the contact's 10
 * messages (in-process the handler takes ~40–50 µs small vs ~65–85 µs large, the difference
 * being colder memory, not a scan; a request costs ~1 ms). The statistic was the fragile part:
 *
 * - On a busy 2-core machine (other sessions running tests or benches) a request takes either
 *   ~1 ms or, when the process is descheduled or a scavenge lands in it, ~4–6 ms. With a third
 *   to half of the requests slowed, each side's median sits between the two modes and flips on
 *   a few samples, so the ratio of medians read 0.5× or 2.4× for operations that are flat
 *   (seen under load for several operations, not only this one). The two requests of a pair run
 *   back to back and see the same machine; the median of the pairs' ratios ignores pairs where
 *   only one side was slowed, whichever it was, and still doubles if every large request costs
 *   twice as much.
 * - Strict alternation (small-large, large-small, …) repeats every four requests, so anything
 *   that recurs with that period (timers, allocation-driven GC steps) always hits the same side.
 *   Every two pairs still use both orders (neither side is always first), but which comes first
 *   is drawn from a seeded coin, so the sequence has no period.
 * - A longer warm-up (the same on both sides) takes each operation's first, slower calls out.
 */
async function measure(
  op: (typeof OPERATIONS)[number],
  small: Target,
  large: Target,
  order: () => boolean,
): Promise<{ ours: number; peer: number; ratio: number }> {
  const took: Record<'small' | 'large', number[]> = { small: [], large: [] };
  const ratios: number[] = [];
  let smallFirst = order();
  for (let i = 0; i < REPEAT; i++) {
    if (i % 2 === 0) smallFirst = order();
    else smallFirst = !smallFirst;
    const pair: Record<string, number> = {};
    for (const t of smallFirst ? [small, large] : [large, small]) {
      const start = performance.now();
      const status = await op.run(t, i * 7919);
      pair[t.name] = performance.now() - start;
      if (status !== 200) throw new Error(`${op.label} on ${t.name}: HTTP ${status}`);
    }
    const [s, l] = [pair['small'] ?? NaN, pair['large'] ?? NaN];
    took.small.push(s);
    took.large.push(l);
    ratios.push(l / s);
  }
  return { ours: median(took.large), peer: median(took.small), ratio: median(ratios) };
}

/** A coin with a fixed seed (mulberry32): the same shuffled order every run. */
function shuffler(seed: number): () => boolean {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0 < 0x80000000;
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sce-sandbox-bench-'));
  const targets: Target[] = [];
  try {
    for (const [name, size] of [
      ['small', SMALL],
      ['large', LARGE],
    ] as const) {
      const t = performance.now();
      const file = await stateFile(dir, name, size);
      const built = performance.now() - t;
      const t1 = performance.now();
      const sandbox = await startSimulator({ port: 0, templatePort: 0, persist: { path: file.path, debounceMs: 60_000 }, deliveryDelayMs: 5 });
      const counts = sandbox.counts();
      console.log(
        `${name}: ${counts.contacts} contacts, ${counts.messages} messages, ${counts.conversations} conversations (state written in ${ms(built)}, restored in ${ms(performance.now() - t1)})`,
      );
      const client = new Client(sandbox);
      await client.fetchToken();
      targets.push({ name, size, sandbox, client, appId: file.appId, created: 0 });
    }
    const [small, large] = targets as [Target, Target];
    let allMet = true;
    const order = shuffler(14);
    for (const op of OPERATIONS) {
      for (let i = 0; i < WARMUP; i++) for (const t of targets) await op.run(t, i);
      const { ours, peer, ratio } = await measure(op, small, large, order);
      allMet = goal(`sandbox ${op.label}`, ms(ours), ms(peer), ratio, '≤ 2× small', ratio <= 2) && allMet;
    }
    console.log(
      `sandbox: ${LARGE.contacts} contacts and ${LARGE.messages} messages vs ${SMALL.contacts} and ${SMALL.messages}; medians of ${REPEAT} requests each, ratio the median of ${REPEAT} back-to-back pairs. ${allMet ? 'Every operation stays flat.' : 'Some operation grows with the data.'}`,
    );
  } finally {
    for (const t of targets) await t.sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
