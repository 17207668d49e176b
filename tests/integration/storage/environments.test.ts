import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EnvironmentStore } from '../../../electron/backend/storage/environments';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-env-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('environments on disk', () => {
  test('create, rename, duplicate, switch and delete persist across a new store (a restart)', async () => {
    const store = new EnvironmentStore(dir);
    await store.load();
    const dev = await store.create('Dev', 'eu');
    expect(store.state().activeId).toBe(dev.id);
    await store.update({ ...dev, name: 'Development', projectId: 'p1', variables: [{ key: 'server', value: 'http://x', enabled: true }] });
    const copy = await store.duplicate(dev.id);
    expect(copy.name).toBe('Development copy');
    await store.setActive(copy.id);

    const again = new EnvironmentStore(dir);
    const state = await again.load();
    expect(state.environments.map((e) => e.name)).toEqual(['Development', 'Development copy']);
    expect(state.activeId).toBe(copy.id);
    expect(state.environments[0]).toMatchObject({ region: 'eu', projectId: 'p1', variables: [{ key: 'server', value: 'http://x', enabled: true }] });

    await again.delete(copy.id);
    const third = await new EnvironmentStore(dir).load();
    expect(third.environments.map((e) => e.name)).toEqual(['Development']);
    expect(third.activeId).toBeNull();
  });

  test('files are pretty JSON with a format and version, named by id, with no temp files left', async () => {
    const store = new EnvironmentStore(dir);
    await store.load();
    const env = await store.create('Prod');
    const files = await readdir(join(dir, 'environments'));
    expect(files).toEqual([`${env.id}.json`]);
    const text = await readFile(join(dir, 'environments', `${env.id}.json`), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ format: 'sinch-explorer/environment', version: 1, environment: { name: 'Prod' } });
    expect(text).toContain('\n  "environment": {\n    "id"');
  });

  test('a corrupt file is reported by path and left untouched, and the others still load', async () => {
    const store = new EnvironmentStore(dir);
    await store.load();
    await store.create('Good');
    const broken = join(dir, 'environments', 'broken.json');
    await writeFile(broken, '{ "format": "sinch-explorer/environment", "version": 1, ');
    const future = join(dir, 'environments', 'future.json');
    await writeFile(future, JSON.stringify({ format: 'sinch-explorer/environment', version: 99, environment: {} }));

    const state = await new EnvironmentStore(dir).load();
    expect(state.environments.map((e) => e.name)).toEqual(['Good']);
    expect(state.problems).toHaveLength(2);
    const byFile = Object.fromEntries(state.problems.map((p) => [p.file, p.message]));
    expect(byFile[broken]).toMatch(/broken\.json is not valid JSON/);
    expect(byFile[future]).toMatch(/format version 99.*Update the app/);
    expect(await readFile(broken, 'utf8')).toBe('{ "format": "sinch-explorer/environment", "version": 1, ');
  });

  test('names stay unique when creating', async () => {
    const store = new EnvironmentStore(dir);
    await store.load();
    await store.create('Dev');
    expect((await store.create('dev')).name).toBe('dev 2');
  });
});
