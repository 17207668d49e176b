import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TextDecoder } from 'node:util';
import {
  classifyTrigger,
  correlationOf,
  summarize,
  tryParse,
  type ForwardOutcome,
  type RejectReason,
  type SignatureVerdict,
  type WebhookEvent,
  type WebhookHeader,
} from '../../../shared/model/webhookEvent';
import { BackendError } from '../errors';
import { ulid } from '../conversation/ulid';
import type { WebhookEventStore } from './eventStore';
import { forwardCallback } from './forward';
import { REPLAY_OF_HEADER } from './replay';
import { NonceCache, signatureHeadersOf, verifyCallback, type CandidateSecret } from './verify';

/** Port the listener uses unless told otherwise (documented in the CLI help and the page). */
export const DEFAULT_LISTENER_PORT = 3737;
export const DEFAULT_LISTENER_HOST = '127.0.0.1';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Time a client has to send its whole body once the headers are in. */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;
/** Time a client has to send its headers. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_NONCE_CACHE_SIZE = 10_000;
/** Bytes of a non-UTF-8 body also shown as (lossy) text; the whole body is kept as base64. */
export const BINARY_PREVIEW_BYTES = 1024;

export interface ReplyConfig {
  /** Default 200. Non-2xx makes Sinch retry: useful to test a handler's idempotency. */
  status: number;
  /** Default '' (empty body). */
  body: string;
  /** Default 'text/plain; charset=utf-8'; only sent with a body. */
  contentType: string;
  /** Wait before answering, ms (default 0): to see how the sender copes with a slow endpoint. */
  delayMs: number;
}

export const DEFAULT_REPLY: ReplyConfig = { status: 200, body: '', contentType: 'text/plain; charset=utf-8', delayMs: 0 };

/** Who might have signed a callback: the listener asks per request, with what the body says. */
export type SecretsProvider = (event: { appId?: string; projectId?: string; path: string }) => CandidateSecret[] | Promise<CandidateSecret[]>;

export interface WebhookListenerOptions {
  port?: number;
  host?: string;
  reply?: Partial<ReplyConfig>;
  maxBodyBytes?: number;
  /**
   * Body bytes held at once across every request being received or recorded (default 16 ×
   * maxBodyBytes). Past it a request is answered 503 (Sinch retries) and listed as rejected, so a
   * flood of parallel bodies cannot grow memory without bound.
   */
  maxBufferedBytes?: number;
  bodyTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Accepted timestamp skew, seconds (default 300). */
  toleranceSeconds?: number;
  nonceCacheSize?: number;
  secretsFor?: SecretsProvider;
  /** Persist here; without one, events are only emitted. Must be loaded (the listener loads it). */
  store?: WebhookEventStore;
  /** Forward every callback to this URL (after answering the sender). */
  forwardTo?: string | null;
  forwardTimeoutMs?: number;
  onEvent?: (event: WebhookEvent) => void;
  /** A forward finished: the event now carries `forwarded`. */
  onForwarded?: (event: WebhookEvent) => void;
  /** Receiver clock in ms, for tests of the skew window. */
  now?: () => number;
}

export interface ListenerStatus {
  listening: boolean;
  host: string;
  /** Actual port (useful with port 0). */
  port: number;
  /** e.g. http://127.0.0.1:3737/ — any path is accepted. */
  url: string;
  /** Set when the listener is reachable from other machines. */
  warning?: string;
  reply: ReplyConfig;
  maxBodyBytes: number;
  forwardTo: string | null;
  received: number;
  rejected: number;
  startedAt: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The webhook listener: a plain HTTP server that keeps each request's raw bytes, verifies the
 * Sinch signature over them, classifies and stores the callback, answers as configured and, if
 * asked, forwards it. Nothing received is dropped: malformed JSON, other content types, empty,
 * oversized (413), slow (408) and wrong-method (405) requests are all recorded and flagged.
 */
export class WebhookListener {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Requests still receiving their body, each with its deadline (see watch). */
  private readonly deadlines = new Set<Deadline>();
  private sweeper: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly nonces: NonceCache;
  private reply: ReplyConfig;
  private forwardTo: string | null;
  private host: string;
  private port: number;
  private received = 0;
  /** Body bytes currently held by requests in flight (see maxBufferedBytes). */
  private buffered = 0;
  private rejectedCount = 0;
  private startedAt: string | null = null;

  constructor(private readonly options: WebhookListenerOptions = {}) {
    this.reply = { ...DEFAULT_REPLY, ...options.reply };
    this.forwardTo = options.forwardTo ?? null;
    this.host = options.host ?? DEFAULT_LISTENER_HOST;
    this.port = options.port ?? DEFAULT_LISTENER_PORT;
    this.nonces = new NonceCache(options.nonceCacheSize ?? DEFAULT_NONCE_CACHE_SIZE);
  }

  private get maxBodyBytes(): number {
    return this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  async start(): Promise<ListenerStatus> {
    if (this.server) return this.status();
    await this.options.store?.load();
    const headersTimeout = this.options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
    // Node enforces headersTimeout only when it sweeps its connections, every 30 s by default, so
    // a slow-header client outlived a 10 s timeout by up to 30 s. Sweep at a tenth of the timeout.
    const server = createServer({ connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 10))) }, (req, res) =>
      this.handle(req, res),
    );
    server.headersTimeout = headersTimeout;
    // Our own body timer answers 408 and records the event; Node's is only a backstop.
    server.requestTimeout = (this.options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS) + server.headersTimeout + 1000;
    server.keepAliveTimeout = 5000;
    // Node's sweep ignores a connection that has sent nothing yet: time its first headers here.
    const firstHeaders = new WeakMap<Socket, NodeJS.Timeout>();
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      const timer = setTimeout(() => socket.destroy(), headersTimeout);
      firstHeaders.set(socket, timer);
      socket.on('close', () => {
        clearTimeout(timer);
        this.sockets.delete(socket);
      });
    });
    server.on('request', (req: IncomingMessage) => clearTimeout(firstHeaders.get(req.socket)));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        if (error.code === 'EADDRINUSE') {
          reject(
            new BackendError(
              'CONFLICT',
              `Port ${this.port} on ${this.host} is already in use (another webhook listener, a tunnel client or another app). Stop that program, or choose another port (e.g. ${this.port + 1}, or 0 for any free port).`,
            ),
          );
        } else if (error.code === 'EACCES') {
          reject(
            new BackendError(
              'CONFLICT',
              `Not allowed to listen on port ${this.port} on ${this.host}; ports below 1024 need administrator rights. Choose a port above 1024.`,
            ),
          );
        } else {
          reject(new BackendError('INTERNAL', `Cannot listen on ${this.host}:${this.port}: ${error.message}`));
        }
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(this.port, this.host, 511);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.startedAt = new Date().toISOString();
    return this.status();
  }

  /** Stops accepting, drops open connections, waits for pending records, flushes the store. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.deadlines.clear();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
    });
    await this.idle();
    await this.options.store?.flush();
    this.startedAt = null;
  }

  /** Resolves when every request received so far is recorded and its forward has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  status(): ListenerStatus {
    const listening = this.server !== null;
    const shownHost = this.host.includes(':') ? `[${this.host}]` : this.host;
    const status: ListenerStatus = {
      listening,
      host: this.host,
      port: this.port,
      url: `http://${this.host === '0.0.0.0' || this.host === '::' ? '127.0.0.1' : shownHost}:${this.port}/`,
      reply: { ...this.reply },
      maxBodyBytes: this.maxBodyBytes,
      forwardTo: this.forwardTo,
      received: this.received,
      rejected: this.rejectedCount,
      startedAt: this.startedAt,
    };
    if (!LOOPBACK.has(this.host)) {
      status.warning = `Listening on ${this.host}: reachable from other machines on your network, and anyone who can reach it can post fake callbacks. Use 127.0.0.1 with a tunnel unless you need this.`;
    }
    return status;
  }

  /** Changes the answer given to the next callbacks. */
  setReply(reply: Partial<ReplyConfig>): ReplyConfig {
    const next = { ...this.reply, ...reply };
    if (!Number.isInteger(next.status) || next.status < 100 || next.status > 599) {
      throw new BackendError('INVALID_INPUT', `Reply status must be an HTTP status between 100 and 599 (got ${next.status}).`);
    }
    if (!Number.isFinite(next.delayMs) || next.delayMs < 0 || next.delayMs > 120_000) {
      throw new BackendError('INVALID_INPUT', 'Reply delay must be between 0 and 120000 ms.');
    }
    this.reply = next;
    return { ...next };
  }

  setForwardTo(target: string | null): void {
    if (target !== null) {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        throw new BackendError('INVALID_INPUT', `"${target}" is not a URL; forward to something like http://localhost:3000/webhook.`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BackendError('INVALID_INPUT', 'Forward target must be an http or https URL.');
    }
    this.forwardTo = target;
  }

  /** Forgets the nonces seen so far (e.g. after clearing the event list). */
  forgetNonces(): void {
    this.nonces.clear();
  }

  /**
   * Expires requests whose body is late. One interval (a tenth of the timeout, at most 250 ms)
   * while any request is in flight: a 408 comes at most that much after its deadline.
   */
  private watch(deadline: Deadline, timeoutMs: number): void {
    this.deadlines.add(deadline);
    if (this.sweeper) return;
    this.sweeper = setInterval(
      () => {
        const now = Date.now();
        for (const d of this.deadlines) {
          if (d.at > now) continue;
          this.deadlines.delete(d);
          d.expire();
        }
        if (this.deadlines.size === 0 && this.sweeper) {
          clearInterval(this.sweeper);
          this.sweeper = null;
        }
      },
      Math.max(10, Math.min(250, Math.floor(timeoutMs / 10))),
    );
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const receivedAt = new Date(this.nowMs());
    const headers: WebhookHeader[] = [];
    const raw = req.rawHeaders;
    // Content-Length read here, not from req.headers: that object is built lazily, only if asked for.
    let declared = NaN;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] as string;
      const value = raw[i + 1] as string;
      headers.push({ name, value });
      if (name.length === 14 && Number.isNaN(declared) && name.toLowerCase() === 'content-length') declared = Number(value);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const max = this.maxBodyBytes;
    // An oversized body is drained (up to a hard cap) before answering 413, so the client reads
    // our answer instead of a reset connection.
    const hardCap = Math.max(max * 16, 16 * 1024 * 1024);
    // Made only for a 413 (which waits for it), not a promise per callback.
    let isDrained = false;
    let onDrained: (() => void) | null = null;
    const markDrained = (): void => {
      isDrained = true;
      onDrained?.();
    };
    const drained = (): Promise<void> => (isDrained ? Promise.resolve() : new Promise<void>((resolve) => (onDrained = resolve)));

    // Bytes of this request counted in this.buffered, given back once it is recorded.
    let held = 0;
    const release = (): void => {
      this.buffered -= held;
      held = 0;
    };
    const bufferCap = this.options.maxBufferedBytes ?? max * 16;

    const record = (reason: RejectReason | null, message: string, status: number, body: Buffer, sizeBytes: number): void => {
      if (finished) return;
      finished = true;
      this.deadlines.delete(deadline);
      // `body` is the one copy kept from here on; the chunks would otherwise live as long as the request.
      chunks.length = 0;
      if (body.length === 0) release();
      // Recording failed (e.g. the disk); still answer so the sender does not hang.
      const failed = (): void => {
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
      };
      let pending: Promise<void> | void;
      try {
        pending = this.process({ req, res, receivedAt, headers, body, sizeBytes, status, rejected: reason ? { reason, message } : null, drained });
      } catch {
        failed();
        pending = undefined;
      }
      // Most callbacks are done by now (no secret lookup to wait for, no delay, no forward): no promise to track.
      if (pending) void this.track(pending.catch(failed).finally(release));
      else release();
    };

    const timeoutMs = this.options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
    // Checked by one sweep for every request in flight, not a timer armed and cleared per callback.
    const deadline: Deadline = {
      at: Date.now() + timeoutMs,
      expire: () =>
        record('timeout', `The client sent ${size} byte(s) of its body in ${timeoutMs} ms and then stalled; answered 408.`, 408, Buffer.concat(chunks), size),
    };
    this.watch(deadline, timeoutMs);

    if (Number.isFinite(declared) && declared > max) {
      record('too_large', `Content-Length ${declared} exceeds the ${max}-byte limit; answered 413 and did not keep the body.`, 413, Buffer.alloc(0), declared);
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > hardCap) markDrained();
      if (finished) return;
      if (size > max) {
        chunks.length = 0;
        record('too_large', `The body exceeded the ${max}-byte limit; answered 413 and did not keep it.`, 413, Buffer.alloc(0), size);
        return;
      }
      if (this.buffered + chunk.length > bufferCap) {
        chunks.length = 0;
        record(
          'too_large',
          `The listener was already holding ${this.buffered} bytes of other callbacks' bodies (limit ${bufferCap}); answered 503 so the sender retries, and did not keep this body.`,
          503,
          Buffer.alloc(0),
          size,
        );
        return;
      }
      chunks.push(chunk);
      held += chunk.length;
      this.buffered += chunk.length;
    });
    req.on('end', () => {
      markDrained();
      if (req.method !== 'POST') {
        record('method', `Sinch callbacks are POST requests; answered 405 to ${req.method ?? '?'}.`, 405, Buffer.concat(chunks), size);
      } else {
        record(null, '', this.reply.status, Buffer.concat(chunks), size);
      }
    });
    req.on('close', () => {
      markDrained();
      if (!req.complete && !finished) record('aborted', `The client closed the connection after ${size} byte(s) of its body.`, 0, Buffer.concat(chunks), size);
    });
  }

  /** Classifies, verifies, stores and answers one request; returns a promise only when something is still to wait for. */
  private process(input: ProcessInput): Promise<void> | void {
    const { req, headers, body, rejected } = input;
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    let bodyText: string;
    let bodyBase64: string | undefined;
    try {
      bodyText = utf8.decode(body);
    } catch {
      // Not UTF-8: the bytes are kept once, as base64. The text is a short lossy preview (for the
      // list and search), not a second copy that would be larger still as U+FFFD in UTF-16.
      bodyText = body.subarray(0, BINARY_PREVIEW_BYTES).toString('utf8');
      bodyBase64 = body.toString('base64');
    }
    const parsed = tryParse(bodyText);
    const json = parsed.ok ? parsed.value : undefined;
    const correlation = correlationOf(json);
    const parts: Parsed = { path, query: q >= 0 ? rawUrl.slice(q + 1) : '', bodyText, bodyBase64, parsed, json, correlation };
    if (rejected && rejected.reason !== 'timeout' && rejected.reason !== 'method') {
      return this.finish(input, parts, verdictWithoutBody(headers, rejected.message));
    }
    let candidates: CandidateSecret[] | Promise<CandidateSecret[]>;
    try {
      candidates = this.options.secretsFor?.({ appId: correlation.appId, projectId: correlation.projectId, path }) ?? [];
    } catch {
      candidates = [];
    }
    if (Array.isArray(candidates)) return this.finish(input, parts, this.verify(input, candidates));
    return candidates.then(
      (found) => this.finish(input, parts, this.verify(input, found)),
      () => this.finish(input, parts, this.verify(input, [])),
    );
  }

  private verify(input: ProcessInput, candidates: CandidateSecret[]): SignatureVerdict {
    return verifyCallback(input.body, input.headers, candidates, {
      nowSeconds: Math.floor(this.nowMs() / 1000),
      toleranceSeconds: this.options.toleranceSeconds,
      nonces: input.rejected ? undefined : this.nonces,
    });
  }

  private finish(input: ProcessInput, parts: Parsed, verdict: SignatureVerdict): Promise<void> | void {
    const { req, res, headers, body, rejected } = input;
    const { bodyText, parsed, json, correlation } = parts;
    let contentType = '';
    let replayOf: string | undefined;
    for (const h of headers) {
      const name = h.name.toLowerCase();
      if (name === 'content-type' && contentType === '') contentType = h.value;
      else if (name === REPLAY_OF_HEADER && replayOf === undefined) replayOf = h.value;
    }
    const jsonState: WebhookEvent['json'] = parsed.ok
      ? { ok: true }
      : {
          ok: false,
          error:
            bodyText.trim() === ''
              ? 'empty body'
              : contentType !== '' && !/json/i.test(contentType)
                ? `not JSON (Content-Type ${contentType}): ${parsed.error}`
                : parsed.error,
        };
    const trigger = classifyTrigger(json);
    let summary = parsed.ok ? summarize(json, trigger, correlation) : jsonState.ok ? '' : `${input.sizeBytes} bytes · ${jsonState.error}`;
    if (rejected?.reason === 'too_large' || rejected?.reason === 'timeout' || rejected?.reason === 'aborted')
      summary = `${rejected.reason.toUpperCase()} · ${input.sizeBytes} bytes`;
    // One literal with every field (absent ones undefined, which JSON leaves out): adding or deleting
    // fields after it is made moves V8 off its fast path, at this rate a visible cost.
    const event: WebhookEvent = {
      id: ulid(input.receivedAt.getTime()),
      receivedAt: input.receivedAt.toISOString(),
      method: req.method ?? 'GET',
      path: parts.path,
      query: parts.query,
      headers,
      bodyText,
      bodyBase64: parts.bodyBase64,
      sizeBytes: input.sizeBytes,
      contentType,
      responseStatus: input.status,
      rejected,
      json: jsonState,
      trigger,
      summary,
      correlation,
      verdict,
      replayOf,
    };
    this.received += 1;
    if (rejected) this.rejectedCount += 1;
    // Queued for the next batched write (the store answers queries from memory until then, and
    // stop() flushes it): safe to answer now, before the disk has it.
    this.options.store?.append(event, json, parts.bodyBase64 === undefined ? body : undefined);
    const answered =
      rejected?.reason === 'too_large' ? input.drained().then(() => this.answer(res, input.status, rejected)) : this.answer(res, input.status, rejected);
    try {
      this.options.onEvent?.(event);
    } catch {
      /* a listener callback must not break the server */
    }
    const target = this.forwardTo;
    const forward = target && !rejected ? (): Promise<void> => this.forward(target, event, headers, body) : null;
    if (answered) return forward ? answered.then(forward) : answered;
    return forward ? forward() : undefined;
  }

  private async forward(target: string, event: WebhookEvent, headers: WebhookHeader[], body: Buffer): Promise<void> {
    const outcome: ForwardOutcome = await forwardCallback(target, { method: event.method, headers, body }, { timeoutMs: this.options.forwardTimeoutMs });
    event.forwarded = outcome;
    this.options.store?.setForwarded(event.id, outcome);
    try {
      this.options.onForwarded?.(event);
    } catch {
      /* ignore */
    }
  }

  /** Sends the configured answer; a promise only when it is delayed. */
  private answer(res: ServerResponse, status: number, rejected: WebhookEvent['rejected']): Promise<void> | void {
    if (res.destroyed || res.headersSent || status === 0) return;
    if (rejected) {
      const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' };
      if (rejected.reason === 'method') headers['Allow'] = 'POST';
      res.writeHead(status, headers);
      res.end(`${rejected.message}\n`);
      // A client still sending a huge body is cut off once our answer is out.
      if (rejected.reason === 'timeout' || rejected.reason === 'too_large') res.on('finish', () => res.socket?.destroySoon());
      return;
    }
    const { body, contentType, delayMs } = this.reply;
    const send = (): void => {
      if (res.destroyed) return;
      if (body !== '') res.writeHead(status, { 'Content-Type': contentType });
      else res.writeHead(status);
      res.end(body);
    };
    if (delayMs <= 0) return send();
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, delayMs);
      this.timers.add(t);
      res.once('close', () => {
        clearTimeout(t);
        this.timers.delete(t);
        resolve();
      });
    }).then(send);
  }

  private nowMs(): number {
    return this.options.now ? this.options.now() : Date.now();
  }
}

interface ProcessInput {
  req: IncomingMessage;
  res: ServerResponse;
  receivedAt: Date;
  headers: WebhookHeader[];
  body: Buffer;
  sizeBytes: number;
  status: number;
  rejected: WebhookEvent['rejected'];
  drained: () => Promise<void>;
}

/** When a request in flight must have sent its whole body, and what to do if not. */
interface Deadline {
  at: number;
  expire: () => void;
}

/** What `process` read from the request before the verdict. */
interface Parsed {
  path: string;
  query: string;
  bodyText: string;
  bodyBase64: string | undefined;
  parsed: ReturnType<typeof tryParse>;
  json: unknown;
  correlation: WebhookEvent['correlation'];
}

/** A rejected body cannot be verified; say what the headers alone show. */
function verdictWithoutBody(headers: readonly WebhookHeader[], why: string): SignatureVerdict {
  const h = signatureHeadersOf(headers);
  if (h.signature === undefined && h.nonce === undefined && h.timestamp === undefined && h.algorithm === undefined) {
    return { kind: 'unsigned', details: { nonceSeenBefore: false } };
  }
  const details = { receivedSignature: h.signature, nonce: h.nonce, timestamp: h.timestamp, algorithm: h.algorithm, nonceSeenBefore: false };
  if (h.signature === undefined || h.nonce === undefined || h.timestamp === undefined)
    return { kind: 'malformed_headers', details: { ...details, note: 'Some signature headers are missing.' } };
  return { kind: 'invalid', details: { ...details, note: `Not verified: ${why}` } };
}
