import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HistoryStore, type HistoryInput } from '../../../electron/backend/storage/history';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-hist-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sent(n: number, extra: Partial<HistoryInput> = {}): HistoryInput {
  return {
    name: `Request ${n}`,
    environmentName: 'Dev',
    request: { method: n % 2 === 0 ? 'GET' : 'POST', url: `{{base_url}}/v1/items/${n}`, params: [], headers: [], body: { mode: 'none', text: '' } },
    resolvedUrl: `http://127.0.0.1:1/v1/items/${n}`,
    response: {
      status: n % 3 === 0 ? 404 : 200,
      timeMs: n,
      sizeBytes: 10,
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      body: `{"item":${n},"word":"w${n}"}`,
    },
    error: null,
    ...extra,
  };
}

async function allFileText(): Promise<string> {
  const hist = join(dir, 'history');
  const names = await readdir(hist);
  return (await Promise.all(names.map((n) => readFile(join(hist, n), 'utf8')))).join('\n');
}

describe('request history', () => {
  test('append, list newest first with paging, get, search and clear; persists across a restart', async () => {
    const store = new HistoryStore(dir);
    for (let n = 1; n <= 12; n++) await store.append(sent(n, { time: new Date(Date.UTC(2025, 0, 1, 0, 0, n)) }));
    const error = await store.append(sent(13, { response: null, error: { code: 'NETWORK', message: 'Connection refused by 127.0.0.1:1.', timeMs: 3 } }));

    const page = await store.list({ limit: 5, offset: 0 });
    expect(page.total).toBe(13);
    expect(page.entries.map((e) => e.name)).toEqual(['Request 13', 'Request 12', 'Request 11', 'Request 10', 'Request 9']);
    expect(page.entries[0]).toMatchObject({ status: null, errorCode: 'NETWORK', timeMs: 3 });
    expect((await store.list({ limit: 5, offset: 10 })).entries.map((e) => e.name)).toEqual(['Request 3', 'Request 2', 'Request 1']);

    const again = new HistoryStore(dir);
    expect((await again.get(error.id))?.error).toEqual({ code: 'NETWORK', message: 'Connection refused by 127.0.0.1:1.' });
    expect((await again.list({ query: '404', limit: 50, offset: 0 })).entries.map((e) => e.name)).toEqual([
      'Request 12',
      'Request 9',
      'Request 6',
      'Request 3',
    ]);
    expect((await again.list({ query: 'get items/1', limit: 50, offset: 0 })).entries.map((e) => e.name)).toEqual(['Request 12', 'Request 10']);
    expect((await again.list({ query: 'W7', limit: 50, offset: 0 })).entries.map((e) => e.name)).toEqual(['Request 7']);
    expect((await again.list({ query: 'refused', limit: 50, offset: 0 })).total).toBe(1);

    expect(await again.clear()).toBe(13);
    expect((await again.list({ limit: 10, offset: 0 })).total).toBe(0);
    expect((await new HistoryStore(dir).list({ limit: 10, offset: 0 })).total).toBe(0);
  });

  test('is bounded by count and by bytes, oldest out, and caps bodies at the limit with a flag', async () => {
    const store = new HistoryStore(dir, { maxEntries: 20 });
    for (let n = 1; n <= 45; n++) await store.append(sent(n));
    const page = await store.list({ limit: 100, offset: 0 });
    expect(page.total).toBe(20);
    expect(page.entries.at(-1)?.name).toBe('Request 26');
    // Old segments are removed from disk, not just hidden.
    const reloaded = await new HistoryStore(dir, { maxEntries: 20 }).list({ limit: 100, offset: 0 });
    expect(reloaded.entries.map((e) => e.name)).toEqual(page.entries.map((e) => e.name));
    expect((await readdir(join(dir, 'history'))).length).toBeLessThanOrEqual(11);

    const small = new HistoryStore(join(dir, 'small'), { maxBytes: 40_000, bodyLimitBytes: 1000 });
    const big = 'é'.repeat(5000);
    for (let n = 1; n <= 30; n++) await small.append(sent(n, { response: { status: 200, timeMs: 1, sizeBytes: 10_000, headers: [], body: big } }));
    const files = await readdir(join(dir, 'small', 'history'));
    let bytes = 0;
    for (const f of files) bytes += (await readFile(join(dir, 'small', 'history', f))).length;
    expect(bytes).toBeLessThanOrEqual(40_000);
    const newest = (await small.list({ limit: 1, offset: 0 })).entries[0];
    expect(newest?.name).toBe('Request 30');
    const full = await small.get(newest?.id ?? '');
    expect(full?.response?.bodyTruncated).toBe(true);
    expect(Buffer.byteLength(full?.response?.body ?? '')).toBeLessThanOrEqual(1000);
    expect(full?.response?.body).toMatch(/^é+$/);
  });

  test('a default-sized history of 1000 entries with bodies lists and searches quickly', async () => {
    const store = new HistoryStore(dir);
    const body = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: `id-${i}`, text: 'lorem ipsum dolor sit amet' })) });
    await Promise.all(
      Array.from({ length: 1000 }, (_, n) =>
        store.append(sent(n, { response: { status: 200, timeMs: 1, sizeBytes: body.length, headers: [], body: n === 500 ? `${body} needle` : body } })),
      ),
    );
    const started = performance.now();
    const found = await store.list({ query: 'needle', limit: 50, offset: 0 });
    const elapsed = performance.now() - started;
    expect(found.entries.map((e) => e.name)).toEqual(['Request 500']);
    expect(elapsed).toBeLessThan(500);
  });

  test('keeps what a reopened entry needs to send again: request variables, captures, auth, collection, and the response', async () => {
    const store = new HistoryStore(dir);
    const written = await store.append(
      sent(1, {
        collectionId: 'builtin-sinch-conversation',
        request: {
          method: 'POST',
          url: '{{base_url}}/v1/contacts',
          params: [],
          headers: [],
          body: { mode: 'json', text: '{"display_name":"{{display}}"}' },
          variables: [
            { key: 'display', value: 'From history', enabled: true },
            { key: 'client_secret', value: 'abcdefghijklmnopqrstu', enabled: true },
            { key: 'padlocked', value: 'never-written-value', enabled: true, secret: true },
          ],
          captures: [{ variable: 'contact_id', from: 'body', path: 'id', enabled: true }],
          auth: 'none',
        },
        response: {
          status: 201,
          statusText: 'Created',
          timeMs: 4,
          sizeBytes: 12,
          headers: [{ name: 'Content-Type', value: 'application/json' }],
          body: '{"id":"c1"}',
          binary: false,
        },
      }),
    );
    const entry = await new HistoryStore(dir).get(written.id);
    expect(entry).toMatchObject({
      collectionId: 'builtin-sinch-conversation',
      status: 201,
      request: {
        variables: [
          { key: 'display', value: 'From history', enabled: true },
          { key: 'client_secret', value: '••••rstu', enabled: true },
          { key: 'padlocked', value: '', enabled: true, secret: true },
        ],
        captures: [{ variable: 'contact_id', from: 'body', path: 'id', enabled: true }],
        auth: 'none',
      },
      response: {
        statusText: 'Created',
        headers: [{ name: 'Content-Type', value: 'application/json' }],
        body: '{"id":"c1"}',
        bodyTruncated: false,
        binary: false,
      },
    });
    expect((await store.list({ limit: 1, offset: 0 })).entries[0]?.collectionId).toBe('builtin-sinch-conversation');
    expect(await allFileText()).not.toContain('never-written-value');
  });

  test('a line written before those fields existed reads with their defaults', async () => {
    const old = {
      v: 1,
      id: 'old-1',
      time: '2025-01-01T00:00:00.000Z',
      method: 'GET',
      url: 'u',
      resolvedUrl: 'u',
      name: 'Old',
      environmentName: null,
      status: 200,
      errorCode: null,
      timeMs: 1,
      request: { method: 'GET', url: 'u', params: [], headers: [], body: { mode: 'none', text: '' } },
      response: { headers: [], sizeBytes: 0, body: '', bodyTruncated: false },
      error: null,
    };
    await mkdir(join(dir, 'history'), { recursive: true });
    await writeFile(join(dir, 'history', 'history-000001.jsonl'), `${JSON.stringify(old)}\n`);
    const entry = await new HistoryStore(dir).get('old-1');
    expect(entry).toMatchObject({ collectionId: null, request: { variables: [], captures: [], auth: 'inherit' }, response: { statusText: '', binary: false } });
  });

  test('corrupt lines are skipped and counted, not fatal', async () => {
    const store = new HistoryStore(dir);
    await store.append(sent(1));
    const [segment] = await readdir(join(dir, 'history'));
    await appendFile(join(dir, 'history', segment ?? ''), '{"v":1,"id":"torn"\nnot json at all\n{"v":99,"id":"future"}\n');
    const again = new HistoryStore(dir);
    await again.append(sent(2));
    const page = await again.list({ limit: 10, offset: 0 });
    expect(page.entries.map((e) => e.name)).toEqual(['Request 2', 'Request 1']);
    expect(page.corruptLines).toBe(3);
  });

  test('never stores a secret: credential headers, secret-like fields, params and bodies are masked', async () => {
    const secret = 'sk_live_TOPSECRET_0123456789abcdef';
    const store = new HistoryStore(dir);
    const entry = await store.append({
      name: 'Secrets',
      environmentName: 'Prod',
      request: {
        method: 'POST',
        url: `https://example.test/oauth2/token?api_key=${secret}&page_token=abc`,
        params: [{ key: 'api_key', value: secret, enabled: true }],
        headers: [
          { key: 'Authorization', value: `Bearer ${secret}`, enabled: true },
          { key: 'X-Api-Key', value: secret, enabled: true },
          { key: 'Cookie', value: `session=${secret}`, enabled: true },
          { key: 'X-Custom-Token', value: secret, enabled: true },
          { key: 'Proxy-Authorization', value: `Basic ${secret}`, enabled: true },
          { key: 'X-Template', value: 'Bearer {{access_token}}', enabled: true },
          { key: 'Accept', value: 'application/json', enabled: true },
        ],
        body: { mode: 'text', text: `grant_type=client_credentials&client_secret=${secret}` },
      },
      resolvedUrl: `https://example.test/oauth2/token?api_key=${secret}`,
      response: {
        status: 200,
        timeMs: 5,
        sizeBytes: 100,
        headers: [
          { name: 'Set-Cookie', value: `sid=${secret}; HttpOnly` },
          { name: 'Content-Type', value: 'application/json' },
        ],
        body: JSON.stringify({ access_token: secret, token_type: 'bearer', webhook: { secret }, password: secret, next_page_token: 'keep-me' }),
      },
      error: null,
    });

    const text = await allFileText();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('TOPSECRET');
    expect(JSON.stringify(entry)).not.toContain('TOPSECRET');
    const headers = Object.fromEntries(entry.request.headers.map((h) => [h.key, h.value]));
    expect(headers['Authorization']).toBe('••••cdef');
    expect(headers['X-Template']).toBe('Bearer {{access_token}}');
    expect(headers['Accept']).toBe('application/json');
    expect(entry.response?.headers.find((h) => h.name === 'Set-Cookie')?.value).toMatch(/^••••/);
    expect(entry.response?.body).toContain('"next_page_token":"keep-me"');
    expect(entry.url).toContain('page_token=abc');
  });
});
