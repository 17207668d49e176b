import { closeSync, constants, openSync, readSync } from 'node:fs';
import { appendFile, lstat, mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { GuardedReadError, readGuardedFile } from './guardedFile';
import { readVersionedLine } from './jsonLines';

export interface SegmentedLogLimits {
  /** Entries kept; the oldest go first. */
  maxEntries: number;
  /** Bytes on disk; whole segments (oldest first) are removed to stay under it. */
  maxBytes: number;
}

export interface SegmentedLogOptions {
  /** The folder holding the segments (created on the first write). */
  dir: string;
  /** Segment files are `<prefix>-000001.jsonl`, `<prefix>-000002.jsonl`, … */
  prefix: string;
  /** Written as `"v"` first on every line; a line with another version is skipped and counted. */
  version: number;
  limits: SegmentedLogLimits;
}

/** One readable line of a segment, with the segment it came from (for `keep`). */
export interface LoadedLine<L> {
  value: L;
  segment: number;
}

const LOAD_BLOCK_BYTES = 1024 * 1024;
/** Never follows a link, never waits on a FIFO (where the platform has the flags). */
const SAFE_READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Where one line sits on disk: its segment and byte range (without the newline). */
export interface LineLocation {
  segment: number;
  offset: number;
  bytes: number;
}

interface Segment {
  seq: number;
  file: string;
  bytes: number;
  /** Entries of this segment still kept; at 0 (and not the newest) the file is removed. */
  alive: number;
  /**
   * Found at load but not a regular file (a link, a FIFO, a folder) or not readable: kept only so
   * its number is not reused. Never written to (an append to a FIFO would wait for a reader
   * forever), never removed (it is not something this log wrote).
   */
  sealed?: true;
}

interface Slot<T> {
  item: T;
  segment: Segment;
}

/**
 * A line as written: text, or parts (text and raw bytes) written one after the other, so a
 * callback's body goes in byte for byte and no part is first joined into one long string. The
 * line's newline is added by the log.
 */
export type LineText = string | ReadonlyArray<string | Buffer>;

/**
 * Lines queued for one segment, encoded as they come into one buffer (outside the JS heap): the
 * write hands it to the OS as it is. `start` is the segment's byte offset of its first byte.
 */
interface Chunk {
  segment: Segment;
  start: number;
  buffer: Buffer;
  used: number;
}

/** What one write to disk does: clear the folder first, append lines, remove dropped segments. */
interface Batch {
  wipe: boolean;
  lines: Map<Segment, Chunk>;
  drops: Segment[];
  done: Promise<void>;
  settle: (error?: Error) => void;
}

const CHUNK_BYTES = 64 * 1024;
/** Chunk buffers of at most this size are reused by the next batches instead of freed. */
const REUSED_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * An append-only JSON Lines log in numbered segment files, with a format version on every line,
 * bounded by entry count and bytes on disk, oldest out first. Every kept entry is held in memory in
 * arrival order, so callers list and search without reading the disk. Writes are batched: many
 * appends in one turn cost one append per segment, not one each. A segment is dropped whole,
 * once none of its entries is kept or the bytes are over budget: the disk never holds more than
 * the budget plus the newest segment. Damaged lines are skipped and counted, never fatal.
 *
 * A line is either an entry (counted, kept in memory, may start a new segment) or a note: a later
 * fact about an entry, written to the newest segment and read back by the owner on load.
 */
export class SegmentedLog<T> {
  private readonly dir: string;
  private readonly version: number;
  private readonly limits: SegmentedLogLimits;
  private readonly segmentName: RegExp;
  private readonly prefix: string;
  /** Oldest first; slots before `head` are evicted (compacted lazily). */
  private slots: Array<Slot<T> | undefined> = [];
  private head = 0;
  private segments: Segment[] = [];
  private corrupt = 0;
  private pending: Batch | null = null;
  /** The batch being written now: its lines are read from memory until it is done. */
  private inWrite: Batch | null = null;
  /**
   * Lines whose write failed (a full or read-only disk): still read from memory until their
   * segment is dropped, as they were before the write.
   */
  private failed: Chunk[] = [];
  /** Buffers of written chunks, for the next ones (a callback burst would otherwise allocate one per batch). */
  private spare: Buffer[] = [];
  /**
   * Bytes of the kept segments, kept up to date on every write and made exact by evict(); it may
   * run high after a segment is dropped elsewhere, which only costs an evict() that finds nothing.
   */
  private bytesWritten = 0;
  private writing: Promise<void> | null = null;

  /** `onForget` is told of every entry evicted, oldest first, so the owner can drop its indexes. */
  constructor(
    options: SegmentedLogOptions,
    private readonly onForget: (item: T) => void = () => undefined,
  ) {
    if (!/^[a-z][a-z0-9_]*$/i.test(options.prefix)) throw new Error(`Segment prefix "${options.prefix}" must be a plain word.`);
    this.dir = options.dir;
    this.prefix = options.prefix;
    this.version = options.version;
    this.limits = options.limits;
    this.segmentName = new RegExp(`^${options.prefix}-(\\d{6,})\\.jsonl$`);
  }

  get directory(): string {
    return this.dir;
  }

  /** Entries kept. */
  get size(): number {
    return this.slots.length - this.head;
  }

  /** Lines (and unreadable segment files) skipped on load. */
  get corruptLines(): number {
    return this.corrupt;
  }

  /** The entry at `index`, 0 being the oldest kept. */
  at(index: number): T {
    const slot = this.slots[this.head + index];
    if (!slot) throw new RangeError(`No entry at ${index} (${this.size} kept).`);
    return slot.item;
  }

  *oldestFirst(): IterableIterator<T> {
    for (let i = this.head; i < this.slots.length; i++) yield (this.slots[i] as Slot<T>).item;
  }

  *newestFirst(): IterableIterator<T> {
    for (let i = this.slots.length - 1; i >= this.head; i--) yield (this.slots[i] as Slot<T>).item;
  }

  /**
   * Reads every segment in order. `parse` turns one line (already a versioned object without
   * `__proto__` keys) into a value or null for a damaged line. `adopt` gets every readable line in
   * file order and calls `keep` for the entries, in the order they arrived. Then the limits are
   * applied. Call once, before anything else.
   */
  async load<L>(parse: (line: Record<string, unknown>) => L | null, adopt: (lines: Array<LoadedLine<L>>) => void): Promise<void> {
    const found = await this.findSegments();
    const lines: Array<LoadedLine<L>> = [];
    for (const { seq, file } of found) {
      let text: string;
      let bytes: number;
      try {
        // Only a regular file, and no more than the log may hold: a segment replaced by a link to
        // /dev/zero or by a FIFO is skipped (counted as damaged), not read forever or waited on.
        const content = await readGuardedFile(file, this.limits.maxBytes);
        text = content.toString('utf8');
        bytes = content.length;
      } catch (error) {
        this.corrupt += 1;
        // One over the whole budget is evicted as it would have been once read; anything else is set aside.
        const size = error instanceof GuardedReadError && error.problem === 'too-large' ? (await lstat(file).catch(() => null))?.size : undefined;
        this.segments.push(size !== undefined ? { seq, file, bytes: size, alive: 0 } : { seq, file, bytes: 0, alive: 0, sealed: true });
        continue;
      }
      this.segments.push({ seq, file, bytes, alive: 0 });
      for (const raw of text.split('\n')) {
        if (raw.trim() === '') continue;
        const fields = readVersionedLine(raw, this.version);
        const value = fields ? parse(fields) : null;
        if (value === null) this.corrupt += 1;
        else lines.push({ value, segment: seq });
      }
    }
    adopt(lines);
    this.evict();
    await this.flush();
  }

  /**
   * Like `load`, without decoding every line: `parse` gets each line's raw bytes and where it
   * sits, and reads only what it needs (the webhook store reads a small index part of each line
   * and leaves the body on disk). Returning null counts the line as damaged.
   */
  async loadRaw<L>(
    parse: (bytes: Buffer, start: number, end: number, at: LineLocation) => L | null,
    adopt: (lines: Array<LoadedLine<L>>) => void,
  ): Promise<void> {
    const found = await this.findSegments();
    const lines: Array<LoadedLine<L>> = [];
    // Read in blocks, not whole files: a 20 MB segment would otherwise sit in memory (and stay in
    // the process's footprint) only to be parsed a line at a time.
    const block = Buffer.allocUnsafe(LOAD_BLOCK_BYTES);
    for (const { seq, file } of found) {
      let handle: FileHandle;
      let length: number;
      try {
        // As in `load`: only a regular file is read, and only as far as it was long when opened.
        const info = await lstat(file);
        if (!info.isFile()) throw new Error('not a regular file');
        handle = await open(file, SAFE_READ_FLAGS);
        const opened = await handle.stat();
        if (!opened.isFile() || opened.ino !== info.ino) {
          await handle.close();
          throw new Error('not a regular file');
        }
        length = opened.size;
      } catch {
        this.corrupt += 1;
        this.segments.push({ seq, file, bytes: 0, alive: 0, sealed: true });
        continue;
      }
      let size = 0;
      try {
        let buffer = block;
        /** Bytes of `buffer` not yet parsed (the start of a line cut by the block's end), from 0. */
        let carried = 0;
        let position = 0;
        for (;;) {
          if (carried === buffer.length) {
            // One line longer than the block: grow for it.
            const bigger = Buffer.allocUnsafe(buffer.length * 2);
            buffer.copy(bigger, 0, 0, carried);
            buffer = bigger;
          }
          const { bytesRead } = await handle.read(buffer, carried, Math.min(buffer.length - carried, length - position), position);
          position += bytesRead;
          const filled = carried + bytesRead;
          const atEnd = bytesRead === 0;
          let start = 0;
          while (start < filled) {
            let end = buffer.indexOf(10, start);
            if (end < 0 || end >= filled) {
              if (!atEnd) break;
              end = filled;
            }
            if (end > start && !(end - start === 1 && buffer[start] === 13)) {
              const offset = position - filled + start;
              const value = parse(buffer, start, end, { segment: seq, offset, bytes: end - start });
              if (value === null) this.corrupt += 1;
              else lines.push({ value, segment: seq });
            }
            start = end + 1;
          }
          if (atEnd) break;
          carried = filled - start;
          if (carried > 0) buffer.copy(buffer, 0, start, filled);
        }
        size = position;
      } catch {
        this.corrupt += 1;
      } finally {
        await handle.close();
      }
      this.segments.push({ seq, file, bytes: size, alive: 0 });
    }
    adopt(lines);
    this.evict();
    await this.flush();
  }

  /**
   * The segment files in the folder now, oldest first: every file named like this log's segments,
   * whatever it is (a link or a FIFO is found here and set aside by the reader). None when the
   * folder does not exist yet.
   */
  private async findSegments(): Promise<Array<{ seq: number; file: string }>> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names
      .map((n) => ({ name: n, match: this.segmentName.exec(n) }))
      .filter((x): x is { name: string; match: RegExpExecArray } => x.match !== null)
      .map((x) => ({ seq: Number(x.match[1]), file: join(this.dir, x.name) }))
      .sort((a, b) => a.seq - b.seq);
  }

  /**
   * Bytes of one line written earlier (see `appendLine`), or null when its segment is gone or the
   * read fails. Synchronous: a page of lines costs a few small reads from the OS cache.
   */
  readLine(at: LineLocation): Buffer | null {
    const segment = this.segments.find((s) => s.seq === at.segment);
    if (!segment) return null;
    // Not on disk yet (queued, being written, or its write failed): from memory.
    const queued = this.queuedBytes(segment, at);
    if (queued) return queued;
    let fd: number | null = null;
    try {
      fd = openSync(segment.file, SAFE_READ_FLAGS);
      const out = Buffer.allocUnsafe(at.bytes);
      const read = readSync(fd, out, 0, at.bytes, at.offset);
      return read === at.bytes ? out : null;
    } catch {
      return null;
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }

  /** A copy of the line's bytes when they sit in a chunk not (yet) on disk. */
  private queuedBytes(segment: Segment, at: LineLocation): Buffer | null {
    const inChunk = (chunk: Chunk | undefined): Buffer | null =>
      chunk && chunk.segment === segment && at.offset >= chunk.start && at.offset + at.bytes <= chunk.start + chunk.used
        ? Buffer.from(chunk.buffer.subarray(at.offset - chunk.start, at.offset - chunk.start + at.bytes))
        : null;
    return (
      inChunk(this.pending?.lines.get(segment)) ??
      inChunk(this.inWrite?.lines.get(segment)) ??
      this.failed.reduce<Buffer | null>((found, c) => found ?? inChunk(c), null)
    );
  }

  /** Keeps an entry read by `load` (from `adopt` only), as the newest so far. */
  keep(item: T, segment: number): void {
    // Entries come segment by segment: the last one found is nearly always the one.
    const last = this.slots.at(-1)?.segment;
    const found = last?.seq === segment ? last : this.segments.find((s) => s.seq === segment);
    if (!found) throw new Error(`No segment ${segment} was loaded.`);
    this.slots.push({ item, segment: found });
    found.alive += 1;
  }

  /**
   * Keeps `item` as the newest entry at once and writes `fields` (after `"v"`) as its line with
   * the next batched write, then applies the limits. The promise says when that write is done;
   * it may be left unawaited (a failed write then goes unreported, as with `flush`).
   */
  append(item: T, fields: object): Promise<void> {
    const segment = this.write(fields, true);
    this.slots.push({ item, segment });
    segment.alive += 1;
    this.evict();
    return this.batch().done;
  }

  /**
   * As `append`, with the line already serialised by the caller (it must be one JSON object
   * starting with `{"v":<version>,` and without a newline). Returns where the line will sit on
   * disk once the batch is written, for `readLine`.
   */
  appendLine(item: T, line: LineText): { at: LineLocation; written: Promise<void> } {
    const { segment, offset, bytes } = this.writeText(line, true);
    this.slots.push({ item, segment });
    segment.alive += 1;
    // Only when a limit may be passed: evict() walks every segment.
    if (this.size > this.limits.maxEntries || this.bytesWritten > this.limits.maxBytes) this.evict();
    return { at: { segment: segment.seq, offset, bytes: bytes - 1 }, written: this.batch().done };
  }

  /** As `note`, with the line serialised by the caller (see `appendLine`); returns where it will sit. */
  noteLine(line: LineText): { at: LineLocation; written: Promise<void> } {
    const { segment, offset, bytes } = this.writeText(line, false);
    return { at: { segment: segment.seq, offset, bytes: bytes - 1 }, written: this.batch().done };
  }

  /** Writes a line that is not an entry (a later fact about one) to the newest segment. */
  note(fields: object): Promise<void> {
    this.write(fields, false);
    return this.batch().done;
  }

  /** Resolves once every line so far is on disk and dropped segments are removed. Never rejects. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Forgets every entry and removes every segment file (loaded or not); returns how many entries there were. */
  async clear(): Promise<number> {
    // All in this turn, so nothing appended meanwhile is lost. The wipe runs after any write in
    // progress; lines still queued belong to what is cleared; lines appended later go in after it.
    const count = this.size;
    this.slots = [];
    this.head = 0;
    this.segments = [];
    this.bytesWritten = 0;
    this.corrupt = 0;
    const batch = this.batch();
    batch.wipe = true;
    batch.lines.clear();
    batch.drops = [];
    await batch.done;
    return count;
  }

  private write(fields: object, entry: boolean): Segment {
    return this.writeText(JSON.stringify({ v: this.version, ...fields }), entry).segment;
  }

  /** Queues one line (its newline added here); `bytes` of the result count the newline. */
  private writeText(line: LineText, entry: boolean): { segment: Segment; offset: number; bytes: number } {
    let current = this.segments.at(-1);
    // Ten segments per budget: eviction then drops about a tenth at a time, never everything.
    const perSegmentEntries = Math.max(1, Math.ceil(this.limits.maxEntries / 10));
    const perSegmentBytes = Math.max(1, this.limits.maxBytes / 10);
    if (!current || current.sealed || (entry && current.alive >= perSegmentEntries)) current = this.newSegment(current);
    const chunk = this.chunkFor(current);
    const from = chunk.used;
    encode(chunk, line);
    const size = chunk.used - from;
    if (entry && current.bytes > 0 && current.bytes + size > perSegmentBytes) {
      // Over the segment's bytes: the line starts the next segment instead.
      const bytes = chunk.buffer.subarray(from, chunk.used);
      const next = this.newSegment(current);
      const moved = this.chunkFor(next);
      ensureRoom(moved, size);
      bytes.copy(moved.buffer, moved.used);
      moved.used += size;
      chunk.used = from;
      if (chunk.used === 0) this.batch().lines.delete(current);
      current = next;
    }
    const offset = current.bytes;
    current.bytes += size;
    this.bytesWritten += size;
    return { segment: current, offset, bytes: size };
  }

  private newSegment(after: Segment | undefined): Segment {
    const seq = (after?.seq ?? 0) + 1;
    const segment = { seq, file: join(this.dir, `${this.prefix}-${String(seq).padStart(6, '0')}.jsonl`), bytes: 0, alive: 0 };
    this.segments.push(segment);
    return segment;
  }

  /** The next batch's chunk for `segment`, made on first use. */
  private chunkFor(segment: Segment): Chunk {
    const lines = this.batch().lines;
    let chunk = lines.get(segment);
    if (!chunk) {
      chunk = { segment, start: segment.bytes, buffer: this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES), used: 0 };
      lines.set(segment, chunk);
    }
    return chunk;
  }

  /** Drops the oldest entries beyond the count, then whole oldest segments beyond the bytes. */
  private evict(): void {
    while (this.size > this.limits.maxEntries) this.forgetOldest();
    let total = this.segments.reduce((sum, s) => sum + s.bytes, 0);
    this.bytesWritten = total;
    while (total > this.limits.maxBytes && this.segments.length > 1) {
      const oldest = this.segments[0] as Segment;
      while (this.size > 0 && (this.slots[this.head] as Slot<T>).segment === oldest) this.forgetOldest();
      oldest.alive = 0;
      total -= oldest.bytes;
      this.dropSegment(oldest);
    }
    this.bytesWritten = total;
    for (const segment of this.segments.slice(0, -1)) if (segment.alive <= 0) this.dropSegment(segment);
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
  }

  private forgetOldest(): void {
    const slot = this.slots[this.head] as Slot<T>;
    this.slots[this.head] = undefined;
    this.head += 1;
    slot.segment.alive -= 1;
    this.onForget(slot.item);
  }

  private dropSegment(segment: Segment): void {
    this.segments = this.segments.filter((s) => s !== segment);
    if (segment.sealed) return;
    const batch = this.batch();
    batch.lines.delete(segment);
    batch.drops.push(segment);
    if (this.failed.length > 0) this.failed = this.failed.filter((c) => c.segment !== segment);
  }

  /** The batch the next write will carry; a writer is started for it when none runs. */
  private batch(): Batch {
    if (this.pending) return this.pending;
    let settle: (error?: Error) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Marked handled here: an owner that does not await its append is told nothing, as before.
    done.catch(() => undefined);
    this.pending = { wipe: false, lines: new Map(), drops: [], done, settle };
    this.startWriter();
    return this.pending;
  }

  private startWriter(): void {
    if (this.writing) return;
    this.writing = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        while (this.pending) {
          const batch = this.pending;
          this.pending = null;
          this.inWrite = batch;
          try {
            await this.writeBatch(batch);
            this.reuse(batch);
            batch.settle();
          } catch (error) {
            // What did not reach the disk stays readable from memory (the batch's chunks are not reused).
            for (const chunk of batch.lines.values()) if (this.segments.includes(chunk.segment)) this.failed.push(chunk);
            batch.settle(error instanceof Error ? error : new Error(String(error)));
          } finally {
            this.inWrite = null;
          }
        }
      })
      .finally(() => {
        this.writing = null;
        if (this.pending) this.startWriter();
      });
  }

  private async writeBatch(batch: Batch): Promise<void> {
    if (batch.wipe) await Promise.all((await this.findSegments()).map(({ file }) => rm(file, { force: true })));
    if (batch.lines.size > 0) await mkdir(this.dir, { recursive: true });
    for (const [segment, chunk] of batch.lines) if (chunk.used > 0) await appendFile(segment.file, chunk.buffer.subarray(0, chunk.used), { mode: 0o600 });
    for (const segment of batch.drops) await rm(segment.file, { force: true });
  }

  /** Keeps a written batch's buffers (a few, not too large) for the next batches. */
  private reuse(batch: Batch): void {
    for (const chunk of batch.lines.values()) {
      if (this.spare.length < 2 && chunk.buffer.length <= REUSED_CHUNK_BYTES) this.spare.push(chunk.buffer);
    }
    batch.lines.clear();
  }
}

/** Makes room for `bytes` more in the chunk (doubling its buffer). */
function ensureRoom(chunk: Chunk, bytes: number): void {
  if (chunk.used + bytes <= chunk.buffer.length) return;
  const bigger = Buffer.allocUnsafe(Math.max(chunk.buffer.length * 2, chunk.used + bytes));
  chunk.buffer.copy(bigger, 0, 0, chunk.used);
  chunk.buffer = bigger;
}

/** Appends one line and its newline to the chunk, text as UTF-8. */
function encode(chunk: Chunk, line: LineText): void {
  if (typeof line === 'string') writePart(chunk, line);
  else for (const part of line) writePart(chunk, part);
  ensureRoom(chunk, 1);
  chunk.buffer[chunk.used++] = 10;
}

function writePart(chunk: Chunk, part: string | Buffer): void {
  if (typeof part === 'string') {
    // At most three bytes per UTF-16 unit: room for the worst case, then the exact count written.
    ensureRoom(chunk, part.length * 3);
    chunk.used += chunk.buffer.write(part, chunk.used, 'utf8');
  } else {
    ensureRoom(chunk, part.length);
    chunk.used += part.copy(chunk.buffer, chunk.used);
  }
}
