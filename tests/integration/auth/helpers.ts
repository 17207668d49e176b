import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../electron/backend/sandbox/index';

export interface CountingSandbox {
  sandbox: SandboxHandle;
  /** Log lines of the sandbox, e.g. "[conversation] POST /oauth2/token -> 200 (1 ms)". */
  lines: string[];
  tokenRequests(): string[];
  apiRequests(): string[];
}

export async function countingSandbox(options: SandboxOptions = {}): Promise<CountingSandbox> {
  const lines: string[] = [];
  const sandbox = await startSandbox({ ...options, log: (line) => lines.push(line) });
  return {
    sandbox,
    lines,
    tokenRequests: () => lines.filter((l) => /^\[conversation\] POST \/oauth2\/token -> /.test(l)),
    apiRequests: () => lines.filter((l) => /^\[conversation\] \w+ \/v1\//.test(l)),
  };
}

export interface ScriptedServer {
  url: string;
  /** Arrival time (performance.now()) and headers of every request. */
  requests: { at: number; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1 answering each request with the next scripted reply (the last one repeats). */
export async function scriptedServer(replies: ((res: ServerResponse) => void)[]): Promise<ScriptedServer> {
  const requests: ScriptedServer['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ at: performance.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
      if (reply) reply(res);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/oauth2/token`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
