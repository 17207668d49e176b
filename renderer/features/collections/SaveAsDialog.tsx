import { useMemo, useState } from 'react';
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import type { RequestTemplate } from '../../../shared/model/collection';
import type { KeyValue } from '../../../shared/model/keyValue';
import { scopeCollectionId } from '../requests';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { variablesToCarry } from './carryVariables';
import { foldersOf } from './treeModel';

/**
 * Copies the variables the request used from the collection it came from (the catalog's defaults,
 * or the collection a history entry was sent from) into the target collection, where they are not
 * already defined. Without them a saved catalog request answers "{{recipient_phone}} is not defined".
 */
async function carrySourceVariables(request: RequestTemplate, sourceId: string | null, targetId: string): Promise<{ added: KeyValue[]; fromCatalog: boolean }> {
  const state = useStore.getState();
  if (sourceId === null || sourceId === targetId) return { added: [], fromCatalog: false };
  const all = state.collections.collections;
  const source = sourceId === BUILTIN_COLLECTION.id ? BUILTIN_COLLECTION : all.find((c) => c.id === sourceId);
  const target = all.find((c) => c.id === targetId);
  if (!source || !target) return { added: [], fromCatalog: false };
  const added = variablesToCarry(request, source.variables, { target: target.variables, globals: state.globals });
  if (added.length > 0) await state.updateCollectionVariables(target.id, [...target.variables, ...added]);
  return { added, fromCatalog: source === BUILTIN_COLLECTION };
}

/** Where to keep a request that has no collection yet (new, from the catalog, or from history). */
export function SaveAsDialog() {
  const tabId = useStore((s) => (s.dialog?.kind === 'saveAs' ? s.dialog.tabId : null));
  const tab = useStore((s) => s.tabs.find((t) => t.id === tabId));
  const collections = useStore((s) => s.collections.collections);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [newCollection, setNewCollection] = useState('My requests');
  const [busy, setBusy] = useState(false);
  // Only while the dialog is open: not a walk of every folder on each change to the workspace.
  const targets = useMemo(() => (tabId ? collections.flatMap((c) => foldersOf(c).map((f) => ({ ...f, collectionId: c.id }))) : []), [collections, tabId]);
  if (!tabId || !tab) return null;
  const { closeDialog, saveRequest, createCollection, markSaved } = useStore.getState();
  const chosen = parentId || targets[0]?.id || '';
  const close = (): void => {
    closeDialog('saveAs');
    setName('');
    setParentId('');
  };

  const submit = async (): Promise<void> => {
    setBusy(true);
    try {
      let target = targets.find((t) => t.id === chosen);
      if (!target) {
        const created = await createCollection(newCollection.trim() || 'My requests');
        if (!created) return;
        target = { id: created.id, path: created.name, collectionId: created.id };
      }
      // A copy from the catalog or history gets its own id: it is a new request from now on.
      const fresh = tab.origin.kind === 'collection' ? tab.request : { ...tab.request, id: crypto.randomUUID() };
      const saved = await saveRequest(target.id, { ...fresh, name: name.trim() || tab.request.name });
      if (saved) {
        const carried = await carrySourceVariables(saved, scopeCollectionId(tab.origin), target.collectionId);
        markSaved(tab.id, saved, { kind: 'collection', collectionId: target.collectionId });
        const collectionName = useStore.getState().collections.collections.find((c) => c.id === target.collectionId)?.name ?? target.path;
        useStore
          .getState()
          .notify(
            'info',
            `Saved "${saved.name}" in ${target.path}.${carried.added.length > 0 ? ` Added the ${carried.fromCatalog ? 'catalog default' : 'variable'}${carried.added.length === 1 ? '' : 's'} ${carried.added.map((v) => `{{${v.key}}}`).join(', ')} to the variables of ${collectionName}, so it sends as before (edit them under Variables).` : ''}`,
          );
        close();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      label="Save request"
      title="Save request"
      onClose={close}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Save
          </button>
        </>
      }
    >
      <label className="field">
        <span>Name</span>
        <input type="text" aria-label="Request name to save" autoFocus placeholder={tab.request.name} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {targets.length > 0 ? (
        <label className="field">
          <span>Save into</span>
          <select aria-label="Save into" value={chosen} onChange={(e) => setParentId(e.target.value)}>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.path}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="field">
          <span>You have no collection yet; this one will be created</span>
          <input type="text" aria-label="New collection name" value={newCollection} onChange={(e) => setNewCollection(e.target.value)} />
        </label>
      )}
    </Dialog>
  );
}
