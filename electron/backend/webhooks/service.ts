import type { ListenerChoice, ListenerState, SigningSecretChoice, SigningSecretRef } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import type { WebhookBatch, WebhookEvent, WebhookEventSummary } from '../../../shared/model/webhookEvent';
import { BackendError } from '../errors';
import type { SecretVault } from '../secrets/index';
import { accountFor, parseAccount } from '../secrets/index';
import { WebhookNotices } from './notices';
import {
  DEFAULT_LISTENER_PORT,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REPLY,
  WebhookEventStore,
  WebhookListener,
  fireSample,
  replayEvent,
  type CandidateSecret,
  type ReplyConfig,
} from './index';

/**
 * The app's sandbox as the listener sees it: the secrets of its webhooks, to verify and sign with.
 * Declared here, not imported: the sandbox manager fits it, and the listener does not depend on the simulator.
 */
export interface SandboxWebhookSecrets {
  webhookSecrets(): { webhookId: string; appId: string; secret: string }[];
}

interface Deps {
  dataDir: string;
  vault: SecretVault;
  sandbox: SandboxWebhookSecrets;
  environments: () => Environment[];
  /** Coalesced (see WebhookNotices): a count and the newest summaries, at most ~10 a second. */
  onReceived: (batch: WebhookBatch) => void;
  onUpdated: (events: WebhookEventSummary[]) => void;
  onState: (state: ListenerState) => void;
  /** Keeps how the user left the listener (started, stopped, port, interfaces), to restore it at the next start. */
  remember?: (choice: ListenerChoice) => Promise<void>;
  /** Which of the sandbox's webhooks point at this URL (the listener's, running or not). */
  pointedAt?: (url: string) => ListenerState['pointedAtBy'];
}

/**
 * The app's webhook listener and its event history. The listener checks signatures against every
 * webhook secret and secret variable the user stored (per environment, in the keychain) and those
 * of the app's own sandbox; events persist across restarts whether or not the listener is running.
 */
export class WebhookService {
  readonly store: WebhookEventStore;
  private readonly notices: WebhookNotices;
  private listener: WebhookListener | null = null;
  private reply: ReplyConfig = { ...DEFAULT_REPLY };
  private forwardTo: string | null = null;
  private lastError: string | undefined;
  private lastPort = DEFAULT_LISTENER_PORT;
  private lastHost: ListenerChoice['host'] = '127.0.0.1';
  /** What the last state told the page about webhooks pointing here: told again only when it changes. */
  private lastPointers = '[]';
  private secretsCache: { at: number; secrets: CandidateSecret[] } | null = null;
  private secretsRefresh: Promise<CandidateSecret[]> | null = null;
  /** Bumped whenever the secrets change, so a read begun before the change is not cached. */
  private secretsGeneration = 0;

  constructor(private readonly deps: Deps) {
    this.store = new WebhookEventStore(deps.dataDir);
    this.notices = new WebhookNotices({ received: (batch) => deps.onReceived(batch), updated: (events) => deps.onUpdated(events) });
  }

  async load(): Promise<void> {
    await this.store.load();
  }

  state(): ListenerState {
    const status = this.listener?.status();
    const host = status?.host ?? this.lastHost;
    const port = status?.port ?? this.lastPort;
    return {
      listening: status?.listening ?? false,
      host,
      port,
      url: status?.url ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`,
      ...(status?.warning ? { warning: status.warning } : {}),
      reply: { ...this.reply },
      maxBodyBytes: status?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      forwardTo: this.forwardTo,
      received: status?.received ?? 0,
      rejected: status?.rejected ?? 0,
      ...(this.lastError ? { error: this.lastError } : {}),
      pointedAtBy: this.deps.pointedAt?.(status?.url ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`) ?? [],
    };
  }

  /** Tells the page when the webhooks pointing at the listener changed (one was created, moved or deleted). */
  webhooksChanged(): void {
    const pointers = JSON.stringify(this.state().pointedAtBy);
    if (pointers === this.lastPointers) return;
    this.emitState();
  }

  private emitState(): ListenerState {
    const state = this.state();
    this.lastPointers = JSON.stringify(state.pointedAtBy);
    this.deps.onState(state);
    return state;
  }

  /**
   * Starts the listener as it was left before the app last closed: the same port (never another one silently,
   * since webhooks point at it) and the same interfaces. When the port is taken now, that is said until the user
   * starts it again.
   */
  async restore(choice: ListenerChoice): Promise<ListenerState> {
    this.lastPort = choice.port;
    this.lastHost = choice.host;
    if (!choice.running) return this.state();
    const state = await this.start(choice.port, choice.host, { remember: false });
    if (!state.listening) {
      const url = `http://${choice.host === '0.0.0.0' ? '127.0.0.1' : choice.host}:${choice.port}/`;
      this.lastError = `The listener ran on port ${choice.port} before the app was closed, but cannot listen there again: ${state.error ?? 'it did not start.'} Webhooks pointed at ${url} wait until it runs there: free the port and press Start listener, or start it on another port and point them at that.`;
      return this.emitState();
    }
    return state;
  }

  async start(port = this.lastPort, host: ListenerChoice['host'] = this.lastHost, options: { remember?: boolean } = {}): Promise<ListenerState> {
    await this.halt();
    this.lastPort = port;
    this.lastHost = host;
    const listener = new WebhookListener({
      port,
      host,
      reply: this.reply,
      forwardTo: this.forwardTo,
      store: this.store,
      secretsFor: (event) => this.candidateSecrets(event.appId),
      onEvent: (event) => this.notices.received(event),
      onForwarded: (event) => this.notices.forwarded(event),
    });
    try {
      await listener.start();
      this.listener = listener;
      this.lastError = undefined;
      this.lastPort = listener.status().port;
      // The port it got (0 becomes a real one): webhooks pointed here find it again after a restart.
      if (options.remember !== false) await this.keep({ running: true, port: this.lastPort, host });
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
    }
    return this.emitState();
  }

  /** The user stops the listener: it stays stopped at the next start too. */
  async stop(): Promise<ListenerState> {
    const wasRunning = this.listener !== null;
    const state = await this.halt();
    if (wasRunning) await this.keep({ running: false, port: this.lastPort, host: this.lastHost });
    return state;
  }

  private async halt(): Promise<ListenerState> {
    const listener = this.listener;
    this.listener = null;
    if (listener) await listener.stop();
    this.notices.flush();
    return listener ? this.emitState() : this.state();
  }

  private async keep(choice: ListenerChoice): Promise<void> {
    // Not remembered is not a reason to refuse the start or stop the user asked for.
    await this.deps.remember?.(choice).catch(() => undefined);
  }

  configure(change: { reply?: Partial<ReplyConfig>; forwardTo?: string | null }): ListenerState {
    if (change.reply) this.reply = this.listener ? this.listener.setReply(change.reply) : { ...this.reply, ...change.reply };
    if (change.forwardTo !== undefined) {
      this.forwardTo = change.forwardTo;
      this.listener?.setForwardTo(change.forwardTo);
    }
    return this.emitState();
  }

  get(id: string): WebhookEvent {
    const event = this.store.get(id);
    if (!event) throw new BackendError('NOT_FOUND', 'That event is no longer kept (the oldest are evicted first).');
    return event;
  }

  async secret(environmentId: string, name: string): Promise<string> {
    const value = await this.deps.vault.get(accountFor(environmentId, 'webhook-secret', name));
    if (value === null) throw new BackendError('NOT_FOUND', `No webhook secret named "${name}" is stored for that environment.`);
    return value;
  }

  /** Every secret a sample may be signed with, by name: the same ones the listener tries (see loadSecrets). */
  async signingSecrets(): Promise<SigningSecretChoice[]> {
    const names = new Map(this.deps.environments().map((e) => [e.id, e.name]));
    const choices: SigningSecretChoice[] = [];
    try {
      for (const account of await this.deps.vault.accounts()) {
        const parsed = parseAccount(account);
        if (!parsed || parsed.purpose === 'access-key-secret' || !names.has(parsed.environmentId)) continue;
        const kind = parsed.purpose;
        const label = `${names.get(parsed.environmentId) ?? ''} › ${kind === 'variable' ? `{{${parsed.name}}}` : parsed.name}`;
        choices.push({ ref: { environmentId: parsed.environmentId, name: parsed.name, kind }, label, kind });
      }
    } catch {
      // No keychain: the sandbox's webhooks can still sign.
    }
    choices.sort((a, b) => a.label.localeCompare(b.label));
    for (const hook of this.deps.sandbox.webhookSecrets()) {
      choices.push({ ref: { sandboxWebhookId: hook.webhookId }, label: `sandbox webhook ${hook.webhookId} (app ${hook.appId})`, kind: 'sandbox-webhook' });
    }
    return choices;
  }

  /** The value of a secret named by the page, for signing a sample; the app a sandbox webhook belongs to comes with it. */
  async signingSecret(ref: SigningSecretRef): Promise<{ secret: string; appId?: string }> {
    if ('sandboxWebhookId' in ref) {
      const hook = this.deps.sandbox.webhookSecrets().find((h) => h.webhookId === ref.sandboxWebhookId);
      if (!hook) throw new BackendError('NOT_FOUND', `The sandbox has no webhook ${ref.sandboxWebhookId} with a secret any more: pick another secret.`);
      return { secret: hook.secret, appId: hook.appId };
    }
    if (ref.kind === 'webhook-secret') return { secret: await this.secret(ref.environmentId, ref.name) };
    const value = await this.deps.vault.get(accountFor(ref.environmentId, 'variable', ref.name));
    if (value === null) throw new BackendError('NOT_FOUND', `No padlocked variable {{${ref.name}}} is stored for that environment: pick another secret.`);
    return { secret: value };
  }

  async replay(
    id: string,
    target: string,
    body: string | undefined,
    resignSecret: string | undefined,
  ): Promise<{ status?: number; error?: string; timeMs: number }> {
    const event = this.get(id);
    const url = this.resolveTarget(target);
    const result = await replayEvent(event, url, { ...(body !== undefined ? { body } : {}), ...(resignSecret ? { resign: { secret: resignSecret } } : {}) });
    return { ...(result.status !== undefined ? { status: result.status } : {}), ...(result.error ? { error: result.error } : {}), timeMs: result.timeMs };
  }

  async fireSample(
    trigger: Parameters<typeof fireSample>[1],
    appId: string | undefined,
    secret: string | undefined,
  ): Promise<{ status?: number; error?: string; timeMs: number }> {
    const url = this.resolveTarget('listener');
    const result = await fireSample(url, trigger, { ...(appId ? { appId } : {}), ...(secret ? { secret } : {}) });
    return { ...(result.status !== undefined ? { status: result.status } : {}), ...(result.error ? { error: result.error } : {}), timeMs: result.timeMs };
  }

  /** A webhook secret was stored or removed: the next callback must be checked against the new set. */
  invalidateSecrets(): void {
    this.secretsCache = null;
    this.secretsRefresh = null;
    this.secretsGeneration += 1;
  }

  /** The app closes: the listener stops, and is remembered as running if it was (the next start restores it). */
  async close(): Promise<void> {
    await this.halt();
    await this.store.flush();
  }

  private resolveTarget(target: string): string {
    if (target !== 'listener') {
      if (!/^https?:\/\//.test(target)) throw new BackendError('INVALID_INPUT', `"${target}" is not an http(s) URL.`);
      return target;
    }
    const status = this.listener?.status();
    if (!status?.listening) throw new BackendError('CONFLICT', 'The listener is not running. Start it first, or give a target URL.');
    return status.url;
  }

  /**
   * Every secret that may have signed a callback: the user's webhook secrets (those named after
   * the callback's app first) and the app's sandbox's webhooks. Cached briefly (2 s): a burst of
   * callbacks should not mean a burst of keychain reads, and a fresh cache answers without a
   * promise. A stale one is refreshed once for every callback waiting on it.
   */
  private candidateSecrets(appId: string | undefined): CandidateSecret[] | Promise<CandidateSecret[]> {
    const order = (all: CandidateSecret[]): CandidateSecret[] =>
      appId ? [...all.filter((s) => s.label.includes(appId)), ...all.filter((s) => !s.label.includes(appId))] : all;
    if (this.secretsCache && Date.now() - this.secretsCache.at <= 2000) return order(this.secretsCache.secrets);
    if (!this.secretsRefresh) {
      const refresh = this.loadSecrets().finally(() => {
        if (this.secretsRefresh === refresh) this.secretsRefresh = null;
      });
      this.secretsRefresh = refresh;
    }
    return this.secretsRefresh.then(order);
  }

  private async loadSecrets(): Promise<CandidateSecret[]> {
    const generation = this.secretsGeneration;
    const secrets: CandidateSecret[] = [];
    const names = new Map(this.deps.environments().map((e) => [e.id, e.name]));
    try {
      for (const account of await this.deps.vault.accounts()) {
        const parsed = parseAccount(account);
        // Webhook secrets, and secret variables too: a webhook created with {{webhook_secret}}
        // kept as a secret variable verifies without storing the same secret twice.
        if (!parsed || parsed.purpose === 'access-key-secret' || !names.has(parsed.environmentId)) continue;
        const value = await this.deps.vault.get(account);
        const label = parsed.purpose === 'variable' ? `{{${parsed.name}}}` : parsed.name;
        if (value !== null) secrets.push({ label: `${names.get(parsed.environmentId) ?? ''} › ${label}`, secret: value });
      }
    } catch {
      // No keychain: only the sandbox's secrets can be tried; the verdict says which were tried.
    }
    for (const hook of this.deps.sandbox.webhookSecrets()) secrets.push({ label: `sandbox webhook ${hook.webhookId}`, secret: hook.secret });
    // Secrets changed while these were read: they are still this callback's best answer, but not cached.
    if (generation === this.secretsGeneration) this.secretsCache = { at: Date.now(), secrets };
    return secrets;
  }
}
