/** `npm run bench`: every benchmark in turn, each printing its own figures and ratios. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['http.bench.ts', 'webhooks.bench.ts', 'collections.bench.ts', 'listener.bench.ts'];
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(bench, import.meta.url))], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
