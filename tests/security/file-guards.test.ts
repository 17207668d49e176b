// Issue 19, item 5: workspace and data files are read only when they are regular files under a
// size cap. A collection.json linked to /dev/zero was read for 800 MB, a FIFO in its place hung
// start-up, and a link to /etc/passwd put its first line in the problems banner.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/index';
import { MemorySecretStore } from '../../electron/backend/secrets/index';
import { HistoryStore } from '../../electron/backend/storage/history';
import { readVersionedJson } from '../../electron/backend/storage/jsonFile';
import { GuardedReadError, MAX_DATA_FILE_BYTES, readGuardedFile } from '../../electron/backend/storage/guardedFile';
import type { FileProblem } from '../../shared/contract';
import { z } from 'zod';

const LINE = 'root:x:0:0:root:/root:/bin/bash';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A FIFO at `path`; after the test it is opened for writing once, so a reader stuck on it (the bug) is let go. */
function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
  cleanups.push(async () => {
    const handle = await open(path, 'r+').catch(() => null);
    await handle?.close();
  });
}

async function backendOn(dataDir: string, workspaceDir: string): Promise<Backend> {
  const backend = await createBackend({ dataDir, workspaceDir, host: 'browser', keychain: new MemorySecretStore() });
  cleanups.push(() => backend.close());
  return backend;
}

async function collectionFolder(workspace: string, name: string): Promise<string> {
  const dir = join(workspace, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

const problemText = (problems: FileProblem[]): string => problems.map((p) => `${p.file}: ${p.message}`).join('\n');

describe('the guarded reader', () => {
  test('reads a regular file, and refuses a link, a FIFO, a device, a folder and a file over the cap, saying which', async () => {
    const dir = await tempDir('sce-guard-');
    const file = join(dir, 'plain.json');
    await writeFile(file, '{"a":1}');
    expect((await readGuardedFile(file)).toString('utf8')).toBe('{"a":1}');

    await symlink(file, join(dir, 'link.json'));
    await expect(readGuardedFile(join(dir, 'link.json'))).rejects.toThrow(/is a symbolic link, not a regular file/);
    fifo(join(dir, 'pipe.json'));
    await expect(readGuardedFile(join(dir, 'pipe.json'))).rejects.toThrow(/is a named pipe \(FIFO\), not a regular file/);
    await expect(readGuardedFile('/dev/zero')).rejects.toThrow(/is a device/);
    await expect(readGuardedFile(dir)).rejects.toThrow(/is a folder/);
    const big = join(dir, 'big.json');
    await writeFile(big, '');
    await truncate(big, MAX_DATA_FILE_BYTES + 1);
    await expect(readGuardedFile(big)).rejects.toThrow(/is 67108865 bytes, more than the 67108864 bytes the app reads from one file/);
    await truncate(big, 2 * MAX_DATA_FILE_BYTES);
    await expect(readGuardedFile(big)).rejects.toThrow(/is 128 MB, more than the 64 MB the app reads from one file/);
    await expect(readGuardedFile(join(dir, 'small.json'), 4).catch((e: unknown) => e)).resolves.toMatchObject({ problem: 'missing' });
    await writeFile(join(dir, 'small.json'), '12345');
    await expect(readGuardedFile(join(dir, 'small.json'), 4)).rejects.toBeInstanceOf(GuardedReadError);
  });

  test('a JSON file that does not parse is described by line and column, never by its content', async () => {
    const dir = await tempDir('sce-guard-json-');
    const file = join(dir, 'collection.json');
    await writeFile(file, `${LINE}\nsecond line\n`);
    const schema = z.object({});
    const read = await readVersionedJson(file, 'x', 1, schema, (f) => f);
    expect(read).toEqual({ ok: false, message: 'is not valid JSON (line 1, column 1: unexpected character). Fix it in an editor or delete it.' });
    await writeFile(file, `{"format": ${JSON.stringify(LINE)}, "version": 1}`);
    const wrongFormat = await readVersionedJson(file, 'x', 1, schema, (f) => f);
    expect(!wrongFormat.ok && wrongFormat.message).not.toContain('root');
    await writeFile(file, `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    const deep = await readVersionedJson(file, 'x', 1, schema, (f) => f);
    expect(!deep.ok && deep.message).toMatch(/nested deeper than 128 levels \(line 1, column 129\)/);
  });
});

describe('start-up with hostile files in the workspace and the data folder', () => {
  test('a collection.json linked to /dev/zero is refused at once, naming the file', async () => {
    const dataDir = await tempDir('sce-guard-zero-');
    const workspace = join(dataDir, 'workspace');
    const dir = await collectionFolder(workspace, 'Zero');
    await symlink('/dev/zero', join(dir, 'collection.json'));
    const before = process.memoryUsage().rss;
    const backend = await backendOn(dataDir, workspace);
    const state = await backend.handlers['collections.list']({});
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    const text = problemText(state.problems);
    expect(text).toContain(join(dir, 'collection.json'));
    expect(text).toMatch(/is a symbolic link, not a regular file/);
  });

  test('a FIFO in place of a collection file, an environment file or a history segment does not hang start-up', async () => {
    const dataDir = await tempDir('sce-guard-fifo-');
    const workspace = join(dataDir, 'workspace');
    const dir = await collectionFolder(workspace, 'Pipe');
    fifo(join(dir, 'collection.json'));
    await mkdir(join(dataDir, 'environments'), { recursive: true });
    fifo(join(dataDir, 'environments', 'env-pipe.json'));
    await mkdir(join(dataDir, 'history'), { recursive: true });
    fifo(join(dataDir, 'history', 'history-000001.jsonl'));
    await symlink('/dev/zero', join(dataDir, 'history', 'history-000002.jsonl'));
    fifo(join(dataDir, 'settings.json'));

    const backend = await backendOn(dataDir, workspace);
    const collections = await backend.handlers['collections.list']({});
    expect(problemText(collections.problems)).toMatch(/Pipe\/collection\.json.*is a named pipe \(FIFO\)/);
    const environments = await backend.handlers['environments.list']({});
    expect(problemText(environments.problems)).toMatch(/env-pipe\.json is a named pipe \(FIFO\)/);
    const history = await backend.handlers['history.list']({ limit: 10, offset: 0 });
    expect(history).toMatchObject({ total: 0 });
  }, 20_000);

  test('history written after a FIFO and a link among its segments goes to a new segment, and leaves them as they are', async () => {
    const dataDir = await tempDir('sce-guard-history-');
    await mkdir(join(dataDir, 'history'), { recursive: true });
    fifo(join(dataDir, 'history', 'history-000001.jsonl'));
    await symlink('/dev/zero', join(dataDir, 'history', 'history-000002.jsonl'));
    const history = new HistoryStore(dataDir);
    await history.append({
      environmentName: null,
      request: { method: 'GET', url: 'http://127.0.0.1/x', params: [], headers: [], body: { mode: 'none', text: '' } },
      resolvedUrl: 'http://127.0.0.1/x',
      response: null,
      error: { code: 'NETWORK', message: 'refused' },
    });
    expect((await history.list({ limit: 10, offset: 0 })).total).toBe(1);
    expect((await readdir(join(dataDir, 'history'))).sort()).toEqual(['history-000001.jsonl', 'history-000002.jsonl', 'history-000003.jsonl']);
    expect((await lstat(join(dataDir, 'history', 'history-000001.jsonl'))).isFIFO()).toBe(true);
    expect((await lstat(join(dataDir, 'history', 'history-000002.jsonl'))).isSymbolicLink()).toBe(true);
  }, 20_000);

  test('a link to a system file never shows its content in the problems banner', async () => {
    const dataDir = await tempDir('sce-guard-passwd-');
    const target = join(dataDir, 'passwd');
    await writeFile(target, `${LINE}\n`);
    const workspace = join(dataDir, 'workspace');
    const linked = await collectionFolder(workspace, 'Linked');
    await symlink(existsSync('/etc/passwd') ? '/etc/passwd' : target, join(linked, 'collection.json'));
    // The same text as a regular file: read, refused as JSON, described by line and column.
    const copied = await collectionFolder(workspace, 'Copied');
    await writeFile(join(copied, 'collection.json'), `${LINE}\n`);

    const backend = await backendOn(dataDir, workspace);
    const state = await backend.handlers['collections.list']({});
    const text = problemText(state.problems);
    expect(state.problems).toHaveLength(2);
    expect(text).not.toContain('root:');
    expect(text).not.toContain('/bin/');
    expect(text).toMatch(/Copied\/collection\.json is not valid JSON \(line 1, column 1: unexpected character\)/);
  });
});
