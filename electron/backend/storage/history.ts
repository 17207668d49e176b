import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { maskHeaderValue, maskQueryPairs, maskSecretsInText } from '../../../shared/formats/secrets';
import type { HistoryEntry, HistorySummary } from '../../../shared/model/history';
import type { Capture } from '../../../shared/model/collection';
import type { HttpRequestDraft, ResponseHeader } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import { SegmentedLog, type LoadedLine } from './segmentedLog';
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

/**
 * Every sent request and its response under `<dataDir>/history/`, as append-only JSON Lines
 * segments. Bounded by entry count and bytes, oldest first out. Header values that carry
 * credentials (and secret-looking JSON fields, form fields and query parameters) are masked
 * before anything is written: history never holds a secret. All entries are kept in memory
 * (at most `maxBytes`), which keeps listing and searching 1000 entries instant.
 */
export class HistoryStore {
  private readonly limits: HistoryLimits;
  /** `history-000001.jsonl`, … under the folder; entries oldest first. */
  private readonly log: SegmentedLog<HistoryEntry>;
  private loaded: Promise<void> | null = null;
  /** Serialises changes so two quick edits cannot land out of order. */
  private readonly queue = new SerialQueue();

  constructor(dataDir: string, limits: Partial<HistoryLimits> = {}) {
    this.limits = { ...DEFAULT_HISTORY_LIMITS, ...limits };
    this.log = new SegmentedLog<HistoryEntry>({
      dir: join(dataDir, 'history'),
      prefix: 'history',
      version: HISTORY_LINE_VERSION,
      limits: { maxEntries: this.limits.maxEntries, maxBytes: this.limits.maxBytes },
    });
  }

  get directory(): string {
    return this.log.directory;
  }

  /** Resolves once the entry is on disk (and evicted segments are removed). */
  async append(input: HistoryInput): Promise<HistoryEntry> {
    const entry = this.toEntry(input);
    await this.ensureLoaded();
    await this.queue.run(() => this.log.append(entry, entry));
    return structuredClone(entry);
  }

  async list(options: { query?: string; limit: number; offset: number }): Promise<HistoryPage> {
    await this.ensureLoaded();
    const terms = (options.query ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((t) => t !== '');
    const newestFirst = [...this.log.newestFirst()];
    const matching = terms.length === 0 ? newestFirst : newestFirst.filter((e) => matches(e, terms));
    return {
      entries: matching.slice(options.offset, options.offset + Math.max(0, options.limit)).map(summaryOf),
      total: matching.length,
      corruptLines: this.log.corruptLines,
    };
  }

  async get(id: string): Promise<HistoryEntry | null> {
    await this.ensureLoaded();
    for (const entry of this.log.oldestFirst()) if (entry.id === id) return structuredClone(entry);
    return null;
  }

  /** Removes every entry and segment file; returns how many entries there were. */
  async clear(): Promise<number> {
    await this.ensureLoaded();
    return this.queue.run(() => this.log.clear());
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.queue.run(() =>
      this.log.load(parseLine, (lines: Array<LoadedLine<HistoryEntry>>) => {
        for (const { value, segment } of lines) this.log.keep(value, segment);
      }),
    );
    return this.loaded;
  }

  private toEntry(input: HistoryInput): HistoryEntry {
    const limit = this.limits.bodyLimitBytes;
    const requestBody = capBytes(maskSecretsInText(head(input.request.body.text, limit)), limit);
    const response = input.response
      ? (() => {
          const body = capBytes(maskSecretsInText(head(input.response.body, limit)), limit);
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
        variables: (input.request.variables ?? []).map((v) => ({
          key: v.key,
          value: v.secret ? '' : maskHeaderValue(v.key, v.value),
          enabled: v.enabled,
          ...(v.secret ? { secret: true } : {}),
        })),
        captures: (input.request.captures ?? []).map((c) => ({ ...c })),
        auth: input.request.auth ?? 'inherit',
      },
      response,
      error: input.error ? { code: input.error.code, message: maskQueryPairs(input.error.message) } : null,
    };
  }
}

/**
 * The start of a body that can hold `limit` bytes, with room for a masked value that crosses the
 * cut: only that much is masked and kept, so a 20 MB body costs no more than a small one (masking
 * it whole took a second, and a 20 MB string value overflowed the masking regex's stack).
 */
function head(text: string, limit: number): string {
  const room = limit + 4096;
  return text.length > room ? text.slice(0, room) : text;
}

/** One versioned line (see SegmentedLog.load) as an entry, or null when it is damaged. */
function parseLine(value: Record<string, unknown>): HistoryEntry | null {
  const { v: _v, ...rest } = value;
  const entry = rest as unknown as HistoryEntry;
  // Enough shape to list and search it; anything less is a damaged line.
  if (
    typeof entry.id !== 'string' ||
    typeof entry.time !== 'string' ||
    typeof entry.url !== 'string' ||
    typeof entry.request !== 'object' ||
    entry.request === null
  )
    return null;
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
  const head =
    `${e.method} ${e.url} ${e.resolvedUrl} ${e.status ?? ''} ${e.name} ${e.environmentName ?? ''} ${e.errorCode ?? ''} ${e.error?.message ?? ''}`.toLowerCase();
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
