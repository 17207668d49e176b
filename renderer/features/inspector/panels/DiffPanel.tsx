import { useState } from 'react';
import type { JsonDiffEntry } from '../../../../shared/model/webhookEvent';
import { displayText } from '../../../../shared/displayText';
import { useStore } from '../../../store';
import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

/** This event's body against another one's: the previous of the same trigger in one click, or any listed event. */
function DiffPanel({ event }: PanelProps) {
  const pages = useStore((s) => s.webhookPages);
  const diffEvents = useStore((s) => s.diffEvents);
  const [other, setOther] = useState('');
  const [entries, setEntries] = useState<JsonDiffEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const candidates = Object.values(pages)
    .flat()
    .filter((e) => e.id !== event.id)
    .slice(0, 200);
  const previous = candidates.find((e) => e.trigger === event.trigger && e.receivedAt <= event.receivedAt);
  const compare = async (id: string): Promise<void> => {
    setOther(id);
    if (id === '') return;
    const result = await diffEvents(id, event.id);
    // A refusal replaces the table: an old diff next to a new choice would read as its answer.
    setEntries('entries' in result ? result.entries : null);
    setProblem('error' in result ? result.error : null);
  };
  return (
    <div>
      <div className="secret-row">
        <select aria-label="Compare with" value={other} onChange={(e) => void compare(e.target.value)}>
          <option value="">Compare with…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {new Date(c.receivedAt).toLocaleTimeString()} {c.trigger} {displayText(c.summary)}
            </option>
          ))}
        </select>
        {previous && (
          <button type="button" className="button small" onClick={() => void compare(previous.id)}>
            Previous {event.trigger}
          </button>
        )}
      </div>
      {problem && (
        <p className="banner error" role="alert" data-testid="diff-problem">
          {displayText(problem)}
        </p>
      )}
      {entries && (
        <table className="headers-table diff-table" aria-label="Differences">
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td>The bodies are the same.</td>
              </tr>
            )}
            {entries.map((entry, i) => (
              <tr key={i} className={`diff-${entry.kind}`}>
                <th>{entry.path || '(root)'}</th>
                <td>{entry.kind}</td>
                <td>{entry.before !== undefined ? JSON.stringify(entry.before) : ''}</td>
                <td>{entry.after !== undefined ? JSON.stringify(entry.after) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const diffPanel: InspectorPanel = { id: 'diff', label: 'Diff', appliesTo: always, Component: DiffPanel };
