import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SegmentedLog, type LoadedLine, type SegmentedLogLimits } from '../../../electron/backend/storage/segmentedLog';

interface Item {
  n: number;
  text: string;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-seglog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parse(line: Record<string, unknown>): Item | null {
  return typeof line.n === 'number' && typeof line.text === 'string' ? { n: line.n, text: line.text } : null;
}

/** A log over `dir/log` with `item-NNNNNN.jsonl` segments, loaded; `forgotten` lists what eviction removed. */
async function open(limits: Partial<SegmentedLogLimits> = {}): Promise<{ log: SegmentedLog<Item>; forgotten: number[] }> {
  const forgotten: number[] = [];
  const log = new SegmentedLog<Item>(
    { dir: join(dir, 'log'), prefix: 'item', version: 1, limits: { maxEntries: 100, maxBytes: 1024 * 1024, ...limits } },
    (item) => forgotten.push(item.n),
  );
  await log.load(parse, (lines: Array<LoadedLine<Item>>) => {
    for (const { value, segment } of lines) log.keep(value, segment);
  });
  return { log, forgotten };
}

async function appendAll(log: SegmentedLog<Item>, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) {
    const item = { n, text: `item ${n}` };
    void log.append(item, item);
  }
  await log.flush();
}

async function segmentFiles(): Promise<string[]> {
  return (await readdir(join(dir, 'log')).catch(() => [] as string[])).sort();
}

function numbers(log: SegmentedLog<Item>): number[] {
  return [...log.oldestFirst()].map((i) => i.n);
}

describe('segmented append-only log', () => {
  test('append writes one versioned JSON line per entry, private to the user, once awaited', async () => {
    const { log } = await open();
    expect(await segmentFiles()).toEqual([]);
    const item = { n: 1, text: 'first' };
    await log.append(item, item);
    expect(await segmentFiles()).toEqual(['item-000001.jsonl']);
    const file = join(dir, 'log', 'item-000001.jsonl');
    expect(await readFile(file, 'utf8')).toBe('{"v":1,"n":1,"text":"first"}\n');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(log.size).toBe(1);
    expect(log.at(0)).toBe(item);
  });

  test('rolls over into a new segment every tenth of the entry budget and every tenth of the byte budget', async () => {
    const { log } = await open({ maxEntries: 30 });
    await appendAll(log, 1, 7);
    expect(await segmentFiles()).toEqual(['item-000001.jsonl', 'item-000002.jsonl', 'item-000003.jsonl']);
    const counts = await Promise.all((await segmentFiles()).map(async (f) => (await readFile(join(dir, 'log', f), 'utf8')).split('\n').filter(Boolean).length));
    expect(counts).toEqual([3, 3, 1]);

    await rm(join(dir, 'log'), { recursive: true });
    const bytes = await open({ maxBytes: 1000 });
    const big = { n: 1, text: 'x'.repeat(60) };
    await bytes.log.append(big, big);
    await bytes.log.append({ ...big, n: 2 }, { ...big, n: 2 });
    // Each line is about 80 bytes: over the 100-byte tenth together, so one a segment.
    expect(await segmentFiles()).toEqual(['item-000001.jsonl', 'item-000002.jsonl']);
  });

  test('reads every segment back in order after a restart, and goes on numbering after the last', async () => {
    const first = await open({ maxEntries: 30 });
    await appendAll(first.log, 1, 10);
    expect((await segmentFiles()).length).toBe(4);

    const again = await open({ maxEntries: 30 });
    expect(numbers(again.log)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...again.log.newestFirst()].map((i) => i.n)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(again.log.corruptLines).toBe(0);
    await appendAll(again.log, 11, 13);
    // Segment 4 held one entry; it fills up to three, then a fifth segment starts.
    expect(await segmentFiles()).toEqual(['item-000001.jsonl', 'item-000002.jsonl', 'item-000003.jsonl', 'item-000004.jsonl', 'item-000005.jsonl']);
    expect(numbers((await open({ maxEntries: 30 })).log)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  test('evicts by count, oldest first, and removes a segment from disk once none of its entries is kept', async () => {
    const { log, forgotten } = await open({ maxEntries: 10 });
    await appendAll(log, 1, 25);
    expect(log.size).toBe(10);
    expect(numbers(log)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(forgotten).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    // One entry a segment at this budget: only the ten kept remain on disk.
    expect(await segmentFiles()).toEqual(Array.from({ length: 10 }, (_, i) => `item-${String(i + 16).padStart(6, '0')}.jsonl`));
    expect(numbers((await open({ maxEntries: 10 })).log)).toEqual(numbers(log));

    // A smaller budget on the next start applies at load, whole segments at a time.
    const smaller = await open({ maxEntries: 4 });
    expect(numbers(smaller.log)).toEqual([22, 23, 24, 25]);
    expect(smaller.forgotten).toEqual([16, 17, 18, 19, 20, 21]);
    expect((await segmentFiles()).length).toBe(4);
  });

  test('evicts whole oldest segments to stay under the byte budget', async () => {
    const { log } = await open({ maxBytes: 2000 });
    for (let n = 1; n <= 40; n++) {
      const item = { n, text: 'y'.repeat(150) };
      await log.append(item, item);
    }
    let bytes = 0;
    for (const f of await segmentFiles()) bytes += (await stat(join(dir, 'log', f))).size;
    expect(bytes).toBeLessThanOrEqual(2000);
    expect(log.at(log.size - 1).n).toBe(40);
    expect(numbers((await open({ maxBytes: 2000 })).log)).toEqual(numbers(log));
  });

  test('skips and counts damaged lines, lines of another version and __proto__ keys; an unreadable segment counts once', async () => {
    const first = await open();
    await appendAll(first.log, 1, 2);
    const file = join(dir, 'log', 'item-000001.jsonl');
    await appendFile(
      file,
      [
        '{"v":1,"n":3,"te', // torn write
        'not json at all',
        '{"v":2,"n":4,"text":"from a newer app"}',
        '{"v":1,"n":5}', // fails the owner's parse
        '{"v":1,"n":6,"text":"polluting","__proto__":{"polluted":true}}',
        '[1,2,3]',
        '',
        '{"v":1,"n":7,"text":"still read"}',
      ].join('\n') + '\n',
    );
    await mkdir(join(dir, 'log', 'item-000009.jsonl'));
    const again = await open();
    expect(numbers(again.log)).toEqual([1, 2, 7]);
    expect(again.log.corruptLines).toBe(7);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await again.log.append({ n: 8, text: 'after' }, { n: 8, text: 'after' });
    expect(numbers((await open()).log)).toEqual([1, 2, 7, 8]);
  });

  test('notes go to the newest segment, are read back by the owner and never start a segment or count', async () => {
    const log = new SegmentedLog<Item>({ dir: join(dir, 'log'), prefix: 'item', version: 1, limits: { maxEntries: 10, maxBytes: 1024 * 1024 } });
    await log.load(parse, () => undefined);
    await log.note({ n: 0, text: 'a note before any entry' });
    await appendAll(log, 1, 1);
    await log.note({ n: 1, text: 'about entry 1' });
    expect(await segmentFiles()).toEqual(['item-000001.jsonl']);
    expect(log.size).toBe(1);

    const seen: Array<LoadedLine<Item>> = [];
    const reread = new SegmentedLog<Item>({ dir: join(dir, 'log'), prefix: 'item', version: 1, limits: { maxEntries: 10, maxBytes: 1024 * 1024 } });
    await reread.load(parse, (lines) => seen.push(...lines));
    expect(seen.map((l) => `${l.segment}:${l.value.text}`)).toEqual(['1:a note before any entry', '1:item 1', '1:about entry 1']);
    expect(reread.size).toBe(0);
  });

  test('clear forgets everything and removes every segment file, also ones it could not read; appends right after survive', async () => {
    const { log } = await open({ maxEntries: 30 });
    await appendAll(log, 1, 5);
    await writeFile(join(dir, 'log', 'item-000099.jsonl'), 'garbage\n');
    await writeFile(join(dir, 'log', 'notes.txt'), 'not a segment');
    const cleared = log.clear();
    const after = { n: 6, text: 'after clear' };
    const appended = log.append(after, after);
    expect(await cleared).toBe(5);
    await appended;
    expect(numbers(log)).toEqual([6]);
    expect(await segmentFiles()).toEqual(['item-000001.jsonl', 'notes.txt']);
    expect(numbers((await open({ maxEntries: 30 })).log)).toEqual([6]);
  });

  test('an append whose write fails rejects (the owner can report it); one left unawaited does not crash the process', async () => {
    const { log } = await open();
    await appendAll(log, 1, 1);
    // A folder where the segment file was: appending fails, for root as well.
    const file = join(dir, 'log', 'item-000001.jsonl');
    await rm(file);
    await mkdir(file);
    await expect(log.append({ n: 2, text: 'x' }, { n: 2, text: 'x' })).rejects.toThrow(/EISDIR/);
    void log.append({ n: 3, text: 'y' }, { n: 3, text: 'y' });
    await log.flush();
    await rm(file, { recursive: true });
    await log.append({ n: 4, text: 'z' }, { n: 4, text: 'z' });
    expect(await readFile(file, 'utf8')).toBe('{"v":1,"n":4,"text":"z"}\n');
  });

  test('a line reads back byte for byte while queued, while written and from disk, across a rollover and a write that fails', async () => {
    const { log } = await open({ maxEntries: 100, maxBytes: 10 * 1024 * 1024 });
    const body = Buffer.from('{"raw":"bytes é 😀"}');
    const parts = ['{"v":1,"n":1,"text":"', 'ü'.repeat(30), '","body":', body, '}'];
    const expected = Buffer.concat([Buffer.from('{"v":1,"n":1,"text":"'), Buffer.from('ü'.repeat(30)), Buffer.from('","body":'), body, Buffer.from('}')]);
    const first = log.appendLine({ n: 1, text: 'ü' }, parts);
    // Larger than a chunk's first buffer: it grows, what came before stays.
    const big = `{"v":1,"n":2,"text":"${'x'.repeat(200_000)}"}`;
    const second = log.appendLine({ n: 2, text: 'x' }, big);
    expect(first.at).toEqual({ segment: 1, offset: 0, bytes: expected.length });
    expect(second.at.offset).toBe(expected.length + 1);
    expect(log.readLine(first.at)).toEqual(expected);
    expect(log.readLine(second.at)?.toString()).toBe(big);
    await Promise.all([first.written, second.written]);
    expect(log.readLine(first.at)).toEqual(expected);
    const file = join(dir, 'log', 'item-000001.jsonl');
    expect(await readFile(file)).toEqual(Buffer.concat([expected, Buffer.from(`\n${big}\n`)]));

    // Over a segment's bytes (a tenth of the budget), a line starts the next segment at offset 0.
    const { log: small } = await open({ maxEntries: 100, maxBytes: 1000 });
    const a = small.appendLine({ n: 1, text: 'a' }, `{"v":1,"n":1,"text":"${'a'.repeat(80)}"}`);
    const b = small.appendLine({ n: 2, text: 'b' }, `{"v":1,"n":2,"text":"${'b'.repeat(80)}"}`);
    expect(b.at.segment).toBe(a.at.segment + 1);
    expect(b.at.offset).toBe(0);
    await b.written;
    expect(small.readLine(a.at)?.toString()).toContain('a'.repeat(80));
    expect(small.readLine(b.at)?.toString()).toContain('b'.repeat(80));
    // (The first log's 200 KB segment is over this budget and is dropped whole.)
    const name = (seq: number): string => `item-${String(seq).padStart(6, '0')}.jsonl`;
    expect(await segmentFiles()).toEqual([name(a.at.segment), name(b.at.segment)]);

    // The disk refuses a write: the line stays readable from memory, and the write rejects.
    const { log: third } = await open();
    await appendAll(third, 1, 1);
    const segment = join(dir, 'log', name(b.at.segment));
    await rm(segment);
    await mkdir(segment);
    const lost = third.appendLine({ n: 9, text: 'kept' }, '{"v":1,"n":9,"text":"kept in memory"}');
    await expect(lost.written).rejects.toThrow(/EISDIR/);
    expect(third.readLine(lost.at)?.toString()).toBe('{"v":1,"n":9,"text":"kept in memory"}');
  });
});
