/**
 * The real peer agrees: the built-in catalog exported as Postman v2.1 runs under newman against
 * the sandbox with every request answered 2xx, and Postman-style collections (written the way
 * Sinch's is) run with `sinch-explorer run` given only a Postman environment file.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import newman from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_COLLECTION, BUILTIN_RUN_ORDER, BUILTIN_VARIABLES } from '../../../shared/catalog/index';
import { exportPostmanEnvironment } from '../../../shared/formats/postman/environment';
import { exportPostmanCollection } from '../../../shared/formats/postman/exportCollection';
import type { PostmanCollection, PostmanEnvironmentFile, PostmanItem } from '../../../shared/formats/postman/types';
import { newEnvironment } from '../../../shared/model/environment';
import { startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixtures = join(root, 'tests', 'fixtures', 'postman');
let sandbox: SandboxHandle;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, templatePort: 0 });
  dir = await mkdtemp(join(tmpdir(), 'sce-postman-peer-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

function findItem(items: readonly PostmanItem[], id: string): PostmanItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = item.item ? findItem(item.item, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('the built-in catalog exported to Postman v2.1, run by newman against the sandbox', () => {
  it('sends every request in the run order and every one answers 2xx', async () => {
    const { collection, placeholders } = exportPostmanCollection(BUILTIN_COLLECTION, { runOrder: BUILTIN_RUN_ORDER });
    // What a user does with the export: fill in the placeholders in an environment (here the
    // sandbox's public demo key and the catalog's example values).
    const env = {
      ...newEnvironment('sandbox-env', 'Sandbox', 'custom'),
      customBaseUrl: sandbox.conversationUrl,
      customTemplateUrl: sandbox.templateUrl,
      projectId: sandbox.projectId,
    };
    env.auth = { mode: 'oauth2', tokenUrl: sandbox.authUrl, keyId: sandbox.keyId };
    const envFile: PostmanEnvironmentFile = exportPostmanEnvironment(env, { conversation: sandbox.conversationUrl, template: sandbox.templateUrl });
    for (const value of envFile.values) if (value.key === 'key_secret') value.value = sandbox.keySecret;
    for (const name of placeholders.filter((p) => p !== 'key_id' && p !== 'key_secret')) {
      const example = BUILTIN_VARIABLES.find((v) => v.key === name);
      expect(example, `placeholder {{${name}}} has a catalog example value`).toBeDefined();
      envFile.values.push({ key: name, value: example?.value ?? '', type: 'secret', enabled: true });
    }
    // The one thing our runner does that no API call can: a contact texting STOP before the
    // consent reads (electron/backend/runner/sandboxSteps.ts). newman does it through the
    // sandbox's control endpoint, added here by the test, not by the export.
    const consents = findItem(collection.item, 'consents.list');
    expect(consents).toBeDefined();
    consents!.event = [
      ...(consents!.event ?? []),
      {
        listen: 'prerequest',
        script: {
          exec: [
            `pm.sendRequest({ url: pm.environment.get('base_url') + '/_sandbox/inbound', method: 'POST', header: { 'Content-Type': 'application/json', Authorization: 'Basic ' + CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('${sandbox.keyId}:${sandbox.keySecret}')) }, body: { mode: 'raw', raw: JSON.stringify({ appId: pm.environment.get('app_id'), channel: 'SMS', identity: pm.collectionVariables.get('recipient_phone'), kind: 'text', text: 'STOP' }) } }, () => {});`,
          ],
        },
      },
    ];
    // Round-tripped through JSON text, as a file would be.
    const summary = await new Promise<Parameters<Parameters<typeof newman.run>[1]>[1]>((resolve, reject) => {
      newman.run(
        {
          collection: JSON.parse(JSON.stringify(collection)) as unknown,
          environment: JSON.parse(JSON.stringify(envFile)) as unknown,
          reporters: [],
          timeoutRequest: 20_000,
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
    const executions = summary.run.executions;
    const failed = executions
      .filter((e) => !e.response || e.response.code < 200 || e.response.code > 299)
      .map((e) => `${e.item.name}: ${e.response?.code ?? e.requestError?.message} ${e.response?.text().slice(0, 200) ?? ''}`);
    expect(failed).toEqual([]);
    expect(summary.run.failures.map((f) => `${f.source?.name ?? ''}: ${f.error.message}`)).toEqual([]);
    // Every catalog request ran, in the catalog's run order (after the first one shown). newman
    // lists the test's own pm.sendRequest to the control endpoint as a second consents.list execution.
    const ids = executions.map((e) => e.item.id).filter((id, i, all) => all[i - 1] !== id);
    expect(ids).toEqual(['apps.create', ...BUILTIN_RUN_ORDER.filter((id) => id !== 'apps.create')]);
  }, 120_000);
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'sinch-explorer.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, SINCH_EXPLORER_DATA_DIR: join(dir, 'data') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("a Postman collection written the way Sinch's is, run with sinch-explorer run", () => {
  async function filledEnvironment(): Promise<string> {
    // The user's part: the environment file from the fixture with the sandbox's values typed in.
    const env = JSON.parse(await readFile(join(fixtures, 'sinch.postman_environment.json'), 'utf8')) as PostmanEnvironmentFile;
    const fill: Record<string, string> = {
      BASE_URL: sandbox.conversationUrl,
      AUTH_URL: sandbox.authUrl,
      PROJECT_ID: sandbox.projectId,
      KEY_ID: sandbox.keyId,
      KEY_SECRET: sandbox.keySecret,
    };
    for (const value of env.values) if (Object.hasOwn(fill, value.key)) value.value = fill[value.key];
    const file = join(dir, 'filled.postman_environment.json');
    await writeFile(file, JSON.stringify(env));
    return file;
  }

  for (const fixture of ['sinch-oauth2.postman_collection.json', 'sinch-token-script.postman_collection.json']) {
    it(`${fixture}: every request passes, ids chained through captures made from test scripts`, async () => {
      const envFile = await filledEnvironment();
      const { code, stdout, stderr } = await cli(['run', join(fixtures, fixture), '--env', envFile, '--json']);
      const lines = stdout
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as { type: string; name?: string; ok?: boolean; error?: string; captured?: { variable: string }[]; passed?: number; failed?: number },
        );
      const results = lines.filter((l) => l.type === 'result');
      expect(
        results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`),
        stderr,
      ).toEqual([]);
      expect(results).toHaveLength(17);
      expect(lines.at(-1)).toMatchObject({ type: 'summary', passed: 17, failed: 0 });
      // Create app → {{APP_ID}}, used by every later request.
      expect(results.find((r) => r.name === 'Create app')?.captured?.map((c) => c.variable)).toEqual(['APP_ID']);
      expect(code).toBe(0);
    }, 60_000);
  }

  it('says which variables are missing when the environment is not filled in', async () => {
    const { code, stdout, stderr } = await cli([
      'run',
      join(fixtures, 'sinch-oauth2.postman_collection.json'),
      '--env',
      join(fixtures, 'sinch.postman_environment.json'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/OAuth2 \(\{\{KEY_ID\}\} \/ \{\{KEY_SECRET\}\}\), but the environment does not fill them in/);
    expect(stdout).toMatch(/0 passed, 17 failed/);
  }, 60_000);
});

describe('sinch-explorer run takes the exported catalog as newman would', () => {
  it('runs the Postman file in the order its scripts chain, placeholders from a globals file, every request 2xx', async () => {
    const out = join(dir, 'catalog.postman_collection.json');
    const exported = await cli(['export', 'builtin', '--format', 'postman', '--out', out]);
    expect(exported.code).toBe(0);
    const { placeholders } = exportPostmanCollection(BUILTIN_COLLECTION, { runOrder: BUILTIN_RUN_ORDER });
    const globals = join(dir, 'placeholders.postman_globals.json');
    const values = placeholders
      .filter((p) => p !== 'key_id' && p !== 'key_secret')
      .map((key) => ({ key, value: BUILTIN_VARIABLES.find((v) => v.key === key)?.value ?? '', type: 'secret', enabled: true }));
    await writeFile(globals, JSON.stringify({ name: 'Globals', _postman_variable_scope: 'globals', values }));
    const { code, stdout, stderr } = await cli(['run', out, '--env', 'sandbox', '--globals', globals, '--json']);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; id?: string; name?: string; ok?: boolean; error?: string; passed?: number; failed?: number });
    const results = lines.filter((l) => l.type === 'result');
    expect(
      results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`),
      stderr,
    ).toEqual([]);
    expect(results.map((r) => r.id)).toEqual(['apps.create', ...BUILTIN_RUN_ORDER.filter((id) => id !== 'apps.create')]);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', passed: BUILTIN_RUN_ORDER.length, failed: 0 });
    expect(code).toBe(0);
  }, 90_000);
});

describe('sinch-explorer export and import from the command line', () => {
  it('exports the catalog as Postman v2.1, imports it back into a workspace, and refuses a second import of the same name', async () => {
    const out = join(dir, 'builtin.postman_collection.json');
    const exported = await cli(['export', 'builtin', '--format', 'postman', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/fill in \{\{key_id\}\}, \{\{key_secret\}\}/);
    const file = JSON.parse(await readFile(out, 'utf8')) as PostmanCollection;
    expect(file.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    const workspace = join(dir, 'ws');
    const imported = await cli(['import', out, '--into', workspace]);
    expect(imported.stdout).toMatch(/Imported Postman collection v2\.1 as collection "Sinch Conversation API"/);
    expect(imported.stdout).toMatch(/88 requests, 15 folders/);
    expect(imported.code).toBe(0);
    const again = await cli(['import', out, '--into', workspace]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already in your workspace.*Nothing was written/);
    // The imported folder runs like the catalog (display order, so only part of it passes; here: that it loads and sends).
    const help = await cli(['export', 'builtin']);
    expect(help.code).toBe(2); // a usage error, as the help says: not "ran and failed"
    expect(help.stderr).toMatch(/--format postman/);
  }, 60_000);

  // Issue 19, item 9: what the app's report offers, from a terminal.
  it("imports a Sinch-style collection with --bind: its own empty variables then name the environment's", async () => {
    const workspace = join(dir, 'ws-bind');
    const plain = await cli(['import', join(fixtures, 'sinch-public-style.postman_collection.json'), '--into', workspace, '--name', 'Plain']);
    expect(plain.stdout).toContain(
      'Sinch-named variables: {{BASE_URL}} → {{base_url}}, {{PROJECT_ID}} → {{project_id}}, {{APP_ID}} → {{app_id}}, {{CONTACT}} → {{contact_id}}. Import with --bind',
    );
    const bound = await cli(['import', join(fixtures, 'sinch-public-style.postman_collection.json'), '--into', workspace, '--name', 'Bound', '--bind']);
    expect(bound.code, bound.stderr).toBe(0);
    expect(bound.stdout).toContain('Bound to the environment: {{BASE_URL}} → {{base_url}}, {{PROJECT_ID}} → {{project_id}}');
    const files = await Promise.all(
      (await readdir(workspace)).map(
        async (entry) =>
          JSON.parse(await readFile(join(workspace, entry, 'collection.json'), 'utf8')) as {
            collection: { name: string; variables: { key: string; value: string }[] };
          },
      ),
    );
    expect(Object.fromEntries(files.map(({ collection: c }) => [c.name, c.variables.find((v) => v.key === 'PROJECT_ID')?.value]))).toEqual({
      Plain: '',
      Bound: '{{project_id}}',
    });
  }, 60_000);
});
