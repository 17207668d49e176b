import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/index';
import { createDispatcher } from '../../electron/backend/dispatcher';
import { MemorySecretStore } from '../../electron/backend/secrets/index';
import type { Environment } from '../../shared/model/environment';
import { emptyRequest, type SendResult } from '../../shared/model/httpRequest';

import { textOfFilesIn } from '../support/files';
/**
 * Issue #10, finding 2: a padlocked (secret) variable's value must never reach history, the send
 * result the page receives, or a curl copied without credentials: not in the URL, request headers,
 * request body, response headers, response body, nor an error message; for failed sends as well as
 * successful ones. The variable and header names are deliberately not secret-looking, so only the
 * padlock can hide them.
 */
const SECRET = 'padlocked-Value-7f3a91c2';

let dataDir: string;
let backend: Backend;
let dispatch: ReturnType<typeof createDispatcher>;
let server: Server;
let serverUrl: string;
let env: Environment;

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.result as T;
}

/** Every form the value may take on its way: raw, percent-encoded, form-encoded, JSON-escaped. */
function leaks(text: string): boolean {
  return [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1)].some((form) => text.includes(form));
}

const historyFiles = (): Promise<string> => textOfFilesIn(join(dataDir, 'history'));

beforeAll(async () => {
  // Echoes whatever it was sent into a response header, a Location header and the body: what a
  // misbehaving or debugging server does, and what history then records.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const seen = url.searchParams.get('k') ?? String(req.headers['x-reference'] ?? '');
      res.writeHead(url.pathname === '/fail' ? 500 : 200, {
        'Content-Type': 'application/json',
        'X-Reflected': seen,
        'X-Reference-Echo': String(req.headers['x-reference'] ?? ''),
      });
      res.end(JSON.stringify({ url: req.url, reference: req.headers['x-reference'], body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  dataDir = await mkdtemp(join(tmpdir(), 'sce-sec-hist-'));
  backend = await createBackend({ dataDir, host: 'browser', keychain: new MemorySecretStore() });
  dispatch = createDispatcher(backend.handlers);
  const created = await call<Environment>('environments.create', { name: 'Padlock' });
  env = await call<Environment>('environments.update', {
    environment: {
      ...created,
      variables: [
        { key: 'server', value: serverUrl, enabled: true },
        { key: 'reference', value: SECRET, enabled: true, secret: true },
      ],
    },
  });
  expect(env.variables.find((v) => v.key === 'reference')?.value).toBe('');
});

afterAll(async () => {
  await backend.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

const send = (request: Partial<ReturnType<typeof emptyRequest>>): Promise<SendResult> =>
  call<SendResult>('requests.send', { requestId: `r-${Math.random()}`, environmentId: env.id, request: { ...emptyRequest(), ...request } });

describe('padlocked variable values stay out of history, the page and curl', () => {
  test('a successful send that echoes the value in URL, headers and body', async () => {
    const result = await send({
      method: 'POST',
      url: '{{server}}/echo?k={{reference}}',
      params: [{ key: 'k', value: '{{reference}}', enabled: true }],
      headers: [{ key: 'X-Reference', value: '{{reference}}', enabled: true }],
      body: { mode: 'json', text: '{"reference":"{{reference}}"}' },
    });
    expect(result.ok && result.response.status).toBe(200);
    // It really was sent with the value: the redaction is in what comes back, not in what went out.
    expect(result.ok && result.response.headers.some((h) => h.name.toLowerCase() === 'x-reflected')).toBe(true);
    const list = await call<{ entries: { id: string }[] }>('history.list', { limit: 10, offset: 0 });
    const entry = await call<unknown>('history.get', { id: list.entries[0]?.id });
    expect(leaks(await historyFiles()), 'history files').toBe(false);
    expect(leaks(JSON.stringify(entry)), 'history entry').toBe(false);
    expect(leaks(JSON.stringify(result)), 'live send result').toBe(false);
    if (result.ok) {
      const chunk = await call<{ base64: string }>('responses.readBody', { responseId: result.response.responseId, offset: 0, length: 1_000_000 });
      expect(leaks(Buffer.from(chunk.base64, 'base64').toString('utf8')), 'full response body read by the page').toBe(false);
    }
  });

  test('a failed send: an error status, an invalid URL and an unreachable host', async () => {
    const failed = await send({ url: '{{server}}/fail?k={{reference}}' });
    const invalid = await send({ url: '{{reference}}' });
    const unreachable = await send({ url: `http://127.0.0.1:1/{{reference}}` });
    expect(failed.ok && failed.response.status).toBe(500);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_URL' } });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'NETWORK' } });

    const list = await call<{ entries: { id: string; errorCode: string | null }[] }>('history.list', { limit: 10, offset: 0 });
    expect(list.entries.slice(0, 3).map((e) => e.errorCode)).toEqual(['NETWORK', 'INVALID_URL', null]);
    for (const { id, errorCode } of list.entries)
      expect(leaks(JSON.stringify(await call<unknown>('history.get', { id }))), `history entry ${errorCode ?? 'with a response'}`).toBe(false);
    expect(leaks(await historyFiles()), 'history files').toBe(false);

    expect(leaks(JSON.stringify(failed)), 'live 500 result').toBe(false);
    expect(leaks(JSON.stringify(invalid)), 'live INVALID_URL result').toBe(false);
    expect(leaks(JSON.stringify(unreachable)), 'live NETWORK result').toBe(false);
  });

  test('a body that is not valid JSON is refused without echoing the value', async () => {
    const result = await send({ method: 'POST', url: '{{server}}/x', body: { mode: 'json', text: '{"a": {{reference}} }' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_BODY' } });
    expect(leaks(JSON.stringify(result))).toBe(false);
  });

  test('copy as curl without credentials shows a placeholder, with credentials the value', async () => {
    const request = {
      ...emptyRequest(),
      method: 'POST' as const,
      url: '{{server}}/echo?k={{reference}}',
      headers: [{ key: 'X-Reference', value: 'id {{reference}}', enabled: true }],
      body: { mode: 'json' as const, text: '{"reference":"{{reference}}"}' },
    };
    const masked = await call<{ curl: string }>('requests.toCurl', { request, environmentId: env.id, includeSecrets: false });
    expect(leaks(masked.curl), masked.curl).toBe(false);
    expect(masked.curl).toMatch(/reference/);
    const shown = await call<{ curl: string }>('requests.toCurl', { request, environmentId: env.id, includeSecrets: true });
    expect(shown.curl).toContain(SECRET);
  });
});
