import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TokenHttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TokenHttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: string;
}

/** How TokenManager talks to a token endpoint; tests and other transports may supply their own. */
export type TokenSender = (request: TokenHttpRequest) => Promise<TokenHttpResponse>;

/** A token response is small; anything bigger is not one. */
const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;

export class TokenTimeoutError extends Error {}

/** POST with Node's own http/https: no proxy magic, no cookies, exact headers. */
export const nodeTokenSender: TokenSender = (req) =>
  new Promise<TokenHttpResponse>((resolve, reject) => {
    const url = new URL(req.url);
    const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    // A fresh connection each time (agent: false): tokens are fetched about once an hour, and a
    // kept-alive socket the server has since closed would fail the fetch with ECONNRESET.
    const headers = { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) };
    const request = make(url, { method: 'POST', headers, signal, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_TOKEN_RESPONSE_BYTES) {
          response.destroy(new Error(`The token endpoint answered with more than ${MAX_TOKEN_RESPONSE_BYTES / 1024} KB; that is not a token response.`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () => {
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.on('error', (error) => reject(timeout.aborted ? new TokenTimeoutError(`no answer within ${req.timeoutMs} ms`) : error));
    request.end(req.body, 'utf8');
  });
