/**
 * Postman scripts, read without running them. Two patterns are common enough to understand:
 *
 * - test-script lines that copy a response value into a variable
 *   (`pm.environment.set("APP_ID", pm.response.json().id)`): they become captures;
 * - a pre-request script that fetches an OAuth2 token with `pm.sendRequest` and stores it: it is
 *   what the environment's access key does, so it is replaced by it.
 *
 * Everything else stays text. The lines we write ourselves on export (status assertion, run order)
 * are recognised too, so a round trip leaves no script behind.
 */
import type { Capture } from '../../model/collection';

// Greedy up to the line's last `)` (only spaces and `;` may follow): a lazy `(.+?)\s*\)` retried its `\s*` at every position.
const SETTER =
  /^(?:pm\.(?:environment|collectionVariables|globals|variables)\.set|postman\.set(?:Environment|Global)Variable)\(\s*(['"`])([^'"`]{1,200})\1\s*,(.+)\)[ \t]*;?[ \t]*$/;
/** No capture line is longer; a longer one is kept as text without running the patterns below over it. */
const MAX_LINE = 1000;
const IF_2XX = /^if\s*\(\s*pm\.response\.code\s*>=\s*200\s*&&\s*pm\.response\.code\s*<\s*300\s*\)\s*\{?\s*/;
const JSON_SOURCES = /^(?:pm\.response\.json\(\)|JSON\.parse\(\s*responseBody\s*\)|JSON\.parse\(\s*pm\.response\.text\(\)\s*\))/;
const ALIAS =
  /^(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*(pm\.response\.json\(\)|JSON\.parse\(\s*responseBody\s*\)|JSON\.parse\(\s*pm\.response\.text\(\)\s*\))\s*;?$/;
/** `.a`, `?.a`, `[0]`, `["a"]`, `?.[0]` */
const ACCESSOR = /^(?:\??\.([A-Za-z_$][\w$]*)|(?:\?\.)?\[\s*(\d+)\s*\]|(?:\?\.)?\[\s*(['"])([^'"]+)\3\s*\])/;

/** Lines we write on export that mean nothing to our runner: dropped silently on import. */
const OWN_LINES = [
  /^pm\.test\(\s*['"]Status is 2xx['"]\s*,\s*\(\)\s*=>\s*pm\.expect\(pm\.response\.code\)\.to\.be\.within\(200,\s*299\)\s*\)\s*;?$/,
  /^pm\.execution\.setNextRequest\(\s*(?:null|['"][^'"]*['"])\s*\)\s*;?$/,
  /^\/\/ Captures: /,
];

const STATUS_TEST =
  /pm\.test\(\s*(['"`])[^'"`]*\1\s*,\s*(?:function\s*\(\s*\)|\(\s*\)\s*=>)\s*\{\s*pm\.response\.to\.(?:have\.status\(\s*2\d\d\s*\)|be\.(?:ok|success))\s*;?\s*\}\s*\)\s*;?/g;
// `[ \t]`, not `\s`: at every line start, `^\s*` would run on over all the blank lines that follow.
const STATUS_ASSERT = /^[ \t]*pm\.response\.to\.(?:have\.status\(\s*2\d\d\s*\)|be\.(?:ok|success))[ \t]*;?[ \t]*$/gm;

export interface TestScriptReading {
  captures: Capture[];
  /** The script as it was, when some of it is not understood (kept, not run); null when all of it was. */
  rest: string | null;
  /** Lines kept as text (not blank, not comments). */
  unknownLines: number;
  /** `pm.execution.setNextRequest(x)` / `postman.setNextRequest(x)`: the request to run next (null: stop); undefined when absent. */
  next?: string | null;
}

const NEXT_REQUEST = /^(?:pm\.execution|postman)\.setNextRequest\(\s*(null|(['"])([^'"]*)\2)\s*\)\s*;?$/;

/** Separates what we write on export (above) from a script kept from an earlier import (below, verbatim). */
export const KEPT_SCRIPT_MARKER = '// Kept from the imported test script:';

/** Reads a test script: setter lines become captures, the rest is kept as text. */
export function readTestScript(source: string): TestScriptReading {
  const marker = source.indexOf(`${KEPT_SCRIPT_MARKER}\n`);
  if (marker >= 0) {
    // Our own export: the captures are above the marker; below it is the script as first imported,
    // whose setters are those same captures, so it is kept as it is and not read again.
    const kept = source.slice(marker + KEPT_SCRIPT_MARKER.length + 1);
    const ours = readTestScript(source.slice(0, marker));
    return {
      captures: ours.captures,
      rest: kept,
      unknownLines: kept.split('\n').filter((l) => l.trim() !== '').length,
      ...(ours.next !== undefined ? { next: ours.next } : {}),
    };
  }
  const captures: Capture[] = [];
  const aliases = new Set<string>();
  let unknown = 0;
  let next: string | null | undefined;
  // A status check: our runner counts a non-2xx answer as a failure anyway.
  const withoutStatusChecks = source.replace(STATUS_TEST, '').replace(STATUS_ASSERT, '');
  for (const raw of withoutStatusChecks.split(/\r?\n/)) {
    let line = raw.trim();
    if (line.length > MAX_LINE) {
      unknown++;
      continue;
    }
    const jump = NEXT_REQUEST.exec(line);
    if (jump) {
      // Understood: a collection run follows it (sinch-explorer run reads it as the run order).
      next = jump[1] === 'null' ? null : (jump[3] ?? null);
      continue;
    }
    if (line === '' || line === '}' || line.startsWith('//') || OWN_LINES.some((re) => re.test(line))) continue;
    line = line
      .replace(IF_2XX, '')
      .replace(/\}\s*$/, '')
      .trim();
    if (line === '') continue;
    const alias = ALIAS.exec(line);
    if (alias?.[1]) {
      aliases.add(alias[1]);
      continue;
    }
    const capture = captureFromLine(line, aliases);
    if (capture) captures.push(capture);
    else unknown++;
  }
  return { captures, rest: unknown > 0 ? source : null, unknownLines: unknown, ...(next !== undefined ? { next } : {}) };
}

function captureFromLine(line: string, aliases: ReadonlySet<string>): Capture | null {
  const m = SETTER.exec(line);
  if (!m?.[2] || !m[3]) return null;
  const variable = m[2];
  const expr = m[3].trim();
  if (expr === '') return null;
  if (/^pm\.response\.code$/.test(expr)) return { variable, from: 'status', path: '', enabled: true };
  const header = /^pm\.response\.headers\.get\(\s*(['"])([^'"]+)\1\s*\)$/.exec(expr);
  if (header?.[2]) return { variable, from: 'header', path: header[2], enabled: true };
  let rest: string | null = null;
  const source = JSON_SOURCES.exec(expr);
  if (source) rest = expr.slice(source[0].length);
  else {
    const head = /^([A-Za-z_$][\w$]*)/.exec(expr);
    if (head?.[1] && aliases.has(head[1])) rest = expr.slice(head[1].length);
  }
  if (rest === null) return null;
  const parts: string[] = [];
  while (rest.length > 0) {
    const a = ACCESSOR.exec(rest);
    if (!a) return null;
    parts.push(a[1] ?? a[2] ?? a[4] ?? '');
    rest = rest.slice(a[0].length);
  }
  if (parts.length === 0 || parts.some((p) => p === '' || p.includes('.'))) return null;
  return { variable, from: 'body', path: parts.join('.'), enabled: true };
}

export interface TokenScript {
  /** Where the token is fetched: a URL or a `{{variable}}`; '' when not found. */
  tokenUrl: string;
  /** The key id (client id) as written: usually a `{{variable}}`; '' when not found. */
  keyId: string;
  /** The key secret as written: a `{{variable}}` (or a literal, then offered for the keychain). */
  keySecret: string;
  /** The variable the script stores the token in, whose `{{…}}` uses are replaced by the access key. */
  tokenVariable: string | null;
}

/**
 * Recognises "fetch a token in a pre-request script": a `pm.sendRequest` to a token endpoint with
 * the client-credentials grant. Returns what it could read of it, or null for any other script.
 */
export function readTokenScript(source: string): TokenScript | null {
  if (!/sendRequest/.test(source) || !/client_credentials|oauth2\/token|access_token/.test(source)) return null;
  // Names are found first (each pattern bounded, so a long unclosed quote is read once), then tested.
  const getters = [...source.matchAll(GETTER)].map((m) => m[1] as string);
  const braces = [...source.matchAll(BRACES)].map((m) => m[1] as string);
  const ref = (pattern: RegExp): string => {
    const named = getters.find((name) => pattern.test(name)) ?? braces.find((name) => pattern.test(name));
    return named ? `{{${named}}}` : '';
  };
  const literalUrl = [...source.matchAll(QUOTED_URL)].map((m) => m[1] as string).find((url) => /token/i.test(url)) ?? '';
  return {
    tokenUrl: literalUrl || ref(/(?:auth|token)[_-]?url|url/i),
    keyId: ref(/(?:key|client)[_-]?id|user(?:name)?/i),
    keySecret: ref(/secret|password/i),
    tokenVariable: storedToken(source),
  };
}

const GETTER =
  /(?:pm\.(?:environment|collectionVariables|globals|variables)\.get|postman\.get(?:Environment|Global)Variable)\(\s*['"`]([^'"`]{1,200})['"`]\s*\)/gi;
const BRACES = /\{\{([^{}]{1,200})\}\}/g;
const QUOTED_URL = /['"`](https?:\/\/[^'"`\s]{1,2000})['"`]/gi;
const STORE =
  /(?:pm\.(?:environment|collectionVariables|globals|variables)\.set|postman\.set(?:Environment|Global)Variable)\(\s*['"`]([^'"`]{1,200})['"`]\s*,/gi;

/** The variable the first setter followed, on its line, by `access_token` stores (the token). */
function storedToken(source: string): string | null {
  for (const line of source.split('\n')) {
    const last = line.toLowerCase().lastIndexOf('access_token');
    if (last < 0) continue;
    for (const m of line.matchAll(STORE)) {
      if (m.index + m[0].length <= last) return m[1] as string;
    }
  }
  return null;
}

/** `contacts.0.id` → `pm.response.json().contacts[0].id` (the form readTestScript reads back). */
function jsonExpression(path: string): string {
  let out = 'pm.response.json()';
  for (const part of path.split('.').filter((p) => p !== '')) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * A Postman test script doing what our captures and runner do: the response must be 2xx, and
 * then each capture sets an environment variable. `next` names the request to run after this one
 * in a collection run (the built-in catalog's run order).
 */
export function captureScript(captures: readonly Capture[], next?: string): string[] {
  const lines = ['pm.test("Status is 2xx", () => pm.expect(pm.response.code).to.be.within(200, 299));'];
  const active = captures.filter((c) => c.enabled && c.variable.trim() !== '');
  if (active.length > 0) {
    lines.push('if (pm.response.code >= 200 && pm.response.code < 300) {');
    for (const c of active) {
      const expr =
        c.from === 'status' ? 'pm.response.code' : c.from === 'header' ? `pm.response.headers.get(${JSON.stringify(c.path)})` : jsonExpression(c.path);
      lines.push(`  pm.environment.set(${JSON.stringify(c.variable.trim())}, ${expr});`);
    }
    lines.push('}');
  }
  // '' ends the run there (null in Postman's terms).
  if (next !== undefined) lines.push(`pm.execution.setNextRequest(${next === '' ? 'null' : JSON.stringify(next)});`);
  return lines;
}
