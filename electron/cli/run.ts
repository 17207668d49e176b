/**
 * `sinch-explorer run`: runs a collection from the command line (CI, scripts) with the same
 * runner, executor and variable scopes as the app, printing each result as it arrives.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { importPostmanEnvironment } from '../../shared/formats/postman/environment';
import type { CollectionAuth } from '../../shared/formats/importFormat';
import type { CollectionTree } from '../../shared/model/collection';
import type { KeyValue } from '../../shared/model/keyValue';
import { parseUntrustedJson } from '../../shared/safeObject';
import { buildScope, resolveText } from '../../shared/variables';
import { DEFAULT_TOKEN_URL, TokenManager } from '../backend/auth/index';
import { readImport } from '../backend/importer/read';
import { EnvironmentSchema, newEnvironment, type Environment } from '../../shared/model/environment';
import { maskHeaderValue } from '../../shared/formats/secrets';
import { BackendError } from '../backend/errors';
import { HttpExecutor } from '../backend/http/executor';
import { ResponseStore } from '../backend/http/responseStore';
import { runCollection, type RunResult } from '../backend/runner/index';
import { sandboxPreparation } from '../backend/runner/sandboxSteps';
import { DEMO_CREDENTIALS, startSandbox, type SandboxHandle } from '../backend/sandbox/index';
import { loadCollectionFolder } from '../backend/storage/collections/store';
import { ENVIRONMENT_FORMAT, ENVIRONMENT_FORMAT_VERSION } from '../backend/storage/environments';
import { readVersionedJson } from '../backend/storage/jsonFile';
import { UsageError, parseFlags } from './args';

const HELP = `Usage: sinch-explorer run <collection folder | collection file | builtin> --env <environment file | sandbox> [options]

Sends every request of a collection in order, applying captures so later requests see them.
  <collection folder>  a folder holding collection.json (from the app's workspace), or "builtin"
                       for the built-in Conversation API collection, which runs in its run order
                       (creates first, deletes last) rather than in display order
  <collection file>    a Postman collection (v2.1, v2.0, v1: e.g. x.postman_collection.json), read
                       as Import reads it (test-script setters become captures; scripts do not run)
  --env sandbox        start an offline sandbox for this run and use its demo credentials
  --env FILE           an environment file saved by the app (sinch-explorer/environment) or a Postman
                       environment file; credentials come from the collection's OAuth2/Basic auth
                       resolved with the environment's variables, else from SINCH_TOKEN, or
                       SINCH_KEY_ID and SINCH_KEY_SECRET (HTTP Basic)
  --folder NAME        run one folder only, by name or path (e.g. "Messages/Choice")
  --bail               stop at the first failing request
  --timeout MS         per-request timeout in milliseconds (default 30000)
  --globals FILE       a Postman globals file (or environment file): its variables are in scope
                       below everything else, as newman's --globals
  --json               one JSON object per request, then a summary object

Exit code: 0 when every request got a 2xx, 1 when any failed, 2 for a usage error.`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

let watchingStdout = false;
let stdoutClosed: () => void = () => undefined;

interface Target {
  environment: Environment;
  authorize: () => string | null | Promise<string | null>;
  sandboxUrls: { conversationUrl: string; templateUrl: string } | null;
  /** The sandbox this run started, if any: it plays the contact where the API has no call (SANDBOX_STEPS). */
  sandbox: SandboxHandle | null;
  close: () => Promise<void>;
}

export async function runRunCommand(argv: string[]): Promise<number> {
  const spec = { env: 'string', globals: 'string', folder: 'string', bail: 'boolean', timeout: 'number', json: 'boolean', help: 'boolean' } as const;
  let flags: ReturnType<typeof parseFlags<typeof spec>>;
  try {
    flags = parseFlags(argv, spec);
    if (flags.help) {
      console.log(HELP);
      return EXIT_OK;
    }
    if (flags._.length !== 1) throw new UsageError(flags._.length === 0 ? 'Name the collection to run: a collection folder, or "builtin".' : `Only one collection can be run at a time (got ${flags._.join(', ')}).`);
    if (flags.env === undefined || flags.env.trim() === '') throw new UsageError('Say which environment to use: --env sandbox, or --env path/to/environment.json.');
    if (flags.timeout !== undefined && flags.timeout < 1) throw new UsageError('--timeout must be at least 1 millisecond.');
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  const envFlag = flags.env;

  const loaded = await loadTree(flags._[0] as string);
  if (typeof loaded === 'string') return usage(loaded);
  const { tree, order } = loaded;
  const environmentFile = envFlag === 'sandbox' ? null : await readEnvironment(envFlag);
  if (typeof environmentFile === 'string') return usage(environmentFile);
  // Secrets the collection file itself held: in scope for this run only, never written.
  const globals = flags.globals === undefined ? [] : await readGlobals(flags.globals);
  if (typeof globals === 'string') return usage(globals);
  const fileSecrets = [...globals, ...(loaded.secrets ?? []), ...(environmentFile?.secrets ?? [])];

  let target: Target;
  try {
    target = await prepareTarget(environmentFile?.environment ?? null, loaded.auth ?? { kind: 'none' }, tree, fileSecrets);
  } catch (error) {
    console.error(`Cannot start the sandbox: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  // `run … | head`: once the reader is gone, stop sending instead of dying on EPIPE. Kept after
  // the run: the error can arrive after the last write returned.
  stdoutClosed = () => controller.abort();
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') stdoutClosed();
    });
  }
  try {
    const executor = new HttpExecutor(new ResponseStore(2, 64 * 1024 * 1024));
    if (!flags.json) {
      const inOrder = order ? (flags._[0] === 'builtin' ? ' in run order (creates first, deletes last)' : ' in the order its scripts chain (setNextRequest)') : '';
      console.log(`Running "${tree.name}"${flags.folder ? ` › ${flags.folder}` : ''}${inOrder} against ${describeTarget(target.environment)}`);
    }
    const summary = await runCollection({
      tree,
      folder: flags.folder,
      order,
      beforeRequest: target.sandbox
        ? sandboxPreparation(target.sandbox, (line) => console.log(flags.json ? JSON.stringify({ type: 'sandbox', step: line }) : `· sandbox: ${line}`))
        : undefined,
      environment: target.environment,
      globals: fileSecrets,
      executor,
      bail: flags.bail ?? false,
      timeoutMs: flags.timeout,
      sandboxUrls: target.sandboxUrls,
      authorize: target.authorize,
      signal: controller.signal,
      onResult: (result) => console.log(flags.json ? JSON.stringify({ type: 'result', ...result, captured: result.captured.map(maskCaptured) }) : formatResult(result)),
    });
    const total = summary.passed + summary.failed + summary.skipped;
    if (flags.json) {
      console.log(JSON.stringify({ type: 'summary', passed: summary.passed, failed: summary.failed, skipped: summary.skipped, cancelled: summary.cancelled, total }));
    } else {
      if (total === 0) console.log('Nothing to run: the selection has no requests.');
      if (summary.skipped > 0) console.log(`${summary.skipped} not run (${summary.cancelled ? 'cancelled' : 'stopped by --bail'}).`);
      console.log(`${summary.passed} passed, ${summary.failed} failed`);
    }
    return summary.failed > 0 || summary.cancelled || total === 0 ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    // An unknown --folder is the user's input being wrong: a usage error, with the choices.
    if (error instanceof BackendError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT')) return usage(error.message);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    stdoutClosed = () => undefined;
    await target.close();
  }
}

function usage(message: string): number {
  console.error(`${message}\nRun "sinch-explorer run --help" for the options.`);
  return EXIT_USAGE;
}

interface LoadedTree {
  tree: CollectionTree;
  order?: readonly string[];
  /** A Postman collection's own auth (OAuth2 / Basic), values as written. */
  auth?: CollectionAuth;
  /** Secrets the file held (literal values), by variable name, for this run only. */
  secrets?: KeyValue[];
}

/** The collection (with its run order, if it has one), or a sentence saying why it cannot be run. */
async function loadTree(source: string): Promise<LoadedTree | string> {
  if (source === 'builtin') return loadBuiltin();
  const dir = resolve(source);
  const info = await stat(dir).catch(() => null);
  if (info?.isFile()) return loadCollectionFile(dir);
  if (!info?.isDirectory()) return `${dir} is neither a collection folder nor a file. Give the folder of a collection (it holds collection.json), a Postman collection file, or "builtin".`;
  const { collection, problems } = await loadCollectionFolder(dir);
  for (const problem of problems) if (collection) console.error(`warning: ${problem.message}`);
  if (!collection) return problems[0]?.message ?? `${dir} holds no collection.json.`;
  return { tree: collection };
}

async function loadBuiltin(): Promise<{ tree: CollectionTree; order: readonly string[] } | string> {
  // Loaded only when asked for: the catalog is large, and a folder run should not pay for it.
  let tree: CollectionTree | undefined;
  let order: readonly string[] | undefined;
  try {
    const catalog = await import('../../shared/catalog/index');
    tree = catalog.BUILTIN_COLLECTION;
    order = catalog.BUILTIN_RUN_ORDER;
  } catch (error) {
    return `The built-in collection could not be loaded (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}). Run a collection folder instead.`;
  }
  if (!tree || !Array.isArray(tree.items)) return 'The built-in collection is missing from this build (shared/catalog exports no BUILTIN_COLLECTION). Run a collection folder instead.';
  return { tree, order: order ?? [] };
}

/** A Postman collection file, read the way Import reads it. */
async function loadCollectionFile(file: string): Promise<LoadedTree | string> {
  try {
    const read = await readImport(await readFile(file, 'utf8'), basename(file));
    if (read.kind !== 'collection') return `${file} is a ${read.kind === 'curl' ? 'curl command' : `${read.kind} file`}, not a collection.`;
    const { tree, report, secretValues, auth, runOrder } = read.imported;
    for (const note of report.notes.filter((n) => n.level === 'skipped')) console.error(`note: ${note.path ? `${note.path}: ` : ''}${note.message}`);
    const secrets = report.secrets.flatMap((offer) => {
      const value = secretValues.find((v) => v.id === offer.id)?.value;
      return offer.target.kind === 'variable' && value !== undefined ? [{ key: offer.target.name, value, enabled: true }] : [];
    });
    const keySecret = report.secrets.find((o) => o.target.kind === 'access-key-secret');
    const withSecret: CollectionAuth =
      keySecret && auth.kind !== 'none' ? { ...auth, keySecret: secretValues.find((v) => v.id === keySecret.id)?.value ?? auth.keySecret } : auth;
    return { tree, auth: withSecret, secrets, ...(runOrder ? { order: runOrder } : {}) };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A Postman globals (or environment) file's variables, secret ones included: in memory for this run only. */
async function readGlobals(path: string): Promise<KeyValue[] | string> {
  const file = resolve(path);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return `${file} cannot be read. --globals takes a Postman globals or environment file.`;
  const parsed = parseUntrustedJson(text.replace(/^\uFEFF/, ''));
  const values = parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as { values?: unknown }).values : undefined;
  if (!Array.isArray(values)) return `${file} is not a Postman globals or environment file (it has no "values" list).`;
  return values.flatMap((v: unknown) => {
    if (v === null || typeof v !== 'object') return [];
    const { key, value, enabled } = v as { key?: unknown; value?: unknown; enabled?: unknown };
    return typeof key === 'string' && key !== '' ? [{ key, value: typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value), enabled: enabled !== false }] : [];
  });
}

interface LoadedEnvironment {
  environment: Environment;
  /** Secret values a Postman environment held, for this run only. */
  secrets: KeyValue[];
}

async function readEnvironment(path: string): Promise<LoadedEnvironment | string> {
  const file = resolve(path);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text !== null) {
    const parsed = parseUntrustedJson(text.replace(/^\uFEFF/, ''));
    if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && Array.isArray((parsed.value as { values?: unknown }).values)) {
      const { environment, secretVariables, accessKeySecret } = importPostmanEnvironment(parsed.value as Parameters<typeof importPostmanEnvironment>[0], basename(file));
      const secrets = secretVariables.map((s) => ({ key: s.name, value: s.value, enabled: true }));
      if (accessKeySecret !== null) secrets.push({ key: 'key_secret', value: accessKeySecret, enabled: true });
      // In memory for this run only: padlocked values are used as the variables they are.
      const variables = environment.variables.map((v) => (v.secret ? { ...v, value: secretVariables.find((s) => s.name === v.key)?.value ?? '' } : v));
      return { environment: { ...environment, variables, id: 'postman-environment' }, secrets };
    }
  }
  const result = await readVersionedJson(file, ENVIRONMENT_FORMAT, ENVIRONMENT_FORMAT_VERSION, EnvironmentSchema, (f) => f.environment);
  return result.ok ? { environment: result.value, secrets: [] } : `Environment file ${file} ${result.message} (A Postman environment file works too.)`;
}

async function prepareTarget(fromFile: Environment | null, collectionAuth: CollectionAuth, tree: CollectionTree, fileSecrets: KeyValue[]): Promise<Target> {
  if (fromFile === null || fromFile.region === 'sandbox') {
    const sandbox: SandboxHandle = await startSandbox({ port: 0, templatePort: 0 });
    const basic = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.keyId}:${DEMO_CREDENTIALS.keySecret}`).toString('base64')}`;
    const environment: Environment = fromFile ?? {
      ...newEnvironment('sandbox', 'Sandbox', 'custom'),
      customBaseUrl: sandbox.conversationUrl,
      customTemplateUrl: sandbox.templateUrl,
      projectId: sandbox.projectId,
    };
    return {
      environment,
      authorize: () => basic,
      sandboxUrls: { conversationUrl: sandbox.conversationUrl, templateUrl: sandbox.templateUrl },
      sandbox,
      close: () => sandbox.close(),
    };
  }
  if (collectionAuth.kind !== 'none') {
    // The collection's own OAuth2 or Basic auth, its {{variables}} filled from the environment.
    const scope = buildScope(fromFile, null, { globals: fileSecrets, collection: tree.variables });
    const value = (text: string): string => resolveText(text, scope).text.trim();
    const keyId = value(collectionAuth.keyId);
    const keySecret = value(collectionAuth.keySecret);
    if (keyId === '' || keySecret === '' || /\{\{/.test(keyId + keySecret)) {
      console.error(`note: the collection authenticates with ${collectionAuth.kind === 'oauth2' ? 'OAuth2' : 'Basic'} (${collectionAuth.keyId || 'no key id'} / ${collectionAuth.keySecret || 'no key secret'}), but the environment does not fill them in; requests will get 401.`);
      return { environment: fromFile, authorize: () => null, sandboxUrls: null, sandbox: null, close: async () => undefined };
    }
    if (collectionAuth.kind === 'basic') {
      const header = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`;
      return { environment: fromFile, authorize: () => header, sandboxUrls: null, sandbox: null, close: async () => undefined };
    }
    const tokenUrl = value(collectionAuth.tokenUrl) || DEFAULT_TOKEN_URL;
    const tokens = new TokenManager();
    return {
      environment: fromFile,
      authorize: async () => {
        try {
          return `Bearer ${(await tokens.getToken({ tokenUrl, keyId, keySecret })).accessToken}`;
        } catch (error) {
          console.error(`note: no access token from ${tokenUrl}: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        }
      },
      sandboxUrls: null,
      sandbox: null,
      close: async () => undefined,
    };
  }
  const token = process.env.SINCH_TOKEN?.trim();
  const keyId = process.env.SINCH_KEY_ID?.trim();
  const keySecret = process.env.SINCH_KEY_SECRET?.trim();
  const header = token ? `Bearer ${token}` : keyId && keySecret ? `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}` : null;
  if (header === null) console.error('note: no credentials given (SINCH_TOKEN, or SINCH_KEY_ID and SINCH_KEY_SECRET); requests that need them will get 401.');
  return { environment: fromFile, authorize: () => header, sandboxUrls: null, sandbox: null, close: async () => undefined };
}

function describeTarget(env: Environment): string {
  if (env.id === 'sandbox' && env.region === 'custom') return `a local sandbox (${env.customBaseUrl})`;
  return `environment "${env.name}" (${env.region})`;
}

/** `✓ 200  Create an app  (12 ms)`, or `✗ 404  Get an app  (3 ms)  NOT_FOUND: …` with the reason. */
export function formatResult(r: RunResult): string {
  const mark = r.ok ? '✓' : '✗';
  const status = r.status !== undefined ? String(r.status) : 'ERR';
  const name = [...r.folderPath, r.name].join(' / ');
  const lines = [`${mark} ${status}  ${name}  (${r.timeMs} ms)${r.ok ? '' : `  ${oneLine(r.error ?? 'failed')}`}`];
  // A failed request's captures miss for the reason already shown.
  if (r.ok) for (const miss of r.missed) lines.push(`    capture {{${miss.variable}}} missed: ${miss.reason}`);
  return lines.join('\n');
}

/** CI logs are often public: a captured token (e.g. `access_token`) is shown masked, like in history. */
function maskCaptured(c: { variable: string; value: string }): { variable: string; value: string } {
  return { variable: c.variable, value: maskHeaderValue(c.variable, c.value) };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
