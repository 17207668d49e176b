import { useEffect, useState } from 'react';
import type { KeyValue } from '../../../shared/model/keyValue';
import { selectActiveCollection, selectScope } from '../../scope';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { KeyValueTable } from '../../ui/KeyValueTable';
import { selectActiveEnvironment } from '../environments';

/** Every variable the current request sees, where each value comes from, and the editable scopes. */
export function VariablesPanel() {
  const open = useStore((s) => s.dialog?.kind === 'variables');
  const scope = useStore(selectScope);
  const globals = useStore((s) => s.globals);
  const collection = useStore(selectActiveCollection);
  const env = useStore(selectActiveEnvironment);
  const { closeDialog, saveGlobals, updateCollectionVariables, openManager } = useStore.getState();
  const [globalsDraft, setGlobalsDraft] = useState<KeyValue[]>(globals);
  const [collectionDraft, setCollectionDraft] = useState<KeyValue[]>(collection?.variables ?? []);
  useEffect(() => setGlobalsDraft(globals), [globals]);
  useEffect(() => setCollectionDraft(collection?.variables ?? []), [collection]);
  if (!open) return null;
  const rows = [...scope.entries()].sort(([a], [b]) => a.localeCompare(b));
  return (
    <Dialog label="Variables" title="Variables in scope" className="variables-panel" onClose={() => closeDialog('variables')}>
      <p className="muted small">Resolution order: global &lt; collection &lt; environment &lt; request. The most specific value wins.</p>
      <table className="headers-table scope-table" aria-label="Resolved variables">
        <thead>
          <tr>
            <th>Variable</th>
            <th>Value</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, entry]) => (
            <tr key={name}>
              <th>{`{{${name}}}`}</th>
              <td>{entry.secret ? '•••••• (in the keychain)' : entry.value}</td>
              <td className={`source source-${entry.source.replace(' ', '-')}`}>{entry.source}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="empty-hint">
                No variables yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h4>Globals</h4>
      <KeyValueTable
        name="Globals"
        rows={globalsDraft}
        onChange={setGlobalsDraft}
        scope={scope}
        keyLabel="Variable"
        valueLabel="Value"
        keyPlaceholder="Add a global variable"
      />
      <div className="row-actions">
        <button
          type="button"
          className="button small primary"
          disabled={JSON.stringify(globalsDraft) === JSON.stringify(globals)}
          onClick={() => void saveGlobals(globalsDraft)}
        >
          Save globals
        </button>
      </div>
      {collection && !collection.readOnly && (
        <>
          <h4>Collection “{collection.name}”</h4>
          <KeyValueTable
            name="Collection variables"
            rows={collectionDraft}
            onChange={setCollectionDraft}
            scope={scope}
            keyLabel="Variable"
            valueLabel="Value"
            keyPlaceholder="Add a collection variable"
          />
          <div className="row-actions">
            <button
              type="button"
              className="button small primary"
              disabled={JSON.stringify(collectionDraft) === JSON.stringify(collection.variables)}
              onClick={() => void updateCollectionVariables(collection.id, collectionDraft)}
            >
              Save collection variables
            </button>
          </div>
        </>
      )}
      <h4>Environment</h4>
      <p className="muted small">
        {env ? `“${env.name}” ` : 'No environment is active. '}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            closeDialog('variables');
            openManager(env?.id ?? null);
          }}
        >
          Edit environments
        </button>
      </p>
    </Dialog>
  );
}
