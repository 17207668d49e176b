import { join } from 'node:path';
import {
  normalizeTrigger,
  summaryOfEvent,
  type ForwardOutcome,
  type VerdictKind,
  type WebhookEvent,
  type WebhookEventSummary,
  type WebhookFilter,
  type WebhookTrigger,
} from '../../../shared/model/webhookEvent';
import { findProtoKey } from '../../../shared/safeObject';
import { SegmentedLog, type LineLocation, type LineText, type LoadedLine } from '../storage/segmentedLog';

/**
 * Version of one stored line; a line from a newer app is skipped (and counted), not misread.
 * 2: `{"v":2,"type":"event","xlen":N,"x":[index],"event":{…}}` — the index part first, with its
 * byte length, so a reload parses ~N bytes per event instead of the whole event. Lines of
 * version 1 (a bare event) are still read, the slow way.
 */
export const WEBHOOK_LINE_VERSION = 2;
const LEGACY_LINE_VERSION = 1;
export const DEFAULT_WEBHOOK_STORE_LIMITS: WebhookStoreLimits = { maxEvents: 100_000, maxBytes: 512 * 1024 * 1024 };

export interface WebhookStoreLimits {
  maxEvents: number;
  /** Bytes on disk; whole segments (oldest first) are removed to stay under it. */
  maxBytes: number;
}

export interface WebhookStoreOptions extends Partial<WebhookStoreLimits> {
  /**
   * Build and keep the text searched by `filter.text` (default true). The headless `listen`
   * command never searches: without it each callback costs less to record and its event a few
   * dozen bytes less memory, and its lines are written without search text (a searching store
   * builds it when it loads them).
   */
  searchable?: boolean;
}

export interface WebhookPage {
  /** Newest first. */
  events: WebhookEventSummary[];
  /** Events matching the filter. */
  total: number;
  /** Lines that could not be read on load; skipped, never fatal. */
  corruptLines: number;
}

/** The index part of a stored line: what lists, filters and searches need, nothing of the body. */
interface IndexFields {
  id: string;
  t: WebhookTrigger;
  k: VerdictKind;
  a?: string;
  c?: string;
  ch?: string;
  s?: string;
  /**
   * Lower-cased text searched by `filter.text`: summary, trigger, path and the body's values (up to 4 KB).
   * Null in lines written by a store that never searches (the headless `listen`): a searching store
   * builds it from the whole line when it loads one.
   */
  h: string | null;
}

/**
 * One kept event in memory: its index fields and where its line is. The event itself (headers,
 * body, verdict details) stays on disk and is read when a page or the details are shown.
 */
interface Entry {
  id: string;
  trigger: WebhookTrigger;
  verdict: VerdictKind;
  appId: string | undefined;
  contactId: string | undefined;
  channel: string | undefined;
  status: string | undefined;
  hay: string;
  /** Where its line is: segment number (-1 until known), byte offset and length. Numbers, not an object: 100 000 of them. */
  seg: number;
  off: number;
  len: number;
  forwarded?: ForwardOutcome;
}

type Line = { type: 'event'; entry: Entry; event?: WebhookEvent } | { type: 'forwarded'; id: string; forwarded: ForwardOutcome };

const HAYSTACK_BODY_CHARS = 4096;
const EVENT_PREFIX = `{"v":${WEBHOOK_LINE_VERSION},"type":"event","xlen":`;
const EVENT_PREFIX_BYTES = Buffer.from(EVENT_PREFIX);
const X_KEY = ',"x":';
const EVENT_KEY = ',"event":';
const X_KEY_BYTES = Buffer.from(X_KEY);
const EVENT_KEY_BYTES = Buffer.from(EVENT_KEY);
/**
 * 3: as 2, with the body kept as it arrived, raw, after the event (which then has no `bodyText`):
 * `{"v":3,"type":"event","xlen":N,"x":[index],"blen":B,"event":{…},"body":<B bytes of JSON>}`.
 * Only for a body that is JSON on one line (what Sinch sends): writing it costs no escaping and no
 * conversion to a string and back, and it reads back byte for byte.
 */
export const RAW_BODY_LINE_VERSION = 3;
const RAW_PREFIX = `{"v":${RAW_BODY_LINE_VERSION},"type":"event","xlen":`;
const RAW_PREFIX_BYTES = Buffer.from(RAW_PREFIX);
const BLEN_KEY = ',"blen":';
const BLEN_KEY_BYTES = Buffer.from(BLEN_KEY);
const BODY_KEY = ',"body":';
const BODY_KEY_BYTES = Buffer.from(BODY_KEY);

/**
 * Captured callbacks under `<dataDir>/webhooks/`, as append-only JSON Lines segments with a
 * version on every line. Bounded by count and bytes, oldest out first, reloaded on start.
 * In memory: a small index per event (id, trigger, verdict, the filterable ids, a search text
 * and where its line is on disk), so the inspector's virtualised list can filter and search
 * 100 000 events without touching the disk; a page's rows and an event's details are read from
 * disk on demand. Writes are batched: many callbacks arriving at once cost one append per segment.
 */
export class WebhookEventStore {
  private readonly log: SegmentedLog<Entry>;
  private byId = new Map<string, Entry>();
  private loaded: Promise<void> | null = null;
  private readonly searchable: boolean;
  /** Short repeated strings (app ids, channels, statuses) kept once. */
  private readonly interned = new Map<string, string>();

  constructor(dataDir: string, options: WebhookStoreOptions = {}) {
    const { maxEvents, maxBytes } = { ...DEFAULT_WEBHOOK_STORE_LIMITS, ...dropUndefined({ maxEvents: options.maxEvents, maxBytes: options.maxBytes }) };
    this.searchable = options.searchable ?? true;
    this.log = new SegmentedLog<Entry>(
      { dir: join(dataDir, 'webhooks'), prefix: 'events', version: WEBHOOK_LINE_VERSION, limits: { maxEntries: maxEvents, maxBytes } },
      (entry) => this.byId.delete(entry.id),
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
    this.loaded ??= this.log.loadRaw(
      (bytes, start, end, at) => this.parseLine(bytes, start, end, at),
      (lines) => this.adopt(lines),
    );
    return this.loaded;
  }

  /**
   * Adds an event: in memory at once (so a query right after sees it), on disk with the next
   * batched write. `flush()` waits for that write.
   */
  append(event: WebhookEvent, json?: unknown, raw?: Buffer): void {
    // A failed write is not reported here (as with `flush`); the event stays readable from memory.
    // The batch's promise is already marked handled by the log, so nothing goes unhandled.
    void this.queue(event, json, raw);
  }

  /** As `append`; resolves once this event is on disk (rejects when the write failed). */
  persist(event: WebhookEvent, json?: unknown, raw?: Buffer): Promise<void> {
    return this.queue(event, json, raw);
  }

  /**
   * Queues the event's line; returns its batch's write (shared by every event of the batch).
   * `json`: the parsed body, when the caller has it; `raw`: the body's bytes (`bodyText` is their
   * UTF-8 text), when the caller has them, so they can be written as they are.
   */
  private queue(event: WebhookEvent, json: unknown, raw: Buffer | undefined): Promise<void> {
    this.assertLoaded();
    const x = indexFieldsOf(event, json, this.searchable);
    // Encoded straight into the log's next write: the line is read back from there until it is
    // on disk, so the event's objects (headers, parsed body, verdict) die young.
    const line = serialise(x, event, raw);
    let entry = this.byId.get(event.id);
    let done: { at: LineLocation; written: Promise<void> };
    if (entry) {
      // A repeated id replaces the event it names (and is read back as such on load).
      Object.assign(entry, this.entryOf(x, null));
      done = this.log.noteLine(line);
    } else {
      entry = this.entryOf(x, null);
      this.byId.set(event.id, entry);
      done = this.log.appendLine(entry, line);
    }
    entry.seg = done.at.segment;
    entry.off = done.at.offset;
    entry.len = done.at.bytes;
    return done.written;
  }

  /** Records where a callback was forwarded and what the target said (appended as its own line). */
  setForwarded(id: string, forwarded: ForwardOutcome): boolean {
    this.assertLoaded();
    const entry = this.byId.get(id);
    if (!entry) return false;
    entry.forwarded = forwarded;
    void this.log.note({ type: 'forwarded', id, forwarded });
    return true;
  }

  /** Newest first, filtered, one page of summaries (no bodies). */
  query(filter: WebhookFilter = {}, page: { offset?: number; limit?: number } = {}): WebhookPage {
    this.assertLoaded();
    const offset = Math.max(0, page.offset ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    const corruptLines = this.log.corruptLines;
    const hits: Entry[] = [];
    if (!hasConditions(filter)) {
      for (let i = this.log.size - 1 - offset; i >= 0 && hits.length < limit; i--) hits.push(this.log.at(i));
      return { events: this.summaries(hits), total: this.log.size, corruptLines };
    }
    const match = this.matcher(filter);
    let total = 0;
    for (let i = this.log.size - 1; i >= 0; i--) {
      const entry = this.log.at(i);
      if (!match(entry)) continue;
      if (total >= offset && hits.length < limit) hits.push(entry);
      total++;
    }
    return { events: this.summaries(hits), total, corruptLines };
  }

  /** The full event (headers and body), or null when unknown, evicted or unreadable. */
  get(id: string): WebhookEvent | null {
    this.assertLoaded();
    const entry = this.byId.get(id);
    return entry ? this.read(entry) : null;
  }

  /**
   * Everything known about one message or conversation, oldest first: submit → delivery reports
   * → replies (inbound messages replying to it, or in the same conversation).
   */
  timeline(key: { messageId?: string; conversationId?: string }): WebhookEventSummary[] {
    this.assertLoaded();
    if (!key.messageId && !key.conversationId) return [];
    // The ids are in every event's search text: only the events mentioning one are read from disk.
    const needles = [key.messageId, key.conversationId].filter((n): n is string => n !== undefined && n !== '').map((n) => n.toLowerCase());
    const out: WebhookEventSummary[] = [];
    for (let i = 0; i < this.log.size; i++) {
      const entry = this.log.at(i);
      if (this.searchable && !needles.some((n) => entry.hay.includes(n))) continue;
      const event = this.read(entry);
      if (!event) continue;
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

  private summaries(entries: Entry[]): WebhookEventSummary[] {
    const out: WebhookEventSummary[] = [];
    for (const entry of entries) {
      const event = this.read(entry);
      if (event) out.push(summaryOfEvent(event));
    }
    return out;
  }

  /** The event as stored (a copy), with its forward outcome. */
  private read(entry: Entry): WebhookEvent | null {
    if (entry.seg < 0) return null;
    // From disk, or from the log's queue when its write is not done yet.
    const bytes = this.log.readLine({ segment: entry.seg, offset: entry.off, bytes: entry.len });
    if (!bytes) return null;
    const event = eventOfLine(bytes, 0, bytes.length);
    if (!event || event.id !== entry.id) return null;
    if (entry.forwarded) event.forwarded = entry.forwarded;
    return event;
  }

  private matcher(filter: WebhookFilter): (entry: Entry) => boolean {
    const triggers = filter.triggers && filter.triggers.length > 0 ? new Set(filter.triggers.map(normalizeTrigger)) : null;
    const verdicts = filter.verdicts && filter.verdicts.length > 0 ? new Set(filter.verdicts) : null;
    const { appId, contactId, channel, status } = filter;
    const needle = filter.text ? filter.text.toLowerCase() : '';
    const searchable = this.searchable;
    return (e) =>
      (triggers === null || triggers.has(normalizeTrigger(e.trigger))) &&
      (verdicts === null || verdicts.has(e.verdict)) &&
      (!appId || e.appId === appId) &&
      (!contactId || e.contactId === contactId) &&
      (!channel || e.channel === channel) &&
      (!status || e.status === status) &&
      (needle === '' || !searchable || e.hay.includes(needle));
  }

  private entryOf(x: IndexFields, at: LineLocation | null): Entry {
    return {
      id: x.id,
      trigger: this.intern<WebhookTrigger>(x.t),
      verdict: this.intern<VerdictKind>(x.k),
      appId: this.intern(x.a),
      // Mostly one per contact: not worth a slot in the table of repeated strings.
      contactId: x.c,
      channel: this.intern(x.ch),
      status: this.intern(x.s),
      hay: this.searchable && x.h !== null ? x.h : '',
      seg: at ? at.segment : -1,
      off: at ? at.offset : 0,
      len: at ? at.bytes : 0,
    };
  }

  private intern<S extends string | undefined>(value: S): S {
    if (value === undefined) return value;
    const known = this.interned.get(value);
    if (known !== undefined) return known as S;
    if (this.interned.size < 100_000) this.interned.set(value, value);
    return value;
  }

  private assertLoaded(): void {
    if (!this.loaded) throw new Error('WebhookEventStore.load() must be awaited before use.');
  }

  /** One line as an event entry or a forward outcome, or null when it is damaged. */
  private parseLine(bytes: Buffer, start: number, end: number, at: LineLocation): Line | null {
    const layout = rawLayout(bytes, start, end);
    if (layout) {
      // The fast path: parse only the index part.
      const x = indexFieldsFromJson(bytes.toString('utf8', layout.xStart, layout.xEnd));
      if (!x) return null;
      if (x.h === null && this.searchable) {
        // Written without its search text (by `listen`): built once from the whole line.
        const event = eventOfLine(bytes, start, end);
        return event && event.id === x.id ? { type: 'event', entry: this.entryOf(indexFieldsOf(event), at) } : null;
      }
      return { type: 'event', entry: this.entryOf(x, at) };
    }
    const line = parseObject(bytes.toString('utf8', start, end));
    if (!line) return null;
    if (line.type === 'forwarded' && (line.v === WEBHOOK_LINE_VERSION || line.v === LEGACY_LINE_VERSION)) {
      return typeof line.id === 'string' && typeof line.forwarded === 'object' && line.forwarded !== null
        ? { type: 'forwarded', id: line.id, forwarded: line.forwarded as ForwardOutcome }
        : null;
    }
    if (line.type !== 'event' || line.v !== LEGACY_LINE_VERSION) return null;
    // A line of the first version: the whole event, read once; its index is built from it.
    const event = line.event;
    if (!isStoredEvent(event)) return null;
    return { type: 'event', entry: this.entryOf(indexFieldsOf(event), at), event };
  }

  /** Events in id order, each with its last forward outcome; a repeated id replaces the event it names. */
  private adopt(lines: Array<LoadedLine<Line>>): void {
    const loaded: Entry[] = [];
    const patches = new Map<string, ForwardOutcome>();
    for (const { value: line } of lines) {
      if (line.type === 'event') loaded.push(line.entry);
      else patches.set(line.id, line.forwarded);
    }
    // Segments are written in arrival order; a stable sort by id only repairs clock oddities.
    let sorted = true;
    for (let i = 1; i < loaded.length && sorted; i++) if ((loaded[i - 1] as Entry).id > (loaded[i] as Entry).id) sorted = false;
    if (!sorted) loaded.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const entry of loaded) {
      if (patches.size > 0) {
        const forwarded = patches.get(entry.id);
        if (forwarded) entry.forwarded = forwarded;
      }
      const existing = this.byId.get(entry.id);
      if (existing) {
        Object.assign(existing, entry);
        continue;
      }
      this.byId.set(entry.id, entry);
      this.log.keep(entry, entry.seg);
    }
  }
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
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

/**
 * `json`: the parsed body when the caller has it (the listener does), to spare a second parse.
 * The search text holds the body's values (strings, numbers), not its keys and punctuation: what
 * a user searches for (a name, a message text, an id, a status) at a third of the bytes.
 */
function indexFieldsOf(event: WebhookEvent, json?: unknown, searchable = true): IndexFields {
  const c = event.correlation;
  const x: IndexFields = {
    id: event.id,
    t: event.trigger,
    k: event.verdict.kind,
    // The summary's own marks (… ·) are not kept: a character past U+00FF makes V8 store the
    // whole text at two bytes a character. What they decorate is in the body's values in full.
    h: searchable ? `${event.summary.replace(/[\u0100-\uffff]/g, ' ')} ${event.trigger} ${event.path}\n${bodySearchText(event, json)}`.toLowerCase() : null,
  };
  if (c.appId !== undefined) x.a = c.appId;
  if (c.contactId !== undefined) x.c = c.contactId;
  if (c.channel !== undefined) x.ch = c.channel;
  if (c.status !== undefined) x.s = c.status;
  return x;
}

function bodySearchText(event: WebhookEvent, json: unknown): string {
  let parsed = json;
  if (parsed === undefined && event.json.ok && event.bodyBase64 === undefined) {
    try {
      parsed = JSON.parse(event.bodyText) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  // Not JSON: the text itself (its start), as before.
  if (parsed === undefined || typeof parsed !== 'object' || parsed === null) return event.bodyText.slice(0, HAYSTACK_BODY_CHARS);
  const values: string[] = [];
  let budget = HAYSTACK_BODY_CHARS;
  const walk = (value: unknown, depth: number): void => {
    if (budget <= 0 || depth > 32) return;
    if (typeof value === 'string') {
      if (value === '') return;
      values.push(value.length > budget ? value.slice(0, budget) : value);
      budget -= value.length + 1;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      const text = String(value);
      values.push(text);
      budget -= text.length + 1;
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], depth + 1);
    }
  };
  walk(parsed, 0);
  // One value per line: a search for text across two values would be a coincidence, not a hit.
  return values.join('\n');
}

function serialise(x: IndexFields, event: WebhookEvent, raw: Buffer | undefined): LineText {
  // An array, not an object: about a third faster to parse back at 100 000 lines.
  const xJson = JSON.stringify([x.id, x.t, x.k, x.a ?? null, x.c ?? null, x.ch ?? null, x.s ?? null, x.h]);
  const xlen = Buffer.byteLength(xJson);
  if (raw && keepsRaw(event, raw)) {
    // The event without its text: the same object, its bodyText left out for this one synchronous
    // stringify (copying a dozen fields into a new object costs more than the trick).
    const text = event.bodyText;
    (event as { bodyText?: string }).bodyText = undefined;
    let meta: string;
    try {
      meta = JSON.stringify(event);
    } finally {
      event.bodyText = text;
    }
    // Parts, each written as it is: one string of them all would be copied again to flatten it.
    return [`${RAW_PREFIX}${xlen}${X_KEY}`, xJson, `${BLEN_KEY}${raw.length}${EVENT_KEY}`, meta, BODY_KEY, raw, '}'];
  }
  return [`${EVENT_PREFIX}${xlen}${X_KEY}`, xJson, EVENT_KEY, JSON.stringify(event), '}'];
}

/** Whether the body can sit raw in the line: JSON (so the line stays JSON), on one line, no BOM (which its text drops). */
function keepsRaw(event: WebhookEvent, raw: Buffer): boolean {
  return event.json.ok && event.bodyBase64 === undefined && raw.length > 0 && raw[0] !== 0xef && raw.indexOf(10) === -1 && raw.indexOf(13) === -1;
}

/** Whether `key` sits at `p` in bytes[..end). */
function keyAt(bytes: Buffer, key: Buffer, p: number, end: number): boolean {
  if (p + key.length > end) return false;
  for (let i = 0; i < key.length; i++) if (bytes[p + i] !== key[i]) return false;
  return true;
}

/** The decimal number at `p` (up to 12 digits) and where it ends; reused, not allocated per line. */
const digits = { value: 0, next: 0 };
function readDigits(bytes: Buffer, p: number, end: number): typeof digits {
  let value = 0;
  let q = p;
  while (q < end && q - p < 12 && (bytes[q] as number) >= 48 && (bytes[q] as number) <= 57) value = value * 10 + ((bytes[q++] as number) - 48);
  digits.value = value;
  digits.next = q;
  return digits;
}

/**
 * Where the parts of an event line of version 2 or 3 are, or null when it is neither (or damaged).
 * Runs for every line at load: byte checks, no closures, no parsing.
 */
function rawLayout(bytes: Buffer, start: number, end: number): { raw: boolean; xStart: number; xEnd: number; eventStart: number; bodyStart: number } | null {
  // The two prefixes differ only in the version digit.
  const raw = keyAt(bytes, RAW_PREFIX_BYTES, start, end);
  if (!raw && !keyAt(bytes, EVENT_PREFIX_BYTES, start, end)) return null;
  const xlen = readDigits(bytes, start + (raw ? RAW_PREFIX_BYTES : EVENT_PREFIX_BYTES).length, end);
  if (!keyAt(bytes, X_KEY_BYTES, xlen.next, end)) return null;
  const xStart = xlen.next + X_KEY_BYTES.length;
  const xEnd = xStart + xlen.value;
  let p = xEnd;
  let bodyStart = end;
  if (raw) {
    if (!keyAt(bytes, BLEN_KEY_BYTES, p, end)) return null;
    const blen = readDigits(bytes, p + BLEN_KEY_BYTES.length, end);
    p = blen.next;
    // The body is last: `,"body":` <blen bytes> `}`.
    bodyStart = end - 1 - blen.value;
    if (bodyStart <= p || bytes[end - 1] !== 0x7d || !keyAt(bytes, BODY_KEY_BYTES, bodyStart - BODY_KEY_BYTES.length, end)) return null;
  }
  if (!keyAt(bytes, EVENT_KEY_BYTES, p, end)) return null;
  return { raw, xStart, xEnd, eventStart: p + EVENT_KEY_BYTES.length, bodyStart };
}

function optionalString(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

/** The index part written by `serialise`, or null when it is damaged. */
function indexFieldsFromJson(text: string): IndexFields | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 8) return null;
  const [id, t, k, a, c, ch, st, h] = value as unknown[];
  if (
    typeof id !== 'string' ||
    typeof t !== 'string' ||
    typeof k !== 'string' ||
    !optionalString(h) ||
    !optionalString(a) ||
    !optionalString(c) ||
    !optionalString(ch) ||
    !optionalString(st)
  )
    return null;
  const x: IndexFields = { id, t: t as WebhookTrigger, k: k as VerdictKind, h };
  if (a !== null) x.a = a;
  if (c !== null) x.c = c;
  if (ch !== null) x.ch = ch;
  if (st !== null) x.s = st;
  return x;
}

/** The event of a stored line (any version), or null when it is damaged. */
function eventOfLine(bytes: Buffer, start: number, end: number): WebhookEvent | null {
  const layout = rawLayout(bytes, start, end);
  if (layout?.raw) {
    // The event's fields, then its body as it arrived (not parsed: it is the text).
    const value = parseObject(bytes.toString('utf8', layout.eventStart, layout.bodyStart - BODY_KEY_BYTES.length));
    if (!value) return null;
    value.bodyText = bytes.toString('utf8', layout.bodyStart, end - 1);
    return isStoredEvent(value) ? value : null;
  }
  const event = parseObject(bytes.toString('utf8', start, end))?.event;
  return isStoredEvent(event) ? event : null;
}

function parseObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || findProtoKey(value) !== null) return null;
  return value as Record<string, unknown>;
}

/** Enough shape to list, filter and open it; anything less is a damaged line. */
function isStoredEvent(value: unknown): value is WebhookEvent {
  const e = value as Partial<WebhookEvent> | undefined | null;
  return Boolean(
    e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    typeof e.receivedAt === 'string' &&
    typeof e.bodyText === 'string' &&
    Array.isArray(e.headers) &&
    typeof e.verdict === 'object' &&
    e.verdict !== null &&
    typeof e.correlation === 'object' &&
    e.correlation !== null &&
    typeof e.summary === 'string',
  );
}
