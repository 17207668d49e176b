/**
 * The types the composition root (./services), the handler groups (./handlers) and createBackend
 * (./index.ts) all speak. They live here, below all three, so that none of them imports another
 * for its types: context.ts once took these from index.ts, which imports every handler, and
 * closed a circle through 23 files.
 */
import type { AppInfo, EventName, EventPayload, MethodName, MethodOutput, ParsedInput } from '../../shared/contract';
import type { RetryPolicy } from './sandbox/callbacks/deliveryQueue';
import type { SecretStore } from './secrets/store';
import type { TunnelAgent } from './tunnel/ngrokAgent';

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
