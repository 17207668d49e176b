/**
 * "Copy as curl": a resolved request as a command a user can paste into a POSIX shell. Every
 * value is single-quoted, so `$`, backticks, `"` and newlines reach curl exactly as sent. Only the
 * placeholders we write ourselves for withheld credentials are double-quoted, so that `$SINCH_…`
 * expands from the user's shell. The output uses only `-X`, `-H`, `--data-raw`, `--head` and
 * `--globoff`, one option per line, so a curl importer can read it back.
 */
import { isSecretName } from './secrets';

export interface CurlRequest {
  method: string;
  url: string;
  headers: readonly { name: string; value: string }[];
  body: string | null;
}

/** The Authorization the app would add from the environment (the request has none of its own). */
export type CurlAuth = { mode: 'bearer'; token: string } | { mode: 'basic'; keyId: string; keySecret: string };

export interface CurlOptions {
  /** False (the default in the app) replaces credentials with placeholders and says so. */
  includeSecrets: boolean;
  /** Added as an Authorization header; with `includeSecrets: false` only as a placeholder. */
  auth?: CurlAuth | null;
  /** Padlocked variables whose values were replaced by `<name>` before this call: named in the comment. */
  withheldVariables?: readonly string[];
}

/** The shell variable a redacted bearer token is read from, so the copy still runs once it is set. */
export const CURL_TOKEN_VARIABLE = 'SINCH_TOKEN';
/** The shell variable a withheld Basic-auth key secret is read from. */
export const CURL_KEY_SECRET_VARIABLE = 'SINCH_KEY_SECRET';

/** `'…'` with every `'` written as `'\''`: nothing inside single quotes is special to the shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What a withheld padlocked variable is shown as in a copied command. */
export function withheldPlaceholder(name: string): string {
  return `<${name}>`;
}

export function toCurl(request: CurlRequest, options: CurlOptions): string {
  const redacted: string[] = [];
  const exports: string[] = [];
  /** Whether we wrote a `<…>` the user must fill in. */
  let placeholders = false;
  let url = request.url;
  if (!options.includeSecrets) {
    // Unlike history (which keeps a hint of the value), a copied command gets a plain placeholder.
    const masked = url.replace(/(^|[?&])([^=&#?\s]+)=([^&#\s]*)/g, (whole, lead: string, name: string, value: string) =>
      isSecretName(safeDecode(name)) && value !== '' ? `${lead}${name}=<redacted>` : whole,
    );
    if (masked !== url) {
      redacted.push('secret query parameters');
      placeholders = true;
    }
    url = masked;
  }
  const method = request.method.toUpperCase();
  // curl reads [] and {} in a URL as ranges and sets unless told not to.
  const globoff = /[[\]{}]/.test(url) ? ' --globoff' : '';
  const first =
    method === 'HEAD'
      ? `curl${globoff} --head ${shellQuote(url)}`
      : method === 'GET' && request.body === null
        ? `curl${globoff} ${shellQuote(url)}`
        : `curl${globoff} -X ${method} ${shellQuote(url)}`;
  const parts: string[] = [first];
  for (const header of request.headers) {
    if (options.includeSecrets || !isSecretName(header.name)) {
      parts.push(`-H ${shellQuote(`${header.name}: ${header.value}`)}`);
      continue;
    }
    redacted.push(header.name);
    const bearer = /^bearer\s/i.test(header.value.trim());
    // Double quotes only here, around text we wrote ourselves, so that $SINCH_TOKEN expands.
    if (bearer && header.name.toLowerCase() === 'authorization') {
      parts.push(`-H "${header.name}: Bearer $${CURL_TOKEN_VARIABLE}"`);
      exports.push(`${CURL_TOKEN_VARIABLE}=<access token>`);
    } else {
      parts.push(`-H ${shellQuote(`${header.name}: <redacted>`)}`);
      placeholders = true;
    }
  }
  const auth = options.auth ?? null;
  if (auth && !request.headers.some((h) => h.name.toLowerCase() === 'authorization')) {
    if (options.includeSecrets) {
      const value = auth.mode === 'bearer' ? `Bearer ${auth.token}` : `Basic ${base64Utf8(`${auth.keyId}:${auth.keySecret}`)}`;
      parts.push(`-H ${shellQuote(`Authorization: ${value}`)}`);
    } else if (auth.mode === 'bearer') {
      redacted.push('Authorization');
      parts.push(`-H "Authorization: Bearer $${CURL_TOKEN_VARIABLE}"`);
      exports.push(`${CURL_TOKEN_VARIABLE}=<access token>`);
    } else {
      redacted.push('Authorization');
      // The key id is not a secret; only the key secret is read from the shell.
      parts.push(`--user ${shellQuote(`${auth.keyId}:`)}"$${CURL_KEY_SECRET_VARIABLE}"`);
      exports.push(`${CURL_KEY_SECRET_VARIABLE}=<key secret>`);
    }
  }
  if (request.body !== null && request.body !== '') parts.push(`--data-raw ${shellQuote(request.body)}`);
  const command = parts.join(' \\\n  ');
  const withheld = options.includeSecrets ? [] : [...new Set(options.withheldVariables ?? [])];
  if (withheld.length > 0) {
    redacted.push(`padlocked ${withheld.map((n) => `{{${n}}}`).join(', ')}`);
    placeholders = true;
  }
  if (redacted.length === 0) return command;
  const todo = [...(exports.length > 0 ? [`export ${[...new Set(exports)].join(' ')}`] : []), ...(placeholders ? ['replace each <…> placeholder'] : [])];
  const comment = `# Secrets redacted (${[...new Set(redacted)].join(', ')}): ${todo.length > 0 ? `${todo.join(' and ')} before running.` : 'nothing else to do.'}`;
  return `${comment}\n${command}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of UTF-8 text, without Buffer, btoa or TextEncoder (shared/ has neither Node nor DOM). */
export function base64Utf8(text: string): string {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += BASE64.charAt((n >> 18) & 63) + BASE64.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? BASE64.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? BASE64.charAt(n & 63) : '=';
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
