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

export type Verdict =
  | { ok: true; via: 'cookie' | 'query' | 'header' }
  /** `staleToken`: Host and Origin are this app's, only the launch token is missing or from an earlier launch. */
  | { ok: false; status: 400 | 403 | 421; reason: string; staleToken?: true };

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
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The request target read as a path on this origin, or null when it is not one. `//evil.example/`
 * would resolve to another host with the usual `new URL(target, base)`, and `//` would throw; here
 * the path is appended to a fixed origin, dot segments are resolved and repeated slashes (and
 * backslashes, which URL reads as slashes) collapse, so the pathname always starts with one `/`.
 */
export function requestTarget(raw: string | undefined): URL | null {
  const target = raw ?? '/';
  if (!target.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
  if (url.host !== '127.0.0.1') return null;
  url.pathname = url.pathname.replace(/\/{2,}/g, '/');
  return url;
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
  const url = requestTarget(req.url);
  if (!url) return { ok: false, status: 400, reason: 'The request target is not a path on this app.' };
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null && safeEqual(fromQuery, config.token)) return { ok: true, via: 'query' };
  const header = req.headers['x-sce-token'];
  if (typeof header === 'string' && safeEqual(header, config.token)) return { ok: true, via: 'header' };
  const cookie = readCookie(req.headers.cookie, cookieName(config.port));
  if (cookie !== null && safeEqual(cookie, config.token)) return { ok: true, via: 'cookie' };
  return { ok: false, status: 403, reason: 'Missing or wrong launch token. Open the app with the link printed when it started.', staleToken: true };
}
