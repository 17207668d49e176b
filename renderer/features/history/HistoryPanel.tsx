import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { formatMs } from '../../ui/format';
import { displayText } from '../../../shared/displayText';

/** Every request sent, newest first, searchable; a click reopens it as a new request. */
export function HistoryPanel() {
  const [confirmDialog, ask] = useConfirm();
  const [query, setQuery] = useState('');
  const entries = useStore((s) => s.historyEntries);
  const total = useStore((s) => s.historyTotal);
  const version = useStore((s) => s.historyVersion);
  const { loadHistory, reopenHistoryEntry, clearHistory } = useStore.getState();

  useEffect(() => {
    // Typing is not a read per key.
    const timer = setTimeout(() => void loadHistory(query), 120);
    return () => clearTimeout(timer);
  }, [query, version, loadHistory]);

  return (
    <div className="history-panel">
      <div className="sidebar-tools">
        <input
          type="search"
          aria-label="Search history"
          placeholder="Search method, URL, status, body…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
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
              if (choice === 'clear') void clearHistory();
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
            <button type="button" className="history-row" title={e.resolvedUrl} onClick={() => void reopenHistoryEntry(e.id)}>
              <span className={`method-badge method-${e.method.toLowerCase()}`}>{e.method}</span>
              <span className="history-url">{displayText(e.name || e.url)}</span>
              <span className={`history-status ${e.status === null ? 'err' : e.status >= 400 ? 'bad' : 'good'}`}>{e.status ?? e.errorCode}</span>
              <span className="history-meta muted">
                {new Date(e.time).toLocaleTimeString()} {e.timeMs !== null ? `· ${formatMs(e.timeMs)}` : ''}{' '}
                {e.environmentName ? `· ${displayText(e.environmentName)}` : ''}
              </span>
            </button>
          </li>
        ))}
        {entries.length === 0 && <li className="empty-hint">{query ? 'Nothing in history matches.' : 'Requests you send appear here.'}</li>}
      </ul>
      {total > entries.length && (
        <p className="muted small">
          Showing the newest {entries.length} of {total}; search to find older ones.
        </p>
      )}
    </div>
  );
}
