import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/index';
import { EMPTY_FIRST_RUN } from '../../../shared/model/project';
import { call, startBackend, type BackendHarness } from './helpers';

describe('first run progress', () => {
  let h: BackendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('starts empty, is remembered across restarts, and a damaged file is set aside', async () => {
    h = await startBackend();
    expect(await call(h.backend, 'firstRun.get')).toEqual(EMPTY_FIRST_RUN);
    const saved = await call(h.backend, 'firstRun.save', {
      dismissed: false,
      done: ['environment', 'access', 'access'],
      environmentId: 'e1',
      appId: 'A1',
      messageId: null,
    });
    expect(saved.done).toEqual(['environment', 'access']);
    await expect(
      call(h.backend, 'firstRun.save', { dismissed: false, done: ['nonsense'], environmentId: null, appId: null, messageId: null }),
    ).rejects.toThrow();
    await h.backend.close();
    const text = JSON.parse(await readFile(join(h.dataDir, 'first-run.json'), 'utf8')) as { format: string; version: number };
    expect(text).toMatchObject({ format: 'sinch-explorer/first-run', version: 1 });

    const again = await createBackend({ dataDir: h.dataDir, host: 'browser', version: 'test', keychain: h.keychain });
    expect(await call(again, 'firstRun.get')).toEqual({ dismissed: false, done: ['environment', 'access'], environmentId: 'e1', appId: 'A1', messageId: null });
    await call(again, 'firstRun.save', { dismissed: true, done: ['environment', 'access'], environmentId: 'e1', appId: 'A1', messageId: null });
    await again.close();

    await writeFile(join(h.dataDir, 'first-run.json'), '{ "format": "sinch-explorer/first-run", "version": 1, "firstRun": { "dismissed": "yes" } }');
    const third = await createBackend({ dataDir: h.dataDir, host: 'browser', version: 'test', keychain: h.keychain });
    expect(await call(third, 'firstRun.get')).toEqual(EMPTY_FIRST_RUN);
    await third.close();
    expect((await readdir(h.dataDir)).some((name) => /^first-run\.unreadable-.*\.json$/.test(name))).toBe(true);
  });

  it('keeps the delivery report a finished run saw, so it reads the same after a restart', async () => {
    h = await startBackend();
    const finished = {
      dismissed: false,
      done: ['environment', 'access', 'app', 'channels', 'order', 'webhook', 'message', 'callback'],
      environmentId: 'e1',
      appId: 'A1',
      messageId: 'M1',
      delivery: { eventId: 'E1', status: 'DELIVERED', verdict: 'valid' },
    };
    await call(h.backend, 'firstRun.save', finished);
    await h.backend.close();
    const again = await createBackend({ dataDir: h.dataDir, host: 'browser', version: 'test', keychain: h.keychain });
    try {
      expect(await call(again, 'firstRun.get')).toEqual(finished);
    } finally {
      await again.close();
    }
  });
});
