/**
 * Launch to "Send usable": `npx tsx bench/start.bench.ts` (issue #14). Spawns the browser host
 * as `npm run web` does (`node scripts/sinch-explorer.mjs web --no-open`, fresh data folder), opens
 * the printed link in the system Chromium and waits until the Send button is enabled. The peer:
 * a bare node:http static server spawned the same way, serving the same built page, until the
 * page's load event. Also timed: the same launch from the TypeScript sources through tsx (the
 * development fallback, and what every launch did before). Interleaved rounds, medians.
 * Goal: launch → Send usable ≤ 2× the bare static server with a page. Needs `npm run build`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { QUICK, goal, median, ms } from './goals';

const root = fileURLToPath(new URL('..', import.meta.url));
const rendererDir = join(root, 'dist', 'renderer');
const ROUNDS = QUICK ? 2 : 5;

/** A static file server and nothing else, printing its URL like the host does. */
const BARE_SERVER = `
const http = require('node:http'); const fs = require('node:fs'); const path = require('node:path');
const dir = process.argv[1];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const file = path.join(dir, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname));
  if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' }).end(data);
  });
});
server.listen(0, '127.0.0.1', () => console.log('Serving at http://127.0.0.1:' + server.address().port + '/'));
`;

interface Launch {
  child: ChildProcess;
  url: Promise<{ url: string; at: number }>;
}

function launch(args: string[], env: NodeJS.ProcessEnv, start: number): Launch {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise<{ url: string; at: number }>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], at: performance.now() - start });
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code ?? 'signal'} before printing a link: ${err || out}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Spawn → link printed → page open → `ready`; returns both times. */
async function measure(browser: Browser, args: string[], env: NodeJS.ProcessEnv, ready: 'send' | 'load'): Promise<{ link: number; usable: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const start = performance.now();
  const launched = launch(args, env, start);
  try {
    const { url, at } = await launched.url;
    const page = await context.newPage();
    await page.goto(url, { waitUntil: ready === 'load' ? 'load' : 'commit' });
    // The Send button by a CSS selector: a role query makes the page compute every element's
    // accessible name on each poll, ~70 ms of the page's own start-up time that no user pays.
    if (ready === 'send') await page.locator('button[type="submit"][title^="Send"]:enabled').waitFor({ state: 'visible', timeout: 60_000 });
    return { link: at, usable: performance.now() - start };
  } finally {
    await context.close();
    await stop(launched.child);
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.log('start: the page is not built (dist/renderer); run "npm run build" first. Skipped.');
    process.exitCode = 1;
    return;
  }
  // The compiled CLI, rebuilt here only if the sources are newer (as npm start does).
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-node failed: ${built.stderr}`);
  const dataRoot = await mkdtemp(join(tmpdir(), 'sce-start-bench-'));
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  const samples: Record<'compiled' | 'tsx' | 'bare', Array<{ link: number; usable: number }>> = { compiled: [], tsx: [], bare: [] };
  try {
    let n = 0;
    const web = (fromSource: boolean) => (): Promise<{ link: number; usable: number }> =>
      measure(
        browser,
        [join(root, 'scripts', 'sinch-explorer.mjs'), 'web', '--no-open', '--data-dir', join(dataRoot, `d${n++}`)],
        { SINCH_EXPLORER_FROM_SOURCE: fromSource ? '1' : '0', DISPLAY: '' },
        'send',
      );
    const bare = (): Promise<{ link: number; usable: number }> => measure(browser, ['-e', BARE_SERVER, rendererDir], {}, 'load');
    const kinds: Array<['compiled' | 'tsx' | 'bare', () => Promise<{ link: number; usable: number }>]> = [
      ['compiled', web(false)],
      ['bare', bare],
      ['tsx', web(true)],
    ];
    await web(false)();
    await bare();
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...kinds.slice(round % 3), ...kinds.slice(0, round % 3)];
      for (const [kind, run] of order) samples[kind].push(await run());
    }
    const med = (kind: 'compiled' | 'tsx' | 'bare', key: 'link' | 'usable'): number => median(samples[kind].map((s) => s[key]));
    console.log(`start: median of ${ROUNDS} launches each`);
    console.log(`  compiled (dist-node): link ${ms(med('compiled', 'link'))}, Send usable ${ms(med('compiled', 'usable'))}`);
    console.log(`  tsx from sources:     link ${ms(med('tsx', 'link'))}, Send usable ${ms(med('tsx', 'usable'))}`);
    console.log(`  bare static server:   link ${ms(med('bare', 'link'))}, page loaded ${ms(med('bare', 'usable'))}`);
    const ours = med('compiled', 'usable');
    const peer = med('bare', 'usable');
    goal('start: launch web → Send usable', ms(ours), ms(peer), ours / peer, '≤ 2× bare server', ours / peer <= 2);
    goal('start: compiled vs tsx from sources', ms(ours), ms(med('tsx', 'usable')), ours / med('tsx', 'usable'), 'report only', true);
  } finally {
    await browser.close();
    await rm(dataRoot, { recursive: true, force: true });
  }
}

await main();
