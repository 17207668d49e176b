import { createHash } from 'node:crypto';
import { ApiError } from './errors';

export interface PageRequest {
  pageSize: number | undefined;
  pageToken: string | undefined;
  /** Everything that defines the result set; a token is only valid with the same filters. */
  filterKey: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
  totalSize: number;
}

/** Reads `page_size` from a query string or JSON body, where it may be a number or a string. */
export function readPageSize(value: unknown, path = 'page_size'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) {
    throw ApiError.invalid(`${path}: expected a non-negative integer, got ${JSON.stringify(value)}`, path);
  }
  return n;
}

/**
 * Token paging as the API does it: an opaque `next_page_token`, empty on the last page. Sizes
 * above the documented maximum are clamped (AIP-158), and 0 means the default.
 */
export function paginate<T>(items: readonly T[], req: PageRequest, limits: { defaultSize: number; maxSize: number }): Page<T> {
  const size = Math.min(req.pageSize || limits.defaultSize, limits.maxSize);
  const offset = req.pageToken ? decodeToken(req.pageToken, req.filterKey) : 0;
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeToken(offset + size, req.filterKey) : '';
  return { items: slice, nextPageToken: next, totalSize: items.length };
}

/**
 * The same pages and tokens as `paginate` over the matching items, walking only as far as the
 * page needs (one item past it, to know whether there is a next page).
 */
export function paginateLazily<T>(
  items: Iterable<T>,
  matches: (item: T) => boolean,
  req: PageRequest,
  limits: { defaultSize: number; maxSize: number },
): Omit<Page<T>, 'totalSize'> {
  const size = Math.min(req.pageSize || limits.defaultSize, limits.maxSize);
  const offset = req.pageToken ? decodeToken(req.pageToken, req.filterKey) : 0;
  const slice: T[] = [];
  let seen = 0;
  let more = false;
  for (const item of items) {
    if (!matches(item)) continue;
    if (seen >= offset + size) {
      more = true;
      break;
    }
    if (seen >= offset) slice.push(item);
    seen++;
  }
  return { items: slice, nextPageToken: more ? encodeToken(offset + size, req.filterKey) : '' };
}

function fingerprint(filterKey: string): string {
  return createHash('sha256').update(filterKey).digest('base64url').slice(0, 10);
}

function encodeToken(offset: number, filterKey: string): string {
  return Buffer.from(`${offset}.${fingerprint(filterKey)}`, 'utf8').toString('base64url');
}

function decodeToken(token: string, filterKey: string): number {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^(\d+)\.(.+)$/.exec(decoded);
  if (!m?.[1] || !m[2]) throw ApiError.invalid(`page_token: '${token}' is not a valid page token`, 'page_token');
  if (m[2] !== fingerprint(filterKey)) {
    throw ApiError.invalid('page_token: the token was issued for a request with different filters; repeat the same filters', 'page_token');
  }
  return Number(m[1]);
}
