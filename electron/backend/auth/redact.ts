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
