import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RetryPolicy {
  /** Total tries per callback, the first included. */
  attempts: number;
  /** Delay before the first retry; doubles each time (with jitter), capped at 60 s. */
  baseDelayMs: number;
  /** Per-attempt timeout, connection to full response. */
  timeoutMs: number;
}

export interface CallbackJob {
  url: string;
  body: string;
  headers: Record<string, string>;
  trigger: string;
  webhookId?: string;
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

interface QueueOptions extends RetryPolicy {
  /** Callbacks waiting or in flight beyond this are dropped (and logged), keeping memory bounded. */
  maxPending: number;
  concurrency: number;
  /** How many finished records `records()` keeps. */
  history: number;
  log: (line: string) => void;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * Sends callbacks off the request path: enqueue() returns at once, a few workers POST in the
 * background, and failures (connection refused, timeouts, 408/429/5xx) are retried with
 * exponential backoff up to a fixed number of attempts. 4xx other than 408/429 are final,
 * as a receiver that rejects the body will not accept it on a retry either.
 */
export class DeliveryQueue {
  private readonly ready: DeliveryRecord[] = [];
  private readonly jobs = new Map<string, CallbackJob>();
  private readonly timers = new Set<NodeJS.Timeout>();
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

  enqueue(job: CallbackJob): DeliveryRecord | undefined {
    if (this.closed) return undefined;
    const record: DeliveryRecord = {
      id: `dlv_${++this.seq}`,
      url: job.url,
      trigger: job.trigger,
      webhookId: job.webhookId,
      state: 'pending',
      attempts: [],
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
    this.ready.push(record);
    this.pump();
    return record;
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
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const req of this.inFlight) req.destroy();
    this.inFlight.clear();
    for (const record of this.live.values()) {
      record.state = 'cancelled';
      this.remember(record);
    }
    this.live.clear();
    this.jobs.clear();
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

  private async attempt(record: DeliveryRecord): Promise<void> {
    const job = this.jobs.get(record.id);
    if (!job || this.closed) return;
    const result = await this.post(job);
    if (this.closed) return;
    record.attempts.push({ at: new Date().toISOString(), ...result });
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    const retryable = result.status === undefined || result.status === 408 || result.status === 429 || result.status >= 500;
    if (ok) return this.finish(record, 'delivered');
    if (!retryable || record.attempts.length >= this.options.attempts) {
      this.options.log(
        `callback ${record.trigger} to ${record.url} failed after ${record.attempts.length} attempt(s): ${result.error ?? `HTTP ${result.status}`}`,
      );
      return this.finish(record, 'failed');
    }
    const exp = this.options.baseDelayMs * 2 ** (record.attempts.length - 1);
    const delay = Math.min(MAX_BACKOFF_MS, exp * (0.8 + Math.random() * 0.4));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(record);
      this.pump();
    }, delay);
    this.timers.add(timer);
  }

  private finish(record: DeliveryRecord, state: 'delivered' | 'failed'): void {
    record.state = state;
    const key = this.jobs.get(record.id)?.orderKey;
    if (key !== undefined && this.keyHolders.get(key) === record.id) this.keyHolders.delete(key);
    this.live.delete(record.id);
    this.jobs.delete(record.id);
    this.remember(record);
    if (this.live.size === 0) this.notifyIdle();
  }

  private remember(record: DeliveryRecord): void {
    this.finished.push(record);
    if (this.finished.length > this.options.history) this.finished.shift();
  }

  private notifyIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private post(job: CallbackJob): Promise<{ status?: number; error?: string }> {
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
          ...job.headers,
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
