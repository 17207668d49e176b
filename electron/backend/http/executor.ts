import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { HttpMethod, HttpResponseSummary, SendResult } from '../../../shared/model/httpRequest';
import type { ResolvedRequest } from '../../../shared/variables';
import { describeUnresolved } from '../../../shared/variables';
import type { ResponseStore } from './responseStore';
import { dictionary } from '../../../shared/safeObject';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** What the page renders at most; the rest stays here until the user saves it. */
export const PREVIEW_LIMIT = 512 * 1024;
/** Beyond this the response is abandoned: an API explorer is not a download manager. */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;

const USER_AGENT = 'SinchConversationExplorer/0.1';
/** Sent with any body that has no Content-Type of its own ("Copy as curl" writes it out too). */
export const IMPLICIT_CONTENT_TYPE = 'application/json';

export interface ExecuteOptions {
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Sends one fully resolved request with Node's own HTTP stack (no browser CORS, exact headers,
 * exact byte counts) and reports timing, size and a bounded preview.
 */
export class HttpExecutor {
  constructor(private readonly responses: ResponseStore) {}

  async execute(req: ResolvedRequest, options: ExecuteOptions): Promise<SendResult> {
    if (req.unresolved.length > 0) {
      return { ok: false, error: { code: 'UNRESOLVED_VARIABLES', message: describeUnresolved(req.unresolved), variables: req.unresolved } };
    }
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return { ok: false, error: { code: 'INVALID_URL', message: `"${req.url}" is not a valid URL. It must start with http:// or https://.` } };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return { ok: false, error: { code: 'INVALID_URL', message: `Only http:// and https:// URLs can be sent (got ${url.protocol}).` } };
    }
    const headers = buildHeaders(req);
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = AbortSignal.any([options.signal, timeout]);

    try {
      const response = await sendWithReconnect(url, req.method, headers, req.body, signal);
      const body = await readBody(response, signal);
      const responseId = randomUUID();
      this.responses.put(responseId, body);
      const summary: HttpResponseSummary = {
        responseId,
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        timeMs: elapsed(),
        sizeBytes: body.length,
        headers: pairHeaders(response.rawHeaders),
        contentType: String(response.headers['content-type'] ?? ''),
        url: url.toString(),
        method: req.method,
        body: preview(body, String(response.headers['content-type'] ?? '')),
      };
      return { ok: true, response: summary };
    } catch (error) {
      const timeMs = elapsed();
      if (timeout.aborted) {
        return {
          ok: false,
          error: {
            code: 'TIMEOUT',
            message: `No complete response within ${formatMs(options.timeoutMs)}. Check that the server is up, or raise the timeout (Settings in the header).`,
            timeMs,
          },
        };
      }
      if (options.signal.aborted) {
        return { ok: false, error: { code: 'CANCELLED', message: 'Request cancelled.', timeMs } };
      }
      if (error instanceof TooLargeError) {
        return { ok: false, error: { code: 'TOO_LARGE', message: error.message, timeMs } };
      }
      return { ok: false, error: { code: 'NETWORK', message: describeNetworkError(error, url), timeMs } };
    }
  }
}

class TooLargeError extends Error {}

function buildHeaders(req: ResolvedRequest): [string, string][] {
  const headers: [string, string][] = req.headers.map((h) => [h.name, h.value]);
  const has = (name: string): boolean => headers.some(([n]) => n.toLowerCase() === name);
  if (!has('user-agent')) headers.push(['User-Agent', USER_AGENT]);
  if (!has('accept')) headers.push(['Accept', 'application/json, */*;q=0.5']);
  if (req.body !== null && !has('content-type')) headers.push(['Content-Type', IMPLICIT_CONTENT_TYPE]);
  if (!has('accept-encoding')) headers.push(['Accept-Encoding', 'gzip, deflate, br']);
  return headers;
}

/**
 * A kept-alive connection may have been closed by the server in the meantime (it restarted, or
 * its idle timeout ran out); that is not the server's answer, so the request is tried once more on
 * a fresh connection, as browsers do.
 */
async function sendWithReconnect(
  url: URL,
  method: HttpMethod,
  headers: [string, string][],
  body: string | null,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  try {
    return await send(url, method, headers, body, signal);
  } catch (error) {
    if (error instanceof StaleSocketError && !signal.aborted) return send(url, method, headers, body, signal);
    throw error instanceof StaleSocketError ? error.cause : error;
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: unknown) {
    super('stale keep-alive socket');
  }
}

function send(url: URL, method: HttpMethod, headers: [string, string][], body: string | null, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // An object keeps the user's header case and lets Node add Host; repeated names are joined
    // as HTTP allows for request headers.
    const object: Record<string, string> = dictionary(); // a header may be called __proto__
    for (const [name, value] of headers) {
      const existing = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
      if (existing) object[existing] = `${object[existing]}, ${value}`;
      else object[name] = value;
    }
    const req = make(url, { method, headers: object, signal }, resolve);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      reject(stale ? new StaleSocketError(error) : error);
    });
    if (body !== null) req.end(body, 'utf8');
    else req.end();
  });
}

async function readBody(response: IncomingMessage, signal: AbortSignal): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .toLowerCase()
    .trim();
  let stream: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
  else if (encoding === 'deflate') stream = response.pipe(createInflate());
  else if (encoding === 'br') stream = response.pipe(createBrotliDecompress());
  const chunks: Buffer[] = [];
  let total = 0;
  const onAbort = (): void => {
    response.destroy(new Error('aborted'));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > MAX_BODY_BYTES) {
        response.destroy();
        throw new TooLargeError(`The response body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; it was not kept.`);
      }
      chunks.push(buf);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw new Error('aborted');
  return Buffer.concat(chunks, total);
}

function pairHeaders(raw: string[]): { name: string; value: string }[] {
  const pairs: { name: string; value: string }[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push({ name: raw[i] as string, value: raw[i + 1] as string });
  return pairs;
}

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]*\+json|xml|[\w.+-]*\+xml|javascript|x-www-form-urlencoded|problem\+json)|image\/svg)/i;

function preview(body: Buffer, contentType: string): HttpResponseSummary['body'] {
  const sample = body.subarray(0, PREVIEW_LIMIT);
  const binary = contentType !== '' ? !TEXTUAL.test(contentType) && sample.includes(0) : sample.subarray(0, 4096).includes(0);
  return {
    preview: binary ? '' : new TextDecoder('utf-8').decode(sample),
    truncated: body.length > PREVIEW_LIMIT,
    binary,
    previewLimit: PREVIEW_LIMIT,
  };
}

function describeNetworkError(error: unknown, url: URL): string {
  const code = (error as NodeJS.ErrnoException).code;
  const host = url.host;
  switch (code) {
    case 'ECONNREFUSED':
      return `Connection refused by ${host}. Is the server running and listening on that port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not resolve ${url.hostname}. Check the host name and your network (is the region right?).`;
    case 'ECONNRESET':
      return `${host} closed the connection before answering.`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `The TLS certificate of ${host} was rejected (${code}).`;
    default:
      return `Request to ${host} failed: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`;
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
