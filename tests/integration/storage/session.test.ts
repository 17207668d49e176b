import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDispatcher } from '../../../electron/backend/dispatcher';
import { createBackend } from '../../../electron/backend/index';
import { SessionStore } from '../../../electron/backend/storage/session';
import { newRequestTemplate } from '../../../shared/model/collection';
import type { Session } from '../../../shared/model/session';
import { MemorySecretStore } from '../../../electron/backend/secrets/index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-session-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SECRETS = ['Bearer sk_live_4f9a8b7c6d5e', 'key-0123456789abcdef', 'hunter2-password', 'tok_98765', 'padlocked-value-1'];

function draftSession(): Session {
  const request = {
    ...newRequestTemplate('r1', 'Send with secrets'),
    method: 'POST' as const,
    url: '{{base_url}}/send?api_key=tok_98765&page_token=abc&mode=fast',
    params: [
      { key: 'api_key', value: 'tok_98765', enabled: true },
      { key: 'page_token', value: 'abc', enabled: true },
      { key: 'mode', value: 'fast', enabled: true },
    ],
    headers: [
      { key: 'Authorization', value: SECRETS[0] as string, enabled: true },
      { key: 'X-API-Key', value: SECRETS[1] as string, enabled: false },
      { key: 'X-Trace', value: 'trace-1', enabled: true },
      { key: 'Authorization', value: 'Bearer {{token}}', enabled: false },
    ],
    variables: [
      { key: 'greeting', value: 'hello', enabled: true },
      { key: 'pin', value: SECRETS[4] as string, enabled: true, secret: true },
    ],
    body: { mode: 'json' as const, text: `{"user": "ann", "password": "${SECRETS[2] as string}", "secret": "{{webhook_secret}}"}` },
  };
  return {
    activeTabId: 'tab-2',
    tabs: [
      { id: 'tab-1', origin: { kind: 'builtin' }, requestId: 'apps.create', draft: null, notKept: [] },
      { id: 'tab-2', origin: { kind: 'collection', collectionId: 'c1' }, requestId: 'r1', draft: request, notKept: [] },
    ],
  };
}

describe('session store (open tabs and drafts)', () => {
  test('keeps tabs, the active tab and drafts, but never a secret value: secret headers, params, padlocked variables, body members', async () => {
    const store = new SessionStore(dir);
    await store.save(draftSession());
    const onDisk = await readFile(store.file, 'utf8');
    for (const secret of SECRETS) expect(onDisk).not.toContain(secret);
    expect(JSON.parse(onDisk)).toMatchObject({ format: 'sinch-explorer/session', version: 1 });

    const { session, notice } = await new SessionStore(dir).load();
    expect(notice).toBeNull();
    expect(session?.activeTabId).toBe('tab-2');
    expect(session?.tabs.map((t) => t.id)).toEqual(['tab-1', 'tab-2']);
    const tab = session?.tabs[1];
    const draft = tab?.draft;
    // What holds no secret is kept as typed: ordinary headers, variable references, paging cursors.
    expect(draft?.headers).toEqual([
      { key: 'Authorization', value: '', enabled: true },
      { key: 'X-API-Key', value: '', enabled: false },
      { key: 'X-Trace', value: 'trace-1', enabled: true },
      { key: 'Authorization', value: 'Bearer {{token}}', enabled: false },
    ]);
    expect(draft?.params).toEqual([
      { key: 'api_key', value: '', enabled: true },
      { key: 'page_token', value: 'abc', enabled: true },
      { key: 'mode', value: 'fast', enabled: true },
    ]);
    expect(draft?.url).toBe('{{base_url}}/send?api_key=&page_token=abc&mode=fast');
    expect(draft?.variables).toEqual([
      { key: 'greeting', value: 'hello', enabled: true },
      { key: 'pin', value: '', enabled: true, secret: true },
    ]);
    expect(draft?.body.text).toBe('{"user": "ann", "password": "", "secret": "{{webhook_secret}}"}');
    // The tab can say what to enter again: names, never values.
    expect(tab?.notKept).toEqual(['header Authorization', 'header X-API-Key', 'query parameter api_key', 'variable pin', 'body field "password"']);
  });

  test('a file that cannot be read is set aside, named in a notice, and the next save starts afresh', async () => {
    const store = new SessionStore(dir);
    await writeFile(store.file, '{"format": "sinch-explorer/session", "version": 1, "session": {"tabs": 3}');
    const first = await store.load();
    expect(first.session).toBeNull();
    expect(first.notice).toMatch(/could not be restored: .*session\.json is not valid JSON/);
    expect(first.notice).toMatch(/set aside as .*session\.unreadable-.*\.json/);
    expect((await readdir(dir)).some((n) => n.startsWith('session.unreadable-'))).toBe(true);
    await store.save(draftSession());
    expect((await store.load()).session?.tabs).toHaveLength(2);
  });

  test('nothing saved yet: nothing to restore, no notice', async () => {
    expect(await new SessionStore(dir).load()).toEqual({ session: null, notice: null });
  });

  test('through the contract: input is checked, and what the page sends is redacted before it is written', async () => {
    const backend = await createBackend({ dataDir: dir, host: 'browser', keychain: new MemorySecretStore() });
    try {
      const dispatch = createDispatcher(backend.handlers);
      expect(await dispatch('session.save', draftSession())).toEqual({ ok: true, result: { saved: true } });
      const onDisk = await readFile(join(dir, 'session.json'), 'utf8');
      for (const secret of SECRETS) expect(onDisk).not.toContain(secret);
      const loaded = await dispatch('session.load', undefined);
      expect(loaded.ok && loaded.result).toMatchObject({ notice: null, session: { activeTabId: 'tab-2' } });
      const bad = await dispatch('session.save', { activeTabId: null, tabs: [{ id: 'x' }] });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      await backend.close();
    }
  });
});
