/**
 * Webhook listener throughput: `npx tsx bench/listener.bench.ts` (issue #6).
 * Sends N correctly signed callbacks (every one with a fresh nonce) to the real WebhookListener,
 * which verifies each signature and persists each event to a WebhookEventStore in a temp dir, and
 * the same load to a bare node:http server that only reads the body and answers 200. The load
 * comes from a child process (this file with `--load`) so the sender does not share the
 * server's event loop. Prints callbacks/s and p50/p99 latency side by side with their ratio, the
 * event loss (stored vs answered; should be 0, printed, not asserted), the verdicts, a reload of
 * the store from disk and a few inspector filters over what was stored; asserts nothing.
 * Inspector filter times over 100 000 events are printed by webhooks.bench.ts (BENCH_EVENTS).
 * Sizes: BENCH_CALLBACKS (default 20 000), BENCH_CONCURRENCY (32), BENCH_WARMUP (1 000).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCallbackStore, createListenerServices } from '../electron/backend/services/index';
import { sampleCallback } from '../electron/backend/webhooks/samples';
import { signCallback } from '../electron/backend/webhooks/signature';
import { VERDICT_KINDS, WEBHOOK_TRIGGERS } from '../shared/model/webhookEvent';

const COUNT = Number(process.env.BENCH_CALLBACKS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? Math.min(1000, COUNT));
const SECRET = 'bench-webhook-secret-0123456789';

/** One run of the load generator. */
interface LoadJob {
  url: string;
  count: number;
  concurrency: number;
  /** Tag put into bodies so runs differ. */
  run: string;
}

interface LoadResult {
  ms: number;
  sent: number;
  /** Answers by HTTP status. */
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  p50: number;
  p99: number;
  max: number;
}

// ---- load generator (child process) -----------------------------------------------------------

async function loadGenerator(): Promise<void> {
  const templates = WEBHOOK_TRIGGERS.map((t) => sampleCallback(t, { appId: 'BENCHAPP' }).body);
  const run = async (job: LoadJob): Promise<LoadResult> => {
    const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
    const target = new URL(job.url);
    const latencies = new Float64Array(job.count);
    const statuses: Record<string, number> = {};
    let errors = 0;
    let firstError: string | null = null;
    let next = 0;
    const one = (i: number): Promise<void> =>
      new Promise((resolve) => {
        const body = Buffer.from((templates[i % templates.length] ?? '{}').replace('Sample Contact', `Contact ${job.run}-${i}`), 'utf8');
        // A fresh random nonce and the current time for every callback: none may look replayed.
        const { headers } = signCallback(SECRET, body);
        const t = performance.now();
        const req = request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: '/callbacks',
            method: 'POST',
            headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies[i] = performance.now() - t;
              const key = String(res.statusCode ?? 0);
              statuses[key] = (statuses[key] ?? 0) + 1;
              resolve();
            });
          },
        );
        req.on('error', (error) => {
          latencies[i] = performance.now() - t;
          errors++;
          firstError ??= error.message;
          resolve();
        });
        req.end(body);
      });
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(job.concurrency, job.count) }, async () => {
        while (next < job.count) await one(next++);
      }),
    );
    const ms = performance.now() - t0;
    agent.destroy();
    const sorted = latencies.sort();
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { ms, sent: job.count, statuses, errors, firstError, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
  };
  process.on('message', (job: LoadJob) => {
    void run(job).then((result) => process.send?.(result));
  });
  process.on('disconnect', () => process.exit(0));
}

// ---- benchmark (parent) ------------------------------------------------------------------------

function drive(child: ChildProcess, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`load generator exited (${code ?? 'signal'})`));
    child.once('exit', onExit);
    child.once('message', (result) => {
      child.off('exit', onExit);
      resolve(result as LoadResult);
    });
    child.send(job);
  });
}

async function startBare(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      Buffer.concat(chunks);
      res.writeHead(200);
      res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

function ok(result: LoadResult): number {
  return result.statuses['200'] ?? 0;
}

function describe(result: LoadResult): string {
  const others = Object.entries(result.statuses)
    .filter(([status]) => status !== '200')
    .map(([status, n]) => `${n}×${status}`);
  if (result.errors > 0) others.push(`${result.errors} errors (${result.firstError ?? ''})`);
  return others.length === 0 ? 'all 200' : `NOT all 200: ${others.join(', ')}`;
}

function row(label: string, r: LoadResult): string {
  const perSecond = (r.sent / r.ms) * 1000;
  return `  ${label.padEnd(34)} ${perSecond.toFixed(0).padStart(7)} callbacks/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   ${describe(r)}`;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sinch-listener-bench-'));
  const limits = { maxEvents: (COUNT + WARMUP) * 2, maxBytes: 2 * 1024 * 1024 * 1024 };
  const { listener, store } = await createListenerServices({
    dataDir,
    store: limits,
    listener: { port: 0, host: '127.0.0.1', secretsFor: async () => [{ label: 'bench', secret: SECRET }] },
  });
  if (!store) throw new Error('the listener was made without its store');
  await store.load();
  const bare = await startBare();
  const child = fork(fileURLToPath(import.meta.url), ['--load'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const { url } = await listener.start();
    console.log(`${COUNT} signed callbacks (+${WARMUP} warm-up) per server, ${CONCURRENCY} at a time over keep-alive connections, sender in its own process`);

    await drive(child, { url: bare.url, count: WARMUP, concurrency: CONCURRENCY, run: 'bare-warmup' });
    const bareRun = await drive(child, { url: bare.url, count: COUNT, concurrency: CONCURRENCY, run: 'bare' });
    const warm = await drive(child, { url, count: WARMUP, concurrency: CONCURRENCY, run: 'listener-warmup' });
    const listenerRun = await drive(child, { url, count: COUNT, concurrency: CONCURRENCY, run: 'listener' });
    const tIdle = performance.now();
    await listener.idle();
    await store.flush();
    const drainMs = performance.now() - tIdle;

    const bareRate = (bareRun.sent / bareRun.ms) * 1000;
    const listenerRate = (listenerRun.sent / listenerRun.ms) * 1000;
    console.log(row('bare node:http (read body, 200)', bareRun));
    console.log(row('WebhookListener (verify + store)', listenerRun));
    console.log(`  ratio: listener ${(listenerRate / bareRate).toFixed(2)}× bare throughput, p50 ${(listenerRun.p50 / bareRun.p50).toFixed(2)}× bare latency`);
    console.log(`  after the last answer: idle() + flush() took ${drainMs.toFixed(0)} ms`);
    console.log('');

    const answered = ok(warm) + ok(listenerRun);
    const sent = warm.sent + listenerRun.sent;
    const verdicts = VERDICT_KINDS.map((kind) => [kind, store.query({ verdicts: [kind] }, { limit: 0 }).total] as const).filter(([, n]) => n > 0);
    console.log(`sent ${sent}, answered 200: ${answered}, listener counted ${listener.status().received}, stored: ${store.size}`);
    console.log(`event loss: ${sent - store.size}   (sent minus stored; 0 expected)`);
    console.log(`verdicts: ${verdicts.map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none'}   (all ${sent} should be valid)`);

    const reloaded = await createCallbackStore(dataDir, limits);
    const t = performance.now();
    await reloaded.load();
    const reloadMs = performance.now() - t;
    console.log(
      `reload from disk: ${reloadMs.toFixed(0)} ms, ${reloaded.size} events, ${reloaded.corruptLines} corrupt lines, lost on disk: ${sent - reloaded.size}`,
    );
    console.log('');

    const filter = (label: string, run: () => { total: number }): void => {
      run();
      const samples: number[] = [];
      let total = 0;
      for (let i = 0; i < 5; i++) {
        const t1 = performance.now();
        total = run().total;
        samples.push(performance.now() - t1);
      }
      samples.sort((a, b) => a - b);
      const ms = samples[2] ?? 0;
      console.log(`  ${label.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms   ${(ms / 50).toFixed(3)} × 50 ms budget   ${total} matches`);
    };
    console.log(`inspector filters over the ${store.size} received events (over 100 000: see webhooks.bench.ts):`);
    filter('verdicts=[invalid,replayed]', () => store.query({ verdicts: ['invalid', 'replayed'] }, { limit: 100 }));
    filter('triggers=[MESSAGE_DELIVERY]', () => store.query({ triggers: ['MESSAGE_DELIVERY'] }, { limit: 100 }));
    // A callback whose body names its contact (so the text filter has exactly one hit).
    const templates = WEBHOOK_TRIGGERS.map((t) => sampleCallback(t, { appId: 'BENCHAPP' }).body);
    const withName = Math.max(
      0,
      templates.findIndex((b) => b.includes('Sample Contact')),
    );
    const needle = `contact listener-${Math.floor((COUNT * 0.6) / templates.length) * templates.length + withName}`;
    filter(`text "${needle}"`, () => store.query({ text: needle }, { limit: 100 }));
    filter('text with no hit', () => store.query({ text: 'zzqx-nothing' }, { limit: 100 }));
  } finally {
    child.disconnect();
    await listener.stop();
    await new Promise<void>((resolve) => {
      bare.server.close(() => resolve());
      bare.server.closeAllConnections();
    });
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--load')) await loadGenerator();
else await main();
