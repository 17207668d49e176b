import { SHORT_SECRET_LENGTH, type KeyValue } from '../../shared/model/keyValue';
import type { VariableScope } from '../../shared/variables';
import { VariableInput } from './VariableInput';

interface Props {
  rows: KeyValue[];
  onChange: (rows: KeyValue[]) => void;
  scope: VariableScope;
  keyLabel: string;
  valueLabel: string;
  /** Names the table for assistive tech and tests, e.g. "Headers". */
  name: string;
  keyPlaceholder?: string;
  errors?: Record<number, string>;
  /** Offer a lock per row: a secret value goes to the keychain and is never shown again. */
  allowSecrets?: boolean;
}

/**
 * An editable key/value table with a trailing empty row, like every API client has: typing into
 * the last row adds a new one; a checkbox disables a row without losing it.
 */
export function KeyValueTable({ rows, onChange, scope, keyLabel, valueLabel, name, keyPlaceholder, errors, allowSecrets = false }: Props) {
  const shown = [...rows, { key: '', value: '', enabled: true }];
  const update = (index: number, patch: Partial<KeyValue>): void => {
    const next = shown.map((row, i) => (i === index ? { ...row, ...patch } : row));
    const last = next[next.length - 1];
    onChange(last && last.key === '' && last.value === '' ? next.slice(0, -1) : next);
  };
  const remove = (index: number): void => onChange(rows.filter((_, i) => i !== index));
  return (
    <table className="kv-table" aria-label={name}>
      <thead>
        <tr>
          <th className="kv-check" aria-label="Enabled" />
          <th>{keyLabel}</th>
          <th>{valueLabel}</th>
          {allowSecrets && <th className="kv-lock" aria-label="Secret" />}
          <th className="kv-actions" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {shown.map((row, index) => {
          const isNew = index === rows.length;
          return (
            <tr key={index} className={row.enabled ? '' : 'kv-disabled'}>
              <td className="kv-check">
                {!isNew && (
                  <input
                    type="checkbox"
                    checked={row.enabled}
                    aria-label={`Enable ${name} row ${index + 1}`}
                    onChange={(e) => update(index, { enabled: e.target.checked })}
                  />
                )}
              </td>
              <td>
                <input
                  className="kv-key"
                  type="text"
                  spellCheck={false}
                  value={row.key}
                  placeholder={isNew ? (keyPlaceholder ?? `Add ${keyLabel.toLowerCase()}`) : ''}
                  aria-label={`${name} ${keyLabel} ${index + 1}`}
                  onChange={(e) => update(index, { key: e.target.value })}
                />
                {errors?.[index] && <div className="field-error">{errors[index]}</div>}
              </td>
              <td>
                {row.secret ? (
                  <>
                    <input
                      type="password"
                      className="secret-value"
                      autoComplete="new-password"
                      aria-label={`${name} ${valueLabel} ${index + 1}`}
                      placeholder="stored in the keychain — type to replace"
                      value={row.value}
                      onChange={(e) => update(index, { value: e.target.value })}
                    />
                    {row.value !== '' && row.value.length < SHORT_SECRET_LENGTH && (
                      <div className="field-warning" role="note">
                        Shorter than {SHORT_SECRET_LENGTH} characters: hidden only where a whole value is this secret, not inside URLs or bodies.
                      </div>
                    )}
                  </>
                ) : (
                  <VariableInput value={row.value} scope={scope} ariaLabel={`${name} ${valueLabel} ${index + 1}`} onChange={(value) => update(index, { value })} />
                )}
              </td>
              {allowSecrets && (
                <td className="kv-lock">
                  {!isNew && (
                    <button
                      type="button"
                      className={`icon-button ${row.secret ? 'locked' : ''}`}
                      aria-label={`${row.secret ? 'Stop keeping' : 'Keep'} ${name} row ${index + 1} secret`}
                      aria-pressed={Boolean(row.secret)}
                      title={row.secret ? 'Secret: the value is kept in the OS keychain, not in the file' : 'Make secret: keep the value in the OS keychain'}
                      onClick={() => update(index, row.secret ? { secret: false, value: '' } : { secret: true })}
                    >
                      <LockIcon closed={Boolean(row.secret)} />
                    </button>
                  )}
                </td>
              )}
              <td className="kv-actions">
                {!isNew && (
                  <button type="button" className="icon-button" aria-label={`Remove ${name} row ${index + 1}`} title="Remove" onClick={() => remove(index)}>
                    ×
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A padlock drawn in SVG: emoji fonts are not on every machine. */
function LockIcon({ closed }: { closed: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d={closed ? 'M5.5 7V5a2.5 2.5 0 0 1 5 0v2' : 'M5.5 7V5a2.5 2.5 0 0 1 4.9-.7'} />
    </svg>
  );
}
