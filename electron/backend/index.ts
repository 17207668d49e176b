import { join } from 'node:path';
import { BUILTIN_COLLECTION } from '../../shared/catalog';
import type { AppInfo, EventName, EventPayload, MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
import { COLLECTION_FILE } from '../../shared/formats/collectionFile';
import { buildScope } from '../../shared/variables';
import { AuthorizedSender, TokenManager } from './auth/index';
import type { BackendContext } from './context';
import { CredentialService } from './secrets/credentials';
import { appHandlers } from './handlers/app';
import { authHandlers } from './handlers/auth';
import { codegenHandlers } from './handlers/codegen';
import { collectionHandlers } from './handlers/collections';
import { credentialHandlers } from './handlers/credentials';
import { environmentHandlers } from './handlers/environments';
import { globalsHandlers } from './handlers/globals';
import { historyHandlers } from './handlers/history';
import { requestHandlers } from './handlers/requests';
import { responseHandlers } from './handlers/responses';
import { sandboxHandlers } from './handlers/sandbox';
import { sessionHandlers } from './handlers/session';
import { settingsHandlers } from './handlers/settings';
import { webhookHandlers } from './handlers/webhooks';
import { workspaceHandlers } from './handlers/workspace';
import { firstRunHandlers } from './handlers/firstRun';
import { projectHandlers } from './handlers/project';
import { tunnelHandlers } from './handlers/tunnel';
import { ProjectApi } from './project/apiClient';
import { FirstRunStore } from './project/firstRunStore';
import { ProjectService, sameBase } from './project/service';
import { pastedUrlFile } from './tunnel/pastedUrl';
import { TunnelService } from './tunnel/service';
import type { TunnelAgent } from './tunnel/ngrokAgent';
import { transferHandlers } from './handlers/transfer';
import { ImportService } from './importer/service';
import { HttpExecutor } from './http/executor';
import { ResponseStore } from './http/responseStore';
import { SandboxManager } from './sandbox/manager';
import type { RetryPolicy } from './sandbox/callbacks/deliveryQueue';
import { KeytarSecretStore, SecretVault, type SecretStore } from './secrets/index';
import { vaultSecretKeeper } from './secrets/sandboxSecrets';
import { removeOrphanedTempFiles } from './storage/atomicFile';
import { fileExists } from './storage/jsonFile';
import { CollectionStore } from './storage/collections/store';
import { EnvironmentStore } from './storage/environments';
import { GlobalsStore } from './storage/globals';
import { HistoryStore } from './storage/history';
import { SessionStore } from './storage/session';
import { SettingsStore } from './storage/settings';
import { WebhookService } from './webhooks/service';

export interface BackendOptions {
  dataDir: string;
  /** Where collections live when the user has not chosen a folder (default: <dataDir>/workspace). */
  workspaceDir?: string;
  /** The keychain to keep secrets in (default: the OS keychain through keytar). */
  keychain?: SecretStore;
  /** Keychain service name (tests use their own, so they never touch the user's entries). */
  keychainService?: string;
  host: AppInfo['host'];
  version?: string;
  /** Tests only: the sandbox's callback retry schedule (default DEFAULT_RETRY_POLICY, like Sinch's). */
  sandbox?: { callbackRetry?: Partial<RetryPolicy> };
  /** How this launch was started (the browser host's command line), for the page to name when it loses the backend. */
  launchCommand?: string;
  /** Tests only: the ngrok agent (default: @ngrok/ngrok, loaded when a tunnel is started) and its ingress. */
  tunnel?: { agent?: TunnelAgent; serverAddr?: string; startTimeoutMs?: number };
}

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Backend {
  handlers: Handlers;
  /** Subscribes to every contract event; returns the unsubscribe function. */
  subscribe(sink: EventSink): () => void;
  close(): Promise<void>;
}

/**
 * The composition root of everything Electron-free: the one place services are created and
 * wired. The handlers live in ./handlers, one file per contract prefix; each takes the part of
 * this context it uses.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) {
      // One transport failing to carry an event must not stop the others, nor throw into the
      // service that emitted it (the listener, a store's watcher).
      try {
        sink(event, payload);
      } catch (error) {
        console.error(`Event ${event} not delivered: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
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
    pointedAt: (url) => sandbox.webhookTargets().filter((w) => sameBase(w.target, url)).map(({ appId, webhookId }) => ({ appId, webhookId })),
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

  const ctx: BackendContext = {
    options,
    emit,
    environments,
    settings,
    collections,
    globals,
    history,
    vault,
    credentials,
    tokens,
    authorized: new AuthorizedSender(executor, tokens),
    responses,
    executor,
    sandbox,
    hooks,
    project,
    firstRun,
    tunnel,
    imports: new ImportService({ collections, environments, globals, vault, saveEnvironment: (env) => credentials.saveEnvironment(env) }),
    inFlight: new Map(),
    session: { captures: [] },
    async environmentsChanged() {
      emit('environments.changed', environments.state());
      // Choosing the Sandbox region starts the sandbox; its URLs then fill {{base_url}}.
      const active = environments.find(environments.state().activeId);
      if (active?.region === 'sandbox') await sandbox.ensureStarted();
    },
    collectionsChanged() {
      const state = collections.state();
      emit('collections.changed', state);
      return state;
    },
    async scopeFor(plainEnv, collectionId, requestVariables) {
      const env = plainEnv ? await credentials.withSecrets(plainEnv) : null;
      // Only the collection's variables: building every tree per send would cost the workspace's size.
      const collectionVariables = collectionId === BUILTIN_COLLECTION.id ? BUILTIN_COLLECTION.variables : collectionId ? collections.collectionVariables(collectionId) : undefined;
      return buildScope(env, sandbox.status().urls, {
        globals: await globals.get(),
        collection: collectionVariables,
        captured: env ? undefined : ctx.session.captures,
        request: requestVariables,
      });
    },
  };
  const active = environments.find(environments.state().activeId);
  if (active?.region === 'sandbox') await sandbox.ensureStarted().catch(() => undefined);

  // One group per contract prefix (handlers/<prefix>.ts); each takes only what it uses from ctx.
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...settingsHandlers(ctx),
    ...sessionHandlers(new SessionStore(options.dataDir)),
    ...environmentHandlers(ctx),
    ...requestHandlers(ctx),
    ...codegenHandlers(ctx),
    ...responseHandlers(ctx),
    ...historyHandlers(ctx),
    ...collectionHandlers(ctx),
    ...workspaceHandlers(ctx),
    ...transferHandlers(ctx),
    ...globalsHandlers(ctx),
    ...credentialHandlers(ctx),
    ...authHandlers(ctx),
    ...webhookHandlers(ctx),
    ...sandboxHandlers(ctx),
    ...projectHandlers(ctx),
    ...firstRunHandlers(ctx),
    ...tunnelHandlers(ctx),
  };

  return {
    handlers,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      for (const controller of ctx.inFlight.values()) controller.abort();
      await tunnel.close();
      await hooks.close();
      await sandbox.stop();
      collections.unwatch();
      sinks.clear();
    },
  };
}
