import type { SandboxStatus } from '../../shared/contract';
import { DEMO_CREDENTIALS, startSandbox, type SandboxHandle, type SimulateInboundInput, type SimulateInboundResult } from './sandbox/index';
import { ApiError } from './sandbox/errors';
import { BackendError } from './errors';

/**
 * The app's own sandbox: started on a free loopback port the first time an environment needs it,
 * kept running (its state is in memory) until the app closes.
 */
export class SandboxManager {
  private handle: SandboxHandle | null = null;
  private starting: Promise<SandboxHandle> | null = null;

  constructor(private readonly onChange: (status: SandboxStatus) => void) {}

  status(): SandboxStatus {
    return {
      running: this.handle !== null,
      urls: this.handle ? { conversationUrl: this.handle.conversationUrl, templateUrl: this.handle.templateUrl } : null,
      authUrl: this.handle?.authUrl ?? null,
      demo: { projectId: DEMO_CREDENTIALS.projectId, keyId: DEMO_CREDENTIALS.keyId },
    };
  }

  async ensureStarted(): Promise<SandboxHandle> {
    if (this.handle) return this.handle;
    this.starting ??= startSandbox({ port: 0 }).then(
      (handle) => {
        this.handle = handle;
        this.starting = null;
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

  /** The running sandbox's webhook secrets (none when it is not running). */
  webhookSecrets(): { webhookId: string; appId: string; target: string; secret: string }[] {
    return this.handle?.webhookSecrets() ?? [];
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
