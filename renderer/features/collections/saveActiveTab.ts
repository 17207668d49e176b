import { useStore } from '../../store';
import { selectActiveTab } from '../requests';
import { locateRequest } from './treeModel';

/** Ctrl/Cmd+S: save in place when the request belongs to a collection, else ask where. */
export async function saveActiveTab(): Promise<void> {
  const state = useStore.getState();
  const tab = selectActiveTab(state);
  if (tab.origin.kind === 'collection') {
    const place = locateRequest(state.collections.collections, tab.request.id);
    if (place) {
      const saved = await state.saveRequest(place.parentId, tab.request);
      if (saved) state.markSaved(tab.id, saved, { kind: 'collection', collectionId: place.collection.id });
      return;
    }
  }
  state.openDialog({ kind: 'saveAs', tabId: tab.id });
}
