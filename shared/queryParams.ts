import type { KeyValue } from './model/keyValue';

/**
 * Keeps the URL and the params table in step, as Postman does: the URL's query string is the
 * truth for enabled rows; disabled rows exist only in the table and keep their place.
 * Values are kept as typed (no percent-decoding), so `{{var}}` survives a round trip.
 */
export function splitUrl(url: string): { base: string; query: string | null; hash: string } {
  const hashAt = url.indexOf('#');
  const hash = hashAt >= 0 ? url.slice(hashAt) : '';
  const rest = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = rest.indexOf('?');
  if (queryAt < 0) return { base: rest, query: null, hash };
  return { base: rest.slice(0, queryAt), query: rest.slice(queryAt + 1), hash };
}

export function parseQuery(query: string): KeyValue[] {
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? { key: pair, value: '', enabled: true } : { key: pair.slice(0, eq), value: pair.slice(eq + 1), enabled: true };
  });
}

export function formatQuery(params: readonly KeyValue[]): string {
  return params
    .filter((p) => p.enabled && (p.key !== '' || p.value !== ''))
    .map((p) => (p.value === '' && !p.key.includes('=') ? p.key : `${p.key}=${p.value}`))
    .join('&');
}

/** The table after the user edited the URL. */
export function paramsFromUrl(url: string, previous: readonly KeyValue[]): KeyValue[] {
  const { query } = splitUrl(url);
  const fromUrl = query === null ? [] : parseQuery(query);
  const result: KeyValue[] = [];
  let next = 0;
  for (const row of previous) {
    if (!row.enabled) result.push(row);
    else if (next < fromUrl.length) result.push(fromUrl[next++] as KeyValue);
  }
  while (next < fromUrl.length) result.push(fromUrl[next++] as KeyValue);
  return result;
}

/** The URL after the user edited the table. */
export function urlFromParams(url: string, params: readonly KeyValue[]): string {
  const { base, hash } = splitUrl(url);
  const query = formatQuery(params);
  return `${base}${query === '' ? '' : `?${query}`}${hash}`;
}
