import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/index';
import { createDispatcher } from '../../electron/backend/dispatcher';
import { MemorySecretStore } from '../../electron/backend/secrets/index';
import type { Environment } from '../../shared/model/environment';
import type { HistoryEntry } from '../../shared/model/history';
import { emptyRequest, type SendResult } from '../../shared/model/httpRequest';
import { textOfFilesIn } from '../support/files';

/**
 * Issue 19, item 3: with a padlocked value `on`, redaction turned the send result's `response` key
 * into `resp[redacted]se` (the page lost the response, history lost the entry); with `id`, a saved
 * URL became `{{project_[redacted]}}`, and where `[redacted]` landed showed the secret. Values are
 * redacted, never keys; a padlocked value shorter than 4 characters is redacted only where it is a
 * whole value, and the user is told once. A long secret is still redacted everywhere.
 */
const LONG = 'padlocked-Value-7f3a91c2';

let dataDir: string;
let backend: Backend;
let dispatch: ReturnType<typeof createDispatcher>;
let server: Server;
let serverUrl: string;
let env: Environment;

async function call<T>(backendDispatch: ReturnType<typeof createDispatcher>, method: string, input?: unknown): Promise<T> {
  const result = await backendDispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.result as T;
}

const leaksLong = (text: string): boolean => [LONG, encodeURIComponent(LONG)].some((form) => text.includes(form));

const historyFiles = (dir: string): Promise<string> => textOfFilesIn(join(dir, 'history'));

beforeAll(async () => {
  // Echoes what it was sent: the flag in a header of its own, everything in the body.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Flag-Echo': String(req.headers['x-flag'] ?? '') });
      res.end(
        JSON.stringify({ url: req.url, flag: req.headers['x-flag'], reference: req.headers['x-reference'], body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  dataDir = await mkdtemp(join(tmpdir(), 'sce-sec-short-'));
  backend = await createBackend({ dataDir, host: 'browser', keychain: new MemorySecretStore() });
  dispatch = createDispatcher(backend.handlers);
  const created = await call<Environment>(dispatch, 'environments.create', { name: 'Short secrets' });
  env = await call<Environment>(dispatch, 'environments.update', {
    environment: {
      ...created,
      projectId: 'project-0001',
      variables: [
        { key: 'server', value: serverUrl, enabled: true },
        { key: 'flag', value: 'on', enabled: true, secret: true },
        { key: 'ident', value: 'id', enabled: true, secret: true },
        { key: 'reference', value: LONG, enabled: true, secret: true },
      ],
    },
  });
});

afterAll(async () => {
  await backend.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

const URL_TEMPLATE = '{{server}}/v1/projects/{{project_id}}/conversations?ref={{reference}}';
const send = (): Promise<SendResult> =>
  call<SendResult>(dispatch, 'requests.send', {
    requestId: `r-${Math.random()}`,
    environmentId: env.id,
    request: {
      ...emptyRequest(),
      method: 'POST',
      url: URL_TEMPLATE,
      params: [{ key: 'ref', value: '{{reference}}', enabled: true }],
      headers: [
        { key: 'X-Flag', value: '{{flag}}', enabled: true },
        { key: 'X-Reference', value: 'ref {{reference}}', enabled: true },
      ],
      body: { mode: 'json', text: '{"option":"{{flag}}","conversation":"{{ident}}","reference":"{{reference}}"}' },
    },
  });

describe('padlocked values shorter than 4 characters', () => {
  test('the send result keeps its shape, history keeps the entry with its URL and names intact, a long secret is still hidden', async () => {
    const before = (await call<{ total: number }>(dispatch, 'history.list', { limit: 1, offset: 0 })).total;
    const result = await send();

    // The shape the page reads: `response`, `statusText`, `contentType`… are keys, not text.
    expect(Object.keys(result).sort()).toEqual(expect.arrayContaining(['ok', 'response']));
    if (!result.ok) throw new Error(result.error.message);
    expect(Object.keys(result.response)).toEqual(expect.arrayContaining(['responseId', 'status', 'statusText', 'headers', 'contentType', 'body']));
    expect(result.response.status).toBe(200);
    // Whole values that are the short secret are hidden; inside other text they are not touched.
    expect(result.response.headers.find((h) => h.name.toLowerCase() === 'x-flag-echo')?.value).toBe('[redacted]');
    expect(result.response.contentType).toBe('application/json');
    expect(result.response.body.preview).toContain('/v1/projects/project-0001/conversations');
    expect(result.response.body.preview).toContain('\\"conversation\\":\\"id\\"');
    expect(leaksLong(JSON.stringify(result)), 'live send result').toBe(false);

    const list = await call<{ total: number; entries: Array<{ id: string; url: string }> }>(dispatch, 'history.list', { limit: 1, offset: 0 });
    expect(list.total).toBe(before + 1);
    const entry = await call<HistoryEntry>(dispatch, 'history.get', { id: list.entries[0]?.id });
    expect(entry.url).toBe(URL_TEMPLATE);
    expect(entry.request.url).toBe(URL_TEMPLATE);
    expect(entry.request.headers.map((h) => h.key)).toEqual(['X-Flag', 'X-Reference']);
    expect(entry.request.body).toEqual({ mode: 'json', text: '{"option":"{{flag}}","conversation":"{{ident}}","reference":"{{reference}}"}' });
    expect(entry.response?.headers.find((h) => h.name.toLowerCase() === 'x-flag-echo')?.value).toBe('[redacted]');
    expect(entry.response?.body).toContain('/v1/projects/project-0001/conversations');
    expect(entry.resolvedUrl).toContain('/v1/projects/project-0001/conversations');
    expect(leaksLong(JSON.stringify(entry)), 'history entry').toBe(false);
    expect(leaksLong(await historyFiles(dataDir)), 'history files').toBe(false);
  });

  test('the user is told once which padlocked values are too short to hide inside text', async () => {
    // A fresh backend: the warning comes with the first send that has them in scope.
    const dir = await mkdtemp(join(tmpdir(), 'sce-sec-short-once-'));
    const other = await createBackend({ dataDir: dir, host: 'browser', keychain: new MemorySecretStore() });
    try {
      const d = createDispatcher(other.handlers);
      const created = await call<Environment>(d, 'environments.create', { name: 'Once' });
      const e = await call<Environment>(d, 'environments.update', {
        environment: {
          ...created,
          variables: [
            { key: 'server', value: serverUrl, enabled: true },
            { key: 'flag', value: 'on', enabled: true, secret: true },
            { key: 'reference', value: LONG, enabled: true, secret: true },
          ],
        },
      });
      const sendOnce = (): Promise<SendResult> =>
        call<SendResult>(d, 'requests.send', { requestId: `r-${Math.random()}`, environmentId: e.id, request: { ...emptyRequest(), url: '{{server}}/x' } });
      const first = await sendOnce();
      expect(first.warnings).toHaveLength(1);
      expect(first.warnings?.[0]).toMatch(/\{\{flag\}\}/);
      expect(first.warnings?.[0]).toMatch(/shorter than 4 characters/);
      expect(first.warnings?.[0]).not.toMatch(/\{\{reference\}\}/);
      const second = await sendOnce();
      expect(second.warnings).toBeUndefined();
    } finally {
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a send that cannot be written to history says so in its result instead of vanishing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sce-sec-short-nohist-'));
    // A file where the history folder should be: every write to it fails.
    await writeFile(join(dir, 'history'), 'not a folder');
    const other = await createBackend({ dataDir: dir, host: 'browser', keychain: new MemorySecretStore() });
    try {
      const d = createDispatcher(other.handlers);
      const result = await call<SendResult>(d, 'requests.send', {
        requestId: 'r-nohist',
        environmentId: null,
        request: { ...emptyRequest(), url: `${serverUrl}/x` },
      });
      expect(result.ok && result.response.status).toBe(200);
      expect(result.warnings?.join(' ')).toMatch(/not in History/);
    } finally {
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
