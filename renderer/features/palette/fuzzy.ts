/** Whether the character before `at` (lower-cased text) ends a word: the start, a space or punctuation. */
function startsWord(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return !((c >= 97 && c <= 122) || (c >= 48 && c <= 57));
}

/**
 * Scores a subsequence match: consecutive and word-start hits rank higher; -1 when no match.
 * `lowered`: both are lower-case and the query has no spaces (the palette prepares them once).
 */
export function fuzzyScore(text: string, query: string, lowered = false): number {
  const t = lowered ? text : text.toLowerCase();
  const q = lowered ? query : query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  // More letters than the text has cannot all be in it.
  if (q.length > t.length) return -1;
  let score = 0;
  let at = -1;
  for (let i = 0; i < q.length; i++) {
    const next = t.indexOf(q[i] as string, at + 1);
    if (next < 0) return -1;
    score += next === at + 1 ? 3 : 1;
    if (startsWord(t, next)) score += 2;
    at = next;
  }
  return score - t.length / 100;
}

/** What the palette can find a request by, in the user's words. */
export interface PaletteEntry {
  name: string;
  method: string;
  url: string;
  /** Collection and folders, e.g. "Sinch Conversation API / Events / Send event". */
  path: string;
  description: string;
  body: string;
}

export type PaletteField = 'name' | 'method' | 'path' | 'url' | 'description' | 'body';

export interface PaletteMatch {
  score: number;
  /** The field that did the most for this match: the palette says "matched in …" when it is not the name. */
  field: PaletteField;
}

/** Only the start of a body is searched: its keys tell what it sends, and a 20 MB body must not slow typing. */
const BODY_SEARCH_CHARS = 4000;
/** As much of a URL or description as is searched (a pasted 1 MB description would slow every key press). */
const TEXT_SEARCH_CHARS = 4000;

/**
 * A query longer than this is searched by its start: no one types more to find a request, and a
 * pasted page of text (3 000 words) made every request be searched for every word, blocking the
 * page for seconds.
 */
export const MAX_QUERY_WORDS = 8;
export const MAX_QUERY_CHARS = 200;
/** Scattered letters of a name are tried only for a query this short: beyond it they match nothing useful. */
const SCATTERED_MAX_CHARS = 40;

/** A query as the palette searches it: lower-cased, cut to its first words, each word once. */
export interface PreparedQuery {
  /** Distinct words, at most MAX_QUERY_WORDS. */
  tokens: string[];
  /** The words without spaces, for the scattered-letters match ('' when the query is too long for it). */
  compact: string;
  /** Whether words or characters beyond the caps were left out (the palette says so). */
  truncated: boolean;
}

export function prepareQuery(query: string): PreparedQuery {
  const cut = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
  const distinct = [...new Set(cut.toLowerCase().split(/\s+/).filter(Boolean))];
  const tokens = distinct.slice(0, MAX_QUERY_WORDS);
  const compact = tokens.join('');
  return { tokens, compact: compact.length <= SCATTERED_MAX_CHARS ? compact : '', truncated: cut.length < query.length || distinct.length > tokens.length };
}

/** An entry with its fields lower-cased once (and its body cut), not on every key press: made by prepareEntry. */
export type PreparedEntry = Readonly<PaletteEntry>;

export function prepareEntry(entry: PaletteEntry): PreparedEntry {
  return {
    name: entry.name.toLowerCase(),
    method: entry.method.toLowerCase(),
    url: entry.url.slice(0, TEXT_SEARCH_CHARS).toLowerCase(),
    path: entry.path.toLowerCase(),
    description: entry.description.slice(0, TEXT_SEARCH_CHARS).toLowerCase(),
    body: entry.body.slice(0, BODY_SEARCH_CHARS).toLowerCase(),
  };
}

/** Name hits outrank everything else; then method, folder path, URL, description, body, scattered name letters. */
function tokenMatch(e: PreparedEntry, token: string): PaletteMatch | null {
  const inName = e.name.indexOf(token);
  if (inName >= 0) return { score: 100 + (startsWord(e.name, inName) ? 20 : 0) + (inName === 0 ? 10 : 0), field: 'name' };
  if (e.method === token) return { score: 70, field: 'method' };
  const inPath = e.path.indexOf(token);
  if (inPath >= 0) return { score: 50 + (startsWord(e.path, inPath) ? 10 : 0), field: 'path' };
  if (e.url.includes(token)) return { score: 40, field: 'url' };
  if (e.description.includes(token)) return { score: 30, field: 'description' };
  if (e.body.includes(token)) return { score: 20, field: 'body' };
  // Scattered letters of the name come last: for short words they match almost anything.
  const nameFuzzy = token.length >= 2 ? fuzzyScore(e.name, token, true) : -1;
  if (nameFuzzy >= 0) return { score: 5 + nameFuzzy / 4, field: 'name' };
  return null;
}

/**
 * How well `query` matches a request, or null. Every word of the query must be found somewhere (name, method,
 * folder path, URL, description or body), so "post contacts" means POSTs about contacts; a query typed as
 * scattered letters of the name ("crapp" for Create app) still matches as a whole. Only the query's first
 * MAX_QUERY_WORDS words count (see prepareQuery).
 */
export function matchEntry(entry: PreparedEntry, query: string | PreparedQuery): PaletteMatch | null {
  const { tokens, compact } = typeof query === 'string' ? prepareQuery(query) : query;
  if (tokens.length === 0) return { score: 0, field: 'name' };
  let score = 0;
  let weakest: PaletteMatch | null = null;
  let all = true;
  for (const token of tokens) {
    // The first word not found anywhere settles it: the rest are not looked for.
    const match = tokenMatch(entry, token);
    if (!match) {
      all = false;
      break;
    }
    score += match.score;
    // The field to point at is the least obvious one a word was found in ("matched in body").
    if (!weakest || match.score < weakest.score) weakest = match;
  }
  if (all && weakest) return { score, field: weakest.field };
  const whole = compact.length >= 2 ? fuzzyScore(entry.name, compact, true) : -1;
  return whole >= 0 ? { score: 30 * tokens.length + whole, field: 'name' } : null;
}

/**
 * The entries matching `query`, best first (ties keep their order in the tree). An empty query lists them all
 * in tree order.
 */
export function rankEntries<T>(entries: readonly { item: T; prepared: PreparedEntry }[], query: string, limit = 60): { item: T; match: PaletteMatch }[] {
  const prepared = prepareQuery(query);
  const scored: { item: T; match: PaletteMatch; order: number; nameLength: number }[] = [];
  entries.forEach(({ item, prepared: entry }, order) => {
    const match = matchEntry(entry, prepared);
    if (match) scored.push({ item, match, order, nameLength: entry.name.length });
  });
  if (prepared.tokens.length > 0) scored.sort((a, b) => b.match.score - a.match.score || a.nameLength - b.nameLength || a.order - b.order);
  return scored.slice(0, limit).map(({ item, match }) => ({ item, match }));
}
