import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signCallback } from '../../webhooks/signature';

/**
 * When a refused or failed callback is tried again. Sinch documents its SMS callbacks' schedule (a first retry
 * 5 s after the failure, then doubling) and says Conversation callbacks are retried too: the sandbox does the
 * same, within a bounded number of tries and a bounded time, so a receiver that was down gets what it missed.
 */
export interface RetryPolicy {
  /** Total tries per callback, the first included. */
  attempts: number;
  /** Delay before the first retry; doubles each time (with ±20 % jitter), up to `maxDelayMs`. */
  baseDelayMs: number;
  /** Longest wait between two tries (default 10 minutes). */
  maxDelayMs?: number;
  /** No try later than this after the first one (default 1 hour): the callback is then given up as failed. */
  windowMs?: number;
  /** Per-attempt timeout, connection to full response. */
  timeoutMs: number;
  /** Tests: the wait before retry `n` (1 for the first retry), instead of the doubling. */
  delayFor?: (retry: number) => number;
}

/** The sandbox's defaults: like Sinch's documented schedule, bounded to 10 tries within an hour. */
export const DEFAULT_RETRY_POLICY: Required<Omit<RetryPolicy, 'delayFor'>> = {
  attempts: 10,
  baseDelayMs: 5000,
  maxDelayMs: 10 * 60_000,
  windowMs: 60 * 60_000,
  timeoutMs: 5000,
};

/**
 * Where a callback's signing secret is found. It is looked up at each try and the callback signed afresh (a new
 * nonce and timestamp), so a retry that arrives minutes later still verifies; a webhook deleted meanwhile ends
 * its pending callbacks.
 */
export type CallbackSigner = { kind: 'webhook'; webhookId: string } | { kind: 'callback-url'; appId: string };

export interface CallbackJob {
  url: string;
  body: string;
  headers: Record<string, string>;
  trigger: string;
  webhookId?: string;
  /** Signed at each try with the secret found here (see CallbackSigner); unsigned when it has none. */
  signer?: CallbackSigner;
  /**
   * Callbacks with the same key reach their receiver one after another, in the order they were
   * queued (a message's QUEUED_ON_CHANNEL before its DELIVERED), a retry included; callbacks with
   * different keys still go out side by side.
   */
  orderKey?: string;
}

export interface DeliveryAttempt {
  at: string;
  /** HTTP status, or undefined when no response arrived. */
  status?: number;
  error?: string;
}

export interface DeliveryRecord {
  id: string;
  url: string;
  trigger: string;
  webhookId?: string;
  state: 'pending' | 'delivered' | 'failed' | 'dropped' | 'cancelled';
  attempts: DeliveryAttempt[];
  body: string;
}

/** A callback not delivered yet, as it is kept across a restart (the sandbox's state file holds these). */
export interface PendingCallback {
  url: string;
  body: string;
  trigger: string;
  webhookId?: string;
  signer?: CallbackSigner;
  orderKey?: string;
  /** The tries so far. */
  attempts: DeliveryAttempt[];
  /** Epoch ms of the first try (the retry window counts from it); absent when none was made yet. */
  firstTriedAt?: number;
}

interface QueueOptions extends RetryPolicy {
  /** Callbacks waiting or in flight beyond this are dropped (and logged), keeping memory bounded. */
  maxPending: number;
  concurrency: number;
  /** How many finished records `records()` keeps. */
  history: number;
  log: (line: string) => void;
  /** The secret to sign with now; null when the signer is gone (its webhook or app was deleted). */
  secretFor?: (signer: CallbackSigner) => string | null;
  /** The pending callbacks changed (one queued, delivered or given up): the sandbox saves them. */
  onChange?: () => void;
}

/**
 * Sends callbacks off the request path: enqueue() returns at once, a few workers POST in the
 * background, and failures (connection refused, timeouts, 408/429/5xx) are retried with
 * exponential backoff up to a number of attempts within a time window (RetryPolicy). 4xx other than
 * 408/429 are final, as a receiver that rejects the body will not accept it on a retry either.
 * Pending callbacks can be taken out (`pending()`) and put back (`restore()`) across a restart.
 */
export class DeliveryQueue {
  private readonly ready: DeliveryRecord[] = [];
  private readonly jobs = new Map<string, CallbackJob>();
  /** Records waiting for their next try, with its timer (retryNow() cuts the wait short). */
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  /** Epoch ms of each live record's first try. */
  private readonly firstTried = new Map<string, number>();
  private readonly inFlight = new Set<ClientRequest>();
  private readonly finished: DeliveryRecord[] = [];
  private readonly live = new Map<string, DeliveryRecord>();
  /** orderKey → the id of the record that goes first (in flight or waiting for its retry). */
  private readonly keyHolders = new Map<string, string>();
  private running = 0;
  private closed = false;
  private seq = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly options: QueueOptions) {}

  enqueue(job: CallbackJob, earlier: { attempts?: DeliveryAttempt[]; firstTriedAt?: number } = {}): DeliveryRecord | undefined {
    if (this.closed) return undefined;
    const record: DeliveryRecord = {
      id: `dlv_${++this.seq}`,
      url: job.url,
      trigger: job.trigger,
      webhookId: job.webhookId,
      state: 'pending',
      attempts: [...(earlier.attempts ?? [])],
      body: job.body,
    };
    if (this.live.size >= this.options.maxPending) {
      record.state = 'dropped';
      this.options.log(`callback ${job.trigger} to ${job.url} dropped: ${this.options.maxPending} callbacks already pending`);
      this.remember(record);
      return record;
    }
    this.live.set(record.id, record);
    this.jobs.set(record.id, job);
    if (earlier.firstTriedAt !== undefined) this.firstTried.set(record.id, earlier.firstTriedAt);
    this.ready.push(record);
    this.options.onChange?.();
    this.pump();
    return record;
  }

  /** Callbacks queued, waiting for a retry or in flight, in the order they were queued: what a restart must keep. */
  pending(): PendingCallback[] {
    const out: PendingCallback[] = [];
    for (const record of this.live.values()) {
      const job = this.jobs.get(record.id);
      if (!job) continue;
      const firstTriedAt = this.firstTried.get(record.id);
      out.push({
        url: job.url,
        body: job.body,
        trigger: job.trigger,
        ...(job.webhookId !== undefined ? { webhookId: job.webhookId } : {}),
        ...(job.signer ? { signer: job.signer } : {}),
        ...(job.orderKey !== undefined ? { orderKey: job.orderKey } : {}),
        attempts: record.attempts.map((a) => ({ ...a })),
        ...(firstTriedAt !== undefined ? { firstTriedAt } : {}),
      });
    }
    return out;
  }

  /** Puts back callbacks kept across a restart, in their order, with their tries so far; tried again at once. */
  restore(callbacks: readonly PendingCallback[]): void {
    for (const c of callbacks) {
      const job: CallbackJob = {
        url: c.url,
        body: c.body,
        headers: {},
        trigger: c.trigger,
        ...(c.webhookId !== undefined ? { webhookId: c.webhookId } : {}),
        ...(c.signer ? { signer: c.signer } : {}),
        ...(c.orderKey !== undefined ? { orderKey: c.orderKey } : {}),
      };
      this.enqueue(job, { attempts: c.attempts, ...(c.firstTriedAt !== undefined ? { firstTriedAt: c.firstTriedAt } : {}) });
    }
  }

  /**
   * Tries at once the callbacks waiting for a retry to a URL `matches` (their receiver just came up), instead
   * of at their next scheduled try. Order per order key is kept: a record only jumps its own wait.
   */
  retryNow(matches: (url: string) => boolean): number {
    let woken = 0;
    for (const [id, timer] of [...this.waiting]) {
      const record = this.live.get(id);
      if (!record || !matches(record.url)) continue;
      clearTimeout(timer);
      this.waiting.delete(id);
      this.ready.push(record);
      woken++;
    }
    if (woken > 0) this.pump();
    return woken;
  }

  /** Recent deliveries, newest last: pending ones and the last `history` finished ones. */
  records(): DeliveryRecord[] {
    return [...this.finished, ...this.live.values()].map((r) => ({ ...r, attempts: [...r.attempts] }));
  }

  /** Resolves when nothing is pending, waiting or in flight (handy for tests and shutdown). */
  whenIdle(): Promise<void> {
    if (this.live.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.waiting.values()) clearTimeout(t);
    this.waiting.clear();
    for (const req of this.inFlight) req.destroy();
    this.inFlight.clear();
    for (const record of this.live.values()) {
      record.state = 'cancelled';
      this.remember(record);
    }
    this.live.clear();
    this.jobs.clear();
    this.firstTried.clear();
    this.keyHolders.clear();
    this.ready.length = 0;
    this.notifyIdle();
  }

  private pump(): void {
    while (!this.closed && this.running < this.options.concurrency && this.ready.length > 0) {
      const index = this.ready.findIndex((r) => this.mayStart(r));
      if (index < 0) break;
      const [record] = this.ready.splice(index, 1);
      if (!record) break;
      const key = this.jobs.get(record.id)?.orderKey;
      if (key !== undefined) this.keyHolders.set(key, record.id);
      this.running++;
      void this.attempt(record).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** A record may start unless an earlier one with its order key is still in flight or waiting to retry. */
  private mayStart(record: DeliveryRecord): boolean {
    const key = this.jobs.get(record.id)?.orderKey;
    if (key === undefined) return true;
    const holder = this.keyHolders.get(key);
    return holder === undefined || holder === record.id;
  }

  /** The wait before retry `n` (1 for the first retry). */
  private delayBefore(retry: number): number {
    const { delayFor, baseDelayMs, maxDelayMs = DEFAULT_RETRY_POLICY.maxDelayMs } = this.options;
    if (delayFor) return Math.max(0, delayFor(retry));
    return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1)) * (0.8 + Math.random() * 0.4);
  }

  private async attempt(record: DeliveryRecord): Promise<void> {
    const job = this.jobs.get(record.id);
    if (!job || this.closed) return;
    let headers = job.headers;
    if (job.signer) {
      const secret = this.options.secretFor?.(job.signer) ?? '';
      if (secret === null) {
        this.options.log(
          `callback ${record.trigger} to ${record.url} cancelled: its ${job.signer.kind === 'webhook' ? `webhook ${job.signer.webhookId}` : `app ${job.signer.appId}`} no longer exists`,
        );
        return this.finish(record, 'cancelled');
      }
      if (secret !== '') headers = { ...job.headers, ...signCallback(secret, job.body).headers };
    }
    if (!this.firstTried.has(record.id)) this.firstTried.set(record.id, Date.now());
    const result = await this.post(job, headers);
    if (this.closed) return;
    record.attempts.push({ at: new Date().toISOString(), ...result });
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    const retryable = result.status === undefined || result.status === 408 || result.status === 429 || result.status >= 500;
    if (ok) return this.finish(record, 'delivered');
    const delay = this.delayBefore(record.attempts.length);
    const windowMs = this.options.windowMs ?? DEFAULT_RETRY_POLICY.windowMs;
    const outOfTime = Date.now() + delay > (this.firstTried.get(record.id) ?? Date.now()) + windowMs;
    if (!retryable || record.attempts.length >= this.options.attempts || outOfTime) {
      this.options.log(
        `callback ${record.trigger} to ${record.url} failed after ${record.attempts.length} attempt(s): ${result.error ?? `HTTP ${result.status}`}`,
      );
      return this.finish(record, 'failed');
    }
    const timer = setTimeout(() => {
      this.waiting.delete(record.id);
      this.ready.push(record);
      this.pump();
    }, delay);
    this.waiting.set(record.id, timer);
    // Its tries so far are kept with it across a restart.
    this.options.onChange?.();
  }

  private finish(record: DeliveryRecord, state: 'delivered' | 'failed' | 'cancelled'): void {
    record.state = state;
    const key = this.jobs.get(record.id)?.orderKey;
    if (key !== undefined && this.keyHolders.get(key) === record.id) this.keyHolders.delete(key);
    this.live.delete(record.id);
    this.jobs.delete(record.id);
    this.firstTried.delete(record.id);
    this.remember(record);
    this.options.onChange?.();
    if (this.live.size === 0) this.notifyIdle();
  }

  private remember(record: DeliveryRecord): void {
    this.finished.push(record);
    if (this.finished.length > this.options.history) this.finished.shift();
  }

  private notifyIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private post(job: CallbackJob, headers: Record<string, string>): Promise<{ status?: number; error?: string }> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(job.url);
      } catch {
        resolve({ error: `invalid URL ${job.url}` });
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(job.body)),
          'User-Agent': 'sinch-sandbox-callbacks/1',
          ...headers,
        },
        timeout: this.options.timeoutMs,
      });
      this.inFlight.add(req);
      const done = (value: { status?: number; error?: string }): void => {
        this.inFlight.delete(req);
        resolve(value);
      };
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode }));
        res.on('error', () => done({ status: res.statusCode }));
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.options.timeoutMs} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code ?? err.message }));
      req.end(job.body);
    });
  }
}
