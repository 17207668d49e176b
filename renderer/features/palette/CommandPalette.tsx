import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../store';
import { allRequests, selectAllCollections } from '../collections';
import { fuzzyScore } from './fuzzy';

/** Ctrl/Cmd+K: jump to any request of any collection by typing a few letters of it. */
export function CommandPalette() {
  const open = useStore((s) => s.paletteOpen);
  const collections = useStore(selectAllCollections);
  const setPaletteOpen = useStore((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const items = useMemo(() => allRequests(collections), [collections]);
  const results = useMemo(() => {
    const scored = items
      .map((item) => ({ item, score: fuzzyScore(`${item.request.method} ${item.request.name} ${item.path}`, query) }))
      .filter((r) => r.score >= 0);
    if (query.trim() !== '') scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, 60).map((r) => r.item);
  }, [items, query]);
  useEffect(() => setIndex(0), [query]);
  useEffect(() => {
    if (open) setQuery('');
  }, [open]);
  if (!open) return null;

  const choose = (i: number): void => {
    const hit = results[i];
    if (!hit) return;
    useStore.getState().openRequest(hit.request, hit.collection.readOnly ? { kind: 'builtin' } : { kind: 'collection', collectionId: hit.collection.id });
    setPaletteOpen(false);
  };

  return (
    <div className="modal-backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && setPaletteOpen(false)}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Go to request">
        <input
          autoFocus
          type="text"
          aria-label="Search requests"
          placeholder="Go to request…  (e.g. “send choice”, “create webhook”)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(results.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') choose(index);
            else if (e.key === 'Escape') setPaletteOpen(false);
            else return;
            e.preventDefault();
          }}
        />
        <ul role="listbox" aria-label="Matching requests">
          {results.map((r, i) => (
            <li key={`${r.collection.id}:${r.request.id}`} role="option" aria-selected={i === index} className={i === index ? 'selected' : ''} onMouseEnter={() => setIndex(i)} onMouseDown={() => choose(i)}>
              <span className={`method-badge method-${r.request.method.toLowerCase()}`}>{r.request.method}</span>
              <span className="palette-name">{r.request.name}</span>
              <span className="palette-path muted">{r.path}</span>
            </li>
          ))}
          {results.length === 0 && <li className="empty-hint">No request matches.</li>}
        </ul>
      </div>
    </div>
  );
}
