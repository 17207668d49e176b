/** Scores a subsequence match: consecutive and word-start hits rank higher; -1 when no match. */
export function fuzzyScore(text: string, query: string): number {
  const t = text.toLowerCase();
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  let score = 0;
  let at = -1;
  for (const ch of q) {
    const next = t.indexOf(ch, at + 1);
    if (next < 0) return -1;
    score += next === at + 1 ? 3 : 1;
    if (next === 0 || /[\s/:._-]/.test(t[next - 1] ?? '')) score += 2;
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

/** An entry with its fields lower-cased once (and its body cut), not on every key press: made by prepareEntry. */
export type PreparedEntry = Readonly<PaletteEntry>;

export function prepareEntry(entry: PaletteEntry): PreparedEntry {
  return {
    name: entry.name.toLowerCase(),
    method: entry.method.toLowerCase(),
    url: entry.url.toLowerCase(),
    path: entry.path.toLowerCase(),
    description: entry.description.toLowerCase(),
    body: entry.body.slice(0, BODY_SEARCH_CHARS).toLowerCase(),
  };
}

const isWordStart = (text: string, at: number): boolean => at === 0 || /[^a-z0-9]/.test(text[at - 1] ?? '');

/** Name hits outrank everything else; then method, folder path, URL, description, body, scattered name letters. */
function tokenMatch(e: PreparedEntry, token: string): PaletteMatch | null {
  const inName = e.name.indexOf(token);
  if (inName >= 0) return { score: 100 + (isWordStart(e.name, inName) ? 20 : 0) + (inName === 0 ? 10 : 0), field: 'name' };
  if (e.method === token) return { score: 70, field: 'method' };
  const inPath = e.path.indexOf(token);
  if (inPath >= 0) return { score: 50 + (isWordStart(e.path, inPath) ? 10 : 0), field: 'path' };
  if (e.url.includes(token)) return { score: 40, field: 'url' };
  if (e.description.includes(token)) return { score: 30, field: 'description' };
  if (e.body.includes(token)) return { score: 20, field: 'body' };
  // Scattered letters of the name come last: for short words they match almost anything.
  const nameFuzzy = token.length >= 2 ? fuzzyScore(e.name, token) : -1;
  if (nameFuzzy >= 0) return { score: 5 + nameFuzzy / 4, field: 'name' };
  return null;
}

/**
 * How well `query` matches a request, or null. Every word of the query must be found somewhere (name, method,
 * folder path, URL, description or body), so "post contacts" means POSTs about contacts; a query typed as
 * scattered letters of the name ("crapp" for Create app) still matches as a whole.
 */
export function matchEntry(entry: PreparedEntry, query: string): PaletteMatch | null {
  const tokens = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { score: 0, field: 'name' };
  const matches = tokens.map((t) => tokenMatch(entry, t));
  if (matches.every((m): m is PaletteMatch => m !== null)) {
    // The field to point at is the least obvious one a word was found in ("matched in body").
    const weakest = matches.reduce((a, b) => (b.score < a.score ? b : a));
    return { score: matches.reduce((sum, m) => sum + m.score, 0), field: weakest.field };
  }
  const whole = fuzzyScore(entry.name, query);
  return whole >= 0 ? { score: 30 * tokens.length + whole, field: 'name' } : null;
}

/**
 * The entries matching `query`, best first (ties keep their order in the tree). An empty query lists them all
 * in tree order.
 */
export function rankEntries<T>(entries: readonly { item: T; prepared: PreparedEntry }[], query: string, limit = 60): { item: T; match: PaletteMatch }[] {
  const scored: { item: T; match: PaletteMatch; order: number; nameLength: number }[] = [];
  entries.forEach(({ item, prepared }, order) => {
    const match = matchEntry(prepared, query);
    if (match) scored.push({ item, match, order, nameLength: prepared.name.length });
  });
  if (query.trim() !== '') scored.sort((a, b) => b.match.score - a.match.score || a.nameLength - b.nameLength || a.order - b.order);
  return scored.slice(0, limit).map(({ item, match }) => ({ item, match }));
}
