import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MAX_JSON_DEPTH, parseUntrustedJson } from '../../../../shared/safeObject';
import { ApiError } from '../errors';
import { Query, Reply, type RequestContext, type Router } from './router';

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** An oversized body is drained up to this before the 413, so the client can read the answer. */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

export interface ApiServerOptions {
  router: Router;
  /** Throws an ApiError (401/403) when the request may not proceed. Skipped for `publicPaths`. */
  authenticate?: (ctx: RequestContext) => void;
  publicPaths?: string[];
  log: (line: string) => void;
}

/**
 * One node:http server speaking the Conversation API's conventions: JSON in and out, errors
 * in the §14 envelope, and never a stack trace on the wire (stacks go to the log).
 */
export function createApiServer(options: ApiServerOptions): Server {
  return createServer((req, res) => {
    void handle(options, req, res);
  });
}

async function handle(options: ApiServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  // Some clients percent-encode the custom-method colon; route on the canonical form.
  const path = (q === -1 ? url : url.slice(0, q)).replace(/%3A/gi, ':');
  let status = 500;
  try {
    const rawBody = await readBody(req);
    const ctx: RequestContext = {
      method,
      path,
      params: {},
      query: new Query(q === -1 ? '' : url.slice(q + 1)),
      headers: req.headers,
      body: undefined,
      rawBody,
    };
    if (options.authenticate && !(options.publicPaths ?? []).includes(path)) options.authenticate(ctx);
    const match = options.router.match(method, path);
    if (match.kind === 'not_found') throw ApiError.notFound(`Not Found: ${method} ${path}`);
    // Mirrors grpc-gateway, which maps a known path with the wrong verb to UNIMPLEMENTED.
    if (match.kind === 'method_not_allowed') throw new ApiError(501, 'UNIMPLEMENTED', 'Method Not Allowed');
    ctx.params = match.params;
    ctx.body = parseBody(req, rawBody);
    const result = await match.handler(ctx);
    const reply = result instanceof Reply ? result : new Reply(200, result);
    status = reply.status;
    send(res, reply.status, reply.body, reply.headers);
  } catch (err) {
    const apiError = err instanceof ApiError ? err : internalError(err, options.log);
    status = apiError.httpStatus;
    send(res, apiError.httpStatus, apiError.toEnvelope(), apiError.headers);
  } finally {
    options.log(`${method} ${path} -> ${status} (${Date.now() - started} ms)`);
  }
}

function internalError(err: unknown, log: (line: string) => void): ApiError {
  log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return new ApiError(500, 'INTERNAL', 'Internal error encountered.');
}

/**
 * The body, up to MAX_BODY_BYTES. A bigger one is read on and thrown away (up to a hard cap) so
 * the client gets the 413 instead of a connection reset: destroying the request first would
 * drop the reply with it.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const refuse = (): void => reject(new ApiError(413, 'INVALID_ARGUMENT', `Request body larger than ${MAX_BODY_BYTES} bytes.`, [], { Connection: 'close' }));
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES && !tooLarge) {
        tooLarge = true;
        chunks.length = 0;
      }
      // Past the hard cap, answer now; the socket closes once the answer is out.
      if (tooLarge && size > DRAIN_CAP_BYTES) {
        req.pause();
        refuse();
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? refuse() : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function parseBody(req: IncomingMessage, raw: Buffer): unknown {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return undefined;
  const text = raw.toString('utf8').trim();
  if (text === '') return undefined;
  // Depth and `__proto__` keys are refused here, once, so no handler ever copies either.
  const parsed = parseUntrustedJson(text, MAX_JSON_DEPTH);
  if (!parsed.ok) throw ApiError.invalid(`Invalid JSON payload received. ${parsed.error}`, parsed.path);
  return parsed.value;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Listens and resolves with the bound port; rejects with a readable message when taken. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(
        err.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is already in use`) : new Error(`Cannot listen on ${host}:${port}: ${err.message}`),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    // Keep-alive sockets would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}
