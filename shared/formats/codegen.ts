/**
 * The Code panel's languages, and how each one reads a withheld credential from the environment,
 * so that a snippet copied without credentials still runs once `SINCH_TOKEN` (or
 * `SINCH_KEY_SECRET`) is exported. Pure: the backend writes the code, the page lists the choices.
 */
import { CURL_KEY_SECRET_VARIABLE, CURL_TOKEN_VARIABLE } from './curl';

export const CODE_LANGUAGES = ['curl', 'node-fetch', 'python-requests', 'java-okhttp', 'csharp-httpclient', 'go', 'php-curl', 'ruby', 'node-sdk'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

export interface CodeLanguageInfo {
  label: string;
  /** Monaco's language id for highlighting. */
  editorLanguage: 'shell' | 'javascript' | 'python' | 'java' | 'csharp' | 'go' | 'php' | 'ruby';
}

export const CODE_LANGUAGE_INFO: Record<CodeLanguage, CodeLanguageInfo> = {
  curl: { label: 'curl', editorLanguage: 'shell' },
  'node-fetch': { label: 'Node (fetch)', editorLanguage: 'javascript' },
  'python-requests': { label: 'Python (requests)', editorLanguage: 'python' },
  'java-okhttp': { label: 'Java (OkHttp)', editorLanguage: 'java' },
  'csharp-httpclient': { label: 'C# (HttpClient)', editorLanguage: 'csharp' },
  go: { label: 'Go (net/http)', editorLanguage: 'go' },
  'php-curl': { label: 'PHP (cURL)', editorLanguage: 'php' },
  ruby: { label: 'Ruby (Net::HTTP)', editorLanguage: 'ruby' },
  'node-sdk': { label: 'Sinch SDK (Node)', editorLanguage: 'javascript' },
};

export function isCodeLanguage(value: unknown): value is CodeLanguage {
  return typeof value === 'string' && (CODE_LANGUAGES as readonly string[]).includes(value);
}

/** For the SDK snippet: which operation the request was recognised as, and its method in each SDK. */
export interface CodeSdkInfo {
  operation: string;
  /** `sinchClient.conversation.<…>(…)` in the Node SDK. */
  node: string;
  java: string | null;
  python: string | null;
  dotnet: string | null;
}

/** What the backend answers for one snippet. */
export interface GeneratedCodeResult {
  language: CodeLanguage;
  code: string;
  /** `{{variables}}` not defined anywhere: left as typed. */
  unresolved: string[];
  /** Why the code may not run as is (no key secret stored, token refused, parameters left out…). */
  warnings: string[];
  sdk: CodeSdkInfo | null;
  /** For the SDK snippet: why there is none for this request (said instead of guessing). */
  sdkUnavailable: string | null;
}

/** The languages whose snippet is an HTTP request written by a generator (not curl, not the SDK). */
export type HttpSnippetLanguage = Exclude<CodeLanguage, 'curl' | 'node-sdk'>;

interface Idiom {
  /** A string literal holding `text`. */
  str(text: string): string;
  /** `a` followed by `b`, both expressions. */
  concat(a: string, b: string): string;
  /** Reads an environment variable. */
  env(name: string): string;
  /** Base64 of a UTF-8 string expression. */
  base64(expression: string): string;
  comment: string;
}

const doubleQuoted = (text: string): string => JSON.stringify(text);

export const IDIOMS: Record<HttpSnippetLanguage, Idiom> = {
  'node-fetch': {
    str: doubleQuoted,
    concat: (a, b) => `${a} + ${b}`,
    env: (name) => `process.env.${name}`,
    base64: (e) => `Buffer.from(${e}).toString("base64")`,
    comment: '//',
  },
  'python-requests': {
    // JSON's escapes are valid in a Python string literal.
    str: doubleQuoted,
    concat: (a, b) => `${a} + ${b}`,
    env: (name) => `os.environ["${name}"]`,
    base64: (e) => `base64.b64encode((${e}).encode()).decode()`,
    comment: '#',
  },
  'java-okhttp': {
    str: doubleQuoted,
    concat: (a, b) => `${a} + ${b}`,
    env: (name) => `System.getenv("${name}")`,
    base64: (e) => `java.util.Base64.getEncoder().encodeToString((${e}).getBytes(java.nio.charset.StandardCharsets.UTF_8))`,
    comment: '//',
  },
  'csharp-httpclient': {
    str: doubleQuoted,
    concat: (a, b) => `${a} + ${b}`,
    env: (name) => `Environment.GetEnvironmentVariable("${name}")`,
    base64: (e) => `Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(${e}))`,
    comment: '//',
  },
  go: {
    str: doubleQuoted,
    concat: (a, b) => `${a} + ${b}`,
    env: (name) => `os.Getenv("${name}")`,
    base64: (e) => `base64.StdEncoding.EncodeToString([]byte(${e}))`,
    comment: '//',
  },
  'php-curl': {
    str: (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
    concat: (a, b) => `${a} . ${b}`,
    env: (name) => `getenv('${name}')`,
    base64: (e) => `base64_encode(${e})`,
    comment: '//',
  },
  ruby: {
    // Double-quoted Ruby strings interpolate `#{…}`: the `#` is escaped as well.
    str: (text) => JSON.stringify(text).replace(/#/g, '\\#'),
    concat: (a, b) => `${a} + ${b}`,
    env: (name) => `ENV["${name}"]`,
    base64: (e) => `Base64.strict_encode64(${e})`,
    comment: '#',
  },
};

/**
 * What a withheld Authorization value is written as: the token (or, for Basic, the key secret)
 * read from the environment. `prefix` is the text before the credential inside the generated
 * string literal (`Bearer `, or `Authorization: Bearer ` where a language writes whole header lines).
 */
export function authExpression(language: HttpSnippetLanguage, prefix: string, auth: { mode: 'bearer' } | { mode: 'basic'; keyId: string }): string {
  const idiom = IDIOMS[language];
  if (auth.mode === 'bearer') return idiom.concat(idiom.str(`${prefix}Bearer `), idiom.env(CURL_TOKEN_VARIABLE));
  return idiom.concat(idiom.str(`${prefix}Basic `), idiom.base64(idiom.concat(idiom.str(`${auth.keyId}:`), idiom.env(CURL_KEY_SECRET_VARIABLE))));
}

/** Imports a language needs for what `authExpression` wrote, added to the generated code. */
export function addAuthImports(language: HttpSnippetLanguage, code: string, basic: boolean): string {
  if (language === 'python-requests') {
    const imports = [
      ...(code.includes('os.environ') && !/^import os$/m.test(code) ? ['import os'] : []),
      ...(basic && !/^import base64$/m.test(code) ? ['import base64'] : []),
    ];
    return imports.length === 0 ? code : `${imports.join('\n')}\n${code}`;
  }
  if (language === 'go') {
    const wanted = [...(code.includes('os.Getenv') ? ['"os"'] : []), ...(basic ? ['"encoding/base64"'] : [])];
    return code.replace(/^import \(\n/m, (head) => `${head}${wanted.map((w) => `  ${w}\n`).join('')}`);
  }
  if (language === 'ruby' && basic && !code.includes('require "base64"')) return `require "base64"\n${code}`;
  return code;
}

/** Puts comment lines first (after `<?php` in PHP, where code starts). */
export function withComment(language: CodeLanguage, code: string, lines: readonly string[]): string {
  if (lines.length === 0) return code;
  const prefix = language === 'curl' || language === 'python-requests' || language === 'ruby' ? '#' : '//';
  const comment = lines.map((l) => `${prefix} ${l}`).join('\n');
  if (language === 'php-curl' && code.startsWith('<?php')) return code.replace(/^<\?php\n/, `<?php\n${comment}\n`);
  return `${comment}\n${code}`;
}
