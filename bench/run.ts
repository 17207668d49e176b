/**
 * `npm run bench`: every benchmark in turn, each printing its own figures; the issue-14 goals are
 * printed as `GOAL` lines (ours, the peer measured in the same run, the ratio, MET/NOT MET) and
 * gathered again at the end. `npm run bench:quick` (BENCH_QUICK=1) runs smaller, shorter versions.
 * The page-based benches (workspace, start, bundle) need a build: `npm run build`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = [
  'http.bench.ts',
  'webhooks.bench.ts',
  'collections.bench.ts',
  'listener.bench.ts',
  'callbacks.bench.ts',
  'callbacks-inspector.bench.ts',
  // Issue 14: big workspaces, quick start, a small bundle, the runner against newman, a large sandbox.
  'workspace.bench.ts',
  'start.bench.ts',
  'bundle.bench.ts',
  'runner.bench.ts',
  'sandbox.bench.ts',
];

function run(bench: string): Promise<{ code: number; goals: string[] }> {
  return new Promise((resolve) => {
    const goals: string[] = [];
    let partial = '';
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(bench, import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    child.stdout.on('data', (data: Buffer) => {
      process.stdout.write(data);
      const lines = (partial + data.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('GOAL ')) goals.push(line);
    });
    child.on('close', (code) => {
      if (partial.startsWith('GOAL ')) goals.push(partial);
      resolve({ code: code ?? 1, goals });
    });
  });
}

let failed = 0;
const goals: string[] = [];
const started = performance.now();
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const result = await run(bench);
  if (result.code !== 0) failed++;
  goals.push(...result.goals);
}
const met = goals.filter((g) => g.endsWith(' MET') && !g.endsWith('NOT MET')).length;
console.log(`\n=== goals (${met} of ${goals.length} met; ${((performance.now() - started) / 1000).toFixed(0)} s in all) ===`);
for (const line of goals) console.log(line);
process.exit(failed === 0 ? 0 : 1);
