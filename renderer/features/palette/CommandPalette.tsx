import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import { selectAllCollectionsInFull } from '../collections';
import { paletteEntries, type PaletteItem } from './entries';
import { MAX_QUERY_CHARS, MAX_QUERY_WORDS, prepareQuery, rankEntries, type PaletteField } from './fuzzy';

const FIELD_LABELS: Record<Exclude<PaletteField, 'name'>, string> = {
  method: 'method',
  path: 'folder',
  url: 'URL',
  description: 'description',
  body: 'body',
};

/** Only this much of a field is shown around a match: the search reads no further (fuzzy.ts), and a body may be 20 MB. */
const SNIPPET_SOURCE_CHARS = 4200;

/** A short piece of `text` around the first query word it contains, so a user sees why a request matched. */
function snippet(text: string, words: readonly string[]): string {
  const flat = text.slice(0, SNIPPET_SOURCE_CHARS).replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const word = words.find((w) => lower.includes(w));
  const at = word ? lower.indexOf(word) : 0;
  const start = Math.max(0, at - 16);
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + 90)}${start + 90 < flat.length ? '…' : ''}`;
}

function matchDetail(item: PaletteItem, field: PaletteField, words: readonly string[]): string | null {
  if (field === 'name' || field === 'path' || field === 'method') return null;
  const text = field === 'url' ? item.request.url : field === 'description' ? item.request.description : item.request.body.text;
  return `${FIELD_LABELS[field]}: ${snippet(text, words)}`;
}

/**
 * Ctrl/Cmd+K: jump to any request of any collection by typing a few letters of its name, or words of its
 * description, method, URL, folder or body. Reopening shows the last query selected, so typing replaces it.
 */
export function CommandPalette() {
  const open = useStore((s) => s.dialog?.kind === 'palette');
  // The query and the selection outlive a close (reopening shows the query selected); the search itself runs only while open.
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  useEffect(() => setIndex(0), [query]);
  useEffect(() => {
    // The search reads bodies, URLs and descriptions: the requests in full, loaded on first need.
    if (open) void useStore.getState().ensureCollectionsLoaded();
  }, [open]);
  if (!open) return null;
  return <OpenPalette query={query} setQuery={setQuery} index={index} setIndex={setIndex} />;
}

interface OpenPaletteProps {
  query: string;
  setQuery: (query: string) => void;
  index: number;
  setIndex: (index: number | ((index: number) => number)) => void;
}

/** The open palette: what it searches is prepared while it is open, not on every change to the workspace. */
function OpenPalette({ query, setQuery, index, setIndex }: OpenPaletteProps) {
  const collections = useStore(selectAllCollectionsInFull);
  const loading = useStore((s) => s.collectionsInFull === null);
  const closeDialog = useStore((s) => s.closeDialog);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** Where the focus was before the palette opened (an editor, a field), to give it back on Escape. */
  const returnFocus = useRef<HTMLElement | null>(null);
  const entries = useMemo(() => paletteEntries(collections), [collections]);
  // Typing stays immediate: the list follows as soon as the page is free.
  const searched = useDeferredValue(query);
  const words = useMemo(() => prepareQuery(searched), [searched]);
  const results = useMemo(() => rankEntries(entries, searched), [entries, searched]);
  useEffect(() => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    input.current?.select();
  }, []);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const close = (restoreFocus: boolean): void => {
    closeDialog('palette');
    const back = returnFocus.current;
    if (restoreFocus && back?.isConnected) setTimeout(() => back.focus(), 0);
  };
  const choose = (i: number): void => {
    // Enter right after typing must open what the query typed finds, not what the list still shows of an earlier one
    // (the list follows the query a moment later, when the page is free).
    const current = searched === query ? results : rankEntries(entries, query);
    const hit = current[i]?.item;
    if (!hit) return;
    useStore.getState().openRequest(hit.request, hit.collection.readOnly ? { kind: 'builtin' } : { kind: 'collection', collectionId: hit.collection.id });
    close(false);
  };

  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close(true)}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Go to request">
        <input
          ref={input}
          type="text"
          aria-label="Search requests"
          placeholder="Go to request…  (name, description, method, URL or folder: “send choice”, “composing”, “delete webhook”)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(results.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') choose(index);
            else if (e.key === 'Escape') close(true);
            else return;
            e.preventDefault();
          }}
        />
        {words.truncated && (
          <p className="palette-hint muted small" data-testid="palette-truncated">
            Searching the first {MAX_QUERY_WORDS} different words (up to {MAX_QUERY_CHARS} characters) of what you typed.
          </p>
        )}
        <ul role="listbox" aria-label="Matching requests" ref={list}>
          {results.map(({ item: r, match }, i) => {
            const detail = matchDetail(r, match.field, words.tokens);
            return (
              <li
                key={`${r.collection.id}:${r.request.id}`}
                role="option"
                aria-selected={i === index}
                className={i === index ? 'selected' : ''}
                onMouseMove={() => i !== index && setIndex(i)}
                onMouseDown={() => choose(i)}
              >
                <span className={`method-badge method-${r.request.method.toLowerCase()}`}>{r.request.method}</span>
                <span className="palette-name">
                  {r.request.name}
                  {detail && <span className="palette-detail muted">{detail}</span>}
                </span>
                <span className="palette-path muted">{r.path}</span>
              </li>
            );
          })}
          {loading && <li className="empty-hint">Reading the workspace's requests…</li>}
          {results.length === 0 && !loading && <li className="empty-hint">No request matches.</li>}
        </ul>
      </div>
    </div>
  );
}
