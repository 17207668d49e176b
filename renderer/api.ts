/**
 * The only place the page talks to the backend. In Electron the preload exposes one function per
 * contract method; in a browser the same contract travels over the host's WebSocket. Either way
 * callers get typed results and `ApiError`s, never transport details.
 */
import {
  STALE_TOKEN_CLOSE_CODE,
  type ContractClient,
  type ContractErrorShape,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type WireMessage,
} from '../shared/contract';

type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ContractErrorShape };

interface PreloadApi {
  methods: Record<string, (input: unknown) => Promise<DispatchResult>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    sinch?: PreloadApi;
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ContractErrorShape['code'] | 'DISCONNECTED',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * 'lost': the connection dropped and the page is retrying (a bounded number of times);
 * 'restarted': the host answered that this page's launch token is from an earlier launch;
 * 'unreachable': the retries are used up.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'restarted' | 'unreachable';

/** What the connection banner shows while retrying. */
export interface ConnectionDetail {
  attempt: number;
  maxAttempts: number;
  /** When the next attempt starts (ms since epoch); null when none is planned. */
  nextAttemptAt: number | null;
}

const MAX_ATTEMPTS = 8;
export const RESTARTED_MESSAGE = 'The app was restarted: open the new link printed in the terminal.';

/** The command that started this launch (from app.info), so a lost backend is named as the user started it. */
let launchCommand: string | null = null;
export function setLaunchCommand(command: string | null): void {
  launchCommand = command;
}
/** "Is “npm start” still running?", with the command this launch was started with. */
export function stillRunningQuestion(command: string | null = launchCommand): string {
  return command ? `Is “${command}” still running?` : 'Is the app still running in its terminal?';
}

type Listener = (payload: unknown) => void;

function unwrap(result: DispatchResult): unknown {
  if (result.ok) return result.result;
  throw new ApiError(result.error.code, result.error.message);
}

class WebSocketTransport {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: DispatchResult) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stateListeners = new Set<(state: ConnectionState, detail: ConnectionDetail) => void>();
  private opened: Promise<WebSocket> | null = null;
  private retryMs = 500;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  detail: ConnectionDetail = { attempt: 0, maxAttempts: MAX_ATTEMPTS, nextAttemptAt: null };
  state: ConnectionState = 'connecting';

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state, this.detail);
  }

  onState(listener: (state: ConnectionState, detail: ConnectionDetail) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Tries again now (the banner's button), with a fresh set of attempts. */
  retryNow(): void {
    if (this.state === 'open' || this.state === 'restarted') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryMs = 500;
    this.detail = { attempt: 0, maxAttempts: MAX_ATTEMPTS, nextAttemptAt: null };
    void this.connect().catch(() => undefined);
  }

  private connect(): Promise<WebSocket> {
    if (this.state === 'restarted') return Promise.reject(new ApiError('DISCONNECTED', RESTARTED_MESSAGE));
    if (this.opened) return this.opened;
    this.opened = new Promise<WebSocket>((resolve, reject) => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(`${scheme}://${location.host}/api`);
      this.socket = socket;
      socket.onopen = () => {
        this.retryMs = 500;
        this.detail = { attempt: 0, maxAttempts: MAX_ATTEMPTS, nextAttemptAt: null };
        this.setState('open');
        resolve(socket);
      };
      socket.onmessage = (message) => this.receive(String(message.data));
      socket.onclose = (event) => {
        const wasOpen = this.state === 'open';
        this.opened = null;
        this.socket = null;
        const restarted = event.code === STALE_TOKEN_CLOSE_CODE;
        const reason = restarted
          ? RESTARTED_MESSAGE
          : wasOpen
            ? `Lost the connection to the app backend. ${stillRunningQuestion()} The page reconnects by itself.`
            : `Cannot reach the app backend. ${launchCommand ? `Start it with “${launchCommand}”` : 'Start the app again'} and reload.`;
        for (const { reject: fail } of this.pending.values()) fail(new ApiError('DISCONNECTED', reason));
        this.pending.clear();
        reject(new ApiError('DISCONNECTED', reason));
        if (restarted) {
          // Retrying cannot help: this page's token will never be valid again.
          this.detail = { ...this.detail, nextAttemptAt: null };
          this.setState('restarted');
          return;
        }
        const attempt = wasOpen ? 1 : this.detail.attempt + 1;
        if (attempt > MAX_ATTEMPTS) {
          this.detail = { attempt: MAX_ATTEMPTS, maxAttempts: MAX_ATTEMPTS, nextAttemptAt: null };
          this.setState('unreachable');
          return;
        }
        if (wasOpen) this.retryMs = 500;
        // Reconnect with backoff, so a backend restarted on the same port is picked up without a reload.
        this.detail = { attempt, maxAttempts: MAX_ATTEMPTS, nextAttemptAt: Date.now() + this.retryMs };
        this.setState('lost');
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.connect().catch(() => undefined);
        }, this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      };
    });
    return this.opened;
  }

  private receive(text: string): void {
    let message: WireMessage;
    try {
      message = JSON.parse(text) as WireMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    waiter.resolve(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
  }

  async call(method: string, input: unknown): Promise<DispatchResult> {
    const socket = await this.connect();
    const id = this.nextId++;
    return new Promise<DispatchResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, input }));
    });
  }

  on(event: string, listener: Listener): () => void {
    void this.connect().catch(() => undefined);
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }
}

const preload = typeof window !== 'undefined' ? window.sinch : undefined;
const socket = preload ? null : new WebSocketTransport();

export const api: ContractClient = {
  async call<M extends MethodName>(method: M, ...input: undefined extends MethodInput<M> ? [MethodInput<M>?] : [MethodInput<M>]): Promise<MethodOutput<M>> {
    const arg = input[0];
    if (preload) {
      const fn = preload.methods[method];
      if (!fn) throw new ApiError('UNKNOWN_METHOD', `The app does not offer ${method}; reload the window.`);
      return unwrap(await fn(arg)) as MethodOutput<M>;
    }
    return unwrap(await (socket as WebSocketTransport).call(method, arg)) as MethodOutput<M>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const untyped = listener as Listener;
    return preload ? preload.on(event, untyped) : (socket as WebSocketTransport).on(event, untyped);
  },
};

/** Connection state of the browser transport; always "open" inside Electron. */
export function onConnectionState(listener: (state: ConnectionState, detail: ConnectionDetail) => void): () => void {
  if (!socket) {
    listener('open', { attempt: 0, maxAttempts: MAX_ATTEMPTS, nextAttemptAt: null });
    return () => undefined;
  }
  listener(socket.state, socket.detail);
  return socket.onState(listener);
}

/** Reconnects now instead of waiting for the next attempt (after the retries ran out, too). */
export function retryConnection(): void {
  socket?.retryNow();
}
