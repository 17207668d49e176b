import { useMemo, useState } from 'react';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { foldersOf } from './treeModel';

/** Where to keep a request that has no collection yet (new, from the catalog, or from history). */
export function SaveAsDialog() {
  const tabId = useStore((s) => s.saveAsTabId);
  const tab = useStore((s) => s.tabs.find((t) => t.id === s.saveAsTabId));
  const collections = useStore((s) => s.collections.collections);
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [newCollection, setNewCollection] = useState('My requests');
  const [busy, setBusy] = useState(false);
  const targets = useMemo(() => collections.flatMap((c) => foldersOf(c).map((f) => ({ ...f, collectionId: c.id }))), [collections]);
  if (!tabId || !tab) return null;
  const { setSaveAsTab, saveRequest, createCollection, markSaved } = useStore.getState();
  const chosen = parentId || targets[0]?.id || '';
  const close = (): void => {
    setSaveAsTab(null);
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
        markSaved(tab.id, saved, { kind: 'collection', collectionId: target.collectionId });
        useStore.getState().notify('info', `Saved "${saved.name}" in ${target.path}.`);
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
