import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Socket, type AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { STALE_TOKEN_CLOSE_CODE, type WireMessage } from '../../shared/contract';
import type { Backend } from '../backend/index';
import { createDispatcher, unsendable, wireProblem } from '../backend/dispatcher';
import { contentSecurityPolicy } from './csp';
import { allowedHosts, checkRequest, cookieName, requestTarget, type GuardConfig } from './guard';

export interface HostOptions {
  backend: Backend;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  log?: (line: string) => void;
  /**
   * How long a connection may take to send its request headers, and stay silent before it has;
   * then it is closed. Default HEADER_TIMEOUT_MS; tests pass less.
   */
  headerTimeoutMs?: number;
}

export interface Host {
  /** The address to open: carries the launch token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 2000;
/** The page and its files come from this machine: ten seconds for a request's headers is generous. */
export const HEADER_TIMEOUT_MS = 10_000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The file path a URL path names, or null when its percent-encoding is malformed or hides a NUL. */
function decodePath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

/** Serves the built renderer and the contract over a WebSocket, to 127.0.0.1 only. */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  const dispatch = createDispatcher(options.backend.handlers);
  /** Calls still being handled: close() lets them finish (a save half-way through its file) for a moment. */
  const calls = new Set<Promise<void>>();
  const guard: GuardConfig = { port: 0, token };
  const log = options.log ?? (() => undefined);

  const headerTimeoutMs = options.headerTimeoutMs ?? HEADER_TIMEOUT_MS;
  // Node checks these every `connectionsCheckingInterval`: often enough to keep the timeout's word.
  const server = createServer(
    { headersTimeout: headerTimeoutMs, requestTimeout: headerTimeoutMs * 3, connectionsCheckingInterval: Math.max(50, Math.min(headerTimeoutMs / 2, 5000)) },
    (req, res) => {
      void handleHttp(req, res).catch((error: unknown) => {
        log(`host: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal error');
      });
    },
  );
  // A connection that never sends a byte is not a request yet, so the header timeout does not
  // cover it: an idle socket is closed after as long (a WebSocket clears it once upgraded).
  server.on('connection', (socket) => {
    socket.setTimeout(headerTimeoutMs, () => socket.destroy());
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(req, guard, { requireOrigin: false });
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(`Refused: ${verdict.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    // checkRequest has refused anything requestTarget cannot read as a path.
    const url = requestTarget(req.url) ?? new URL('http://127.0.0.1/');
    if (verdict.via === 'query') {
      // Trade the token in the address bar for a cookie, so it does not linger in history.
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': `${cookieName(guard.port)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`,
        Location: `${url.pathname}${url.search}`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    await serveStatic(url.pathname, req, res);
  }

  async function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const decoded = decodePath(pathname);
    if (decoded === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: the path is not valid percent-encoding.\n');
      return;
    }
    let file = resolve(join(root, decoded));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info) {
      // Unknown paths without an extension are app routes: give them the page.
      if (extname(pathname) !== '') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      file = join(root, 'index.html');
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The app is not built yet. Run "npm run build" (npm start does it for you), then reload.');
      return;
    }
    const isHtml = file.endsWith('.html');
    const wsOrigins = allowedHosts(guard.port).map((h) => `ws://${h}`);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': isHtml ? 'no-store' : 'private, max-age=31536000, immutable',
      'Content-Security-Policy': contentSecurityPolicy(wsOrigins),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 32 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    // The page's WebSocket is quiet while nothing happens: no idle timeout once it is one.
    if (socket instanceof Socket) socket.setTimeout(0);
    const verdict = checkRequest(req, guard, { requireOrigin: true });
    const path = requestTarget(req.url)?.pathname;
    if (!verdict.ok && verdict.staleToken && path === '/api') {
      // The app's own page from an earlier launch (its cookie holds the old token): a browser cannot
      // read a refused handshake's status, so accept, say why in a close code, and serve nothing.
      wss.handleUpgrade(req, socket, head, (ws) => ws.close(STALE_TOKEN_CLOSE_CODE, 'launch token from an earlier launch'));
      return;
    }
    if (!verdict.ok || path !== '/api') {
      const status = verdict.ok ? '404 Not Found' : `${verdict.status} Refused`;
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    /** Whether the message went out; one that cannot be serialised is not sent, and never throws. */
    const send = (message: WireMessage): boolean => {
      if (ws.readyState !== ws.OPEN) return true;
      let text: string;
      try {
        text = JSON.stringify(message);
      } catch (error) {
        log(`host: could not serialise ${'id' in message ? 'an answer' : `event ${message.event}`}: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
      ws.send(text);
      return true;
    };
    const unsubscribe = options.backend.subscribe((event, payload) => {
      // An event too deep for the page is dropped (the page re-reads what it needs); others go on.
      if (wireProblem(payload) === null) send({ event, payload });
      else log(`host: event ${event} dropped: it is nested too deep to send`);
    });
    ws.on('close', unsubscribe);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      const { id, method, input } = message as { id?: unknown; method?: unknown; input?: unknown };
      if (typeof id !== 'number') return;
      const call = dispatch(method, input)
        .then((result) => {
          // A result JSON cannot carry (a BigInt, a cycle) is answered with an error, never left unanswered.
          if (!send({ id, ...result })) send({ id, ...unsendable(String(method), 'JSON cannot represent it') });
        })
        .catch((error: unknown) => log(`host: ${String(error)}`));
      calls.add(call);
      void call.finally(() => calls.delete(call));
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new Error(`Port ${options.port} is already in use. Pick another with --port, or stop the program using it.`);
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      // server.close() calls back only once every connection is gone: drop them first, so a page
      // still loading a file cannot hold close() up.
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      // A write the page asked for just before (its tabs, a request) finishes before the backend
      // closes; a slow one (a request still being sent) is not waited for beyond 2 s.
      if (calls.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled([...calls]), new Promise((done) => (timer = setTimeout(done, CLOSE_GRACE_MS)))]);
        clearTimeout(timer);
      }
    },
  };
}
