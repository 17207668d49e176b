/**
 * Postman's own code generators (`postman-code-generators`), behind one typed function. The
 * package has no types and its entry loads every generator, so it is required lazily, the first
 * time a snippet is asked for, and kept out of the bundle like keytar.
 *
 * No `deepinstall` needed: of the generators we use, none declares dependencies of its own; they
 * reach lodash and postman-collection through the package's own (hoisted) dependencies, so a
 * plain `npm ci` (scripts or not) is enough. tests/integration/codegen/codegenRuns.test.ts loads
 * every language.
 */
import type { HttpSnippetLanguage } from '../../../shared/formats/codegen';
import { lazyRequire } from '../lazyRequire';

interface PostmanRequestInit {
  url: string;
  method: string;
  header: { key: string; value: string }[];
  body?: { mode: 'raw'; raw: string };
}

interface CodegenModule {
  convert(language: string, variant: string, request: unknown, options: Record<string, unknown>, callback: (error: unknown, snippet: string) => void): void;
}

interface PostmanCollectionModule {
  Request: new (init: PostmanRequestInit) => unknown;
}

/** Which generator writes each language: Postman's language key and variant. */
const GENERATORS: Record<HttpSnippetLanguage, [language: string, variant: string]> = {
  'node-fetch': ['javascript', 'Fetch'],
  'python-requests': ['python', 'Requests'],
  'java-okhttp': ['java', 'OkHttp'],
  'csharp-httpclient': ['csharp', 'HttpClient'],
  go: ['go', 'Native'],
  // Guzzle's generator breaks a body holding a single quote; cURL's escapes it.
  'php-curl': ['php', 'cURL'],
  ruby: ['ruby', 'Net::HTTP'],
};

const codegenModule = lazyRequire<CodegenModule>('postman-code-generators');
const collectionModule = lazyRequire<PostmanCollectionModule>('postman-collection');

export interface HttpSnippetRequest {
  method: string;
  url: string;
  headers: readonly { name: string; value: string }[];
  body: string | null;
}

/** The request as `language` code, written by Postman's generator for it. */
export function postmanSnippet(language: HttpSnippetLanguage, request: HttpSnippetRequest): Promise<string> {
  const codegen = codegenModule();
  const collection = collectionModule();
  const [lang, variant] = GENERATORS[language];
  const init: PostmanRequestInit = {
    url: request.url,
    method: request.method.toUpperCase(),
    header: request.headers.map((h) => ({ key: h.name, value: h.value })),
    ...(request.body !== null && request.body !== '' ? { body: { mode: 'raw', raw: request.body } } : {}),
  };
  const postmanRequest = new collection.Request(init);
  return new Promise((resolve, reject) => {
    // trimRequestBody false: the body is sent exactly as Send sends it.
    codegen.convert(lang, variant, postmanRequest, { trimRequestBody: false, followRedirect: true }, (error, snippet) => {
      if (error) reject(error instanceof Error ? error : new Error(typeof error === 'string' ? error : `The ${lang} generator failed.`));
      else resolve(snippet);
    });
  });
}
