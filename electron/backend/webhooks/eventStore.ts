import { appendFile, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  matchesFilter,
  summaryOfEvent,
  type ForwardOutcome,
  type WebhookEvent,
  type WebhookEventSummary,
  type WebhookFilter,
} from '../../../shared/model/webhookEvent';
import { readVersionedLine } from '../storage/jsonLines';

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

interface Segment {
  seq: number;
  file: string;
  bytes: number;
  /** Events of this segment still kept; at 0 (and not the newest) the file is removed. */
  alive: number;
}

interface Slot {
  event: WebhookEvent;
  segment: Segment;
  /** Lower-cased text searched by `filter.text`: summary, ids, path and the first 4 KB of body. */
  haystack: string;
}

const SEGMENT_NAME = /^events-(\d{6,})\.jsonl$/;
const HAYSTACK_BODY_CHARS = 4096;

/**
 * Captured callbacks under `<dataDir>/webhooks/`, as append-only JSON Lines segments with a
 * version on every line. Bounded by count and bytes, oldest out first, reloaded on start.
 * Everything is held in memory (an id index plus an arrival-ordered list) so the inspector's
 * virtualised list can page and filter 100 000 events without touching the disk. Writes are
 * batched: many callbacks arriving at once cost one append per segment, not one each.
 */
export class WebhookEventStore {
  private readonly dir: string;
  private readonly limits: WebhookStoreLimits;
  /** Oldest first; entries before `head` are evicted (compacted lazily). */
  private slots: Slot[] = [];
  private head = 0;
  private byId = new Map<string, Slot>();
  private segments: Segment[] = [];
  private corrupt = 0;
  private loaded: Promise<void> | null = null;
  private pending = new Map<Segment, string[]>();
  private flushing: Promise<void> | null = null;
  private dropQueue: Segment[] = [];
  private generation = 0;

  constructor(dataDir: string, limits: Partial<WebhookStoreLimits> = {}) {
    this.dir = join(dataDir, 'webhooks');
    this.limits = { ...DEFAULT_WEBHOOK_STORE_LIMITS, ...limits };
  }

  get directory(): string {
    return this.dir;
  }

  get size(): number {
    return this.slots.length - this.head;
  }

  get corruptLines(): number {
    return this.corrupt;
  }

  /** Reads the segments on disk; every other method waits for it. Safe to call more than once. */
  load(): Promise<void> {
    this.loaded ??= this.readAll();
    return this.loaded;
  }

  /**
   * Adds an event: in memory at once (so a query right after sees it), on disk with the next
   * batched write. `flush()` waits for that write.
   */
  append(event: WebhookEvent): void {
    this.assertLoaded();
    this.insert(event, this.writeLine({ v: WEBHOOK_LINE_VERSION, type: 'event', event }));
    this.evict();
  }

  /** Records where a callback was forwarded and what the target said (appended as its own line). */
  setForwarded(id: string, forwarded: ForwardOutcome): boolean {
    this.assertLoaded();
    const slot = this.byId.get(id);
    if (!slot) return false;
    slot.event.forwarded = forwarded;
    this.writeLine({ v: WEBHOOK_LINE_VERSION, type: 'forwarded', id, forwarded });
    return true;
  }

  /** Newest first, filtered, one page of summaries (no bodies). */
  query(filter: WebhookFilter = {}, page: { offset?: number; limit?: number } = {}): WebhookPage {
    this.assertLoaded();
    const offset = Math.max(0, page.offset ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    const out: WebhookEventSummary[] = [];
    const hasFilter = hasConditions(filter);
    if (!hasFilter) {
      const total = this.size;
      for (let i = this.slots.length - 1 - offset; i >= this.head && out.length < limit; i--) out.push(summaryOfEvent((this.slots[i] as Slot).event));
      return { events: out, total, corruptLines: this.corrupt };
    }
    const { text, ...rest } = filter;
    const needle = text ? text.toLowerCase() : '';
    const structural = hasConditions(rest);
    let total = 0;
    for (let i = this.slots.length - 1; i >= this.head; i--) {
      const slot = this.slots[i] as Slot;
      if (needle !== '' && !slot.haystack.includes(needle)) continue;
      if (structural && !matchesFilter(slot.event, rest)) continue;
      if (total >= offset && out.length < limit) out.push(summaryOfEvent(slot.event));
      total++;
    }
    return { events: out, total, corruptLines: this.corrupt };
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
    for (let i = this.head; i < this.slots.length; i++) {
      const event = (this.slots[i] as Slot).event;
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
    await this.flush();
    const count = this.size;
    this.generation++;
    this.slots = [];
    this.head = 0;
    this.byId.clear();
    this.segments = [];
    this.pending.clear();
    this.dropQueue = [];
    this.corrupt = 0;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => SEGMENT_NAME.test(n)).map((n) => rm(join(this.dir, n), { force: true })));
    return count;
  }

  /** Resolves once every appended line is on disk and evicted segments are removed. */
  async flush(): Promise<void> {
    while (this.flushing || this.pending.size > 0 || this.dropQueue.length > 0) {
      this.flushing ??= this.writePending().finally(() => {
        this.flushing = null;
      });
      await this.flushing;
    }
  }

  private assertLoaded(): void {
    if (!this.loaded) throw new Error('WebhookEventStore.load() must be awaited before use.');
  }

  private insert(event: WebhookEvent, segment: Segment): void {
    const existing = this.byId.get(event.id);
    if (existing) {
      existing.event = event;
      return;
    }
    const slot: Slot = { event, segment, haystack: haystackOf(event) };
    this.slots.push(slot);
    this.byId.set(event.id, slot);
    segment.alive += 1;
  }

  private writeLine(line: Line): Segment {
    const text = `${JSON.stringify(line)}\n`;
    const size = Buffer.byteLength(text);
    let current = this.segments.at(-1);
    // Ten segments per budget: eviction then drops about a tenth at a time, never everything.
    const perSegmentEvents = Math.max(1, Math.ceil(this.limits.maxEvents / 10));
    const perSegmentBytes = Math.max(1, this.limits.maxBytes / 10);
    if (!current || (line.type === 'event' && (current.alive >= perSegmentEvents || (current.bytes > 0 && current.bytes + size > perSegmentBytes)))) {
      current = { seq: (current?.seq ?? 0) + 1, file: '', bytes: 0, alive: 0 };
      current.file = join(this.dir, `events-${String(current.seq).padStart(6, '0')}.jsonl`);
      this.segments.push(current);
    }
    current.bytes += size;
    const lines = this.pending.get(current);
    if (lines) lines.push(text);
    else this.pending.set(current, [text]);
    this.scheduleFlush();
    return current;
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.writePending())
      .catch(() => undefined)
      .finally(() => {
        this.flushing = null;
        if (this.pending.size > 0 || this.dropQueue.length > 0) this.scheduleFlush();
      });
  }

  private async writePending(): Promise<void> {
    const generation = this.generation;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    const drops = this.dropQueue.splice(0);
    if (batch.length > 0) await mkdir(this.dir, { recursive: true });
    for (const [segment, lines] of batch) {
      if (generation !== this.generation || drops.includes(segment)) continue;
      await appendFile(segment.file, lines.join(''), { mode: 0o600 });
    }
    for (const segment of drops) await rm(segment.file, { force: true });
  }

  private async readAll(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found = names
      .map((n) => ({ name: n, match: SEGMENT_NAME.exec(n) }))
      .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
      .map((x) => ({ seq: Number(x.match[1]), file: join(this.dir, x.name) }))
      .sort((a, b) => a.seq - b.seq);
    const loaded: Array<{ event: WebhookEvent; segment: Segment }> = [];
    const patches = new Map<string, ForwardOutcome>();
    for (const { seq, file } of found) {
      let text: string;
      let bytes: number;
      try {
        text = await readFile(file, 'utf8');
        bytes = (await stat(file)).size;
      } catch {
        this.corrupt += 1;
        continue;
      }
      const segment: Segment = { seq, file, bytes, alive: 0 };
      this.segments.push(segment);
      for (const raw of text.split('\n')) {
        if (raw.trim() === '') continue;
        const line = parseLine(raw);
        if (!line) this.corrupt += 1;
        else if (line.type === 'event') loaded.push({ event: line.event, segment });
        else patches.set(line.id, line.forwarded);
      }
    }
    // Segments are written in arrival order; a stable sort by id only repairs clock oddities.
    loaded.sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
    for (const { event, segment } of loaded) {
      const forwarded = patches.get(event.id);
      if (forwarded) event.forwarded = forwarded;
      this.insert(event, segment);
    }
    this.evict();
    await this.flush();
  }

  /** Drops the oldest events beyond the count, then whole oldest segments beyond the bytes. */
  private evict(): void {
    while (this.size > this.limits.maxEvents) this.forgetOldest();
    let total = this.segments.reduce((sum, s) => sum + s.bytes, 0);
    while (total > this.limits.maxBytes && this.segments.length > 1) {
      const oldest = this.segments[0] as Segment;
      while (this.size > 0 && (this.slots[this.head] as Slot).segment === oldest) this.forgetOldest();
      oldest.alive = 0;
      total -= oldest.bytes;
      this.dropSegment(oldest);
    }
    for (const segment of this.segments.slice(0, -1)) if (segment.alive <= 0) this.dropSegment(segment);
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }

  private forgetOldest(): void {
    const slot = this.slots[this.head] as Slot;
    this.slots[this.head] = undefined as unknown as Slot;
    this.head += 1;
    this.byId.delete(slot.event.id);
    slot.segment.alive -= 1;
  }

  private dropSegment(segment: Segment): void {
    this.segments = this.segments.filter((s) => s !== segment);
    this.pending.delete(segment);
    this.dropQueue.push(segment);
    this.scheduleFlush();
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

function parseLine(raw: string): Line | null {
  const value = readVersionedLine(raw, WEBHOOK_LINE_VERSION);
  if (!value) return null;
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
