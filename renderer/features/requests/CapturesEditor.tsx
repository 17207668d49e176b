import { CAPTURE_SOURCES, type Capture } from '../../../shared/model/collection';

const SOURCE_LABELS: Record<Capture['from'], string> = { body: 'Body field', header: 'Header', status: 'Status code' };

/** "Set variable X from response field Y", one row each; applied after every 2xx response. */
export function CapturesEditor({ captures, onChange }: { captures: Capture[]; onChange: (captures: Capture[]) => void }) {
  const rows = [...captures, { variable: '', from: 'body' as const, path: '', enabled: true }];
  const update = (index: number, patch: Partial<Capture>): void => {
    const next = rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
    const last = next[next.length - 1];
    onChange(last && last.variable === '' && last.path === '' ? next.slice(0, -1) : next);
  };
  return (
    <>
      <p className="muted small panel-hint">
        After a 2xx response, each row sets a variable in the active environment (<code>app_id</code> and <code>project_id</code> go to their fields), so the next request can use it.
      </p>
      <table className="kv-table" aria-label="Captures">
        <thead>
          <tr>
            <th className="kv-check" aria-label="Enabled" />
            <th>Set variable</th>
            <th>From</th>
            <th>Field or header</th>
            <th className="kv-actions" aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const isNew = index === captures.length;
            return (
              <tr key={index} className={row.enabled ? '' : 'kv-disabled'}>
                <td className="kv-check">
                  {!isNew && <input type="checkbox" checked={row.enabled} aria-label={`Enable capture ${index + 1}`} onChange={(e) => update(index, { enabled: e.target.checked })} />}
                </td>
                <td>
                  <input type="text" aria-label={`Capture variable ${index + 1}`} placeholder={isNew ? 'e.g. app_id' : ''} value={row.variable} onChange={(e) => update(index, { variable: e.target.value })} />
                </td>
                <td>
                  <select aria-label={`Capture source ${index + 1}`} value={row.from} onChange={(e) => update(index, { from: e.target.value as Capture['from'] })}>
                    {CAPTURE_SOURCES.map((source) => (
                      <option key={source} value={source}>
                        {SOURCE_LABELS[source]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Capture path ${index + 1}`}
                    placeholder={row.from === 'header' ? 'e.g. Location' : row.from === 'status' ? '(not needed)' : 'e.g. id or contacts.0.id'}
                    disabled={row.from === 'status'}
                    value={row.path}
                    onChange={(e) => update(index, { path: e.target.value })}
                  />
                </td>
                <td className="kv-actions">
                  {!isNew && (
                    <button type="button" className="icon-button" aria-label={`Remove capture ${index + 1}`} onClick={() => onChange(captures.filter((_, i) => i !== index))}>
                      ×
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
