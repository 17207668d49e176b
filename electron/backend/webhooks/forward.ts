import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ForwardOutcome, WebhookHeader } from '../../../shared/model/webhookEvent';

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message, so a forwarder
 * drops them. `host` belongs to the original listener, and `content-length` is set again from
 * the bytes actually sent.
 */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000;

export interface RawRequest {
  method: string;
  headers: readonly WebhookHeader[];
  body: Buffer;
}

export interface SendResult extends ForwardOutcome {
  /** The target's response body (UTF-8, first 64 KB), for the replay panel. */
  responseBody?: string;
}

/** Headers to pass on: as received (casing, order, duplicates) minus hop-by-hop ones. */
export function passThroughHeaders(headers: readonly WebhookHeader[]): WebhookHeader[] {
  const named = new Set<string>();
  // A Connection header may name further per-connection headers.
  for (const h of headers) {
    if (h.name.toLowerCase() === 'connection') for (const token of h.value.split(',')) named.add(token.trim().toLowerCase());
  }
  return headers.filter((h) => {
    const lower = h.name.toLowerCase();
    return !HOP_BY_HOP_HEADERS.has(lower) && !named.has(lower);
  });
}

/**
 * Sends raw bytes with the given headers to `target` and reports what came back. Never throws:
 * an unreachable target or a timeout is reported in `error`. Uses node:http rather than fetch
 * because fetch may not send some headers as given.
 */
export function sendRaw(target: string, req: RawRequest, options: { timeoutMs?: number } = {}): Promise<SendResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.resolve({ target, error: `"${target}" is not a valid URL.`, timeMs: 0 });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve({ target, error: `Only http and https targets are supported (got ${url.protocol}).`, timeMs: 0 });
  }
  // With raw header pairs Node adds no Host header itself; HTTP/1.1 requires one.
  const flat: string[] = ['Host', url.host];
  for (const h of passThroughHeaders(req.headers)) flat.push(h.name, h.value);
  flat.push('Content-Length', String(req.body.length));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const outgoing = send(url, { method: req.method, headers: flat, timeout: options.timeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < 64 * 1024) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      res.on('end', () =>
        finish({
          target,
          status: res.statusCode ?? 0,
          timeMs: elapsed(),
          responseBody: Buffer.concat(chunks)
            .subarray(0, 64 * 1024)
            .toString('utf8'),
        }),
      );
      res.on('error', (error) => finish({ target, status: res.statusCode ?? 0, error: error.message, timeMs: elapsed() }));
    });
    outgoing.on('timeout', () => {
      outgoing.destroy(new Error(`No answer within ${options.timeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS} ms.`));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ECONNREFUSED' ? `Connection refused by ${url.host}: is the target running?` : error.message;
      finish({ target, error: reason, timeMs: elapsed() });
    });
    outgoing.end(req.body);
  });
}

/** Forwards one received callback as it came (method, headers minus hop-by-hop, raw body). */
export async function forwardCallback(target: string, req: RawRequest, options: { timeoutMs?: number } = {}): Promise<ForwardOutcome> {
  const { target: t, status, error, timeMs } = await sendRaw(target, req, options);
  return { target: t, ...(status !== undefined ? { status } : {}), ...(error !== undefined ? { error } : {}), timeMs };
}
