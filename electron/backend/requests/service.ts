/**
 * The send use case of the app, whole: a request is prepared (its environment, every variable it
 * sees, its credentials), sent through the one engine and the one authorized sender the runner
 * and `sinch-explorer run` use too, and then everything that follows a send happens here: the
 * result is redacted, written to History, and its captures are written back. The Code panel asks
 * the same preparation for the snippets it writes. Handlers only translate contract calls to
 * these methods.
 */
import { applyToEnvironment, type CaptureOutcome } from '../../../shared/captures';
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import type { ParsedInput, SandboxStatus } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import type { CaptureReport, SendResult } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import { buildScope, type VariableScope } from '../../../shared/variables';
import { redact, type TokenManager } from '../auth/index';
import { redactDeep, shortSecretNames, shortSecretWarning } from '../auth/redact';
import { prepareRequest, secretValues, type CodeRequestInput, type PreparedRequest } from '../codegen/prepare';
import { BackendError } from '../errors';
import { DEFAULT_TIMEOUT_MS } from '../http/executor';
import type { ResponseStore } from '../http/responseStore';
import { sendRequest } from '../runner/engine';
import type { CredentialService } from '../secrets/credentials';
import type { CollectionStore } from '../storage/collections/store';
import type { EnvironmentStore } from '../storage/environments';
import type { GlobalsStore } from '../storage/globals';
import type { HistoryStore } from '../storage/history';
import type { SettingsStore } from '../storage/settings';
import { historyEntry, type SentRequest } from './historyEntry';
import { authorizedSender, type Transport } from './sender';

export interface RequestServiceDeps {
  transport: Transport;
  /** Where full response bodies are kept for "Save body" (and read whole by captures). */
  responses: ResponseStore;
  tokens: TokenManager;
  environments: EnvironmentStore;
  credentials: CredentialService;
  collections: Pick<CollectionStore, 'collectionVariables'>;
  globals: Pick<GlobalsStore, 'get'>;
  settings: Pick<SettingsStore, 'get'>;
  history: HistoryStore;
  /** The little of the sandbox a send needs (the SandboxManager fits): started on demand, its URLs for {{base_url}}… */
  sandbox: { ensureStarted(): Promise<unknown>; status(): Pick<SandboxStatus, 'urls'> };
  /** History has a new entry: its new total. */
  historyChanged(total: number): void;
  /** A capture changed the active environment. */
  environmentsChanged(): Promise<void>;
}

/** Failures that happen before anything is sent: not worth a History entry. */
const NOT_SENT = ['UNRESOLVED_VARIABLES', 'INVALID_BODY', 'AUTH'];

export class RequestService {
  /** Requests on the wire, by the page's request id, so they can be cancelled. */
  private readonly inFlight = new Map<string, AbortController>();
  /** Values captured while no environment was active: kept for this session only. */
  private sessionCaptures: KeyValue[] = [];
  /** Short padlocked values already warned about in a send result (environment id and name): once each per run. */
  private readonly warnedShort = new Set<string>();

  constructor(private readonly deps: RequestServiceDeps) {}

  /**
   * The environment a request is sent in (the sandbox started when it needs it) and every
   * variable it sees: global < collection < environment (or this session's captures) < request.
   */
  async scoped(
    environmentId: string | null,
    collectionId: string | null,
    requestVariables: KeyValue[] | undefined,
  ): Promise<{ env: Environment | null; scope: VariableScope }> {
    const { environments, credentials, collections, globals, sandbox } = this.deps;
    const plain = environmentId === null ? null : environments.get(environmentId);
    if (plain?.region === 'sandbox') await sandbox.ensureStarted();
    const env = plain ? await credentials.withSecrets(plain) : null;
    // Only the collection's variables: building every tree per send would cost the workspace's size.
    const collection =
      collectionId === BUILTIN_COLLECTION.id ? BUILTIN_COLLECTION.variables : collectionId ? collections.collectionVariables(collectionId) : undefined;
    const scope = buildScope(env, sandbox.status().urls, {
      globals: await globals.get(),
      collection,
      captured: env ? undefined : this.sessionCaptures,
      request: requestVariables,
    });
    return { env: plain, scope };
  }

  /** The request as Send would send it, for the Code panel and "Copy as curl" (see ../codegen/prepare.ts). */
  prepare(input: {
    request: CodeRequestInput;
    environmentId: string | null;
    collectionId?: string | null;
    includeSecrets: boolean;
    fetchToken?: boolean;
  }): Promise<PreparedRequest> {
    return prepareRequest({ scoped: (...args) => this.scoped(...args), credentials: this.deps.credentials, tokens: this.deps.tokens }, input);
  }

  async send({ requestId, request, environmentId, collectionId = null, timeoutMs }: ParsedInput<'requests.send'>): Promise<SendResult> {
    const { transport, credentials, responses, settings } = this.deps;
    if (this.inFlight.has(requestId)) throw new BackendError('CONFLICT', `Request ${requestId} is already being sent.`);
    const { env, scope } = await this.scoped(environmentId, collectionId, request.variables);
    const controller = new AbortController();
    this.inFlight.set(requestId, controller);
    try {
      // The one engine the runner and the CLI use too: resolve, authorize, check JSON, send, capture.
      const { resolved, result, captures } = await sendRequest(request, {
        scope,
        send: authorizedSender(transport, () => credentials.authFor(env)),
        timeoutMs: timeoutMs ?? settings.get().requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        signal: controller.signal,
        bodyText: (response) => responses.get(response.responseId)?.toString('utf8'),
      });
      // Secret variables were resolved into the request: their values must not reach history or the page.
      const secrets = secretValues(scope);
      const warnings = this.shortSecretWarnings(env, scope);
      const redacted = this.redactResult(result, secrets);
      if (result.ok || !NOT_SENT.includes(result.error.code)) {
        const lost = await this.record(request, { resolvedUrl: resolved.url, env, collectionId, result: redacted }, secrets);
        if (lost !== null) warnings.push(lost);
      }
      const shown: SendResult = warnings.length > 0 ? { ...redacted, warnings } : redacted;
      if (!shown.ok || !request.captures || request.captures.length === 0) return shown;
      return { ...shown, captures: redactDeep(await this.keepCaptures(env, captures), secrets) };
    } finally {
      this.inFlight.delete(requestId);
    }
  }

  /** True when the request was still on the wire. */
  cancel(requestId: string): boolean {
    const controller = this.inFlight.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.inFlight.values()) controller.abort();
  }

  /** A warning the first time a short padlocked value is used in an environment: a short value redacts poorly. */
  private shortSecretWarnings(env: Environment | null, scope: VariableScope): string[] {
    const key = (name: string): string => `${env?.id ?? ''}\u0000${name}`;
    const short = shortSecretNames(new Map([...scope].filter(([, v]) => v.secret).map(([name, v]) => [name, v.value]))).filter(
      (name) => !this.warnedShort.has(key(name)),
    );
    if (short.length === 0) return [];
    for (const name of short) this.warnedShort.add(key(name));
    return [shortSecretWarning(short)];
  }

  /**
   * What the page may see of a result: every string with the padlocked values replaced, for
   * failures too (an INVALID_URL message quotes the URL). The full body kept for "Save body" is
   * redacted the same way when it is text.
   */
  private redactResult(result: SendResult, secrets: readonly string[]): SendResult {
    if (secrets.length === 0) return result;
    const { responses } = this.deps;
    if (result.ok && !result.response.body.binary) {
      const kept = responses.get(result.response.responseId);
      if (kept) {
        const text = kept.toString('utf8');
        const clean = redact(text, secrets);
        if (clean !== text) responses.replace(result.response.responseId, Buffer.from(clean, 'utf8'));
      }
    }
    return redactDeep(result, secrets);
  }

  /**
   * History is a convenience: a failure to write it never fails the send. It is logged, and said
   * in the result (returned here) so the user knows this one is not in History.
   */
  private async record(request: SentRequest, sent: Parameters<typeof historyEntry>[1], secrets: readonly string[]): Promise<string | null> {
    const { history } = this.deps;
    try {
      await history.append(historyEntry(request, sent, secrets));
      this.deps.historyChanged((await history.list({ limit: 1, offset: 0 })).total);
      return null;
    } catch (error) {
      const why = redact(error instanceof Error ? error.message : String(error), secrets);
      console.error(`Could not write history: ${why}`);
      return `This send is not in History: it could not be written (${why}). The response here is complete.`;
    }
  }

  /** Captured values go to the environment the request was sent in, or to this session when none was. */
  private async keepCaptures(env: Environment | null, captures: CaptureOutcome): Promise<CaptureReport> {
    if (captures.captured.length > 0) {
      if (env) {
        // Re-read: the environment may have been edited while the request was on the wire.
        await this.deps.credentials.saveEnvironment(applyToEnvironment(this.deps.environments.get(env.id), captures.captured));
        await this.deps.environmentsChanged();
      } else {
        for (const { variable, value } of captures.captured) {
          this.sessionCaptures = [...this.sessionCaptures.filter((v) => v.key !== variable), { key: variable, value, enabled: true }];
        }
      }
    }
    return { ...captures, target: env ? 'environment' : 'session' };
  }
}
