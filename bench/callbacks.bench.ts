/**
 * Live callbacks, headless: `npx tsx bench/callbacks.bench.ts` (issue #14, goal "Listener").
 * autocannon (in this process) sends 1 KB signed callbacks (a fresh nonce and timestamp on every
 * one) over 50 connections for a fixed time to, in turn:
 *   - the peer: a bare node:http server that reads the body and answers 200;
 *   - ours: `sinch-explorer listen` (verify every signature, persist every event to the default
 *     store, print a line per callback), its stdout drained by this process.
 * Each server runs in its own child process, started fresh per run; runs are interleaved
 * (bare, listen, bare, listen…) and the median of each is compared. After a `listen` run the
 * child is stopped with SIGTERM right away, the store is reloaded from disk and counted: "lost"
 * = callbacks answered 2xx that are not on disk. RSS is the child's peak (VmHWM).
 * BENCH_QUICK=1: one 3 s run each. BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS override.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCallbackStore } from '../electron/backend/services/index';
import { sampleCallback } from '../electron/backend/webhooks/samples';
import { signCallback } from '../electron/backend/webhooks/signature';
import { median, ratio, verdictLine } from './callbacks.goals';

const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 10));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = QUICK ? 1 : 2;
const SECRET = 'bench-webhook-secret-0123456789';
const BIN = fileURLToPath(new URL('../scripts/sinch-explorer.mjs', import.meta.url));
/** The peer: plain Node (no tsx), reads the whole body, answers 200 with no body. */
const BARE_SERVER = `
const { createServer } = require('node:http');
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => { Buffer.concat(chunks); res.writeHead(200); res.end(); });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ type: 'listening', port: server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** A 1 KB inbound-message callback (the sample, its text padded). */
export function kilobyteBody(tag: string): Buffer {
  const sample = sampleCallback('MESSAGE_INBOUND', { appId: 'BENCHAPP' }).json as { message?: { contact_message?: { text_message?: { text?: string } } } };
  const text = sample.message?.contact_message?.text_message;
  const base = JSON.stringify(sample).length;
  if (text) text.text = `${tag} ${'lorem ipsum '.repeat(100)}`.slice(0, Math.max(8, 1024 - base + (text.text?.length ?? 0)));
  return Buffer.from(JSON.stringify(sample));
}

export interface LoadFigures {
  perSecond: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
}

/** autocannon against `url`, every request signed afresh. */
export async function fire(url: string, seconds: number, connections: number, tag: string): Promise<LoadFigures> {
  const body = kilobyteBody(tag);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          const { headers } = signCallback(SECRET, body);
          return { ...req, method: 'POST', path: '/callbacks', body, headers: { ...headers, 'content-type': 'application/json' } };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return { perSecond: ok / seconds, p99: result.latency.p99, ok, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

interface Served {
  child: ChildProcess;
  url: string;
  stdoutBytes: () => number;
}

async function serve(kind: 'bare' | 'listen', dataDir: string): Promise<Served> {
  const args = kind === 'bare' ? ['-e', BARE_SERVER] : [BIN, 'listen', '--port', '0', '--secret-env', 'BENCH_SECRET', '--data-dir', dataDir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_SECRET: SECRET } });
  let bytes = 0;
  let head = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${kind} exited (${code ?? 'signal'})`)));
    child.stdout?.on('data', (d: Buffer) => {
      bytes += d.length;
      if (!head.includes('\n')) {
        head += d.toString();
        // The bare server's JSON line, or listen's "Listening for Sinch callbacks on http://127.0.0.1:N/".
        const port = /"port":(\d+)|127\.0\.0\.1:(\d+)/.exec(head);
        if (head.includes('\n') && port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port[1] ?? port[2] ?? ''}`);
        }
      }
    });
  });
  return { child, url, stdoutBytes: () => bytes };
}

async function peakRss(pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export interface RunFigures extends LoadFigures {
  rssMb: number;
  lost: number;
}

/** One run against a fresh server in a child process. */
export async function runOnce(kind: 'bare' | 'listen', seconds: number, connections: number, tag: string): Promise<RunFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sinch-callbacks-bench-'));
  try {
    const served = await serve(kind, dataDir);
    let load: LoadFigures;
    let rssMb: number;
    let warmedOk = 0;
    try {
      // Warm-up, not measured: a long-running server is compiled and its caches are filled.
      warmedOk = (await fire(served.url, WARMUP_SECONDS, connections, `${tag}-warm`)).ok;
      load = await fire(served.url, seconds, connections, tag);
      rssMb = await peakRss(served.child.pid);
    } finally {
      // Stopped right after the last answer: whatever was answered must be on disk.
      await stop(served.child);
    }
    let lost = 0;
    if (kind === 'listen') {
      const store = await createCallbackStore(dataDir, { searchable: false, maxEvents: 10_000_000 });
      await store.load();
      lost = Math.max(0, load.ok + warmedOk - store.size);
    }
    return { ...load, rssMb, lost };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function row(label: string, r: RunFigures): string {
  return `  ${label.padEnd(26)} ${r.perSecond.toFixed(0).padStart(7)} callbacks/s   p99 ${String(r.p99).padStart(4)} ms   RSS ${r.rssMb.toFixed(0).padStart(4)} MB   ${r.ok} answered 2xx, ${r.non2xx} other, ${r.errors} errors${Number.isFinite(r.lost) ? `, lost ${r.lost}` : ''}`;
}

/** `listen` as users run it: compiled (dist-node/, as `npm run build` and setup make it), not through tsx. */
export function compileCli(): void {
  const script = fileURLToPath(new URL('../scripts/build-node.mjs', import.meta.url));
  if (!existsSync(script)) return;
  const built = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) console.log('(could not compile the CLI: listen runs through tsx)');
}

async function main(): Promise<void> {
  compileCli();
  console.log(`listener: 1 KB signed callbacks, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} interleaved round(s); median of each`);
  const bare: RunFigures[] = [];
  const ours: RunFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const b = await runOnce('bare', SECONDS, CONNECTIONS, `bare-${round}`);
    console.log(row(`bare node:http #${round + 1}`, b));
    bare.push(b);
    const o = await runOnce('listen', SECONDS, CONNECTIONS, `listen-${round}`);
    console.log(row(`listen #${round + 1}`, o));
    ours.push(o);
  }
  const rate = median(ours.map((r) => r.perSecond));
  const peerRate = median(bare.map((r) => r.perSecond));
  const p99 = median(ours.map((r) => r.p99));
  const peerP99 = median(bare.map((r) => r.p99));
  const rss = median(ours.map((r) => r.rssMb));
  const peerRss = median(bare.map((r) => r.rssMb));
  const lost = ours.reduce((sum, r) => sum + r.lost, 0);
  console.log('');
  console.log(
    verdictLine('Listener callbacks/s', `${rate.toFixed(0)}/s`, `${peerRate.toFixed(0)}/s`, ratio(rate, peerRate), '≥ 0.70×', ratio(rate, peerRate) >= 0.7),
  );
  // A p99 of 0 ms (autocannon's resolution is 1 ms) is taken as 1 ms.
  const p99Ratio = ratio(Math.max(1, p99), Math.max(1, peerP99));
  console.log(verdictLine('Listener p99 latency', `${p99} ms`, `${peerP99} ms`, p99Ratio, '≤ 2.00×', p99Ratio <= 2));
  console.log(verdictLine('Listener RSS under load', `${rss.toFixed(0)} MB`, `${peerRss.toFixed(0)} MB`, ratio(rss, peerRss), '< 150 MB', rss < 150));
  console.log(verdictLine('Listener callbacks lost', `${lost}`, '0', lost === 0 ? 1 : Infinity, '= 0', lost === 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
