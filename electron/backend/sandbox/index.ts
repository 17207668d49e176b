import { DEFAULT_RETRY_POLICY, DeliveryQueue, type DeliveryRecord, type RetryPolicy } from './callbacks/deliveryQueue';
import { Notifier } from './callbacks/notifier';
import { TokenAuthority } from './auth';
import type { SandboxContext } from './context';
import { Router, type RequestContext } from './http/router';
import { closeServer, createApiServer, listen } from './http/server';
import { SandboxStateFile, type SandboxSecretKeeper } from './persistence';
import { Scheduler } from './scheduler';
import { ProjectStore } from './store';
import { registerApps } from './services/apps';
import { registerCapability } from './services/capability';
import { registerConsents } from './services/consents';
import { registerContacts } from './services/contacts';
import { registerControl } from './services/control';
import { registerConversations } from './services/conversations';
import { registerEvents } from './services/events';
import { registerMessages } from './services/messages';
import { registerSettings } from './services/settings';
import { simulateInbound, type InboundKind, type SimulateInboundInput, type SimulateInboundResult } from './services/simulate';
import { registerTemplates } from './services/templates';
import { registerWebhooks } from './services/webhooks';

export type { DeliveryRecord, InboundKind, SimulateInboundInput, SimulateInboundResult };

export interface SandboxOptions {
  /** Conversation/auth port; 0 or omitted = a free port. */
  port?: number;
  /** Default '127.0.0.1'; loopback only unless explicitly given. */
  host?: string;
  /** Template host port; 0/omitted = a free port. */
  templatePort?: number;
  /** Default 3600. */
  tokenTtlSeconds?: number;
  projectId?: string;
  keyId?: string;
  keySecret?: string;
  /**
   * Callback delivery (DEFAULT_RETRY_POLICY): attempts (default 10), first retry delay (default 5 s, doubling, at
   * most `maxDelayMs` = 10 min apart), no try later than `windowMs` (1 h) after the first, per-attempt timeout (5 s);
   * `delayFor` replaces the doubling (tests).
   */
  callbackRetry?: Partial<RetryPolicy>;
  /** Something the sandbox keeps changed (a resource, a pending callback): e.g. to see whether its webhooks moved. */
  onChange?: () => void;
  /** Delay between lifecycle steps (QUEUED_ON_CHANNEL -> DELIVERED ...). Default 50 ms. */
  deliveryDelayMs?: number;
  log?: (line: string) => void;
  /**
   * Keep the project's resources in this file across restarts (the app does; the CLI and tests
   * stay in memory unless asked). Secret values go to `secrets` instead, never to the file.
   */
  persist?: { path: string; secrets?: SandboxSecretKeeper; debounceMs?: number; onProblem?: (message: string) => void };
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:41234 — serves /v1/projects/... and /oauth2/token. */
  conversationUrl: string;
  /** Separate port serving /v2 (and v1) templates, so templates on the conversation host 404 as in production. */
  templateUrl: string;
  /** Full token URL, e.g. http://127.0.0.1:41234/oauth2/token. */
  authUrl: string;
  projectId: string;
  keyId: string;
  keySecret: string;
  /** Stops servers, cancels pending deliveries and timers. */
  close(): Promise<void>;
  /** Makes a contact send a message or event to an app; also POST /_sandbox/inbound. */
  simulateInbound(input: SimulateInboundInput): Promise<SimulateInboundResult>;
  /** Callback deliveries so far (pending and the most recent finished ones); also GET /_sandbox/deliveries. */
  deliveries(): DeliveryRecord[];
  /** Resolves once no callback is pending or being retried. */
  whenCallbacksIdle(): Promise<void>;
  /** Forgets every resource of the project; also POST /_sandbox/reset. */
  reset(): void;
  /** Set when the saved state could not be restored as it was: what happened, in a sentence. */
  restoreNotice?: string;
  /** Where the state is kept, when it is. */
  statePath?: string;
  /** Resolves once every change so far is written (no-op without `persist`). */
  flush(): Promise<void>;
  /** How many apps, contacts… the project holds now. */
  counts(): { apps: number; contacts: number; conversations: number; messages: number; webhooks: number; templates: number };
  /** Secrets of the webhooks that have one, so a local inspector can check their callbacks. */
  webhookSecrets(): { webhookId: string; appId: string; target: string; secret: string }[];
  /** Every HTTP webhook: where the sandbox sends callbacks. */
  webhookTargets(): { webhookId: string; appId: string; target: string }[];
  /** Tries at once the callbacks waiting for a retry to URLs `matches` accepts (their receiver just started). */
  retryCallbacksNow(matches: (url: string) => boolean): number;
}

/** Public demo credentials: the sandbox is local, so these are not secrets. */
export const DEMO_CREDENTIALS: { projectId: string; keyId: string; keySecret: string } = Object.freeze({
  projectId: 'sandbox-project-0000-0000-000000000000',
  keyId: 'sandbox-key-id',
  keySecret: 'sandbox-key-secret',
});

const PROJECT_IN_PATH = /^\/v[12]\/projects\/([^/:]+)/;

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const credentials = {
    projectId: options.projectId ?? DEMO_CREDENTIALS.projectId,
    keyId: options.keyId ?? DEMO_CREDENTIALS.keyId,
    keySecret: options.keySecret ?? DEMO_CREDENTIALS.keySecret,
  };
  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new Error(`tokenTtlSeconds must be positive, got ${ttl}`);

  const stateFile = options.persist ? new SandboxStateFile({ projectId: credentials.projectId, log, ...options.persist }) : undefined;
  const restored = stateFile ? await stateFile.load() : { store: null };
  if (restored.notice) log(restored.notice);
  let store = restored.store ?? new ProjectStore(credentials.projectId);
  // The callbacks still to deliver are saved with the project; once closed, those it had then.
  let pendingAtClose: ReturnType<DeliveryQueue['pending']> | null = null;
  const changed = (): void => {
    stateFile?.schedule(() => ({ store, pendingCallbacks: pendingAtClose ?? queue.pending() }));
    options.onChange?.();
  };
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.callbackRetry };
  const queue: DeliveryQueue = new DeliveryQueue({
    ...retry,
    attempts: Math.max(1, retry.attempts),
    maxPending: 10_000,
    concurrency: 8,
    history: 500,
    log,
    secretFor: (signer): string | null => notifier.secretFor(signer),
    onChange: changed,
  });
  const notifier: Notifier = new Notifier(() => store, queue);
  const scheduler = new Scheduler(changed);
  const ctx: SandboxContext = {
    projectId: credentials.projectId,
    store: () => store,
    notifier,
    scheduler,
    deliveryDelayMs: options.deliveryDelayMs ?? 50,
    log,
  };
  const reset = (): void => {
    store = new ProjectStore(credentials.projectId);
    changed();
  };

  // The issuer is only known once bound; tokens are checked by signature, not issuer.
  const authority = new TokenAuthority(credentials, ttl, 'sinch-sandbox');
  const authenticate = (req: RequestContext): void => {
    authority.authenticate(req, PROJECT_IN_PATH.exec(req.path)?.[1]);
  };

  const conversationRouter = new Router();
  conversationRouter.on('POST', '/oauth2/token', (req) => authority.handleTokenRequest(req));
  registerApps(conversationRouter, ctx);
  registerContacts(conversationRouter, ctx);
  registerConversations(conversationRouter, ctx);
  registerMessages(conversationRouter, ctx);
  registerEvents(conversationRouter, ctx);
  registerWebhooks(conversationRouter, ctx);
  registerCapability(conversationRouter, ctx);
  registerConsents(conversationRouter, ctx);
  registerSettings(conversationRouter, ctx);
  registerControl(conversationRouter, ctx, { queue, reset });

  const templateRouter = new Router();
  registerTemplates(templateRouter, ctx);

  const conversationServer = createApiServer({
    router: conversationRouter,
    authenticate,
    publicPaths: ['/oauth2/token'],
    log: (line) => log(`[conversation] ${line}`),
  });
  const templateServer = createApiServer({ router: templateRouter, authenticate, log: (line) => log(`[template] ${line}`) });

  // Every call that is not a read may change the project: save it soon after.
  conversationServer.on('request', (req: { method?: string }, res: { on(event: 'finish', fn: () => void): void }) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.on('finish', changed);
  });
  templateServer.on('request', (req: { method?: string }, res: { on(event: 'finish', fn: () => void): void }) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.on('finish', changed);
  });

  const conversationPort = await listen(conversationServer, options.port ?? 0, host);
  let templatePort: number;
  try {
    templatePort = await listen(templateServer, options.templatePort ?? 0, host);
  } catch (err) {
    await closeServer(conversationServer);
    throw err;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const conversationUrl = `http://${urlHost}:${conversationPort}`;
  const templateUrl = `http://${urlHost}:${templatePort}`;
  log(`sandbox listening: conversation ${conversationUrl}, templates ${templateUrl}`);
  // What was not delivered before the last stop is tried again now, as Sinch goes on retrying while you restart.
  if (restored.pendingCallbacks && restored.pendingCallbacks.length > 0) queue.restore(restored.pendingCallbacks);

  let closed = false;
  return {
    conversationUrl,
    templateUrl,
    authUrl: `${conversationUrl}/oauth2/token`,
    ...credentials,
    async close() {
      if (closed) return;
      closed = true;
      scheduler.close();
      pendingAtClose = queue.pending();
      queue.close();
      changed();
      await Promise.all([closeServer(conversationServer), closeServer(templateServer)]);
      await stateFile?.flush();
    },
    async simulateInbound(input) {
      try {
        return simulateInbound(ctx, input);
      } finally {
        changed();
      }
    },
    deliveries: () => queue.records(),
    whenCallbacksIdle: () => queue.whenIdle(),
    reset,
    ...(restored.notice ? { restoreNotice: restored.notice } : {}),
    ...(stateFile ? { statePath: stateFile.path } : {}),
    flush: async () => stateFile?.flush(),
    counts: () => ({
      apps: store.apps.size,
      contacts: store.contacts.size,
      conversations: store.conversations.size,
      messages: store.messages.size,
      webhooks: store.webhooks.size,
      templates: store.templatesV2.size + store.templatesV1.size,
    }),
    webhookTargets: () =>
      [...store.webhooks.values()].filter((w) => w.target_type === 'HTTP').map((w) => ({ webhookId: w.id, appId: w.app_id, target: w.target })),
    retryCallbacksNow: (matches) => queue.retryNow(matches),
    webhookSecrets: () =>
      [...store.webhooks.values()].filter((w) => w.secret !== '').map((w) => ({ webhookId: w.id, appId: w.app_id, target: w.target, secret: w.secret })),
  };
}
