import { publicUrlProblem, type TunnelState } from '../../../shared/model/project';
import { BackendError } from '../errors';
import type { SecretVault } from '../secrets/index';
import { NGROK_AUTHTOKEN_ACCOUNT } from '../secrets/accounts';
import { redact } from '../auth/index';
import { AgentUnavailableError, ngrokAgent, type TunnelAgent, type TunnelHandle } from './ngrokAgent';

export const NO_AUTHTOKEN_MESSAGE = 'Add your ngrok authtoken (dashboard.ngrok.com) or paste a URL your own tunnel forwards.';
export const TUNNEL_START_TIMEOUT_MS = 10_000;

interface Deps {
  vault: SecretVault;
  /** The running listener's URL, or null when it is stopped. */
  listenerUrl: () => string | null;
  onChange: (state: TunnelState) => void;
  /** Where a pasted URL is remembered (not a secret). */
  loadPasted: () => Promise<string | null>;
  savePasted: (url: string | null) => Promise<void>;
  agent?: TunnelAgent;
  /** Tests only: ngrok's ingress address. */
  serverAddr?: string;
  startTimeoutMs?: number;
}

/**
 * The public URL Sinch's cloud can call: a URL the user's own tunnel forwards (pasted), or an
 * ngrok tunnel started here with the authtoken in the keychain. Starting is bounded: after
 * `startTimeoutMs` it gives up with one line, and nothing reconnects in the background.
 */
export class TunnelService {
  private mode: TunnelState['mode'] = 'off';
  private status: TunnelState['status'] = 'idle';
  private publicUrl: string | null = null;
  private pasted: string | null = null;
  private error: string | undefined;
  private hasAuthtoken = false;
  private handle: TunnelHandle | null = null;
  /** Bumped by every start/stop: a late answer of an abandoned start is closed, not used. */
  private generation = 0;

  constructor(private readonly deps: Deps) {}

  async load(): Promise<void> {
    this.pasted = await this.deps.loadPasted().catch(() => null);
    // Kept by an earlier version that took http:// too: not used, and said so until a new one is pasted.
    if (this.pasted && publicUrlProblem(this.pasted)) {
      this.error = `The saved public URL ${this.pasted} is not used. ${publicUrlProblem(this.pasted) ?? ''}`;
      this.pasted = null;
    }
    if (this.pasted) {
      this.mode = 'pasted';
      this.status = 'online';
      this.publicUrl = this.pasted;
    }
    await this.refreshAuthtoken();
  }

  state(): TunnelState {
    return {
      mode: this.mode,
      status: this.status,
      publicUrl: this.publicUrl,
      forwardsTo: this.deps.listenerUrl(),
      hasAuthtoken: this.hasAuthtoken,
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /** The URL callbacks should go to: the ngrok URL while it is up, else the pasted one. */
  currentPublicUrl(): string | null {
    return this.status === 'online' ? this.publicUrl : null;
  }

  private changed(): TunnelState {
    const state = this.state();
    this.deps.onChange(state);
    return state;
  }

  private async refreshAuthtoken(): Promise<void> {
    try {
      this.hasAuthtoken = await this.deps.vault.has(NGROK_AUTHTOKEN_ACCOUNT);
    } catch {
      this.hasAuthtoken = false;
    }
  }

  async setAuthtoken(value: string): Promise<TunnelState> {
    await this.deps.vault.set(NGROK_AUTHTOKEN_ACCOUNT, value.trim());
    this.hasAuthtoken = true;
    if (this.status === 'error' && this.error === NO_AUTHTOKEN_MESSAGE) this.error = undefined;
    return this.changed();
  }

  async deleteAuthtoken(): Promise<TunnelState> {
    await this.deps.vault.delete(NGROK_AUTHTOKEN_ACCOUNT);
    this.hasAuthtoken = false;
    return this.changed();
  }

  async setPublicUrl(url: string | null): Promise<TunnelState> {
    const problem = url === null ? null : publicUrlProblem(url);
    if (problem) throw new BackendError('INVALID_INPUT', problem);
    await this.closeHandle();
    this.pasted = url;
    await this.deps.savePasted(url);
    this.error = undefined;
    if (url) {
      this.mode = 'pasted';
      this.status = 'online';
      this.publicUrl = url;
    } else {
      this.mode = 'off';
      this.status = 'idle';
      this.publicUrl = null;
    }
    return this.changed();
  }

  private fail(message: string): TunnelState {
    this.status = 'error';
    this.error = message;
    // The pasted URL keeps working when ngrok does not.
    if (this.pasted) {
      this.mode = 'pasted';
      this.publicUrl = this.pasted;
    } else {
      this.mode = 'ngrok';
      this.publicUrl = null;
    }
    return this.changed();
  }

  async start(): Promise<TunnelState> {
    const generation = ++this.generation;
    await this.closeHandle();
    let token: string | null = null;
    try {
      token = await this.deps.vault.get(NGROK_AUTHTOKEN_ACCOUNT);
    } catch (error) {
      return this.fail(`The keychain could not be read for the ngrok authtoken: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.hasAuthtoken = token !== null && token !== '';
    if (!token) return this.fail(NO_AUTHTOKEN_MESSAGE);
    const forwardTo = this.deps.listenerUrl();
    if (!forwardTo) return this.fail('Start the listener first: the tunnel forwards to it.');

    this.mode = 'ngrok';
    this.status = 'starting';
    this.publicUrl = null;
    this.error = undefined;
    this.changed();
    const agent = this.deps.agent ?? ngrokAgent;
    const timeoutMs = this.deps.startTimeoutMs ?? TUNNEL_START_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const attempt = agent.start({
      authtoken: token,
      forwardTo: forwardTo.replace(/\/+$/, ''),
      ...(this.deps.serverAddr ? { serverAddr: this.deps.serverAddr } : {}),
      onDisconnect: (error) => {
        if (generation !== this.generation) return;
        // Closing the session stops the library's own reconnect loop.
        void this.closeHandle();
        this.fail(`The ngrok tunnel was lost (${oneLine(redact(error, [token]))}). Start it again, or paste a URL.`);
      },
    });
    try {
      const handle = await Promise.race([
        attempt,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimeoutError()), timeoutMs);
        }),
      ]);
      if (generation !== this.generation) {
        await handle.close();
        return this.state();
      }
      this.handle = handle;
      this.status = 'online';
      this.publicUrl = handle.url;
      return this.changed();
    } catch (error) {
      // An abandoned attempt that still succeeds later is closed at once.
      attempt
        .then(
          (late) => late.close(),
          () => undefined,
        )
        .catch(() => undefined);
      if (generation !== this.generation) return this.state();
      if (error instanceof TimeoutError)
        return this.fail(`ngrok did not answer within ${Math.round(timeoutMs / 1000)} s: is this machine online? Or paste a URL your own tunnel forwards.`);
      if (error instanceof AgentUnavailableError) return this.fail(error.message);
      return this.fail(
        `ngrok could not start a tunnel: ${oneLine(redact(error instanceof Error ? error.message : String(error), [token]))}. Check the authtoken and the network, or paste a URL.`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle) await handle.close().catch(() => undefined);
  }

  async stop(): Promise<TunnelState> {
    this.generation++;
    await this.closeHandle();
    this.error = undefined;
    if (this.pasted) {
      this.mode = 'pasted';
      this.status = 'online';
      this.publicUrl = this.pasted;
    } else {
      this.mode = 'off';
      this.status = 'idle';
      this.publicUrl = null;
    }
    return this.changed();
  }

  /** On backend close: the tunnel goes down, no event is sent. */
  async close(): Promise<void> {
    this.generation++;
    await this.closeHandle();
  }
}

class TimeoutError extends Error {}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
