import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { WebhookNotices } from '../../../electron/backend/webhooks/notices';
import { WEBHOOK_BATCH_EVENTS, type WebhookBatch, type WebhookEvent, type WebhookEventSummary } from '../../../shared/model/webhookEvent';

function event(id: string): WebhookEvent {
  return {
    id,
    receivedAt: new Date(0).toISOString(),
    method: 'POST',
    path: '/',
    query: '',
    headers: [],
    bodyText: '{}',
    sizeBytes: 2,
    contentType: 'application/json',
    responseStatus: 200,
    rejected: null,
    json: { ok: true },
    trigger: 'UNKNOWN',
    summary: id,
    correlation: {},
    verdict: { kind: 'unsigned', details: { nonceSeenBefore: false } },
  };
}

describe('webhook notices to the page', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('a lone callback is told at once; a burst is told as a count and its newest summaries, at most once per interval', () => {
    const received: WebhookBatch[] = [];
    const updated: WebhookEventSummary[][] = [];
    const notices = new WebhookNotices({ received: (b) => received.push(b), updated: (e) => updated.push(e) }, 100);
    notices.received(event('e0'));
    vi.advanceTimersByTime(0);
    expect(received.map((b) => b.count)).toEqual([1]);
    for (let i = 1; i <= 10_000; i++) notices.received(event(`e${i}`));
    vi.advanceTimersByTime(50);
    expect(received).toHaveLength(1);
    vi.advanceTimersByTime(60);
    expect(received).toHaveLength(2);
    const burst = received[1] as WebhookBatch;
    expect(burst.count).toBe(10_000);
    expect(burst.events).toHaveLength(WEBHOOK_BATCH_EVENTS);
    expect(burst.events.at(-1)?.id).toBe('e10000');
    expect(burst.events[0]).not.toHaveProperty('bodyText');
    notices.forwarded(event('e5'));
    notices.forwarded(event('e5'));
    notices.flush();
    expect(updated).toEqual([[expect.objectContaining({ id: 'e5' })]]);
  });

  test('while a flood goes on (more than a notice carries) the page is told every flood interval; after it, every interval again', () => {
    const received: WebhookBatch[] = [];
    const notices = new WebhookNotices({ received: (b) => received.push(b), updated: () => undefined }, 100, 250);
    let n = 0;
    const send = (count: number): void => {
      for (let i = 0; i < count; i++) notices.received(event(`e${n++}`));
    };
    send(1);
    vi.advanceTimersByTime(0);
    send(WEBHOOK_BATCH_EVENTS + 1);
    vi.advanceTimersByTime(100);
    expect(received.map((b) => b.count)).toEqual([1, WEBHOOK_BATCH_EVENTS + 1]);
    // That notice could not carry them all: the next one waits the flood interval.
    send(500);
    vi.advanceTimersByTime(240);
    expect(received).toHaveLength(2);
    vi.advanceTimersByTime(10);
    expect(received.map((b) => b.count)).toEqual([1, WEBHOOK_BATCH_EVENTS + 1, 500]);
    // A few again (the flood is over): told after the ordinary interval.
    send(3);
    vi.advanceTimersByTime(250);
    expect(received.at(-1)?.count).toBe(3);
    send(2);
    vi.advanceTimersByTime(100);
    expect(received.map((b) => b.count)).toEqual([1, WEBHOOK_BATCH_EVENTS + 1, 500, 3, 2]);
  });
});
