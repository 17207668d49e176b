/**
 * Every service of the app, built once and wired here with explicit constructor dependencies:
 * the one place that knows which service needs which. createBackend (../index.ts) adds the event
 * sinks and the handler groups; the browser host, Electron's main process and the benches that
 * drive the whole app all start here. Commands that need only a few services take them from the
 * subset factories in ./index.ts instead, so they start without opening what they do not use.
 */
import { join } from 'node:path';
import type { CollectionsState } from '../../../shared/contract';
import { COLLECTION_FILE } from '../../../shared/formats/collectionFile';
import { AuthorizedSender, TokenManager } from '../auth/index';
import { HttpExecutor } from '../http/executor';
import { ResponseStore } from '../http/responseStore';
import { ImportService } from '../importer/service';
import { ProjectApi } from '../project/apiClient';
import { FirstRunStore } from '../project/firstRunStore';
import { ProjectService, sameBase } from '../project/service';
import { RequestService } from '../requests/service';
import { SandboxManager } from '../sandbox/manager';
import { CredentialService } from '../secrets/credentials';
import { KeytarSecretStore, SecretVault } from '../secrets/index';
import { vaultSecretKeeper } from '../secrets/sandboxSecrets';
import { removeOrphanedTempFiles } from '../storage/atomicFile';
import { CollectionStore } from '../storage/collections/store';
import { EnvironmentStore } from '../storage/environments';
import { GlobalsStore } from '../storage/globals';
import { HistoryStore } from '../storage/history';
import { fileExists } from '../storage/jsonFile';
import { SessionStore } from '../storage/session';
import { SettingsStore } from '../storage/settings';
import { pastedUrlFile } from '../tunnel/pastedUrl';
import { TunnelService } from '../tunnel/service';
import type { BackendOptions, EventSink } from '../types';
import { WebhookService } from '../webhooks/service';

/** The services one backend is made of, and the few helpers several of them and the handlers share. */
export interface Services {
  options: BackendOptions;
  /** Where every contract event goes (createBackend fans it out to the subscribed transports). */
  emit: EventSink;
  settings: SettingsStore;
  environments: EnvironmentStore;
  collections: CollectionStore;
  globals: GlobalsStore;
  history: HistoryStore;
  /** The open tabs and unsaved drafts, kept across restarts. */
  session: SessionStore;
  vault: SecretVault;
  credentials: CredentialService;
  tokens: TokenManager;
  responses: ResponseStore;
  /** Sending a request: prepare, send, cancel, History, captures, redaction. */
  requests: RequestService;
  sandbox: SandboxManager;
  hooks: WebhookService;
  project: ProjectService;
  firstRun: FirstRunStore;
  tunnel: TunnelService;
  /** Imports from Postman and curl; holds the secrets an import found until the user places them. */
  imports: ImportService;
  /** Tells the page environments changed, and starts the sandbox when the active one needs it. */
  environmentsChanged(): Promise<void>;
  collectionsChanged(): CollectionsState;
  /** Stops what runs in the background (requests on the wire, tunnel, listener, sandbox, the workspace watcher). */
  close(): Promise<void>;
}

export async function createServices(options: BackendOptions, emit: EventSink = () => undefined): Promise<Services> {
  const settings = new SettingsStore(options.dataDir);
  const workspaceDir = (await settings.load()).workspaceDir ?? options.workspaceDir ?? join(options.dataDir, 'workspace');
  // Saves interrupted by a crash leave their temp files behind: removed before the rest is read.
  const orphans = await removeOrphanedTempFiles([
    // In the workspace, only collection folders are the app's: a workspace chosen in a bigger folder is not walked whole.
    { dir: workspaceDir, descend: (path, depth) => depth > 0 || fileExists(join(path, COLLECTION_FILE)) },
    { dir: options.dataDir, descend: (path) => path !== workspaceDir },
  ]);
  if (orphans > 0) console.error(`Removed ${orphans} temporary file${orphans === 1 ? '' : 's'} left by interrupted saves.`);
  const environments = new EnvironmentStore(options.dataDir);
  await environments.load();
  const collections = new CollectionStore(workspaceDir);
  await collections.load();
  // The page gets what changed, not the whole workspace; edits on disk arrive the same way.
  collections.onPatch((patch) => emit('collections.patched', patch));
  await collections.watch();
  const globals = new GlobalsStore(options.dataDir);
  await globals.load();
  const history = new HistoryStore(options.dataDir);
  const vault = new SecretVault({
    dataDir: options.dataDir,
    keychain: options.keychain ?? new KeytarSecretStore(options.keychainService ? { service: options.keychainService } : {}),
  });
  const responses = new ResponseStore();
  const executor = new HttpExecutor(responses);
  const hooksRef: { current: WebhookService | null } = { current: null };
  const sandbox = new SandboxManager((status) => emit('sandbox.changed', status), {
    statePath: join(options.dataDir, 'sandbox-state.json'),
    secrets: vaultSecretKeeper(vault),
    // A webhook created, moved or deleted may point at the listener: the Requests view's notice follows.
    onContentChange: () => hooksRef.current?.webhooksChanged(),
    ...(options.sandbox?.callbackRetry ? { callbackRetry: options.sandbox.callbackRetry } : {}),
  });
  const credentials = new CredentialService(vault, environments, () => sandbox.clientAuth());
  const tunnelRef: { current: TunnelService | null } = { current: null };
  const hooks = new WebhookService({
    dataDir: options.dataDir,
    vault,
    sandbox,
    environments: () => environments.state().environments,
    onReceived: (batch) => emit('webhooks.received', batch),
    onUpdated: (events) => emit('webhooks.updated', { events }),
    onState: (state) => {
      emit('webhooks.state', state);
      // The tunnel forwards to the listener: its state says where, so it changes with it.
      if (tunnelRef.current) emit('tunnel.changed', tunnelRef.current.state());
      // Callbacks the sandbox was retrying to it go now, not at their next scheduled try.
      if (state.listening) sandbox.retryCallbacksNow((url) => sameBase(url, state.url));
    },
    remember: async (listener) => {
      await settings.update({ listener });
    },
    pointedAt: (url) =>
      sandbox
        .webhookTargets()
        .filter((w) => sameBase(w.target, url))
        .map(({ appId, webhookId }) => ({ appId, webhookId })),
  });
  hooksRef.current = hooks;
  await hooks.load();
  // The listener comes back as the user left it (running, same port), before the sandbox retries what it missed.
  const listenerChoice = settings.get().listener;
  if (listenerChoice) await hooks.restore(listenerChoice);
  const firstRun = new FirstRunStore(options.dataDir);
  await firstRun.load();
  const pasted = pastedUrlFile(options.dataDir);
  const tunnel = new TunnelService({
    vault,
    listenerUrl: () => (hooks.state().listening ? hooks.state().url : null),
    onChange: (state) => emit('tunnel.changed', state),
    loadPasted: pasted.load,
    savePasted: pasted.save,
    ...(options.tunnel?.agent ? { agent: options.tunnel.agent } : {}),
    ...(options.tunnel?.serverAddr ? { serverAddr: options.tunnel.serverAddr } : {}),
    ...(options.tunnel?.startTimeoutMs ? { startTimeoutMs: options.tunnel.startTimeoutMs } : {}),
  });
  await tunnel.load();
  tunnelRef.current = tunnel;
  const tokens = new TokenManager();
  const environmentsChanged = async (): Promise<void> => {
    emit('environments.changed', environments.state());
    // Choosing the Sandbox region starts the sandbox; its URLs then fill {{base_url}}.
    const active = environments.find(environments.state().activeId);
    if (active?.region === 'sandbox') await sandbox.ensureStarted();
  };
  // Project calls have their own executor: their small bodies are read at once, not kept for "Save body".
  const projectAuthorized = new AuthorizedSender(new HttpExecutor(new ResponseStore(4, 8 * 1024 * 1024)), tokens);
  const project = new ProjectService({
    api: new ProjectApi({ credentials, sandbox, authorized: projectAuthorized }),
    environments,
    tokens,
    vault,
    hooks,
    publicUrl: () => tunnel.currentPublicUrl(),
    environmentChanged: () => emit('environments.changed', environments.state()),
  });
  const requests = new RequestService({
    transport: { executor, authorized: new AuthorizedSender(executor, tokens) },
    responses,
    tokens,
    environments,
    credentials,
    collections,
    globals,
    settings,
    history,
    sandbox,
    historyChanged: (total) => emit('history.changed', { total }),
    environmentsChanged,
  });
  const active = environments.find(environments.state().activeId);
  if (active?.region === 'sandbox') await sandbox.ensureStarted().catch(() => undefined);

  return {
    options,
    emit,
    settings,
    environments,
    collections,
    globals,
    history,
    session: new SessionStore(options.dataDir),
    vault,
    credentials,
    tokens,
    responses,
    requests,
    sandbox,
    hooks,
    project,
    firstRun,
    tunnel,
    imports: new ImportService({ collections, environments, globals, vault, saveEnvironment: (env) => credentials.saveEnvironment(env) }),
    environmentsChanged,
    collectionsChanged() {
      const state = collections.state();
      emit('collections.changed', state);
      return state;
    },
    async close() {
      requests.cancelAll();
      await tunnel.close();
      await hooks.close();
      await sandbox.stop();
      collections.unwatch();
    },
  };
}
