import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/index';
import { createDispatcher } from '../../../electron/backend/dispatcher';
import type { Environment } from '../../../shared/model/environment';
import { emptyRequest } from '../../../shared/model/httpRequest';
import { startEchoServer, type EchoServer } from '../../support/echoServer';

let dir: string;
let backend: Backend;
let dispatch: ReturnType<typeof createDispatcher>;
let echo: EchoServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-backend-'));
  backend = await createBackend({ dataDir: dir, host: 'browser' });
  dispatch = createDispatcher(backend.handlers);
  echo = await startEchoServer();
});
afterAll(async () => {
  await backend.close();
  await echo.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the contract, as any transport sees it', () => {
  test('unknown methods and malformed input are refused with a message naming the field', async () => {
    expect(await dispatch('environments.nuke', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const bad = await dispatch('environments.create', { name: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/^environments\.create: name:/);
    expect(await dispatch('environments.create', { name: 'x', extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('a request is resolved against the chosen environment and sent; changes are pushed as events', async () => {
    const events: string[] = [];
    const unsubscribe = backend.subscribe((event) => events.push(event));
    const created = await dispatch('environments.create', { name: 'Echo' });
    if (!created.ok) throw new Error(created.error.message);
    const env = created.result as Environment;
    const updated = await dispatch('environments.update', { environment: { ...env, variables: [{ key: 'server', value: echo.url, enabled: true }] } });
    expect(updated.ok).toBe(true);
    expect(events).toEqual(['environments.changed', 'environments.changed']);
    unsubscribe();

    const sent = await dispatch('requests.send', {
      requestId: 'r1',
      environmentId: env.id,
      request: { ...emptyRequest(), url: '{{server}}/x', headers: [{ key: 'X-Env', value: '{{server}}', enabled: true }] },
    });
    expect(sent).toMatchObject({ ok: true, result: { ok: true, response: { status: 200 } } });
    expect(echo.received.at(-1)?.headers['x-env']).toBe(echo.url);

    const blocked = await dispatch('requests.send', { requestId: 'r2', environmentId: env.id, request: { ...emptyRequest(), url: '{{server}}/{{nothing}}' } });
    expect(blocked).toMatchObject({ ok: true, result: { ok: false, error: { code: 'UNRESOLVED_VARIABLES', variables: ['nothing'] } } });
  });

  test('a JSON body that does not parse is stopped before sending, with line and column', async () => {
    const before = echo.received.length;
    const result = await dispatch('requests.send', {
      requestId: 'r3',
      environmentId: null,
      request: { ...emptyRequest(), method: 'POST', url: `${echo.url}/j`, body: { mode: 'json', text: '{\n  "a": 1,\n  "b": \n}' } },
    });
    expect(result).toMatchObject({ ok: true, result: { ok: false, error: { code: 'INVALID_BODY' } } });
    expect(result.ok && JSON.stringify(result.result)).toMatch(/line 4/);
    expect(echo.received.length).toBe(before);
  });

  test('the full body of a response can be read back in chunks', async () => {
    const sent = await dispatch('requests.send', { requestId: 'r4', environmentId: null, request: { ...emptyRequest(), url: `${echo.url}/big?bytes=700000` } });
    if (!sent.ok) throw new Error(sent.error.message);
    const response = (sent.result as { ok: true; response: { responseId: string; sizeBytes: number } }).response;
    let offset = 0;
    let total = '';
    for (let i = 0; i < 10; i++) {
      const chunk = await dispatch('responses.readBody', { responseId: response.responseId, offset, length: 300_000 });
      if (!chunk.ok) throw new Error(chunk.error.message);
      const data = chunk.result as { base64: string; done: boolean };
      const text = Buffer.from(data.base64, 'base64').toString('utf8');
      total += text;
      offset += Buffer.byteLength(text);
      if (data.done) break;
    }
    expect(total.length).toBe(response.sizeBytes);
    expect((JSON.parse(total) as string[]).at(-1)).toBe('end');
    expect(await dispatch('responses.readBody', { responseId: 'gone', offset: 0, length: 10 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
