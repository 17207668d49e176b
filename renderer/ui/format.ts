import { MAX_JSON_DEPTH, nestingBeyond } from '../../shared/safeObject';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Pretty JSON when the text is JSON; the text unchanged otherwise (and for truncated previews). */
export function prettyBody(text: string, contentType: string, truncated: boolean): { text: string; language: 'json' | 'plaintext' | 'xml' | 'html' } {
  const looksJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  // JSON nested deeper than the app reads anywhere is shown as plain text, as it came: printing
  // it (and the editor's JSON tooling) recurses.
  if (looksJson && nestingBeyond(text, MAX_JSON_DEPTH) >= 0) return { text, language: 'plaintext' };
  if (looksJson && !truncated) {
    try {
      return { text: JSON.stringify(JSON.parse(text), null, 2), language: 'json' };
    } catch {
      /* not JSON after all */
    }
  }
  if (/json/i.test(contentType)) return { text, language: 'json' };
  if (/xml/i.test(contentType)) return { text, language: 'xml' };
  if (/html/i.test(contentType)) return { text, language: 'html' };
  return { text, language: 'plaintext' };
}
