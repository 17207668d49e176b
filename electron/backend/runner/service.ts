/**
 * Running a collection outside the app (`sinch-explorer run`, CI): what to run (a collection
 * folder, a Postman collection file, the built-in collection), in which environment (a file the
 * app saved, a Postman environment, or a sandbox started for the run), with which credentials
 * (the collection's own, or the shell's), and the run itself: through the runner (./index.ts),
 * the one engine and the app's authorized sender (../requests/sender.ts), so a run gets what a
 * Send gets, down to a token fetched again after a 401. The command line around it only reads
 * flags and prints.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { importPostmanEnvironment } from '../../../shared/formats/postman/environment';
import type { CollectionAuth } from '../../../shared/formats/importFormat';
import type { CollectionTree } from '../../../shared/model/collection';
import { newEnvironment, type Environment } from '../../../shared/model/environment';
import type { KeyValue } from '../../../shared/model/keyValue';
import { parseUntrustedJson } from '../../../shared/safeObject';
import { buildScope, resolveText } from '../../../shared/variables';
import type { AuthSettings } from '../auth/index';
import { readImport } from '../importer/read';
import { authorizedSender, type Transport } from '../requests/sender';
import { DEMO_CREDENTIALS, startSandbox, type SandboxHandle } from '../sandbox/index';
import { loadCollectionFolder } from '../storage/collections/store';
import { readEnvironmentFile } from '../storage/environments';
import { runCollection, type RunOptions, type RunSummary } from './index';
import { sandboxPreparation } from './sandboxSteps';

export interface LoadedTree {
  tree: CollectionTree;
  order?: readonly string[];
  /** A Postman collection's own auth (OAuth2 / Basic), values as written. */
  auth?: CollectionAuth;
  /** Secrets the file held (literal values), by variable name, for this run only. */
  secrets?: KeyValue[];
}

export interface LoadedEnvironment {
  environment: Environment;
  /** Secret values a Postman environment held, for this run only. */
  secrets: KeyValue[];
}

/** Credentials given to the command itself (SINCH_TOKEN, SINCH_KEY_ID and SINCH_KEY_SECRET). */
export interface ShellCredentials {
  token?: string;
  keyId?: string;
  keySecret?: string;
}

/** Where a run sends, and with what. */
export interface RunTarget {
  /** Null: the collection's own variables say where (a bench's collection does). */
  environment: Environment | null;
  /** The credentials every request that inherits auth is sent with, as the app sends them. */
  auth: AuthSettings;
  /** A ready-made Authorization (a token given as it is): nothing to fetch again, so it goes as it is. */
  header: string | null;
  sandboxUrls: { conversationUrl: string; templateUrl: string } | null;
  /** The sandbox this run started, if any: it plays the contact where the API has no call (SANDBOX_STEPS). */
  sandbox: SandboxHandle | null;
  close: () => Promise<void>;
}

/** A target as `sinch-explorer run` makes it: always in an environment (a file's, or the sandbox's). */
export type EnvironmentTarget = RunTarget & { environment: Environment };

export interface RunServiceDeps {
  transport: Transport;
  /** Where warnings about what was read go (a skipped script, missing credentials): the command's stderr. */
  note: (line: string) => void;
}

export class RunService {
  constructor(private readonly deps: RunServiceDeps) {}

  /** The collection (with its run order, if it has one), or a sentence saying why it cannot be run. */
  async loadCollection(source: string): Promise<LoadedTree | string> {
    if (source === 'builtin') return loadBuiltin();
    const dir = resolve(source);
    const info = await stat(dir).catch(() => null);
    if (info?.isFile()) return this.loadCollectionFile(dir);
    if (!info?.isDirectory())
      return `${dir} is neither a collection folder nor a file. Give the folder of a collection (it holds collection.json), a Postman collection file, or "builtin".`;
    const { collection, problems } = await loadCollectionFolder(dir);
    for (const problem of problems) if (collection) this.deps.note(`warning: ${problem.message}`);
    if (!collection) return problems[0]?.message ?? `${dir} holds no collection.json.`;
    return { tree: collection };
  }

  /** An environment file saved by the app, or a Postman environment file (its secrets kept in memory for this run). */
  async readEnvironment(path: string): Promise<LoadedEnvironment | string> {
    const file = resolve(path);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) {
      const parsed = parseUntrustedJson(text.replace(/^\uFEFF/, ''));
      if (parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && Array.isArray((parsed.value as { values?: unknown }).values)) {
        const { environment, secretVariables, accessKeySecret } = importPostmanEnvironment(
          parsed.value as Parameters<typeof importPostmanEnvironment>[0],
          basename(file),
        );
        const secrets = secretVariables.map((s) => ({ key: s.name, value: s.value, enabled: true }));
        if (accessKeySecret !== null) secrets.push({ key: 'key_secret', value: accessKeySecret, enabled: true });
        // In memory for this run only: padlocked values are used as the variables they are.
        const variables = environment.variables.map((v) => (v.secret ? { ...v, value: secretVariables.find((s) => s.name === v.key)?.value ?? '' } : v));
        return { environment: { ...environment, variables, id: 'postman-environment' }, secrets };
      }
    }
    const result = await readEnvironmentFile(file);
    return result.ok ? { environment: result.value, secrets: [] } : `Environment file ${file} ${result.message} (A Postman environment file works too.)`;
  }

  /** A Postman globals (or environment) file's variables, secret ones included: in memory for this run only. */
  async readGlobals(path: string): Promise<KeyValue[] | string> {
    const file = resolve(path);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return `${file} cannot be read. --globals takes a Postman globals or environment file.`;
    const parsed = parseUntrustedJson(text.replace(/^\uFEFF/, ''));
    const values = parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as { values?: unknown }).values : undefined;
    if (!Array.isArray(values)) return `${file} is not a Postman globals or environment file (it has no "values" list).`;
    return values.flatMap((v: unknown) => {
      if (v === null || typeof v !== 'object') return [];
      const { key, value, enabled } = v as { key?: unknown; value?: unknown; enabled?: unknown };
      return typeof key === 'string' && key !== ''
        ? [{ key, value: typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value), enabled: enabled !== false }]
        : [];
    });
  }

  /**
   * Where the run sends and with which credentials: a sandbox started for it (no environment, or
   * a `sandbox` one), else the environment with the collection's own OAuth2 or Basic auth, its
   * {{variables}} filled from the environment, else the shell's credentials.
   */
  async target(
    fromFile: Environment | null,
    collectionAuth: CollectionAuth,
    tree: CollectionTree,
    fileSecrets: KeyValue[],
    shell: ShellCredentials,
  ): Promise<EnvironmentTarget> {
    const none = { header: null, sandboxUrls: null, sandbox: null, close: async () => undefined };
    if (fromFile === null || fromFile.region === 'sandbox') {
      const sandbox: SandboxHandle = await startSandbox({ port: 0, templatePort: 0 });
      const environment: Environment = fromFile ?? {
        ...newEnvironment('sandbox', 'Sandbox', 'custom'),
        customBaseUrl: sandbox.conversationUrl,
        customTemplateUrl: sandbox.templateUrl,
        projectId: sandbox.projectId,
      };
      return {
        environment,
        auth: { mode: 'basic', keyId: DEMO_CREDENTIALS.keyId, keySecret: DEMO_CREDENTIALS.keySecret },
        header: null,
        sandboxUrls: { conversationUrl: sandbox.conversationUrl, templateUrl: sandbox.templateUrl },
        sandbox,
        close: () => sandbox.close(),
      };
    }
    if (collectionAuth.kind !== 'none') {
      const scope = buildScope(fromFile, null, { globals: fileSecrets, collection: tree.variables });
      const value = (text: string): string => resolveText(text, scope).text.trim();
      const keyId = value(collectionAuth.keyId);
      const keySecret = value(collectionAuth.keySecret);
      if (keyId === '' || keySecret === '' || /\{\{/.test(keyId + keySecret)) {
        this.deps.note(
          `note: the collection authenticates with ${collectionAuth.kind === 'oauth2' ? 'OAuth2' : 'Basic'} (${collectionAuth.keyId || 'no key id'} / ${collectionAuth.keySecret || 'no key secret'}), but the environment does not fill them in; requests will get 401.`,
        );
        return { environment: fromFile, auth: { mode: 'none' }, ...none };
      }
      const auth: AuthSettings =
        collectionAuth.kind === 'basic' ? { mode: 'basic', keyId, keySecret } : { mode: 'oauth2', tokenUrl: value(collectionAuth.tokenUrl), keyId, keySecret };
      return { environment: fromFile, auth, ...none };
    }
    const token = shell.token?.trim();
    const keyId = shell.keyId?.trim();
    const keySecret = shell.keySecret?.trim();
    if (token) return { environment: fromFile, auth: { mode: 'none' }, ...none, header: `Bearer ${token}` };
    if (keyId && keySecret) return { environment: fromFile, auth: { mode: 'basic', keyId, keySecret }, ...none };
    this.deps.note('note: no credentials given (SINCH_TOKEN, or SINCH_KEY_ID and SINCH_KEY_SECRET); requests that need them will get 401.');
    return { environment: fromFile, auth: { mode: 'none' }, ...none };
  }

  /**
   * Runs `tree` against `target`: each request sent as the app sends it. `sandboxStep` hears what
   * a sandbox this run started was made to do first (see ./sandboxSteps.ts).
   */
  run(
    options: Omit<RunOptions, 'environment' | 'send' | 'authorize' | 'sandboxUrls' | 'beforeRequest'> & {
      target: RunTarget;
      sandboxStep?: (line: string) => void;
    },
  ): Promise<RunSummary> {
    const { target, sandboxStep, ...rest } = options;
    const header = target.header;
    return runCollection({
      ...rest,
      environment: target.environment,
      sandboxUrls: target.sandboxUrls,
      send: authorizedSender(this.deps.transport, async () => target.auth),
      ...(header !== null ? { authorize: () => header } : {}),
      ...(target.sandbox ? { beforeRequest: sandboxPreparation(target.sandbox, sandboxStep) } : {}),
    });
  }

  /** A Postman collection file, read the way Import reads it. */
  private async loadCollectionFile(file: string): Promise<LoadedTree | string> {
    try {
      const read = await readImport(await readFile(file, 'utf8'), basename(file));
      if (read.kind !== 'collection') return `${file} is a ${read.kind === 'curl' ? 'curl command' : `${read.kind} file`}, not a collection.`;
      const { tree, report, secretValues, auth, runOrder } = read.imported;
      for (const note of report.notes.filter((n) => n.level === 'skipped')) this.deps.note(`note: ${note.path ? `${note.path}: ` : ''}${note.message}`);
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
}

async function loadBuiltin(): Promise<{ tree: CollectionTree; order: readonly string[] } | string> {
  // Loaded only when asked for: the catalog is large, and a folder run should not pay for it.
  let tree: CollectionTree | undefined;
  let order: readonly string[] | undefined;
  try {
    const catalog = await import('../../../shared/catalog/index');
    tree = catalog.BUILTIN_COLLECTION;
    order = catalog.BUILTIN_RUN_ORDER;
  } catch (error) {
    return `The built-in collection could not be loaded (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}). Run a collection folder instead.`;
  }
  if (!tree || !Array.isArray(tree.items))
    return 'The built-in collection is missing from this build (shared/catalog exports no BUILTIN_COLLECTION). Run a collection folder instead.';
  return { tree, order: order ?? [] };
}
