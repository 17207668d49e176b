/**
 * The one door to the backend's services for what runs outside createBackend: the commands of
 * `sinch-explorer` (electron/cli) and the benches. `createServices` builds every service of the
 * app (./app.ts, the composition root createBackend uses); each other factory builds the few
 * services one command needs, wired as the app wires them, and loads their modules only when it
 * is called. That is why this file imports little more than types: `listen` starts without the
 * workspace, the keychain or the sandbox it does not use, and no command pays for another's
 * modules.
 */
import { join } from 'node:path';
import type { Environment } from '../../../shared/model/environment';
import type { TokenManager } from '../auth/index';
import type { ImportService } from '../importer/service';
import type { Transport } from '../requests/sender';
import type { RunService } from '../runner/service';
import type { SandboxHandle, SandboxOptions } from '../sandbox/index';
import type { CollectionStore, loadCollectionFolder } from '../storage/collections/store';
import type { HistoryLimits, HistoryStore } from '../storage/history';
import type { ReadResult } from '../storage/jsonFile';
import type { BackendOptions, EventSink } from '../types';
import type { WebhookEventStore, WebhookStoreOptions } from '../webhooks/eventStore';
import type { WebhookListener, WebhookListenerOptions } from '../webhooks/listener';
import type { Services } from './app';

export type { Services } from './app';
export type { EnvironmentTarget, LoadedEnvironment, LoadedTree, RunService, RunTarget, ShellCredentials } from '../runner/service';
export type { RunResult, RunSummary } from '../runner/index';
export type { SandboxHandle } from '../sandbox/index';
export type { SecretsProvider } from '../webhooks/listener';
export { BackendError } from '../errors';
export { defaultDataDir } from '../paths';
// A constant for `listen --help`: the compiled CLI (esbuild) keeps only the number, not the listener.
export { DEFAULT_LISTENER_PORT } from '../webhooks/listener';

/** Every service of the app, as createBackend has them (events go to `emit`). */
export async function createServices(options: BackendOptions, emit?: EventSink): Promise<Services> {
  return (await import('./app')).createServices(options, emit);
}

export interface SendServices {
  /** The executor and the authorized sender every send goes out through (../requests/sender.ts). */
  transport: Transport;
  tokens: TokenManager;
}

/**
 * Sending as the app sends, without the app's data: no data folder, no keychain, no History.
 * `keep`: how many full response bodies are kept (for captures and "Save body") and their bytes.
 */
export async function createSendServices(keep: { bodies: number; bytes: number }): Promise<SendServices> {
  const [{ HttpExecutor }, { ResponseStore }, { AuthorizedSender, TokenManager }] = await Promise.all([
    import('../http/executor'),
    import('../http/responseStore'),
    import('../auth/index'),
  ]);
  const executor = new HttpExecutor(new ResponseStore(keep.bodies, keep.bytes));
  const tokens = new TokenManager();
  return { transport: { executor, authorized: new AuthorizedSender(executor, tokens) }, tokens };
}

/**
 * Running collections outside the app (`sinch-explorer run`, the runner bench): reading what to
 * run and where, and sending each request as the app's Send does (a token fetched again after a
 * 401). `note` hears warnings about what was read (default: stderr).
 */
export async function createRunServices(options: { note?: (line: string) => void } = {}): Promise<{ runner: RunService }> {
  // A run keeps only the last two bodies: captures read each one before the next request goes.
  const [{ transport }, { RunService }] = await Promise.all([createSendServices({ bodies: 2, bytes: 64 * 1024 * 1024 }), import('../runner/service')]);
  return { runner: new RunService({ transport, note: options.note ?? ((line) => console.error(line)) }) };
}

/** Where callbacks are kept (`<dataDir>/webhooks`), not loaded yet. */
export async function createCallbackStore(dataDir: string, options: WebhookStoreOptions = {}): Promise<WebhookEventStore> {
  const { WebhookEventStore } = await import('../webhooks/eventStore');
  return new WebhookEventStore(dataDir, options);
}

/**
 * The webhook listener on its own (`sinch-explorer listen`, the listener bench): it keeps what
 * it receives under `dataDir` (null: nothing on disk). Not started.
 */
export async function createListenerServices(options: {
  dataDir: string | null;
  store?: WebhookStoreOptions;
  listener: Omit<WebhookListenerOptions, 'store'>;
}): Promise<{ listener: WebhookListener; store: WebhookEventStore | null }> {
  const [{ WebhookListener }, store] = await Promise.all([
    import('../webhooks/listener'),
    options.dataDir === null ? null : createCallbackStore(options.dataDir, options.store),
  ]);
  return { listener: new WebhookListener({ ...options.listener, ...(store ? { store } : {}) }), store };
}

/** The offline Conversation API (`sinch-explorer sandbox`, the benches): started, on the ports asked for. */
export async function startSimulator(options: SandboxOptions): Promise<SandboxHandle> {
  const { startSandbox } = await import('../sandbox/index');
  return startSandbox(options);
}

export interface ImportServices {
  imports: ImportService;
  /** The workspace folder a collection is imported into. */
  workspace: string;
}

/**
 * Importing into the app's workspace and data folder without the app running (`sinch-explorer
 * import`): environments are saved as files, secret values go to the OS keychain.
 */
export async function createImportServices(options: { dataDir: string; workspace?: string }): Promise<ImportServices> {
  const [{ SettingsStore }, { EnvironmentStore }, { CollectionStore }, { GlobalsStore }, { KeytarSecretStore, SecretVault }, { ImportService }] =
    await Promise.all([
      import('../storage/settings'),
      import('../storage/environments'),
      import('../storage/collections/store'),
      import('../storage/globals'),
      import('../secrets/index'),
      import('../importer/service'),
    ]);
  const { dataDir } = options;
  const settings = await new SettingsStore(dataDir).load();
  const workspace = options.workspace ?? settings.workspaceDir ?? join(dataDir, 'workspace');
  const environments = new EnvironmentStore(dataDir);
  await environments.load();
  const imports = new ImportService({
    collections: new CollectionStore(workspace),
    environments,
    globals: new GlobalsStore(dataDir),
    vault: new SecretVault({ dataDir, keychain: new KeytarSecretStore() }),
    saveEnvironment: (env) => environments.update(env),
  });
  return { imports, workspace };
}

export interface FileServices {
  /** A collection folder (collection.json and its requests), with what could not be read. */
  loadCollectionFolder: typeof loadCollectionFolder;
  /** An environment file as the app saves it. */
  readEnvironmentFile(file: string): Promise<ReadResult<Environment>>;
  /** Written whole or not at all (temp file, fsync, rename). */
  writeFile(file: string, text: string): Promise<void>;
}

/** The app's files read and written outside the app (`sinch-explorer export`). */
export async function createFileServices(): Promise<FileServices> {
  const [{ loadCollectionFolder }, { readEnvironmentFile }, { writeFileAtomic }] = await Promise.all([
    import('../storage/collections/store'),
    import('../storage/environments'),
    import('../storage/atomicFile'),
  ]);
  return { loadCollectionFolder, readEnvironmentFile, writeFile: writeFileAtomic };
}

/** A workspace's collections and a data folder's History, not loaded: for the benches that time opening them. */
export async function createWorkspaceStores(options: {
  workspace: string;
  dataDir: string;
  history?: Partial<HistoryLimits>;
}): Promise<{ collections: CollectionStore; history: HistoryStore }> {
  const [{ CollectionStore }, { HistoryStore }] = await Promise.all([import('../storage/collections/store'), import('../storage/history')]);
  return { collections: new CollectionStore(options.workspace), history: new HistoryStore(options.dataDir, options.history) };
}
