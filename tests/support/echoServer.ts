import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface EchoServer {
  url: string;
  port: number;
  /** Every request received, in order. */
  received: EchoRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers with what it received, as JSON. Special paths:
 * /slow?ms=N waits before answering; /big?bytes=N returns that many bytes; /status/N answers N.
 */
export async function startEchoServer(): Promise<EchoServer> {
  const received: EchoRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: EchoRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(entry);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (status: number, payload: string, type = 'application/json'): void => {
        res.writeHead(status, { 'Content-Type': type, 'X-Echo': 'yes' });
        res.end(payload);
      };
      if (url.pathname === '/slow') {
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            reply(200, JSON.stringify({ slow: true }));
          },
          Number(url.searchParams.get('ms') ?? 5000),
        );
        timers.add(timer);
        return;
      }
      if (url.pathname === '/big') {
        const bytes = Number(url.searchParams.get('bytes') ?? 1_000_000);
        reply(200, `[${'"x",'.repeat(Math.max(0, Math.floor((bytes - 6) / 4)))}"end"]`);
        return;
      }
      const status = /^\/status\/(\d{3})$/.exec(url.pathname);
      if (status) {
        reply(Number(status[1]), JSON.stringify({ error: { code: Number(status[1]), message: 'as asked' } }));
        return;
      }
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : null;
      } catch {
        json = null;
      }
      reply(
        200,
        JSON.stringify({ echo: { method: entry.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, json } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
