import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CollectionTree } from '../../../shared/model/collection';
import { newEnvironment, type Environment } from '../../../shared/model/environment';
import { flattenRequests } from '../../../shared/model/collection';
import { BUILTIN_COLLECTION } from '../../../shared/catalog/index';
import { HttpExecutor } from '../../../electron/backend/http/executor';
import { ResponseStore } from '../../../electron/backend/http/responseStore';
import { runCollection, type RunResult } from '../../../electron/backend/runner/index';
import { DEMO_CREDENTIALS, startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';
import { loadCollectionFolder } from '../../../electron/backend/storage/collections/store';
import { BIN, runCli as runCommand } from '../../support/runCli';

const FIXTURES = fileURLToPath(new URL('../../fixtures/collections/', import.meta.url));
const BASIC = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.keyId}:${DEMO_CREDENTIALS.keySecret}`).toString('base64')}`;

let sandbox: SandboxHandle;
const executor = new HttpExecutor(new ResponseStore());
// Sent as they are: these tests give the runner its Authorization themselves (`authorize`).
const send = executor.execute.bind(executor);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, templatePort: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

function sandboxEnv(): Environment {
  return {
    ...newEnvironment('env', 'Sandbox', 'custom'),
    customBaseUrl: sandbox.conversationUrl,
    customTemplateUrl: sandbox.templateUrl,
    projectId: sandbox.projectId,
  };
}

async function fixture(name: string): Promise<CollectionTree> {
  const { collection, problems } = await loadCollectionFolder(join(FIXTURES, name));
  expect(problems).toEqual([]);
  if (!collection) throw new Error(`fixture ${name} did not load`);
  return collection;
}

describe('collection runner against the sandbox', () => {
  test('runs create app → contact → send → list in order, with captures feeding later requests', async () => {
    const seen: string[] = [];
    const summary = await runCollection({
      tree: await fixture('sandbox-journey'),
      environment: sandboxEnv(),
      globals: [{ key: 'greeting', value: 'overridden by the collection', enabled: true }],
      send,
      authorize: () => BASIC,
      onResult: (r) => seen.push(r.name),
    });
    expect(summary.results.map((r) => [r.name, r.status, r.ok])).toEqual([
      ['Create an app', 200, true],
      ['Create a contact', 200, true],
      ['Send a text', 200, true],
      ['List messages', 200, true],
    ]);
    expect(seen).toEqual(['Create an app', 'Create a contact', 'Send a text', 'List messages']);
    expect(summary).toMatchObject({ passed: 4, failed: 0, skipped: 0 });
    expect(summary.results[1]?.folderPath).toEqual(['Contacts']);
    const appId = summary.environment?.appId ?? '';
    expect(appId).not.toBe('');
    const contactId = summary.environment?.variables.find((v) => v.key === 'contact_id')?.value;
    expect(summary.results[3]?.url).toContain(`app_id=${appId}`);
    expect(summary.results[3]?.url).toContain(`contact_id=${contactId}`);
    // The message was sent with the collection's greeting (collection beats globals).
    const list = await fetch(`${sandbox.conversationUrl}/v1/projects/${sandbox.projectId}/messages?app_id=${appId}`, { headers: { Authorization: BASIC } });
    const body = (await list.json()) as { messages: { app_message?: { text_message?: { text: string } } }[] };
    expect(body.messages.map((m) => m.app_message?.text_message?.text)).toEqual(['Hello from the runner']);
    expect(summary.results[2]?.captured.map((c) => c.variable)).toEqual(['message_id']);
  });

  test('a failing request fails with its reason, unresolved variables name themselves, and the run goes on', async () => {
    const summary = await runCollection({ tree: await fixture('failing'), environment: sandboxEnv(), send, authorize: () => BASIC });
    const [missing, undefinedVar, list] = summary.results as [RunResult, RunResult, RunResult];
    expect(missing).toMatchObject({ ok: false, status: 404, errorCode: 'HTTP_STATUS' });
    expect(missing.error).toMatch(/NOT_FOUND: .*no-such-app/);
    expect(undefinedVar).toMatchObject({ ok: false, errorCode: 'UNRESOLVED_VARIABLES', unresolved: ['not_defined_anywhere'] });
    expect(undefinedVar.status).toBeUndefined();
    expect(undefinedVar.error).toContain('{{not_defined_anywhere}}');
    expect(list).toMatchObject({ ok: true, status: 200 });
    expect(summary).toMatchObject({ passed: 1, failed: 2, skipped: 0 });
  });

  test('--bail stops at the first failure; --folder runs one folder by name or path', async () => {
    const bailed = await runCollection({ tree: await fixture('failing'), environment: sandboxEnv(), send, authorize: () => BASIC, bail: true });
    expect(bailed).toMatchObject({ passed: 0, failed: 1, skipped: 2 });

    const tree = await fixture('sandbox-journey');
    const folder = await runCollection({ tree, folder: 'contacts', environment: sandboxEnv(), send, authorize: () => BASIC });
    expect(folder.results.map((r) => r.name)).toEqual(['Create a contact']);
    await expect(runCollection({ tree, folder: 'Nope/Deeper', environment: sandboxEnv(), send })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Folders: Contacts, Messages') as unknown,
    });
  });

  test('without authorization the API says so, and the run reports it', async () => {
    const summary = await runCollection({ tree: await fixture('failing'), folder: undefined, environment: sandboxEnv(), send, bail: true });
    expect(summary.results[0]).toMatchObject({ ok: false, status: 401 });
  });
});

/** `sinch-explorer run <args>`. */
function runCli(args: string[]): ReturnType<typeof runCommand> {
  return runCommand(['run', ...args]);
}

describe('sinch-explorer run', () => {
  test('runs a collection folder against its own sandbox: one line per request, the closing line, exit 0', async () => {
    const { code, stdout, stderr } = await runCli([join(FIXTURES, 'sandbox-journey'), '--env', 'sandbox']);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('✓ 200'))).toHaveLength(4);
    expect(lines).toContainEqual(expect.stringMatching(/^✓ 200 {2}Create an app {2}\(\d+ ms\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ 200 {2}Messages \/ Send a text {2}\(\d+ ms\)$/));
    expect(lines.at(-1)).toBe('4 passed, 0 failed');
    expect(code).toBe(0);
  });

  test('runs the whole built-in collection against its own sandbox in run order: every request 2xx, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['builtin', '--env', 'sandbox']);
    const lines = stdout.trimEnd().split('\n');
    const total = flattenRequests(BUILTIN_COLLECTION.items).length;
    expect(
      lines.filter((l) => l.startsWith('✗')),
      stdout,
    ).toEqual([]);
    expect(lines.filter((l) => l.startsWith('✓'))).toHaveLength(total);
    expect(lines[0]).toMatch(/^Running "Sinch Conversation API" in run order \(creates first, deletes last\) against a local sandbox/);
    expect(lines).toContainEqual(expect.stringMatching(/^· sandbox: \+46700000001 texts STOP to /));
    // Creates first, deletes last: the app is made by the first requests and deleted by the last.
    expect(lines.at(-2)).toMatch(/^✓ 200 {2}Apps \/ Delete app {2}/);
    expect(lines.at(-1)).toBe(`${total} passed, 0 failed`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('exit 1 with the reasons when requests fail, --json prints objects, usage errors exit 2', async () => {
    const failing = await runCli([join(FIXTURES, 'failing'), '--env', 'sandbox', '--bail']);
    expect(failing.stdout).toMatch(/^✗ 404 {2}Get a missing app {2}\(\d+ ms\) {2}NOT_FOUND: /m);
    expect(failing.stdout).toContain('2 not run (stopped by --bail).');
    expect(failing.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
    expect(failing.code).toBe(1);

    const json = await runCli([join(FIXTURES, 'failing'), '--env', 'sandbox', '--json']);
    const objects = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.map((o) => o['type'])).toEqual(['result', 'result', 'result', 'summary']);
    expect(objects[1]).toMatchObject({ name: 'Uses an undefined variable', ok: false, unresolved: ['not_defined_anywhere'] });
    expect(objects[3]).toMatchObject({ passed: 1, failed: 2, skipped: 0 });
    expect(json.code).toBe(1);

    const noEnv = await runCli([join(FIXTURES, 'failing')]);
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toMatch(/--env sandbox/);
    const badFolder = await runCli([join(FIXTURES, 'failing'), '--env', 'sandbox', '--folder', 'Nope']);
    expect(badFolder.code).toBe(2);
    expect(badFolder.stderr).toMatch(/no folders/);
  });

  test('reads an environment file in the app format and refuses a broken one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sce-run-'));
    try {
      // A custom environment pointing at this test's sandbox; credentials from the documented variables.
      const envFile = join(dir, 'env.json');
      await writeFile(envFile, JSON.stringify({ format: 'sinch-explorer/environment', version: 1, environment: sandboxEnv() }));
      const ok = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'run', join(FIXTURES, 'sandbox-journey'), '--env', envFile, '--folder', 'Contacts'], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, SINCH_KEY_ID: DEMO_CREDENTIALS.keyId, SINCH_KEY_SECRET: DEMO_CREDENTIALS.keySecret },
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });
      expect(ok.out.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed');
      expect(ok.code).toBe(0);

      const broken = join(dir, 'broken.json');
      await writeFile(broken, '{ nope');
      const bad = await runCli([join(FIXTURES, 'sandbox-journey'), '--env', broken]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(broken);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
