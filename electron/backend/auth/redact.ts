export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of every known secret value in `text` (logs, exports, error
 * messages). Also catches the forms a value takes when it travels: percent-encoded (form bodies,
 * query strings) and JSON-escaped. Longer secrets are replaced first, so a secret that contains
 * another is hidden whole. Empty values are ignored.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(new URLSearchParams({ s: secret }).toString().slice(2));
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  needles.delete('');
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    out = out.split(needle).join(REDACTED);
  }
  return out;
}

/**
 * `redact` applied to every string inside a JSON-like value (objects, arrays, strings), keys
 * included: for results and records whose every field may echo a secret (URLs, headers, bodies,
 * error messages, timeline labels). Returns a new value; the input is not changed.
 */
export function redactDeep<T>(value: T, secrets: readonly (string | null | undefined)[]): T {
  if (!secrets.some((s) => typeof s === 'string' && s !== '')) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) Object.defineProperty(out, redact(key, secrets), { value: walk(inner), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** A URL as it may be shown: without user:password@ and without a query string that might carry one. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//').replace(/\?.*$/, '');
  }
}
