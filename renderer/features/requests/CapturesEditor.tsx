import { CAPTURE_SOURCES, type Capture } from '../../../shared/model/collection';
import type { KeyValue } from '../../../shared/model/keyValue';
import { KeyValueTable, type ChoiceColumn, type PlainValue } from '../../ui/KeyValueTable';

const SOURCE_LABELS: Record<Capture['from'], string> = { body: 'Body field', header: 'Header', status: 'Status code' };

/** A capture as a table row: the variable is the key, the field or header the value. */
type CaptureRow = KeyValue & { from: Capture['from'] };

const toRow = (c: Capture): CaptureRow => ({ key: c.variable, from: c.from, value: c.path, enabled: c.enabled });
const toCapture = (r: CaptureRow): Capture => ({ variable: r.key, from: r.from, path: r.value, enabled: r.enabled });

const isSource = (value: string): value is Capture['from'] => (CAPTURE_SOURCES as readonly string[]).includes(value);

const SOURCE: ChoiceColumn<CaptureRow> = {
  label: 'From',
  options: CAPTURE_SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] })),
  get: (row) => row.from,
  set: (value) => (isSource(value) ? { from: value } : {}),
};

const PATH: PlainValue<CaptureRow> = {
  placeholder: (row) => (row.from === 'header' ? 'e.g. Location' : row.from === 'status' ? '(not needed)' : 'e.g. id or contacts.0.id'),
  disabled: (row) => row.from === 'status',
};

/** "Set variable X from response field Y", one row each; applied after every 2xx response. */
export function CapturesEditor({ captures, onChange }: { captures: Capture[]; onChange: (captures: Capture[]) => void }) {
  return (
    <>
      <p className="muted small panel-hint">
        After a 2xx response, each row sets a variable in the active environment (<code>app_id</code> and <code>project_id</code> go to their fields), so the
        next request can use it.
      </p>
      <KeyValueTable<CaptureRow>
        name="Captures"
        keyLabel="Set variable"
        valueLabel="Field or header"
        keyPlaceholder="e.g. app_id"
        rows={captures.map(toRow)}
        onChange={(rows) => onChange(rows.map(toCapture))}
        blank={{ key: '', from: 'body', value: '', enabled: true }}
        choice={SOURCE}
        plainValue={PATH}
      />
    </>
  );
}
