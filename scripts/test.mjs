#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest: type-check, lint, Electronegativity, build, unit and
// integration tests (vitest), end-to-end tests (Playwright + headed Chromium against the browser host, under Xvfb
// when there is no display).
// It runs inside a private D-Bus session with an unlocked gnome-keyring, so keychain tests use a
// real Secret Service without touching the user's own keyring. Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reexecInKeyringSession } from './keyringSession.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.error('Dependencies are not installed. Run "npm run setup" first.');
  process.exit(1);
}

reexecInKeyringSession(join(root, 'scripts', 'test.mjs'), args, root);
if (!process.env.SCE_TEST_SESSION) {
  console.log('[test] No dbus-run-session/gnome-keyring here: keychain tests will report the missing Secret Service. Run "npm run setup" to install them.');
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
// Stale reports from an earlier run must never be counted.
for (const f of ['vitest.json', 'playwright.json']) rmSync(join(results, f), { force: true });
const steps = [];
let failedStep = null;

function run(name, cmd, cmdArgs) {
  if (failedStep) return false;
  console.log(`\n[test] ${name}…`);
  const started = Date.now();
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const ok = result.status === 0;
  steps.push(`${name} ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failedStep = name;
  return ok;
}

const want = (step) => !only || only.split(',').includes(step);

if (want('typecheck')) run('type-check', 'npm', ['run', '--silent', 'typecheck']);
if (want('lint')) run('lint', 'npm', ['run', '--silent', 'lint']);
if (want('electron')) run('Electronegativity (electron/)', process.execPath, [join(root, 'scripts', 'electronegativity.mjs')]);
if (want('e2e')) run('build', bin('vite'), ['build', '--logLevel', 'warn']);
if (want('vitest')) {
  run('unit, integration and security tests', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(results, 'vitest.json')}`,
  ]);
}
// Headed Chromium, under Xvfb when there is no display (scripts/playwright.mjs says so plainly if xvfb-run is missing).
if (want('e2e')) run('end-to-end tests', process.execPath, [join(root, 'scripts', 'playwright.mjs'), 'test', '-c', 'tests/playwright.config.ts']);

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = want('vitest') ? readJson(join(results, 'vitest.json')) : null;
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const e2e = want('e2e') ? readJson(join(results, 'playwright.json')) : null;
if (e2e?.stats) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  if (e2e.stats.flaky) console.log(`[test] ${e2e.stats.flaky} end-to-end test(s) passed only on their retry (flaky): see the list above.`);
  failed += e2e.stats.unexpected ?? 0;
  skipped += e2e.stats.skipped ?? 0;
}
console.log(`\n[test] ${steps.join(' · ')}`);
if (failedStep) {
  console.log(`[test] Stopped at: ${failedStep}. Fix it and run "npm test" again.`);
  if (failed === 0) failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep ? 1 : 0);
