import type { IncomingHttpHeaders } from 'node:http';

/** Query string access that keeps repeated keys (`update_mask.paths=a&update_mask.paths=b`). */
export class Query {
  private readonly entries: Array<[string, string]>;

  constructor(search: string) {
    this.entries = parseQuery(search);
  }

  get(name: string): string | undefined {
    return this.entries.find(([k]) => k === name)?.[1];
  }

  getAll(name: string): string[] {
    return this.entries.filter(([k]) => k === name).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.entries.some(([k]) => k === name);
  }

  /** Everything except paging, so a page token can be tied to the filters it was issued for. */
  filterKey(exclude: string[] = ['page_token', 'page_size']): string {
    return this.entries
      .filter(([k]) => !exclude.includes(k))
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('&');
  }
}

/**
 * `+` is kept literal rather than read as a space: the official Node SDK does not percent-encode
 * query values, so `identity=+15551234567` must still mean the E.164 number.
 */
function parseQuery(search: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1));
    out.push([key, value]);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Query;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when the request had none or was not JSON. */
  body: unknown;
  rawBody: Buffer;
}

/** A non-default response; handlers that return anything else answer 200 with it as JSON. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

// Sync or async: the server awaits whatever comes back.
export type Handler = (ctx: RequestContext) => unknown;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export type RouteMatch = { kind: 'found'; handler: Handler; params: Record<string, string> } | { kind: 'method_not_allowed' } | { kind: 'not_found' };

/**
 * Patterns use `{name}` placeholders; everything else is literal, including the Google-style
 * custom-method colon (`/contacts/{contact_id}:merge`). A placeholder never swallows a colon,
 * so `{id}` and `{id}:merge` do not collide.
 */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split(/(\{[a-z_]+\})/)
      .map((piece) => {
        const m = /^\{([a-z_]+)\}$/.exec(piece);
        if (m?.[1]) {
          names.push(m[1]);
          return '([^/:]+)';
        }
        return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    this.routes.push({ method, regex: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { kind: 'found', handler: route.handler, params };
    }
    return pathMatched ? { kind: 'method_not_allowed' } : { kind: 'not_found' };
  }
}
