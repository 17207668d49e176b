/**
 * A curl command → a request, as Postman and Insomnia do on paste. Reads what our own "Copy as
 * curl" writes and what browsers' "Copy as cURL" and API docs usually show: -X, -H, the -d/--data
 * family, --json, -u, --url, -G, -I, line continuations and shell quoting. Credentials in the
 * command (-u, an Authorization header) are not kept: the environment's access key authenticates.
 * Other literal secrets (an X-Api-Key header, `?api_key=`, a body's `password`, a URL's user info)
 * become `{{placeholders}}`, their values returned apart to be offered for the keychain. Pure.
 */
import type { RequestTemplate } from '../../model/collection';
import { HTTP_METHODS, type HttpMethod } from '../../model/httpRequest';
import type { KeyValue } from '../../model/keyValue';
import { parseQuery, splitUrl } from '../../queryParams';
import {
  Placeholders,
  isLiteralSecret,
  placeholderFor,
  replaceBodySecrets,
  replaceRowSecrets,
  replaceUrlSecrets,
  type SecretReplacer,
} from '../literalSecrets';

export interface CurlSecret {
  /** The variable the request now reads it from (`x_api_key`, written `{{x_api_key}}`). */
  placeholder: string;
  /** "X-Api-Key header", "api_key query parameter"… never the value. */
  label: string;
  value: string;
}

export interface CurlImport {
  request: Pick<RequestTemplate, 'method' | 'url' | 'params' | 'headers' | 'body' | 'auth'>;
  /** What was left out or changed, one sentence each. */
  notes: string[];
  /** Literal secrets taken out of the command (their places hold `{{placeholder}}`): for the keychain only. */
  secrets: CurlSecret[];
}

/**
 * Larger pastes are refused before they are read: a command is a few KB, and one with a body of
 * megabytes is better pasted without it (the body then goes into the Body tab).
 */
export const MAX_CURL_CHARS = 1024 * 1024;

export class CurlParseError extends Error {}

/** True when the text looks like a curl command (what the URL bar checks on paste). */
export function looksLikeCurl(text: string): boolean {
  return /^\s*curl(\.exe)?\s/i.test(text);
}

/** A run of characters with no meaning to the shell, taken in one piece. */
const PLAIN = /[^'"\\ \t\n\r\f\v#$]+/y;
const SPACE = new Set([' ', '\t', '\n', '\r', '\f', '\v']);
const SPECIAL = new Set(["'", '"', '\\', '#', '$', ...SPACE]);
/** No real command comes close; a paste of this many words is refused before it is read further. */
const MAX_WORDS = 10_000;
const SPACES = /[ \t\n\r\f\v]+/y;
const ESCAPES = /(?:\\[\s\S])+/y;
const ANSI_QUOTED_STOP = /['\\]/g;

/** Inside double quotes a backslash escapes only `"`, `\\`, `$` and `` ` ``; before anything else it stays. */
function unescapeDoubleQuoted(text: string): string {
  let at = text.indexOf('\\');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0 && at + 1 < text.length) {
    const next = text.charAt(at + 1);
    if (next === '"' || next === '\\' || next === '$' || next === '`') {
      out += text.slice(copied, at) + next;
      copied = at + 2;
      at = text.indexOf('\\', at + 2);
    } else at = text.indexOf('\\', at + 1);
  }
  return out + text.slice(copied);
}

function backslashesBefore(text: string, at: number): number {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === 0x5c) n++;
  return n;
}

/**
 * Splits a POSIX shell command line into words (quotes, escapes and `\`-newlines handled). Runs of
 * plain text and quoted text are copied as slices, so a long command is one pass over it.
 */
export function shellWords(input: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  // Line continuations (`\` in sh, `^` in cmd.exe) are spaces; split and join, which is quicker than a replace for many of them.
  const s = input.split('\\\r\n').join(' ').split('\\\n').join(' ').split('^\r\n').join(' ').split('^\n').join(' ');
  while (i < s.length) {
    const ch = s.charAt(i);
    if (!SPECIAL.has(ch)) {
      PLAIN.lastIndex = i;
      const plain = PLAIN.exec(s) as RegExpExecArray;
      current += plain[0];
      inWord = true;
      i += plain[0].length;
      continue;
    }
    if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new CurlParseError('A single quote is not closed. Paste the whole command.');
      current += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '$' && s.charAt(i + 1) === "'") {
      // $'…' (ANSI-C quoting, as Chrome writes it): the common escapes.
      let j = i + 2;
      for (;;) {
        ANSI_QUOTED_STOP.lastIndex = j;
        const stop = ANSI_QUOTED_STOP.exec(s);
        if (!stop) throw new CurlParseError("A $'…' quote is not closed. Paste the whole command.");
        current += s.slice(j, stop.index);
        if (stop[0] === "'") {
          j = stop.index + 1;
          break;
        }
        if (stop.index + 1 >= s.length) throw new CurlParseError("A $'…' quote is not closed. Paste the whole command.");
        const e = s.charAt(stop.index + 1);
        current += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        j = stop.index + 2;
      }
      inWord = true;
      i = j;
    } else if (ch === '"') {
      // The closing quote is the first one after an even number of backslashes; the text up to it is unescaped at once.
      let end = i;
      do {
        end = s.indexOf('"', end + 1);
        if (end < 0) throw new CurlParseError('A double quote is not closed. Paste the whole command.');
      } while (backslashesBefore(s, end) % 2 === 1);
      // Inside double quotes a backslash escapes only these; before anything else it stays.
      current += unescapeDoubleQuoted(s.slice(i + 1, end));
      inWord = true;
      i = end + 1;
    } else if (ch === '\\' && i + 1 < s.length) {
      // A run of escaped characters at once (`\x\y` → `xy`).
      ESCAPES.lastIndex = i;
      const run = (ESCAPES.exec(s) as RegExpExecArray)[0];
      for (let j = 1; j < run.length; j += 2) current += run.charAt(j);
      inWord = true;
      i += run.length;
    } else if (SPACE.has(ch)) {
      if (inWord) words.push(current);
      if (words.length > MAX_WORDS)
        throw new CurlParseError(`The command has more than ${MAX_WORDS.toLocaleString('en-US')} words: that is not a request. Paste one curl command.`);
      current = '';
      inWord = false;
      SPACES.lastIndex = i;
      i += (SPACES.exec(s) as RegExpExecArray)[0].length;
    } else if (ch === '#' && !inWord) {
      // A comment line (ours starts with "# Secrets redacted…").
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end;
    } else {
      current += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(current);
  return words;
}

const DATA_FLAGS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
const VALUE_FLAGS = new Set([
  '-X',
  '--request',
  '-H',
  '--header',
  '-u',
  '--user',
  '--url',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-b',
  '--cookie',
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-x',
  '--proxy',
  '--cacert',
  '--cert',
  '--key',
  '-F',
  '--form',
  '-T',
  '--upload-file',
  '-w',
  '--write-out',
  '--retry',
  '--oauth2-bearer',
]);
const IGNORED = new Set([
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-k',
  '--insecure',
  '--compressed',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '--globoff',
  '-g',
  '-f',
  '--fail',
  '--http1.1',
  '--http2',
  '-N',
  '--no-buffer',
]);

export function importCurl(command: string): CurlImport {
  if (command.length > MAX_CURL_CHARS) {
    throw new CurlParseError(
      `The command is ${(command.length / 1024 / 1024).toFixed(1)} MB; a pasted curl command may be at most ${MAX_CURL_CHARS / 1024 / 1024} MB. Paste it without its body (or with -d @file), then paste the body into the Body tab.`,
    );
  }
  const words = shellWords(command.trim());
  if (words.length === 0 || !/^curl(\.exe)?$/i.test(words[0] ?? '')) throw new CurlParseError('This is not a curl command: it should start with "curl".');
  const notes: string[] = [];
  let method: string | null = null;
  let url: string | null = null;
  const headers: KeyValue[] = [];
  const data: string[] = [];
  let json = false;
  let get = false;
  let head = false;
  for (let i = 1; i < words.length; i++) {
    let word = words[i] as string;
    let value: string | undefined;
    // --flag=value and -Xvalue forms.
    const eq = /^(--[a-z0-9-]+)=(.*)$/s.exec(word);
    if (eq?.[1]) {
      word = eq[1];
      value = eq[2];
    } else if (/^-[XHdu][^\s]/.test(word) && !word.startsWith('--')) {
      value = word.slice(2);
      word = word.slice(0, 2);
    }
    const take = (): string => {
      if (value !== undefined) return value;
      const next = words[++i];
      if (next === undefined) throw new CurlParseError(`${word} needs a value.`);
      return next;
    };
    if (!word.startsWith('-') || word === '-') {
      if (url === null) url = word;
      else notes.push(`Extra argument "${word}" was ignored (one URL per request).`);
      continue;
    }
    if (word === '-X' || word === '--request') method = take().toUpperCase();
    else if (word === '-H' || word === '--header') {
      const h = take();
      const colon = h.indexOf(':');
      if (colon <= 0) notes.push(`Header "${h}" has no name: ignored.`);
      else headers.push({ key: h.slice(0, colon).trim(), value: h.slice(colon + 1).trim(), enabled: true });
    } else if (DATA_FLAGS.has(word)) {
      let d = take();
      if (word === '--json') json = true;
      if (d.startsWith('@') && word !== '--data-raw') {
        notes.push(`The body is read from a file (${d}): paste the file's content into the body.`);
        d = '';
      }
      data.push(d);
    } else if (word === '-u' || word === '--user') {
      take();
      notes.push("The -u credentials were not kept: the environment's access key authenticates (a key secret pasted here would end up in a file).");
    } else if (word === '--oauth2-bearer') {
      take();
      notes.push("The --oauth2-bearer token was not kept: the environment's access key authenticates.");
    } else if (word === '--url') url = take();
    else if (word === '-G' || word === '--get') get = true;
    else if (word === '-I' || word === '--head') head = true;
    else if (word === '-F' || word === '--form') {
      take();
      notes.push('Multipart form fields (-F) cannot be sent by this app and were left out.');
    } else if (VALUE_FLAGS.has(word)) {
      take();
      notes.push(`${word} was ignored.`);
    } else if (!IGNORED.has(word)) notes.push(`Option ${word} was ignored.`);
  }
  if (url === null || url.trim() === '') throw new CurlParseError('The curl command has no URL.');
  url = url.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('{{')) url = `https://${url}`;
  let body = data.join('&');
  if (get && body !== '') {
    url = `${url}${url.includes('?') ? '&' : '?'}${body}`;
    body = '';
  }
  const m = (method ?? (head ? 'HEAD' : body !== '' ? 'POST' : 'GET')).toUpperCase();
  let finalMethod: HttpMethod = 'GET';
  if ((HTTP_METHODS as readonly string[]).includes(m)) finalMethod = m as HttpMethod;
  else notes.push(`Method ${m} is not supported: imported as GET.`);
  // The access key adds Authorization; a literal one would be saved in plain text.
  const auth = headers.find((h) => h.key.toLowerCase() === 'authorization');
  const kept = headers.filter((h) => h.key.toLowerCase() !== 'authorization' || /^\s*(Bearer|Basic)?\s*\{\{[^{}]+\}\}\s*$/i.test(h.value));
  if (auth && kept.length < headers.length) notes.push("The Authorization header was not kept: the environment's access key authenticates.");
  if (json && !kept.some((h) => h.key.toLowerCase() === 'content-type')) kept.push({ key: 'Content-Type', value: 'application/json', enabled: true });
  const contentType = kept.find((h) => h.key.toLowerCase() === 'content-type')?.value ?? '';
  const isJson = json || /json/i.test(contentType) || (contentType === '' && /^\s*[[{]/.test(body));
  // The app sends application/json with a JSON body by itself.
  const headersOut = isJson ? kept.filter((h) => !(h.key.toLowerCase() === 'content-type' && h.value.trim().toLowerCase() === 'application/json')) : kept;
  // What is left that holds a credential (an API key header, `?api_key=`, a body's password) becomes a placeholder.
  const secrets: CurlSecret[] = [];
  const placeholders = new Placeholders();
  const listed = new Set<string>();
  const phrases: string[] = [];
  const replace: SecretReplacer = (secret) => {
    const placeholder = placeholders.name(placeholderFor(secret), secret.value);
    // A name is shown as written (`api_key query parameter`); the URL's parts have none.
    const what =
      secret.place === 'URL password'
        ? `password in the URL (${secret.name})`
        : secret.place === 'URL user name'
          ? `token in the URL (${secret.name})`
          : `${secret.name} ${secret.place}`;
    const inUrl = secret.place === 'URL password' || secret.place === 'URL user name';
    if (!listed.has(placeholder)) {
      secrets.push({ placeholder, label: inUrl ? `The ${what}` : what, value: secret.value });
      phrases.push(`the ${what} → {{${placeholder}}}`);
    }
    listed.add(placeholder);
    return `${secret.scheme}{{${placeholder}}}`;
  };
  const safeUrl = replaceUrlSecrets(url, replace);
  const safeHeaders = replaceRowSecrets(headersOut, 'header', replace, (h) => isLiteralSecret(h.key, h.value));
  const bodyOut = body === '' ? { mode: 'none' as const, text: '' } : { mode: isJson ? ('json' as const) : ('text' as const), text: body };
  bodyOut.text = replaceBodySecrets(bodyOut, replace);
  if (secrets.length > 0)
    notes.push(
      `Credentials were replaced by placeholders, so no file will hold them: ${phrases.slice(0, 20).join(', ')}${phrases.length > 20 ? ` and ${phrases.length - 20} more` : ''}.`,
    );
  const { query } = splitUrl(safeUrl);
  return {
    request: {
      method: finalMethod,
      url: safeUrl,
      params: query === null ? [] : parseQuery(query),
      headers: safeHeaders,
      body: bodyOut,
      auth: 'inherit',
    },
    notes,
    secrets,
  };
}
