import {
  WEBHOOK_BATCH_EVENTS,
  WEBHOOK_BATCH_INTERVAL_MS,
  WEBHOOK_FLOOD_INTERVAL_MS,
  summaryOfEvent,
  type WebhookBatch,
  type WebhookEvent,
  type WebhookEventSummary,
} from '../../../shared/model/webhookEvent';

/**
 * Turns callbacks into page notices, at most one of each kind per interval: the first callback
 * after a quiet spell is told at once, a burst is gathered and told as a count plus its newest
 * summaries. Ten thousand callbacks in ten seconds make about a hundred notices, not ten thousand;
 * while a notice cannot carry all that came in its interval (a flood), the interval is longer.
 */
export class WebhookNotices {
  private count = 0;
  /** The newest received events of this batch (the oldest dropped past WEBHOOK_BATCH_EVENTS). */
  private recent: WebhookEvent[] = [];
  private updated = new Map<string, WebhookEvent>();
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  /** Whether the last notice told more callbacks than it carried. */
  private flooded = false;

  constructor(
    private readonly sink: { received(batch: WebhookBatch): void; updated(events: WebhookEventSummary[]): void },
    private readonly intervalMs = WEBHOOK_BATCH_INTERVAL_MS,
    private readonly floodIntervalMs = WEBHOOK_FLOOD_INTERVAL_MS,
  ) {}

  received(event: WebhookEvent): void {
    this.count += 1;
    this.recent.push(event);
    if (this.recent.length > WEBHOOK_BATCH_EVENTS * 2) this.recent = this.recent.slice(-WEBHOOK_BATCH_EVENTS);
    this.schedule();
  }

  forwarded(event: WebhookEvent): void {
    this.updated.delete(event.id);
    this.updated.set(event.id, event);
    if (this.updated.size > WEBHOOK_BATCH_EVENTS) {
      const oldest = this.updated.keys().next();
      if (!oldest.done) this.updated.delete(oldest.value);
    }
    this.schedule();
  }

  /** Tells what is pending now (also on close, so nothing received goes untold). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.last = Date.now();
    this.flooded = this.count > WEBHOOK_BATCH_EVENTS;
    if (this.count > 0) {
      const batch: WebhookBatch = { count: this.count, events: this.recent.slice(-WEBHOOK_BATCH_EVENTS).map(summaryOfEvent) };
      this.count = 0;
      this.recent = [];
      this.sink.received(batch);
    }
    if (this.updated.size > 0) {
      const events = [...this.updated.values()].map(summaryOfEvent);
      this.updated.clear();
      this.sink.updated(events);
    }
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + (this.flooded ? this.floodIntervalMs : this.intervalMs) - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }
}
