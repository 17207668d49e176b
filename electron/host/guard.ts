import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the browser host. A page on any other origin, a DNS-rebinding attack (a foreign
 * name resolving to 127.0.0.1) or another local user's process without the launch token all
 * get refused before anything is served.
 */
export interface GuardConfig {
  port: number;
  token: string;
}

export type Verdict = { ok: true; via: 'cookie' | 'query' | 'header' } | { ok: false; status: 403 | 421; reason: string };

export const cookieName = (port: number): string => `sce_token_${port}`;

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function checkRequest(req: IncomingMessage, config: GuardConfig, { requireOrigin }: { requireOrigin: boolean }): Verdict {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(config.port).includes(host)) {
    return { ok: false, status: 421, reason: `Host "${host}" is not this app's loopback address.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(config.port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: `Origin "${origin}" may not use this app.` };
  }
  if (origin === undefined && requireOrigin) {
    return { ok: false, status: 403, reason: 'Requests without an Origin are refused.' };
  }
  const url = new URL(req.url ?? '/', `http://${host}`);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && safeEqual(fromQuery, config.token)) return { ok: true, via: 'query' };
  const header = req.headers['x-sce-token'];
  if (typeof header === 'string' && safeEqual(header, config.token)) return { ok: true, via: 'header' };
  const cookie = readCookie(req.headers.cookie, cookieName(config.port));
  if (cookie !== null && safeEqual(cookie, config.token)) return { ok: true, via: 'cookie' };
  return { ok: false, status: 403, reason: 'Missing or wrong launch token. Open the app with the link printed when it started.' };
}
