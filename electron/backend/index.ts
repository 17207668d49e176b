import type {
  AppInfo,
  EventName,
  EventPayload,
  MethodName,
  MethodOutput,
  ParsedInput,
} from '../../shared/contract';
import { findJsonProblem } from '../../shared/jsonProblem';
import { buildScope, resolveRequest } from '../../shared/variables';
import { BackendError } from './errors';
import { DEFAULT_TIMEOUT_MS, HttpExecutor } from './http/executor';
import { ResponseStore } from './http/responseStore';
import { SandboxManager } from './sandboxManager';
import { EnvironmentStore } from './storage/environments';

export interface BackendOptions {
  dataDir: string;
  host: AppInfo['host'];
  version?: string;
}

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Backend {
  handlers: Handlers;
  /** Subscribes to every contract event; returns the unsubscribe function. */
  subscribe(sink: EventSink): () => void;
  close(): Promise<void>;
}

/** The composition root of everything Electron-free: one place where services are wired. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };
  const environments = new EnvironmentStore(options.dataDir);
  await environments.load();
  const responses = new ResponseStore();
  const executor = new HttpExecutor(responses);
  const inFlight = new Map<string, AbortController>();
  const sandbox = new SandboxManager((status) => emit('sandbox.changed', status));

  /** Choosing the Sandbox region starts the sandbox; its URLs then fill {{base_url}}. */
  const syncSandbox = async (): Promise<void> => {
    const active = environments.find(environments.state().activeId);
    if (active?.region === 'sandbox') await sandbox.ensureStarted();
  };
  const changed = async (): Promise<void> => {
    emit('environments.changed', environments.state());
    await syncSandbox();
  };
  await syncSandbox().catch(() => undefined);

  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'Sinch Conversation Explorer',
      version: options.version ?? '0.0.0',
      host: options.host,
      platform: process.platform,
      dataDir: options.dataDir,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    }),
    'environments.list': async () => environments.load(),
    'environments.create': async ({ name, region }) => {
      const env = await environments.create(name, region);
      await changed();
      return env;
    },
    'environments.update': async ({ environment }) => {
      const env = await environments.update(environment);
      await changed();
      return env;
    },
    'environments.duplicate': async ({ id }) => {
      const env = await environments.duplicate(id);
      await changed();
      return env;
    },
    'environments.delete': async ({ id }) => {
      const deleted = await environments.delete(id);
      if (deleted) await changed();
      return { deleted };
    },
    'environments.setActive': async ({ id }) => {
      await environments.setActive(id);
      await changed();
      return environments.state();
    },
    'requests.send': async ({ requestId, request, environmentId, timeoutMs }) => {
      if (inFlight.has(requestId)) throw new BackendError('CONFLICT', `Request ${requestId} is already being sent.`);
      const env = environmentId === null ? null : environments.get(environmentId);
      if (env?.region === 'sandbox') await sandbox.ensureStarted();
      const resolved = resolveRequest(request, buildScope(env, sandbox.status().urls));
      if (env?.region === 'sandbox' && !resolved.headers.some((h) => h.name.toLowerCase() === 'authorization')) {
        resolved.headers.push({ name: 'Authorization', value: sandbox.authorizationHeader() });
      }
      if (request.body.mode === 'json' && resolved.body !== null && resolved.unresolved.length === 0) {
        const problem = jsonProblem(resolved.body);
        if (problem) return { ok: false, error: { code: 'INVALID_BODY', message: problem } };
      }
      const controller = new AbortController();
      inFlight.set(requestId, controller);
      try {
        return await executor.execute(resolved, { timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: controller.signal });
      } finally {
        inFlight.delete(requestId);
      }
    },
    'requests.cancel': async ({ requestId }) => {
      const controller = inFlight.get(requestId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'responses.readBody': async ({ responseId, offset, length }) => {
      const body = responses.get(responseId);
      if (!body) throw new BackendError('NOT_FOUND', 'That response is no longer kept (only the 20 most recent are). Send the request again to save its body.');
      const end = Math.min(body.length, offset + length);
      return { base64: body.subarray(offset, end).toString('base64'), offset, totalBytes: body.length, done: end >= body.length };
    },
    'sandbox.status': async () => sandbox.status(),
    'sandbox.start': async () => {
      await sandbox.ensureStarted();
      return sandbox.status();
    },
    'sandbox.stop': async () => {
      await sandbox.stop();
      return sandbox.status();
    },
    'sandbox.simulateInbound': async (input) => sandbox.simulateInbound(input),
  };

  return {
    handlers,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      for (const controller of inFlight.values()) controller.abort();
      await sandbox.stop();
      sinks.clear();
    },
  };
}

/** A JSON body that does not parse is almost always a typo; say where, before it goes out. */
function jsonProblem(text: string): string | null {
  const problem = findJsonProblem(text);
  if (!problem) return null;
  return `The JSON body is not valid at line ${problem.line}, column ${problem.column}: ${problem.message}. Fix it, or switch the body type to Text to send it as is.`;
}
