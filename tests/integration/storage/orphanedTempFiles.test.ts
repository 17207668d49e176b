// Issue 19, item 5: a save interrupted between writing its temp file and renaming it left
// `.<name>.<hex>.tmp` behind for good. They are removed at start, in every folder the app writes,
// and nothing else is: not a user's own file, not a save still in progress.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { createBackend } from '../../../electron/backend/index';
import { MemorySecretStore } from '../../../electron/backend/secrets/index';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function file(path: string, ageMs: number): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, 'left over');
  const when = new Date(Date.now() - ageMs);
  await utimes(path, when, when);
  return path;
}

test('orphaned temp files of atomic saves are removed at start; user files, fresh saves and other folders are left alone', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'sce-orphans-'));
  const outside = await mkdtemp(join(tmpdir(), 'sce-orphans-outside-'));
  dirs.push(dataDir, outside);
  const workspace = join(dataDir, 'workspace');
  const collection = join(workspace, 'Orders');
  await mkdir(collection, { recursive: true });
  await writeFile(
    join(collection, 'collection.json'),
    JSON.stringify({ format: 'sinch-explorer/collection', version: 1, collection: { id: 'c1', name: 'Orders', description: '', variables: [], order: [] } }),
  );
  const hour = 60 * 60 * 1000;
  const orphans = [
    await file(join(dataDir, '.settings.json.0123456789ab.tmp'), hour),
    await file(join(dataDir, 'environments', '.env-1.json.a1b2c3d4e5f6.tmp'), hour),
    await file(join(collection, '.collection.json.ffffffffffff.tmp'), hour),
    await file(join(collection, 'Drafts', '.get-order.request.json.00aa11bb22cc.tmp'), hour),
  ];
  const kept = [
    // A user's own files that only look alike.
    await file(join(dataDir, '.notes.tmp'), hour),
    await file(join(collection, 'report.0123456789ab.tmp'), hour),
    await file(join(collection, '.draft.json.0123456789AB.tmp'), hour),
    // A save in progress (another window's, a second ago).
    await file(join(collection, '.collection.json.123456123456.tmp'), 1000),
    // A folder that is not a collection, and one reached only through a link: not the app's.
    await file(join(workspace, 'notes', '.x.json.0123456789ab.tmp'), hour),
    await file(join(outside, '.y.json.0123456789ab.tmp'), hour),
  ];
  await symlink(outside, join(collection, 'linked'));

  const backend = await createBackend({ dataDir, workspaceDir: workspace, host: 'browser', keychain: new MemorySecretStore() });
  try {
    for (const path of orphans) expect(existsSync(path), path).toBe(false);
    for (const path of kept) expect(existsSync(path), path).toBe(true);
    expect((await backend.handlers['collections.list']({})).problems).toEqual([]);
  } finally {
    await backend.close();
  }
});
