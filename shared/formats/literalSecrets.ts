/**
 * Where a request holds a credential in plain text, and what to put there instead. One rule for
 * everything that keeps a request: the session blanks these values (a draft written to disk), the
 * importers (Postman, curl) replace them by `{{placeholders}}` offered for the keychain. A value is a
 * literal secret when its name is secret-like (`api_key`, `password`, `X-Api-Key`; see isSecretName)
 * and it holds something other than `{{variables}}`.
 *
 * Every scan here is linear in the text it reads (no pattern that backtracks over its input), so a
 * hostile 10 MB body or URL costs one pass, not seconds of a blocked event loop.
 */
import type { KeyValue } from '../model/keyValue';
import { holdsLiteralValue, isSecretName } from './secrets';

export type SecretPlace = 'header' | 'query parameter' | 'body field' | 'form field' | 'variable' | 'URL password' | 'URL user name';

export interface LiteralSecret {
  place: SecretPlace;
  /** The name it was found under (`api_key`, `X-Api-Key`, `password`), decoded; the host for a URL's user info. */
  name: string;
  /** The value, decoded where the text encodes it (a query value, a JSON string), without its scheme. */
  value: string;
  /** `Bearer ` or `Basic ` when a header's value starts with one (kept in front of a placeholder); '' otherwise. */
  scheme: string;
}

/** What to write where the secret was (as it goes into that text: a JSON string's content, a query value…). */
export type SecretReplacer = (secret: LiteralSecret) => string;

/** A placeholder's name from what the secret was called: `X-Api-Key` → `x_api_key`; always a valid variable name. */
export function placeholderName(name: string): string {
  const clean = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  if (clean === '') return 'secret';
  return /^[a-z_]/.test(clean) ? clean : `secret_${clean}`;
}

/** Placeholder names given out, with the value each stands for: the same value keeps its name, another value gets `name_2`. */
export class Placeholders {
  private readonly taken = new Set<string>();
  private readonly byValue = new Map<string, string>();
  private readonly suffix = new Map<string, number>();

  name(wanted: string, value: string): string {
    const key = `${wanted}\u0000${value}`;
    const known = this.byValue.get(key);
    if (known !== undefined) return known;
    // Counted per wanted name, so ten thousand `password` fields cost ten thousand steps, not fifty million.
    let n = this.suffix.get(wanted) ?? 1;
    let name = n === 1 ? wanted : `${wanted}_${n}`;
    while (this.taken.has(name)) name = `${wanted}_${++n}`;
    this.suffix.set(wanted, n);
    this.taken.add(name);
    this.byValue.set(key, name);
    return name;
  }
}

/** The placeholder a secret found in a request is named after: its field's name, or what a URL's user info holds. */
export function placeholderFor(secret: LiteralSecret): string {
  return secret.place === 'URL password' ? 'url_password' : secret.place === 'URL user name' ? 'url_token' : placeholderName(secret.name);
}

export function isLiteralSecret(name: string, value: string): boolean {
  return isSecretName(name) && holdsLiteralValue(value);
}

const SCHEME = /^(Bearer|Basic)\s+/i;

/** Rows (headers, query parameters, variables, form fields) with literal secret values replaced. */
export function replaceRowSecrets(
  rows: readonly KeyValue[],
  place: SecretPlace,
  replace: SecretReplacer,
  isSecret: (row: KeyValue) => boolean = (row) => isLiteralSecret(row.key, row.value),
): KeyValue[] {
  return rows.map((row) => {
    if (row.value === '' || !isSecret(row)) return row;
    const scheme = place === 'header' ? (SCHEME.exec(row.value)?.[0] ?? '') : '';
    return { ...row, value: replace({ place, name: row.key.trim(), value: row.value.slice(scheme.length), scheme }) };
  });
}

function decodeSafely(text: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replace(/\+/g, ' ') : text);
  } catch {
    return text;
  }
}

/**
 * `name=value` pairs after the start of the text, a `?` or a `&` (a URL's query, an
 * x-www-form-urlencoded body, or such pairs inside free text). The lead keeps each match short: a
 * name stops at the next `=`, `&`, `?` or space, so the scan never goes over the same text twice.
 */
const QUERY_PAIR = /(^|[?&])([^=&#?\s]+)=([^&#\s]*)/g;

export function replaceQuerySecrets(text: string, place: SecretPlace, replace: SecretReplacer): string {
  if (!text.includes('=')) return text;
  return text.replace(QUERY_PAIR, (whole, lead: string, rawName: string, rawValue: string) => {
    const name = decodeSafely(rawName, true);
    const value = decodeSafely(rawValue, true);
    if (value === '' || !isLiteralSecret(name, value)) return whole;
    return `${lead}${rawName}=${replace({ place, name, value, scheme: '' })}`;
  });
}

/** `scheme://user:password@` at the start of a URL (user info), read without backtracking. */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@([^/?#\s]*)/i;

/**
 * A URL's user info (`https://user:pw@host`: the password; `https://TOKEN@host`: a lone user name,
 * which is how tokens are put in URLs) and its secret-named query parameters.
 */
export function replaceUrlSecrets(url: string, replace: SecretReplacer): string {
  let out = url;
  const info = USER_INFO.exec(url);
  if (info) {
    const [whole, scheme = '', userInfo = '', host = ''] = info;
    const colon = userInfo.indexOf(':');
    const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
    const password = colon < 0 ? null : userInfo.slice(colon + 1);
    let kept = userInfo;
    if (password !== null && holdsLiteralValue(decodeSafely(password, false))) {
      kept = `${user}:${replace({ place: 'URL password', name: host, value: decodeSafely(password, false), scheme: '' })}`;
    } else if (password === null && holdsLiteralValue(decodeSafely(user, false))) {
      kept = replace({ place: 'URL user name', name: host, value: decodeSafely(user, false), scheme: '' });
    }
    if (kept !== userInfo) out = `${scheme}${kept}@${host}${url.slice(whole.length)}`;
  }
  const queryAt = out.indexOf('?');
  if (queryAt < 0) return out;
  const hashAt = out.indexOf('#', queryAt);
  const query = hashAt < 0 ? out.slice(queryAt) : out.slice(queryAt, hashAt);
  return `${out.slice(0, queryAt)}${replaceQuerySecrets(query, 'query parameter', replace)}${hashAt < 0 ? '' : out.slice(hashAt)}`;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The index just past the string that opens at `start` (a `"`), or -1 when it is not closed. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return -1;
    // Escaped when an odd number of backslashes comes right before it.
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** A JSON string literal's value (`"a\\"b"` → `a"b`); null when it is not one. */
function jsonString(literal: string): string | null {
  if (!literal.includes('\\')) return literal.slice(1, -1);
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * `"secretName": "value"` members anywhere in JSON-looking text (a body may be broken JSON, or hold
 * unquoted `{{variables}}`, so it is not parsed): one pass from string to string, each character read
 * once. What `replace` returns is written as the string's content, escaped for JSON.
 */
export function replaceJsonSecrets(text: string, replace: SecretReplacer, place: SecretPlace = 'body field'): string {
  let out = '';
  let copied = 0;
  let at = text.indexOf('"');
  while (at >= 0) {
    const keyEnd = stringEnd(text, at);
    if (keyEnd < 0) break;
    let i = keyEnd;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== COLON) {
      at = text.indexOf('"', keyEnd);
      continue;
    }
    i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== QUOTE) {
      at = text.indexOf('"', i);
      continue;
    }
    const valueEnd = stringEnd(text, i);
    if (valueEnd < 0) break;
    // Names are short; a long one is not a field name worth reading (and is not decoded).
    const name = keyEnd - at <= 202 ? jsonString(text.slice(at, keyEnd)) : null;
    if (name !== null && isSecretName(name)) {
      const value = jsonString(text.slice(i, valueEnd));
      if (value !== null && holdsLiteralValue(value)) {
        out += `${text.slice(copied, i)}${JSON.stringify(replace({ place, name, value, scheme: '' }))}`;
        copied = valueEnd;
      }
    }
    at = text.indexOf('"', valueEnd);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * A body's literal secrets: JSON members for a JSON body; for a text body, JSON members and
 * `name=value` pairs (a form body, or JSON sent as text).
 */
export function replaceBodySecrets(body: { mode: string; text: string }, replace: SecretReplacer): string {
  if (body.mode === 'none' || body.text === '') return body.text;
  const json = replaceJsonSecrets(body.text, replace);
  return body.mode === 'json' ? json : replaceQuerySecrets(json, 'body field', replace);
}
