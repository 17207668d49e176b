import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/index';
import { MemorySecretStore } from '../../../electron/backend/secrets/index';
import type { EventName, EventPayload } from '../../../shared/contract';

export interface BackendHarness {
  backend: Backend;
  keychain: MemorySecretStore;
  dataDir: string;
  events: { event: EventName; payload: unknown }[];
  close(): Promise<void>;
}

/** A real backend on a temp data dir with an in-memory keychain (the user's keychain is never touched). */
export async function startBackend(extra: Partial<BackendOptions> = {}): Promise<BackendHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sce-project-'));
  const keychain = new MemorySecretStore();
  const backend = await createBackend({ dataDir, host: 'browser', version: 'test', keychain, ...extra });
  const events: BackendHarness['events'] = [];
  backend.subscribe(<E extends EventName>(event: E, payload: EventPayload<E>) => events.push({ event, payload }));
  return {
    backend,
    keychain,
    dataDir,
    events,
    async close() {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under a folder, with its text (to look for secrets that must not be there). */
export async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push({ path, text: await readFile(path, 'latin1') });
    }
  };
  await walk(dir);
  return out;
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback HTTP server that records every request and answers with `handle`. */
export async function recordingServer(
  handle: (req: Recorded, res: ServerResponse) => void,
): Promise<{ url: string; requests: Recorded[]; close(): Promise<void>; server: Server }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      handle(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

import { contract, type MethodName, type MethodOutput, type ParsedInput } from '../../../shared/contract';

/** Calls a method as the page does: the input checked against the contract first. */
export async function call<M extends MethodName>(backend: Backend, method: M, input?: unknown): Promise<MethodOutput<M>> {
  const parsed = contract.methods[method].input.parse(input) as ParsedInput<M>;
  return backend.handlers[method](parsed);
}

/** The value of an ok result, or the test fails with the problem in words. */
export function value<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got problem: ${result.problem.message}`);
  return result.value;
}
