/**
 * Live callbacks into the app with the Webhooks view open: `npx tsx bench/callbacks-inspector.bench.ts`
 * (issue #14, goal "Inspector under load"). The app (real backend + browser host) runs in a child
 * process (compiled, as users run it) with a webhook secret stored, so every callback is verified; headless Chromium (the
 * system one, as the e2e suite) shows its Webhooks view. Two measures:
 *   1. 10 000 signed 1 KB callbacks sent at 1 000/s (autocannon, 50 connections): how long after the
 *      last answer the page's count shows all of them (goal ≤ 1 s), and how many notices and list
 *      queries the page got (bounded, not one per callback).
 *   2. The listener's rate at full speed with the view open, against `sinch-explorer listen`
 *      (headless, same load) measured in the same run, interleaved (goal ≥ 0.6×).
 * Loopback only; every wait is bounded. Needs a built page: SCE_RENDERER_DIR, else dist/renderer,
 * else it is built into a temp folder. BENCH_QUICK=1: shorter runs.
 */
import autocannon from 'autocannon';
import { chromium, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { signCallback } from '../electron/backend/webhooks/signature';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { compileCli, fire, kilobyteBody, runOnce } from './callbacks.bench';
import { median, ratio, verdictLine } from './callbacks.goals';

const QUICK = process.env.BENCH_QUICK === '1';
const SECRET = 'bench-webhook-secret-0123456789';
const BURST = Number(process.env.BENCH_BURST ?? (QUICK ? 3000 : 10_000));
const BURST_RATE = 1000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 8));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 2));
const CONNECTIONS = 50;

interface AppChild {
  child: ChildProcess;
  appUrl: string;
  listenerUrl: string;
}

/**
 * The app in its own process, so autocannon and Chromium do not share its event loop; compiled
 * as `npm run build` compiles what users run (bench/inspector-app.ts, bundled by esbuild with the
 * settings of scripts/build-node.mjs), not through tsx.
 */
async function startAppChild(dataDir: string, rendererDir: string): Promise<AppChild> {
  // BENCH_APP_NODE_ARGS: extra flags for the app's Node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it).
  const extra = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, await compiledApp(), dataDir, rendererDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_SECRET: SECRET },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the app did not start in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the app exited (${code ?? 'signal'})`)));
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"type":"listening"'));
      if (line) {
        clearTimeout(timer);
        const hello = JSON.parse(line) as { app: string; listener: string };
        resolve({ child, appUrl: hello.app, listenerUrl: hello.listener });
      }
    });
  });
}

let compiled: Promise<string> | null = null;
/** bench/inspector-app.ts as one ES module under node_modules/.cache (so its packages resolve from node_modules). */
function compiledApp(): Promise<string> {
  compiled ??= (async () => {
    const outfile = fileURLToPath(new URL('../node_modules/.cache/sce-bench/inspector-app.mjs', import.meta.url));
    await build({
      entryPoints: [fileURLToPath(new URL('./inspector-app.ts', import.meta.url))],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return compiled;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

function rendererDir(): string {
  if (process.env.SCE_RENDERER_DIR) return process.env.SCE_RENDERER_DIR;
  const dist = fileURLToPath(new URL('../dist/renderer', import.meta.url));
  if (existsSync(join(dist, 'index.html'))) return dist;
  const out = join(tmpdir(), 'sce-bench-renderer');
  if (!existsSync(join(out, 'index.html'))) {
    console.log(`building the page into ${out}…`);
    const built = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url)), 'build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'],
      { stdio: 'inherit' },
    );
    if (built.status !== 0) throw new Error('vite build failed');
  }
  return out;
}

/** The count the page shows ("N events"). */
async function shownCount(page: Page): Promise<number> {
  const text = await page.getByTestId('event-count').innerText({ timeout: 5000 });
  return Number(/(\d+)/.exec(text)?.[1] ?? NaN);
}

async function main(): Promise<void> {
  const staticDir = rendererDir();
  compileCli();
  const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions() });
  console.log(
    `inspector: ${BURST} callbacks at ${BURST_RATE}/s with the Webhooks view open; then full speed ${SECONDS} s × ${ROUNDS} round(s) against headless listen`,
  );
  const lags: number[] = [];
  const notices: number[] = [];
  const queries: number[] = [];
  const withView: number[] = [];
  const headless: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = await mkdtemp(join(tmpdir(), 'sinch-inspector-bench-'));
      const app = await startAppChild(dataDir, staticDir);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      try {
        // Count what the page is told and what it asks, on its WebSocket.
        let received = 0;
        let queried = 0;
        page.on('websocket', (ws) => {
          ws.on('framereceived', ({ payload }) => {
            if (typeof payload === 'string' && payload.includes('"webhooks.received"')) received++;
          });
          ws.on('framesent', ({ payload }) => {
            if (typeof payload === 'string' && payload.includes('"webhooks.query"')) queried++;
          });
        });
        await page.goto(app.appUrl);
        await page.getByRole('tab', { name: /Webhooks/ }).click();
        await page.getByTestId('event-count').waitFor({ timeout: 30_000 });
        const before = { received, queried };

        // 1. A paced burst: when does the page show all of them?
        const body = kilobyteBody(`burst-${round}`);
        const burst = await autocannon({
          url: app.listenerUrl,
          connections: CONNECTIONS,
          amount: BURST,
          overallRate: BURST_RATE,
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
        const lastAnswer = performance.now();
        let shown = 0;
        const deadline = lastAnswer + 30_000;
        while (performance.now() < deadline) {
          shown = await shownCount(page).catch(() => 0);
          if (shown >= burst['2xx']) break;
          await page.waitForTimeout(20);
        }
        const lag = performance.now() - lastAnswer;
        lags.push(shown >= burst['2xx'] ? lag : Infinity);
        notices.push((received - before.received) / Math.max(1, burst.duration ?? BURST / BURST_RATE));
        queries.push(queried - before.queried);
        console.log(
          `  round ${round + 1}: ${burst['2xx']} answered 2xx (${burst.non2xx} other, ${burst.errors} errors) in ${(burst.duration ?? 0).toFixed(1)} s; page shows ${shown} ${(lag / 1000).toFixed(2)} s after the last answer; page told ${received - before.received} times, ${queried - before.queried} list queries`,
        );

        // 2. Full speed with the view open, then headless listen, interleaved.
        await fire(app.listenerUrl, 1, CONNECTIONS, `warm-${round}`);
        const open = await fire(app.listenerUrl, SECONDS, CONNECTIONS, `view-${round}`);
        withView.push(open.perSecond);
        console.log(`  round ${round + 1}: app with the view open ${open.perSecond.toFixed(0)} callbacks/s (p99 ${open.p99} ms)`);
      } finally {
        await page.close();
        await stopChild(app.child);
        await rm(dataDir, { recursive: true, force: true });
      }
      const alone = await runOnce('listen', SECONDS, CONNECTIONS, `headless-${round}`);
      headless.push(alone.perSecond);
      console.log(`  round ${round + 1}: headless listen ${alone.perSecond.toFixed(0)} callbacks/s (p99 ${alone.p99} ms)`);
    }
  } finally {
    await browser.close();
  }
  const lag = median(lags.map((l) => (Number.isFinite(l) ? l : 1e9)));
  const rate = median(withView);
  const peer = median(headless);
  console.log('');
  console.log(verdictLine('Inspector: page shows all, after last', `${(lag / 1000).toFixed(2)} s`, '1.00 s', ratio(lag, 1000), '≤ 1 s', lag <= 1000));
  const perSecondNotices = median(notices);
  console.log(
    verdictLine(
      'Inspector: page notices per second',
      `${perSecondNotices.toFixed(1)}/s`,
      `${BURST_RATE}/s`,
      ratio(perSecondNotices, BURST_RATE),
      '≤ ~10/s',
      perSecondNotices <= 12,
    ),
  );
  console.log(`     (list queries during the burst: ${median(queries)} for ${BURST} callbacks)`);
  console.log(
    verdictLine('Inspector: listener rate, view open', `${rate.toFixed(0)}/s`, `${peer.toFixed(0)}/s`, ratio(rate, peer), '≥ 0.60×', ratio(rate, peer) >= 0.6),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
