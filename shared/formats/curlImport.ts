/**
 * A curl command → a request, as Postman and Insomnia do on paste. Reads what our own "Copy as
 * curl" writes and what browsers' "Copy as cURL" and API docs usually show: -X, -H, the -d/--data
 * family, --json, -u, --url, -G, -I, line continuations and shell quoting. Credentials in the
 * command (-u, an Authorization header) are not kept: the environment's access key authenticates.
 * Pure.
 */
import type { RequestTemplate } from '../model/collection';
import { HTTP_METHODS, type HttpMethod } from '../model/httpRequest';
import type { KeyValue } from '../model/keyValue';
import { parseQuery, splitUrl } from '../queryParams';

export interface CurlImport {
  request: Pick<RequestTemplate, 'method' | 'url' | 'params' | 'headers' | 'body' | 'auth'>;
  /** What was left out or changed, one sentence each. */
  notes: string[];
}

export class CurlParseError extends Error {}

/** True when the text looks like a curl command (what the URL bar checks on paste). */
export function looksLikeCurl(text: string): boolean {
  return /^\s*curl(\.exe)?\s/i.test(text);
}

/** Splits a POSIX shell command line into words (quotes, escapes and `\`-newlines handled). */
export function shellWords(input: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  const s = input.replace(/\\\r?\n/g, ' ').replace(/\^\r?\n/g, ' ');
  while (i < s.length) {
    const ch = s.charAt(i);
    if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new CurlParseError('A single quote is not closed. Paste the whole command.');
      current += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '$' && s.charAt(i + 1) === "'") {
      // $'…' (ANSI-C quoting, as Chrome writes it): the common escapes.
      let j = i + 2;
      while (j < s.length && s.charAt(j) !== "'") {
        if (s.charAt(j) === '\\' && j + 1 < s.length) {
          const e = s.charAt(j + 1);
          current += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
        } else current += s.charAt(j++);
      }
      if (j >= s.length) throw new CurlParseError('A $\'…\' quote is not closed. Paste the whole command.');
      inWord = true;
      i = j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < s.length && s.charAt(j) !== '"') {
        if (s.charAt(j) === '\\' && /["\\$`]/.test(s.charAt(j + 1))) {
          current += s.charAt(j + 1);
          j += 2;
        } else current += s.charAt(j++);
      }
      if (j >= s.length) throw new CurlParseError('A double quote is not closed. Paste the whole command.');
      inWord = true;
      i = j + 1;
    } else if (ch === '\\' && i + 1 < s.length) {
      current += s.charAt(i + 1);
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
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
const VALUE_FLAGS = new Set(['-X', '--request', '-H', '--header', '-u', '--user', '--url', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-o', '--output', '-m', '--max-time', '--connect-timeout', '-x', '--proxy', '--cacert', '--cert', '--key', '-F', '--form', '-T', '--upload-file', '-w', '--write-out', '--retry', '--oauth2-bearer']);
const IGNORED = new Set(['-s', '--silent', '-S', '--show-error', '-L', '--location', '-k', '--insecure', '--compressed', '-v', '--verbose', '-i', '--include', '--globoff', '-g', '-f', '--fail', '--http1.1', '--http2', '-N', '--no-buffer']);

export function importCurl(command: string): CurlImport {
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
      notes.push('The -u credentials were not kept: the environment\'s access key authenticates (a key secret pasted here would end up in a file).');
    } else if (word === '--oauth2-bearer') {
      take();
      notes.push('The --oauth2-bearer token was not kept: the environment\'s access key authenticates.');
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
  if (auth && kept.length < headers.length) notes.push('The Authorization header was not kept: the environment\'s access key authenticates.');
  if (json && !kept.some((h) => h.key.toLowerCase() === 'content-type')) kept.push({ key: 'Content-Type', value: 'application/json', enabled: true });
  const contentType = kept.find((h) => h.key.toLowerCase() === 'content-type')?.value ?? '';
  const isJson = json || /json/i.test(contentType) || (contentType === '' && /^\s*[[{]/.test(body));
  // The app sends application/json with a JSON body by itself.
  const headersOut = isJson ? kept.filter((h) => !(h.key.toLowerCase() === 'content-type' && h.value.trim().toLowerCase() === 'application/json')) : kept;
  const { query } = splitUrl(url);
  return {
    request: {
      method: finalMethod,
      url,
      params: query === null ? [] : parseQuery(query),
      headers: headersOut,
      body: body === '' ? { mode: 'none', text: '' } : { mode: isJson ? 'json' : 'text', text: body },
      auth: 'inherit',
    },
    notes,
  };
}
