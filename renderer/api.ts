/**
 * The only place the page talks to the backend. In Electron the preload exposes one function per
 * contract method; in a browser the same contract travels over the host's WebSocket. Either way
 * callers get typed results and `ApiError`s, never transport details.
 */
import type {
  ContractClient,
  ContractErrorShape,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  WireMessage,
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

export type ConnectionState = 'connecting' | 'open' | 'lost';

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
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private opened: Promise<WebSocket> | null = null;
  private retryMs = 500;
  state: ConnectionState = 'connecting';

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private connect(): Promise<WebSocket> {
    if (this.opened) return this.opened;
    this.opened = new Promise<WebSocket>((resolve, reject) => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(`${scheme}://${location.host}/api`);
      this.socket = socket;
      socket.onopen = () => {
        this.retryMs = 500;
        this.setState('open');
        resolve(socket);
      };
      socket.onmessage = (message) => this.receive(String(message.data));
      socket.onclose = () => {
        const wasOpen = this.state === 'open';
        this.opened = null;
        this.socket = null;
        for (const { reject: fail } of this.pending.values()) {
          fail(new ApiError('DISCONNECTED', 'Lost the connection to the app backend. Is "npm start" still running? The page reconnects by itself.'));
        }
        this.pending.clear();
        this.setState('lost');
        if (!wasOpen) reject(new ApiError('DISCONNECTED', 'Cannot reach the app backend. Start it with "npm start" and reload.'));
        // Reconnect with backoff, so a restarted backend is picked up without a reload.
        setTimeout(() => void this.connect().catch(() => undefined), this.retryMs);
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
export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  if (!socket) {
    listener('open');
    return () => undefined;
  }
  listener(socket.state);
  return socket.onState(listener);
}
