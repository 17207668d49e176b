// Issue 19, item 4 (the backend part outside the importer): nothing pasted into a request may
// hold up the backend, or take it down. Each case is bounded before the work starts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/index';
import { MemorySecretStore } from '../../../electron/backend/secrets/index';
import type { Environment } from '../../../shared/model/environment';
import type { HistoryEntry } from '../../../shared/model/history';
import { emptyRequest, type SendResult } from '../../../shared/model/httpRequest';
import { startEchoServer, type EchoServer } from '../../support/echoServer';

let dir: string;
let backend: Backend;
let echo: EchoServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-hostile-input-'));
  backend = await createBackend({ dataDir: dir, host: 'browser', keychain: new MemorySecretStore() });
  echo = await startEchoServer();
});
afterAll(async () => {
  await backend.close();
  await echo.close();
  await rm(dir, { recursive: true, force: true });
});

const send = (request: Partial<ReturnType<typeof emptyRequest>>, environmentId: string | null = null): Promise<SendResult> =>
  backend.handlers['requests.send']({ requestId: `r-${Math.random()}`, environmentId, request: { ...emptyRequest(), ...request } });

describe('hostile input to a send', () => {
  test('an environment whose variables multiply (20 uses a level, 8 levels) is refused at once, not expanded until memory runs out', async () => {
    const created = await backend.handlers['environments.create']({ name: 'Laughs' });
    const variables = [{ key: 'l0', value: 'lol', enabled: true }];
    for (let i = 1; i <= 8; i++) variables.push({ key: `l${i}`, value: `{{l${i - 1}}}`.repeat(20), enabled: true });
    const env: Environment = await backend.handlers['environments.update']({ environment: { ...created, variables } });
    const result = await send({ url: `${echo.url}/{{l8}}` }, env.id);
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(!result.ok && result.error.message).toMatch(/more than 50,000 variables/);
    // The curl copy of it says so too, and is made.
    const curl = await backend.handlers['requests.toCurl']({
      request: { ...emptyRequest(), url: `${echo.url}/{{l8}}` },
      environmentId: env.id,
      includeSecrets: false,
    });
    expect(curl.warnings.join(' ')).toMatch(/more than 50,000 variables/);
  });

  test('a 20 MB body with one long string value is sent and kept in history, cut to its start', async () => {
    const text = `{"note":"${'x'.repeat(20 * 1024 * 1024 - 20)}"}`;
    const result = await send({ method: 'POST', url: `${echo.url}/status/200`, body: { mode: 'text', text } });
    expect(result.ok && result.response.status).toBe(200);
    expect(result.warnings).toBeUndefined();
    const list = await backend.handlers['history.list']({ limit: 1, offset: 0 });
    const entry: HistoryEntry = await backend.handlers['history.get']({ id: list.entries[0]?.id ?? '' });
    expect(entry.request.body.text.startsWith('{"note":"xxxx')).toBe(true);
    expect(entry.request.body.text.length).toBeLessThanOrEqual(64 * 1024);
  });

  test('a JSON body over 2 MB goes to the API unchecked; a smaller one is still checked first', async () => {
    const broken = `{"a":[${'1,'.repeat(1_100_000)}]}`;
    expect(broken.length).toBeGreaterThan(2 * 1024 * 1024);
    const big = await send({ method: 'POST', url: `${echo.url}/status/400`, body: { mode: 'json', text: broken } });
    expect(big.ok && big.response.status).toBe(400);
    const small = await send({ method: 'POST', url: `${echo.url}/status/400`, body: { mode: 'json', text: '{"a":[1,]}' } });
    expect(small).toMatchObject({ ok: false, error: { code: 'INVALID_BODY' } });
  });

  test("a body over 1 MB is not checked against the operation's schema (the API judges it); a small one is", async () => {
    const small = await backend.handlers['requests.validateBody']({ schemaId: 'templatesV2.create', text: '{"unknown_field": 1}' });
    expect(small.problems.length).toBeGreaterThan(0);
    const large = await backend.handlers['requests.validateBody']({ schemaId: 'templatesV2.create', text: `{"unknown_field": "${'x'.repeat(1024 * 1024)}"}` });
    expect(large.problems).toEqual([]);
  });
});
