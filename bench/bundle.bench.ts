/**
 * What the page downloads: `npx tsx bench/bundle.bench.ts` (issue #14). Reads the built page
 * (dist/renderer, or SCE_RENDERER_DIR) and reports the initial load (index.html and what it
 * loads at once: entry script, styles, modulepreloads) and the total, raw and gzipped, against
 * the figures of the build that imported Monaco whole (measured for the issue: 14.1 MB raw,
 * 3.4 MB gzipped; its ts.worker alone 6.8 MB). Goal: only the editor and the JSON worker (plus
 * the XML/HTML colouring the response view uses): no TypeScript, CSS or HTML worker, no other
 * language. Needs `npm run build`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bytes, goal } from './goals';

const dir = process.env.SCE_RENDERER_DIR ?? fileURLToPath(new URL('../dist/renderer', import.meta.url));
/** The whole-Monaco build this replaces, as measured for the issue. */
const BEFORE = { raw: 14.1 * 1024 * 1024, gz: 3.4 * 1024 * 1024 };

async function files(at: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) {
    console.log(`bundle: no built page in ${dir}; run "npm run build" first. Skipped.`);
    process.exitCode = 1;
    return;
  }
  const all = await files(dir);
  const size = new Map<string, { raw: number; gz: number }>();
  for (const file of all) {
    const data = await readFile(file);
    size.set(file, { raw: data.length, gz: gzipSync(data, { level: 9 }).length });
  }
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const initialFiles = [join(dir, 'index.html'), ...[...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => join(dir, m[1] ?? ''))];
  const sum = (list: string[]): { raw: number; gz: number } =>
    list.reduce((acc, f) => ({ raw: acc.raw + (size.get(f)?.raw ?? 0), gz: acc.gz + (size.get(f)?.gz ?? 0) }), { raw: 0, gz: 0 });
  const initial = sum(initialFiles);
  const total = sum(all);
  console.log(`bundle (${dir}):`);
  console.log(`  initial (index.html + what it loads at once, ${initialFiles.length} files): ${bytes(initial.raw)} raw, ${bytes(initial.gz)} gzipped`);
  console.log(`  total (${all.length} files): ${bytes(total.raw)} raw, ${bytes(total.gz)} gzipped`);
  const largest = [...size.entries()].sort((a, b) => b[1].raw - a[1].raw).slice(0, 6);
  for (const [file, s] of largest) console.log(`    ${relative(dir, file).padEnd(44)} ${bytes(s.raw).padStart(10)} ${bytes(s.gz).padStart(10)} gz`);
  const names = all.map((f) => relative(dir, f));
  const workers = names.filter((n) => /worker/i.test(n));
  const unwanted = names.filter((n) => /(ts|typescript|css|html)\.worker|tsMode|cssMode|htmlMode/i.test(n));
  console.log(`  workers: ${workers.join(', ') || 'none'}`);
  goal('bundle total, raw (vs whole Monaco)', bytes(total.raw), bytes(BEFORE.raw), total.raw / BEFORE.raw, 'editor + JSON only', unwanted.length === 0);
  goal('bundle total, gzipped (vs whole Monaco)', bytes(total.gz), bytes(BEFORE.gz), total.gz / BEFORE.gz, 'report only', true);
}

await main();
