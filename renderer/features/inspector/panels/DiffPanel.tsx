import { useRef, useState } from 'react';
import { summaryWithWholeIds, type JsonDiffEntry, type WebhookEventSummary } from '../../../../shared/model/webhookEvent';
import { displayText } from '../../../../shared/displayText';
import { useStore } from '../../../store';
import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

/** This event's body against another one's: the previous of the same trigger in one click, or any listed event. */
function DiffPanel({ event }: PanelProps) {
  const pages = useStore((s) => s.webhookPages);
  const diffEvents = useStore((s) => s.diffEvents);
  // The event compared with, kept whole: new callbacks re-read the list, and it may no longer be among the rows loaded.
  const [other, setOther] = useState<WebhookEventSummary | null>(null);
  // The answer shown belongs to `other`, never to an earlier choice whose answer arrived late. A refusal (a body
  // nested too deep to compare) replaces the table: an old diff next to a new choice would read as its answer.
  const [answer, setAnswer] = useState<{ otherId: string; entries: JsonDiffEntry[] | null; problem: string | null } | null>(null);
  const asked = useRef(0);
  const loaded = Object.values(pages)
    .flat()
    .filter((e) => e.id !== event.id)
    .slice(0, 200);
  const candidates = other && !loaded.some((e) => e.id === other.id) ? [other, ...loaded] : loaded;
  const previous = loaded.find((e) => e.trigger === event.trigger && e.receivedAt <= event.receivedAt);
  const compare = async (chosen: WebhookEventSummary | null): Promise<void> => {
    const ask = ++asked.current;
    setOther(chosen);
    setAnswer(null);
    if (!chosen) return;
    const result = await diffEvents(chosen.id, event.id);
    if (ask !== asked.current) return;
    setAnswer({ otherId: chosen.id, entries: 'entries' in result ? result.entries : null, problem: 'error' in result ? result.error : null });
  };
  const current = answer && answer.otherId === other?.id ? answer : null;
  const shown = current?.entries ?? null;
  const problem = current?.problem ?? null;
  return (
    <div className="diff-panel">
      <div className="secret-row diff-picker">
        <select aria-label="Compare with" value={other?.id ?? ''} onChange={(e) => void compare(candidates.find((c) => c.id === e.target.value) ?? null)}>
          <option value="">Compare with…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {new Date(c.receivedAt).toLocaleTimeString()} {c.trigger} {displayText(summaryWithWholeIds(c))}
            </option>
          ))}
        </select>
        {previous && (
          <button type="button" className="button small" onClick={() => void compare(previous)}>
            Previous {event.trigger}
          </button>
        )}
      </div>
      {problem && (
        <p className="banner error" role="alert" data-testid="diff-problem">
          {displayText(problem)}
        </p>
      )}
      {shown && (
        <table className="headers-table diff-table" aria-label="Differences">
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td>The bodies are the same.</td>
              </tr>
            )}
            {shown.map((entry, i) => (
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
