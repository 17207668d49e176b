import { join } from 'node:path';
import {
  matchesFilter,
  summaryOfEvent,
  type ForwardOutcome,
  type WebhookEvent,
  type WebhookEventSummary,
  type WebhookFilter,
} from '../../../shared/model/webhookEvent';
import { SegmentedLog, type LoadedLine } from '../storage/segmentedLog';

/** Version of one stored line; a line from a newer app is skipped (and counted), not misread. */
export const WEBHOOK_LINE_VERSION = 1;
export const DEFAULT_WEBHOOK_STORE_LIMITS: WebhookStoreLimits = { maxEvents: 10_000, maxBytes: 100 * 1024 * 1024 };

export interface WebhookStoreLimits {
  maxEvents: number;
  /** Bytes on disk; whole segments (oldest first) are removed to stay under it. */
  maxBytes: number;
}

export interface WebhookPage {
  /** Newest first. */
  events: WebhookEventSummary[];
  /** Events matching the filter. */
  total: number;
  /** Lines that could not be read on load; skipped, never fatal. */
  corruptLines: number;
}

/** Lines of a segment: an event, or a later fact about one (the forward's outcome). */
type Line =
  | { v: number; type: 'event'; event: WebhookEvent }
  | { v: number; type: 'forwarded'; id: string; forwarded: ForwardOutcome };

interface Slot {
  event: WebhookEvent;
  /** Lower-cased text searched by `filter.text`: summary, ids, path and the first 4 KB of body. */
  haystack: string;
}

const HAYSTACK_BODY_CHARS = 4096;

/**
 * Captured callbacks under `<dataDir>/webhooks/`, as append-only JSON Lines segments with a
 * version on every line. Bounded by count and bytes, oldest out first, reloaded on start.
 * Everything is held in memory (an id index plus an arrival-ordered list) so the inspector's
 * virtualised list can page and filter 100 000 events without touching the disk. Writes are
 * batched: many callbacks arriving at once cost one append per segment, not one each.
 */
export class WebhookEventStore {
  /** `events-000001.jsonl`, … under the folder; slots oldest first. */
  private readonly log: SegmentedLog<Slot>;
  private byId = new Map<string, Slot>();
  private loaded: Promise<void> | null = null;

  constructor(dataDir: string, limits: Partial<WebhookStoreLimits> = {}) {
    const { maxEvents, maxBytes } = { ...DEFAULT_WEBHOOK_STORE_LIMITS, ...limits };
    this.log = new SegmentedLog<Slot>(
      { dir: join(dataDir, 'webhooks'), prefix: 'events', version: WEBHOOK_LINE_VERSION, limits: { maxEntries: maxEvents, maxBytes } },
      (slot) => this.byId.delete(slot.event.id),
    );
  }

  get directory(): string {
    return this.log.directory;
  }

  get size(): number {
    return this.log.size;
  }

  get corruptLines(): number {
    return this.log.corruptLines;
  }

  /** Reads the segments on disk; every other method waits for it. Safe to call more than once. */
  load(): Promise<void> {
    this.loaded ??= this.log.load(parseLine, (lines) => this.adopt(lines));
    return this.loaded;
  }

  /**
   * Adds an event: in memory at once (so a query right after sees it), on disk with the next
   * batched write. `flush()` waits for that write.
   */
  append(event: WebhookEvent): void {
    this.assertLoaded();
    const line = { type: 'event', event };
    const existing = this.byId.get(event.id);
    if (existing) {
      existing.event = event;
      void this.log.note(line);
      return;
    }
    const slot: Slot = { event, haystack: haystackOf(event) };
    this.byId.set(event.id, slot);
    void this.log.append(slot, line);
  }

  /** Records where a callback was forwarded and what the target said (appended as its own line). */
  setForwarded(id: string, forwarded: ForwardOutcome): boolean {
    this.assertLoaded();
    const slot = this.byId.get(id);
    if (!slot) return false;
    slot.event.forwarded = forwarded;
    void this.log.note({ type: 'forwarded', id, forwarded });
    return true;
  }

  /** Newest first, filtered, one page of summaries (no bodies). */
  query(filter: WebhookFilter = {}, page: { offset?: number; limit?: number } = {}): WebhookPage {
    this.assertLoaded();
    const offset = Math.max(0, page.offset ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    const out: WebhookEventSummary[] = [];
    const corruptLines = this.log.corruptLines;
    if (!hasConditions(filter)) {
      for (let i = this.log.size - 1 - offset; i >= 0 && out.length < limit; i--) out.push(summaryOfEvent(this.log.at(i).event));
      return { events: out, total: this.log.size, corruptLines };
    }
    const { text, ...rest } = filter;
    const needle = text ? text.toLowerCase() : '';
    const structural = hasConditions(rest);
    let total = 0;
    for (const slot of this.log.newestFirst()) {
      if (needle !== '' && !slot.haystack.includes(needle)) continue;
      if (structural && !matchesFilter(slot.event, rest)) continue;
      if (total >= offset && out.length < limit) out.push(summaryOfEvent(slot.event));
      total++;
    }
    return { events: out, total, corruptLines };
  }

  /** The full event (headers and body), or null when unknown or evicted. */
  get(id: string): WebhookEvent | null {
    this.assertLoaded();
    const slot = this.byId.get(id);
    return slot ? structuredClone(slot.event) : null;
  }

  /**
   * Everything known about one message or conversation, oldest first: submit → delivery reports
   * → replies (inbound messages replying to it, or in the same conversation).
   */
  timeline(key: { messageId?: string; conversationId?: string }): WebhookEventSummary[] {
    this.assertLoaded();
    if (!key.messageId && !key.conversationId) return [];
    const out: WebhookEventSummary[] = [];
    for (const { event } of this.log.oldestFirst()) {
      const c = event.correlation;
      const hit =
        (key.messageId !== undefined && (c.messageId === key.messageId || c.replyToMessageId === key.messageId)) ||
        (key.conversationId !== undefined && c.conversationId === key.conversationId);
      if (hit) out.push(summaryOfEvent(event));
    }
    // Ids are ULIDs minted on arrival, so this is arrival order even across a reload.
    return out.sort((a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? -1 : 1) : a.receivedAt < b.receivedAt ? -1 : 1));
  }

  /** Forgets every event and removes every segment file; returns how many there were. */
  async clear(): Promise<number> {
    await this.load();
    this.byId.clear();
    // Synchronous up to its first wait, so no event appended meanwhile is lost from the index.
    return this.log.clear();
  }

  /** Resolves once every appended line is on disk and evicted segments are removed. */
  flush(): Promise<void> {
    return this.log.flush();
  }

  private assertLoaded(): void {
    if (!this.loaded) throw new Error('WebhookEventStore.load() must be awaited before use.');
  }

  /** Events in id order, each with its last forward outcome; a repeated id replaces the event it names. */
  private adopt(lines: Array<LoadedLine<Line>>): void {
    const loaded: Array<{ event: WebhookEvent; segment: number }> = [];
    const patches = new Map<string, ForwardOutcome>();
    for (const { value: line, segment } of lines) {
      if (line.type === 'event') loaded.push({ event: line.event, segment });
      else patches.set(line.id, line.forwarded);
    }
    // Segments are written in arrival order; a stable sort by id only repairs clock oddities.
    loaded.sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
    for (const { event, segment } of loaded) {
      const forwarded = patches.get(event.id);
      if (forwarded) event.forwarded = forwarded;
      const existing = this.byId.get(event.id);
      if (existing) {
        existing.event = event;
        continue;
      }
      const slot: Slot = { event, haystack: haystackOf(event) };
      this.byId.set(event.id, slot);
      this.log.keep(slot, segment);
    }
  }
}

function hasConditions(filter: WebhookFilter): boolean {
  return Boolean(
    (filter.triggers && filter.triggers.length > 0) ||
      (filter.verdicts && filter.verdicts.length > 0) ||
      filter.appId ||
      filter.contactId ||
      filter.channel ||
      filter.status ||
      filter.text,
  );
}

function haystackOf(event: WebhookEvent): string {
  const c = event.correlation;
  return `${event.summary} ${event.trigger} ${event.path} ${Object.values(c).join(' ')}\n${event.bodyText.slice(0, HAYSTACK_BODY_CHARS)}`.toLowerCase();
}

/** One versioned line (see SegmentedLog.load) as an event or a forward outcome, or null when it is damaged. */
function parseLine(value: Record<string, unknown>): Line | null {
  const line = value as Partial<Line> & Record<string, unknown>;
  if (line.type === 'forwarded') {
    return typeof line.id === 'string' && typeof line.forwarded === 'object' && line.forwarded !== null ? (line as Line) : null;
  }
  if (line.type !== 'event') return null;
  const e = line.event as Partial<WebhookEvent> | undefined;
  // Enough shape to list, filter and open it; anything less is a damaged line.
  if (
    !e ||
    typeof e.id !== 'string' ||
    typeof e.receivedAt !== 'string' ||
    typeof e.bodyText !== 'string' ||
    !Array.isArray(e.headers) ||
    typeof e.verdict !== 'object' ||
    e.verdict === null ||
    typeof e.correlation !== 'object' ||
    e.correlation === null ||
    typeof e.summary !== 'string'
  ) {
    return null;
  }
  return line as Line;
}
