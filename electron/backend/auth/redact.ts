import { SHORT_SECRET_LENGTH } from '../../../shared/model/keyValue';

export const REDACTED = '[redacted]';

/**
 * Fields whose values are the app's own words (a method, a body mode, an error code, a timeline
 * kind…), never text a user or a server chose: left as they are by redactDeep, so redaction can
 * never change a record's meaning or make it invalid (a body mode of `[redacted]`). Showing them
 * reveals nothing: they would read the same with any secret.
 */
const STRUCTURAL_FIELDS: ReadonlySet<string> = new Set(['method', 'mode', 'code', 'kind', 'auth', 'target', 'from', 'field']);

/** Every form a secret takes when it travels: raw, percent-encoded (form bodies, query strings) and JSON-escaped. */
function formsOf(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
}

/**
 * Replaces every occurrence of every known secret value in `text` (logs, exports, error
 * messages), in each of the forms it takes when it travels. Longer secrets are replaced first, so
 * a secret that contains another is hidden whole. Empty values are ignored.
 *
 * A value shorter than SHORT_SECRET_LENGTH is replaced only when it is the whole text: `on` or
 * `id` occur in half the words of a request (`response`, `{{project_id}}`), and cutting them out
 * there would garble the text and show, by where `[redacted]` lands, what the secret is. The user
 * is told instead (shortSecretWarning).
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    const forms = formsOf(secret);
    if (secret.length < SHORT_SECRET_LENGTH) {
      if (forms.includes(text)) return REDACTED;
      continue;
    }
    for (const form of forms) needles.add(form);
  }
  needles.delete('');
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    out = out.split(needle).join(REDACTED);
  }
  return out;
}

/**
 * `redact` applied to every string value inside a JSON-like value (objects, arrays, strings), for
 * results and records whose every field may echo a secret (URLs, headers, bodies, error messages,
 * timeline labels). Keys are never changed (a key is the record's shape, not data: `response`
 * must stay `response`), nor are the app's own words (STRUCTURAL_FIELDS). Returns a new value;
 * the input is not changed.
 */
export function redactDeep<T>(value: T, secrets: readonly (string | null | undefined)[]): T {
  if (!secrets.some((s) => typeof s === 'string' && s !== '')) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) {
        const kept = STRUCTURAL_FIELDS.has(key) && typeof inner === 'string' ? inner : walk(inner);
        // defineProperty: a `__proto__` key stays plain data, as it was in the input.
        Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** Names of the padlocked values in `secrets` too short to be hidden inside other text (for the warning). */
export function shortSecretNames(secrets: ReadonlyMap<string, string>): string[] {
  return [...secrets].filter(([, value]) => value !== '' && value.length < SHORT_SECRET_LENGTH).map(([name]) => name);
}

/** What the user is told, once, about padlocked values too short to hide inside other text. */
export function shortSecretWarning(names: readonly string[]): string {
  const list = names.map((n) => `{{${n}}}`).join(', ');
  const one = names.length === 1;
  return `The padlocked value${one ? '' : 's'} of ${list} ${one ? 'is' : 'are'} shorter than ${SHORT_SECRET_LENGTH} characters, so ${one ? 'it is' : 'they are'} hidden as ${REDACTED} only where ${one ? 'it is' : 'one is'} a whole value (a header's value, say), not inside longer text such as URLs and bodies. Use a longer secret, or remove the padlock if it is not one.`;
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
