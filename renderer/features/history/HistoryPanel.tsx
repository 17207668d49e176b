import { useEffect, useState } from 'react';
import { BUILTIN_COLLECTION_ID } from '../../../shared/catalog';
import type { HistorySummary } from '../../../shared/model/history';
import { newRequestTemplate } from '../../../shared/model/collection';
import { api } from '../../api';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { formatMs } from '../../ui/format';
import { recordedResult } from './recordedResult';
import { displayText } from '../../../shared/displayText';

const PAGE = 100;

/** Every request sent, newest first, searchable; a click reopens it as a new request. */
export function HistoryPanel() {
  const [confirmDialog, ask] = useConfirm();
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<HistorySummary[]>([]);
  const [total, setTotal] = useState(0);
  const [version, setVersion] = useState(0);
  const { attempt, openRequest, notify } = useStore.getState();

  useEffect(() => api.on('history.changed', () => setVersion((v) => v + 1)), []);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void attempt(async () => {
        const page = await api.call('history.list', { query: query.trim() || undefined, limit: PAGE, offset: 0 });
        if (live) {
          setEntries(page.entries);
          setTotal(page.total);
        }
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, version, attempt]);

  const reopen = async (id: string): Promise<void> => {
    const entry = await attempt(() => api.call('history.get', { id }));
    if (!entry) return;
    // Sent again with the variables of the collection it came from, while that collection exists.
    const from = entry.collectionId;
    const collectionExists = from !== null && (from === BUILTIN_COLLECTION_ID || useStore.getState().collections.collections.some((c) => c.id === from));
    if (from !== null && !collectionExists) notify('info', 'The collection this request was sent from no longer exists, so its variables are not in scope.');
    const name = (entry.name || `${entry.method} ${entry.url}`).slice(0, 200);
    openRequest({ ...newRequestTemplate(crypto.randomUUID(), name), ...entry.request }, { kind: 'history', entryId: entry.id, collectionId: collectionExists ? from : null }, recordedResult(entry));
  };

  return (
    <div className="history-panel">
      <div className="sidebar-tools">
        <input type="search" aria-label="Search history" placeholder="Search method, URL, status, body…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button
          type="button"
          className="button small"
          disabled={total === 0}
          onClick={() =>
            void ask({
              title: 'Clear the whole history?',
              message: <p>Every request in history ({total}) is deleted from this computer. This cannot be undone.</p>,
              choices: [{ value: 'clear', label: 'Clear history', kind: 'danger' }],
            }).then((choice) => {
              if (choice === 'clear') void attempt(() => api.call('history.clear')).then((result) => result && notify('info', `Cleared ${result.cleared} history entries.`));
            })
          }
        >
          Clear
        </button>
      </div>
      {confirmDialog}
      <ul className="history-list" aria-label="History">
        {entries.map((e) => (
          <li key={e.id}>
            <button type="button" className="history-row" title={e.resolvedUrl} onClick={() => void reopen(e.id)}>
              <span className={`method-badge method-${e.method.toLowerCase()}`}>{e.method}</span>
              <span className="history-url">{displayText(e.name || e.url)}</span>
              <span className={`history-status ${e.status === null ? 'err' : e.status >= 400 ? 'bad' : 'good'}`}>{e.status ?? e.errorCode}</span>
              <span className="history-meta muted">
                {new Date(e.time).toLocaleTimeString()} {e.timeMs !== null ? `· ${formatMs(e.timeMs)}` : ''} {e.environmentName ? `· ${displayText(e.environmentName)}` : ''}
              </span>
            </button>
          </li>
        ))}
        {entries.length === 0 && <li className="empty-hint">{query ? 'Nothing in history matches.' : 'Requests you send appear here.'}</li>}
      </ul>
      {total > entries.length && <p className="muted small">Showing the newest {entries.length} of {total}; search to find older ones.</p>}
    </div>
  );
}
