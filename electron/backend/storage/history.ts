import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { maskHeaderValue, maskQueryPairs, maskSecretsInText } from '../../../shared/formats/secrets';
import type { HistoryEntry, HistorySummary } from '../../../shared/model/history';
import type { Capture } from '../../../shared/model/collection';
import type { HttpRequestDraft, ResponseHeader } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import { readVersionedLine } from './jsonLines';
import { SerialQueue } from './serialQueue';

/** Version of one history line; a line from a newer app is skipped (and counted), not misread. */
export const HISTORY_LINE_VERSION = 1;
export const DEFAULT_HISTORY_LIMITS = { maxEntries: 1000, maxBytes: 50 * 1024 * 1024, bodyLimitBytes: 64 * 1024 };

export interface HistoryLimits {
  maxEntries: number;
  /** Bytes on disk; whole segments (oldest first) are removed to stay under it. */
  maxBytes: number;
  /** Response and request bodies are cut to this many bytes (UTF-8) and flagged as truncated. */
  bodyLimitBytes: number;
}

/** What the sender knows after a request: the draft as typed, where it went, and what came back. */
export interface HistoryInput {
  /** Defaults to now. */
  time?: Date;
  /** Saved request name, or '' for an unsaved draft. */
  name?: string;
  environmentName: string | null;
  /** The collection whose variables were in scope, if any. */
  collectionId?: string | null;
  /** The request as typed, with what it needs to be sent again: its own variables, captures, auth. */
  request: HttpRequestDraft & { variables?: readonly KeyValue[]; captures?: readonly Capture[]; auth?: 'inherit' | 'none' };
  resolvedUrl: string;
  response: {
    status: number;
    statusText?: string;
    timeMs: number;
    sizeBytes: number;
    headers: readonly ResponseHeader[];
    body: string;
    /** True when `body` is already only a part of what was received (e.g. a preview). */
    bodyTruncated?: boolean;
    binary?: boolean;
  } | null;
  error: { code: string; message: string; timeMs?: number } | null;
}

export interface HistoryPage {
  entries: HistorySummary[];
  /** Entries matching the query (all entries without one). */
  total: number;
  /** Lines that could not be read when history was loaded; skipped, never fatal. */
  corruptLines: number;
}

interface Segment {
  seq: number;
  file: string;
  bytes: number;
  /** Entries of this segment still listed; at 0 the file is removed. */
  alive: number;
}

const SEGMENT_NAME = /^history-(\d{6,})\.jsonl$/;

/**
 * Every sent request and its response under `<dataDir>/history/`, as append-only JSON Lines
 * segments. Bounded by entry count and bytes, oldest first out. Header values that carry
 * credentials (and secret-looking JSON fields, form fields and query parameters) are masked
 * before anything is written: history never holds a secret. All entries are kept in memory
 * (at most `maxBytes`), which keeps listing and searching 1000 entries instant.
 */
export class HistoryStore {
  private readonly dir: string;
  private readonly limits: HistoryLimits;
  /** Oldest first. */
  private entries: HistoryEntry[] = [];
  private segmentOf = new Map<string, Segment>();
  private segments: Segment[] = [];
  private corrupt = 0;
  private loaded: Promise<void> | null = null;
  /** Serialises changes so two quick edits cannot land out of order. */
  private readonly queue = new SerialQueue();

  constructor(dataDir: string, limits: Partial<HistoryLimits> = {}) {
    this.dir = join(dataDir, 'history');
    this.limits = { ...DEFAULT_HISTORY_LIMITS, ...limits };
  }

  get directory(): string {
    return this.dir;
  }

  async append(input: HistoryInput): Promise<HistoryEntry> {
    const entry = this.toEntry(input);
    await this.ensureLoaded();
    await this.queue.run(async () => {
      const line = `${JSON.stringify({ v: HISTORY_LINE_VERSION, ...entry })}\n`;
      const size = Buffer.byteLength(line);
      let current = this.segments.at(-1);
      // Ten segments per budget: eviction then drops about a tenth at a time, never everything.
      if (!current || current.alive >= Math.max(1, Math.ceil(this.limits.maxEntries / 10)) || current.bytes + size > Math.max(1, this.limits.maxBytes / 10)) {
        current = this.newSegment((current?.seq ?? 0) + 1);
      }
      await mkdir(this.dir, { recursive: true });
      await appendFile(current.file, line, { mode: 0o600 });
      current.bytes += size;
      current.alive += 1;
      this.entries.push(entry);
      this.segmentOf.set(entry.id, current);
      await this.evict();
    });
    return structuredClone(entry);
  }

  async list(options: { query?: string; limit: number; offset: number }): Promise<HistoryPage> {
    await this.ensureLoaded();
    const terms = (options.query ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '');
    const newestFirst = [...this.entries].reverse();
    const matching = terms.length === 0 ? newestFirst : newestFirst.filter((e) => matches(e, terms));
    return {
      entries: matching.slice(options.offset, options.offset + Math.max(0, options.limit)).map(summaryOf),
      total: matching.length,
      corruptLines: this.corrupt,
    };
  }

  async get(id: string): Promise<HistoryEntry | null> {
    await this.ensureLoaded();
    const entry = this.entries.find((e) => e.id === id);
    return entry ? structuredClone(entry) : null;
  }

  /** Removes every entry and segment file; returns how many entries there were. */
  async clear(): Promise<number> {
    await this.ensureLoaded();
    return this.queue.run(async () => {
      const count = this.entries.length;
      const names = await readdir(this.dir).catch(() => [] as string[]);
      await Promise.all(names.filter((n) => SEGMENT_NAME.test(n)).map((n) => rm(join(this.dir, n), { force: true })));
      this.entries = [];
      this.segments = [];
      this.segmentOf.clear();
      this.corrupt = 0;
      return count;
    });
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.queue.run(() => this.readAll());
    return this.loaded;
  }

  private async readAll(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found = names
      .map((n) => ({ name: n, match: SEGMENT_NAME.exec(n) }))
      .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
      .map((x) => ({ seq: Number(x.match[1]), file: join(this.dir, x.name) }))
      .sort((a, b) => a.seq - b.seq);
    for (const { seq, file } of found) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        this.corrupt += 1;
        continue;
      }
      const segment: Segment = { seq, file, bytes: (await stat(file)).size, alive: 0 };
      this.segments.push(segment);
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const entry = parseLine(line);
        if (!entry) {
          this.corrupt += 1;
          continue;
        }
        this.entries.push(entry);
        this.segmentOf.set(entry.id, segment);
        segment.alive += 1;
      }
    }
    await this.evict();
  }

  private newSegment(seq: number): Segment {
    const segment: Segment = { seq, file: join(this.dir, `history-${String(seq).padStart(6, '0')}.jsonl`), bytes: 0, alive: 0 };
    this.segments.push(segment);
    return segment;
  }

  /** Drops the oldest entries beyond the count, then whole oldest segments beyond the bytes. */
  private async evict(): Promise<void> {
    while (this.entries.length > this.limits.maxEntries) this.forget(this.entries[0] as HistoryEntry);
    let total = this.segments.reduce((sum, s) => sum + s.bytes, 0);
    while (total > this.limits.maxBytes && this.segments.length > 1) {
      const oldest = this.segments[0] as Segment;
      while (this.entries.length > 0 && this.segmentOf.get((this.entries[0] as HistoryEntry).id) === oldest) this.forget(this.entries[0] as HistoryEntry);
      oldest.alive = 0;
      total -= oldest.bytes;
      await this.dropSegment(oldest);
    }
    for (const segment of this.segments.slice(0, -1)) if (segment.alive <= 0) await this.dropSegment(segment);
  }

  private forget(entry: HistoryEntry): void {
    this.entries.shift();
    const segment = this.segmentOf.get(entry.id);
    this.segmentOf.delete(entry.id);
    if (segment) segment.alive -= 1;
  }

  private async dropSegment(segment: Segment): Promise<void> {
    this.segments = this.segments.filter((s) => s !== segment);
    await rm(segment.file, { force: true });
  }

  private toEntry(input: HistoryInput): HistoryEntry {
    const limit = this.limits.bodyLimitBytes;
    const requestBody = capBytes(maskSecretsInText(input.request.body.text), limit);
    const response = input.response
      ? (() => {
          const body = capBytes(maskSecretsInText(input.response.body), limit);
          return {
            statusText: input.response.statusText ?? '',
            headers: input.response.headers.map((h) => ({ name: h.name, value: maskHeaderValue(h.name, h.value) })),
            sizeBytes: input.response.sizeBytes,
            body: body.text,
            bodyTruncated: body.truncated || (input.response.bodyTruncated ?? false),
            binary: input.response.binary ?? false,
          };
        })()
      : null;
    return {
      id: randomUUID(),
      time: (input.time ?? new Date()).toISOString(),
      method: input.request.method,
      url: maskQueryPairs(input.request.url),
      resolvedUrl: maskQueryPairs(input.resolvedUrl),
      name: input.name ?? '',
      environmentName: input.environmentName,
      collectionId: input.collectionId ?? null,
      status: input.response?.status ?? null,
      errorCode: input.error?.code ?? null,
      timeMs: input.response?.timeMs ?? input.error?.timeMs ?? null,
      request: {
        method: input.request.method,
        url: maskQueryPairs(input.request.url),
        params: input.request.params.map((p) => ({ key: p.key, value: maskHeaderValue(p.key, p.value), enabled: p.enabled })),
        headers: input.request.headers.map((h) => ({ key: h.key, value: maskHeaderValue(h.key, h.value), enabled: h.enabled })),
        body: { mode: input.request.body.mode, text: requestBody.text },
        // Secret-named variables are masked like headers; padlocked values never get this far.
        variables: (input.request.variables ?? []).map((v) => ({ key: v.key, value: v.secret ? '' : maskHeaderValue(v.key, v.value), enabled: v.enabled, ...(v.secret ? { secret: true } : {}) })),
        captures: (input.request.captures ?? []).map((c) => ({ ...c })),
        auth: input.request.auth ?? 'inherit',
      },
      response,
      error: input.error ? { code: input.error.code, message: maskQueryPairs(input.error.message) } : null,
    };
  }

}

function parseLine(line: string): HistoryEntry | null {
  const value = readVersionedLine(line, HISTORY_LINE_VERSION);
  if (!value) return null;
  const { v: _v, ...rest } = value;
  const entry = rest as unknown as HistoryEntry;
  // Enough shape to list and search it; anything less is a damaged line.
  if (typeof entry.id !== 'string' || typeof entry.time !== 'string' || typeof entry.url !== 'string' || typeof entry.request !== 'object' || entry.request === null) return null;
  // Lines from before these fields existed.
  entry.collectionId = typeof entry.collectionId === 'string' ? entry.collectionId : null;
  entry.request.variables = Array.isArray(entry.request.variables) ? entry.request.variables : [];
  entry.request.captures = Array.isArray(entry.request.captures) ? entry.request.captures : [];
  entry.request.auth = entry.request.auth === 'none' ? 'none' : 'inherit';
  if (entry.response) {
    entry.response.statusText = typeof entry.response.statusText === 'string' ? entry.response.statusText : '';
    entry.response.binary = entry.response.binary === true;
  }
  return entry;
}

function summaryOf(e: HistoryEntry): HistorySummary {
  return {
    id: e.id,
    time: e.time,
    method: e.method,
    url: e.url,
    resolvedUrl: e.resolvedUrl,
    name: e.name,
    environmentName: e.environmentName,
    collectionId: e.collectionId,
    status: e.status,
    errorCode: e.errorCode,
    timeMs: e.timeMs,
  };
}

/** Every term must appear somewhere: method, URLs, status, name, environment, error, or a body. */
function matches(e: HistoryEntry, terms: readonly string[]): boolean {
  const head = `${e.method} ${e.url} ${e.resolvedUrl} ${e.status ?? ''} ${e.name} ${e.environmentName ?? ''} ${e.errorCode ?? ''} ${e.error?.message ?? ''}`.toLowerCase();
  let bodies: string | null = null;
  return terms.every((term) => {
    if (head.includes(term)) return true;
    bodies ??= `${e.request.body.text}\n${e.response?.body ?? ''}`.toLowerCase();
    return bodies.includes(term);
  });
}

/** Cuts UTF-8 text to `limit` bytes without splitting a character. */
function capBytes(text: string, limit: number): { text: string; truncated: boolean } {
  if (text.length <= limit / 4 || Buffer.byteLength(text) <= limit) return { text, truncated: false };
  const cut = Buffer.from(text, 'utf8').subarray(0, limit).toString('utf8');
  return { text: cut.replace(/\uFFFD+$/, ''), truncated: true };
}
