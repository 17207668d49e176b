import { SHORT_SECRET_LENGTH, type KeyValue } from '../../shared/model/keyValue';
import type { VariableScope } from '../../shared/variables';
import { VariableInput } from './VariableInput';

/** A column of choices between the key and the value, kept in the row (captures: where the value is read from). */
export interface ChoiceColumn<R extends KeyValue> {
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  get(row: R): string;
  /** What changes in the row when `value` is chosen. */
  set(value: string): Partial<R>;
}

/** A value typed as plain text (a field path, not a value with {{variables}}), with a hint that may follow the row. */
export interface PlainValue<R extends KeyValue> {
  placeholder(row: R): string;
  disabled(row: R): boolean;
}

interface BaseProps<R extends KeyValue> {
  rows: R[];
  onChange: (rows: R[]) => void;
  keyLabel: string;
  valueLabel: string;
  /** Names the table for assistive tech and tests, e.g. "Headers". */
  name: string;
  keyPlaceholder?: string;
  errors?: Record<number, string>;
  /** Offer a lock per row: a secret value goes to the keychain and is never shown again. */
  allowSecrets?: boolean;
  choice?: ChoiceColumn<R>;
}

/** Values with {{variables}} resolve in `scope`; plain values do not. */
type ValueProps<R extends KeyValue> = { scope: VariableScope; plainValue?: never } | { scope?: never; plainValue: PlainValue<R> };

/** The trailing empty row: rows with more than a key and a value must say what theirs start with. */
type BlankProps<R extends KeyValue> = object extends Omit<R, keyof KeyValue> ? { blank?: R } : { blank: R };

type Props<R extends KeyValue> = BaseProps<R> & ValueProps<R> & BlankProps<R>;

const BLANK: KeyValue = { key: '', value: '', enabled: true };

/**
 * An editable key/value table with a trailing empty row, like every API client has: typing into
 * the last row adds a new one; a checkbox disables a row without losing it. Rows may carry more
 * (a choice column, e.g. where a capture reads its value).
 */
export function KeyValueTable<R extends KeyValue = KeyValue>(props: Props<R>) {
  const { rows, onChange, keyLabel, valueLabel, name, keyPlaceholder, errors, allowSecrets = false, choice } = props;
  // BlankProps makes `blank` required whenever R is more than a KeyValue.
  const blank = props.blank ?? (BLANK as R);
  const shown = [...rows, blank];
  // A change to the key/value part of a row (R's own fields, if any, change only through `choice`).
  const kv = (patch: Partial<KeyValue>): Partial<R> => patch as Partial<R>;
  const update = (index: number, patch: Partial<R>): void => {
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
          {choice && <th>{choice.label}</th>}
          <th>{valueLabel}</th>
          {allowSecrets && <th className="kv-lock" aria-label="Secret" />}
          <th className="kv-actions" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {shown.map((row, index) => {
          const isNew = index === rows.length;
          const valueName = `${name} ${valueLabel} ${index + 1}`;
          return (
            <tr key={index} className={row.enabled ? '' : 'kv-disabled'}>
              <td className="kv-check">
                {!isNew && (
                  <input
                    type="checkbox"
                    checked={row.enabled}
                    aria-label={`Enable ${name} row ${index + 1}`}
                    onChange={(e) => update(index, kv({ enabled: e.target.checked }))}
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
                  onChange={(e) => update(index, kv({ key: e.target.value }))}
                />
                {errors?.[index] && <div className="field-error">{errors[index]}</div>}
              </td>
              {choice && (
                <td>
                  <select
                    aria-label={`${name} ${choice.label} ${index + 1}`}
                    value={choice.get(row)}
                    onChange={(e) => update(index, choice.set(e.target.value))}
                  >
                    {choice.options.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </td>
              )}
              <td>
                {props.plainValue ? (
                  <input
                    type="text"
                    spellCheck={false}
                    aria-label={valueName}
                    placeholder={props.plainValue.placeholder(row)}
                    disabled={props.plainValue.disabled(row)}
                    value={row.value}
                    onChange={(e) => update(index, kv({ value: e.target.value }))}
                  />
                ) : row.secret ? (
                  <>
                    <input
                      type="password"
                      className="secret-value"
                      autoComplete="new-password"
                      aria-label={valueName}
                      placeholder="stored in the keychain — type to replace"
                      value={row.value}
                      onChange={(e) => update(index, kv({ value: e.target.value }))}
                    />
                    {row.value !== '' && row.value.length < SHORT_SECRET_LENGTH && (
                      <div className="field-warning" role="note">
                        Shorter than {SHORT_SECRET_LENGTH} characters: hidden only where a whole value is this secret, not inside URLs or bodies.
                      </div>
                    )}
                  </>
                ) : (
                  <VariableInput value={row.value} scope={props.scope} ariaLabel={valueName} onChange={(value) => update(index, kv({ value }))} />
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
                      onClick={() => update(index, kv(row.secret ? { secret: false, value: '' } : { secret: true }))}
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
