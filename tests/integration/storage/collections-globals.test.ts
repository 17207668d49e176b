import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GlobalsStore } from '../../../electron/backend/storage/globals';

// Global variables are the scope collections sit on (global < collection < environment < request).
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-glob-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('global variables on disk', () => {
  test('start empty, save, and load again in a fresh store as a versioned pretty file', async () => {
    const store = new GlobalsStore(dir);
    expect(await store.load()).toEqual({ globals: [], problem: null });
    await store.save([{ key: 'greeting', value: 'hello', enabled: true }]);
    expect(await new GlobalsStore(dir).get()).toEqual([{ key: 'greeting', value: 'hello', enabled: true }]);
    const text = await readFile(join(dir, 'globals.json'), 'utf8');
    expect(text).toBe(
      '{\n  "format": "sinch-explorer/globals",\n  "version": 1,\n  "globals": [\n    {\n      "key": "greeting",\n      "value": "hello",\n      "enabled": true\n    }\n  ]\n}\n',
    );
  });

  test('an unreadable file is reported and never overwritten', async () => {
    const path = join(dir, 'globals.json');
    await writeFile(path, JSON.stringify({ format: 'sinch-explorer/globals', version: 7, globals: [] }));
    const store = new GlobalsStore(dir);
    const state = await store.load();
    expect(state.problem?.file).toBe(path);
    expect(state.problem?.message).toMatch(/Update the app/);
    await expect(store.save([])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 7 });
  });
});
