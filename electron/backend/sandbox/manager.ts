import type { SandboxStatus } from '../../../shared/contract';
import { DEMO_CREDENTIALS, startSandbox, type SandboxHandle, type SimulateInboundInput, type SimulateInboundResult } from './index';
import { ApiError } from './errors';
import type { RetryPolicy } from './callbacks/deliveryQueue';
import type { SandboxSecretKeeper } from './persistence';
import { BackendError } from '../errors';

export interface SandboxManagerOptions {
  /** Keep the sandbox's state in this file across restarts; in memory only when absent. */
  statePath?: string;
  secrets?: SandboxSecretKeeper;
  /** Something in the running sandbox changed (a webhook, a pending callback): the listener's notice may change. */
  onContentChange?: () => void;
  /** Tests: the callback retry schedule. */
  callbackRetry?: Partial<RetryPolicy>;
}

/**
 * The app's own sandbox: started on a free loopback port the first time an environment needs it,
 * kept running until the app closes. Its state (the user's test data) is saved under the app's
 * data folder when `statePath` is given, so a restart finds the same apps, contacts and messages.
 */
export class SandboxManager {
  private handle: SandboxHandle | null = null;
  private starting: Promise<SandboxHandle> | null = null;
  private notice: string | null = null;

  constructor(
    private readonly onChange: (status: SandboxStatus) => void,
    private readonly options: SandboxManagerOptions = {},
  ) {}

  status(): SandboxStatus {
    return {
      running: this.handle !== null,
      urls: this.handle ? { conversationUrl: this.handle.conversationUrl, templateUrl: this.handle.templateUrl } : null,
      authUrl: this.handle?.authUrl ?? null,
      demo: { projectId: DEMO_CREDENTIALS.projectId, keyId: DEMO_CREDENTIALS.keyId },
      statePath: this.options.statePath ?? null,
      notice: this.notice,
    };
  }

  async ensureStarted(): Promise<SandboxHandle> {
    if (this.handle) return this.handle;
    const { statePath, secrets } = this.options;
    this.starting ??= startSandbox({
      port: 0,
      ...(this.options.onContentChange ? { onChange: this.options.onContentChange } : {}),
      ...(this.options.callbackRetry ? { callbackRetry: this.options.callbackRetry } : {}),
      ...(statePath
        ? {
            persist: {
              path: statePath,
              ...(secrets ? { secrets } : {}),
              onProblem: (message: string) => this.setNotice(message),
            },
          }
        : {}),
    }).then(
      (handle) => {
        this.handle = handle;
        this.starting = null;
        this.notice = handle.restoreNotice ?? this.notice;
        this.onChange(this.status());
        return handle;
      },
      (error: unknown) => {
        this.starting = null;
        throw new BackendError('INTERNAL', `The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return this.starting;
  }

  /** Empties the sandbox (and its saved state); the page then offers to clear ids that pointed into it. */
  async reset(): Promise<SandboxStatus> {
    const handle = await this.ensureStarted();
    handle.reset();
    await handle.flush();
    this.notice = null;
    this.onChange(this.status());
    return this.status();
  }

  dismissNotice(): SandboxStatus {
    this.notice = null;
    this.onChange(this.status());
    return this.status();
  }

  private setNotice(message: string): void {
    if (this.notice === message) return;
    this.notice = message;
    this.onChange(this.status());
  }

  /** The token URL and (public, demo) key a client of the running sandbox uses; null when it is not running. */
  clientAuth(): { tokenUrl: string; keyId: string; keySecret: string } | null {
    return this.handle ? { tokenUrl: this.handle.authUrl, keyId: this.handle.keyId, keySecret: this.handle.keySecret } : null;
  }

  /** The running sandbox's webhook secrets (none when it is not running). */
  webhookSecrets(): { webhookId: string; appId: string; target: string; secret: string }[] {
    return this.handle?.webhookSecrets() ?? [];
  }

  /** The running sandbox's HTTP webhooks (none when it is not running). */
  webhookTargets(): { webhookId: string; appId: string; target: string }[] {
    return this.handle?.webhookTargets() ?? [];
  }

  /** Callbacks waiting for a retry to a URL `matches` accepts are sent now: their receiver just started. */
  retryCallbacksNow(matches: (url: string) => boolean): number {
    return this.handle?.retryCallbacksNow(matches) ?? 0;
  }

  async simulateInbound(input: SimulateInboundInput): Promise<SimulateInboundResult> {
    const handle = await this.ensureStarted();
    try {
      return await handle.simulateInbound(input);
    } catch (error) {
      // The sandbox answers in Sinch's error envelope; the page wants the sentence.
      if (error instanceof ApiError) throw new BackendError(error.httpStatus === 404 ? 'NOT_FOUND' : 'INVALID_INPUT', error.message);
      throw error;
    }
  }

  async stop(): Promise<void> {
    const handle = this.handle ?? (await this.starting?.catch(() => null)) ?? null;
    this.handle = null;
    if (handle) {
      await handle.close();
      this.onChange(this.status());
    }
  }
}
