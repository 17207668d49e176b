import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import type { CollectionsPatch, CollectionsState } from '../../../shared/contract';
import type { CollectionTree, RequestTemplate } from '../../../shared/model/collection';
import type { KeyValue } from '../../../shared/model/keyValue';
import { api } from '../../api';
import { downloadBlob } from '../../ui/download';
import { applyCollectionsPatch, withSavedRequest } from './applyPatch';
import type { StateCreator } from 'zustand';
import type { StoreState } from '../../store';

export interface CollectionsSlice {
  collections: CollectionsState;
  globals: KeyValue[];
  /** Expanded collections and folders in the sidebar, by id. */
  expanded: Record<string, boolean>;
  sidebarFilter: string;
  /** The row being renamed inline. */
  renamingId: string | null;
  loadCollections(): Promise<void>;
  /**
   * Loads the collections once; later calls wait for that load. After it, events keep them
   * current, so a second list of a large workspace (megabytes) is not needed.
   */
  ensureCollectionsLoaded(): Promise<void>;
  /** The `collections.changed` and `globals.changed` events (routed by wireEvents). */
  onCollectionsChanged(collections: CollectionsState): void;
  /** The `collections.patched` event: what changed, from the app or from the disk. */
  onCollectionsPatched(patch: CollectionsPatch): void;
  onGlobalsChanged(globals: KeyValue[]): void;
  setExpanded(id: string, open: boolean): void;
  setSidebarFilter(filter: string): void;
  setRenaming(id: string | null): void;
  createCollection(name: string): Promise<CollectionTree | undefined>;
  importBuiltin(): Promise<void>;
  renameCollection(id: string, name: string): Promise<void>;
  duplicateCollection(id: string): Promise<void>;
  deleteCollection(id: string): Promise<void>;
  updateCollectionVariables(id: string, variables: KeyValue[]): Promise<void>;
  createFolder(parentId: string, name: string): Promise<void>;
  saveRequest(parentId: string, request: RequestTemplate): Promise<RequestTemplate | undefined>;
  renameItem(id: string, name: string): Promise<void>;
  duplicateItem(id: string): Promise<void>;
  deleteItem(id: string): Promise<void>;
  moveItem(id: string, parentId: string, index: number): Promise<void>;
  setWorkspace(dir: string): Promise<void>;
  saveGlobals(variables: KeyValue[]): Promise<void>;
  /** Downloads one collection as a single shareable file, credentials replaced by placeholders. */
  exportCollection(id: string): Promise<void>;
}

/** The built-in catalog first, read-only, then the user's collections. */
export const selectAllCollections = (() => {
  let last: CollectionTree[] | null = null;
  let lastResult: CollectionTree[] = [];
  return (s: { collections: CollectionsState }): CollectionTree[] => {
    if (s.collections.collections !== last) {
      last = s.collections.collections;
      lastResult = [BUILTIN_COLLECTION, ...last];
    }
    return lastResult;
  };
})();

export const createCollectionsSlice: StateCreator<StoreState, [], [], CollectionsSlice> = (set, get) => {
  let firstLoad: Promise<void> | null = null;
  const apply = (collections: CollectionsState | undefined): void => {
    if (collections) set({ collections });
  };
  return {
    collections: { collections: [], problems: [], workspaceDir: '' },
    globals: [],
    // The catalog starts open: it is what a newcomer looks for first.
    expanded: { [BUILTIN_COLLECTION.id]: true },
    sidebarFilter: '',
    renamingId: null,
    async loadCollections() {
      const load = get().attempt(async () => {
        const [collections, globals] = await Promise.all([api.call('collections.list'), api.call('globals.get')]);
        set({ collections, globals });
      }).then(() => undefined);
      firstLoad ??= load;
      await load;
    },
    ensureCollectionsLoaded() {
      return firstLoad ?? get().loadCollections();
    },
    onCollectionsChanged(collections) {
      set({ collections });
    },
    onCollectionsPatched(patch) {
      set((s) => ({ collections: applyCollectionsPatch(s.collections, patch) }));
    },
    onGlobalsChanged(globals) {
      set({ globals });
    },
    setExpanded: (id, open) => set((s) => ({ expanded: { ...s.expanded, [id]: open } })),
    setSidebarFilter: (sidebarFilter) => set({ sidebarFilter }),
    setRenaming: (renamingId) => set({ renamingId }),
    async createCollection(name) {
      // The new collection arrives as an event (collections.patched) before this answer.
      const created = await get().attempt(() => api.call('collections.create', { name }));
      if (created) get().setExpanded(created.id, true);
      return created;
    },
    async importBuiltin() {
      const created = await get().attempt(() => api.call('collections.importBuiltin', {}));
      if (created) {
        get().setExpanded(created.id, true);
        get().notify('info', `Copied the built-in catalog into your workspace as "${created.name}".`);
      }
    },
    async renameCollection(id, name) {
      apply(await get().attempt(() => api.call('collections.rename', { id, name })));
    },
    async duplicateCollection(id) {
      if (id === BUILTIN_COLLECTION.id) return get().importBuiltin();
      await get().attempt(() => api.call('collections.duplicate', { id }));
    },
    async deleteCollection(id) {
      apply(await get().attempt(() => api.call('collections.delete', { id })));
    },
    async updateCollectionVariables(id, variables) {
      apply(await get().attempt(() => api.call('collections.update', { id, variables })));
    },
    async createFolder(parentId, name) {
      apply(await get().attempt(() => api.call('collections.createFolder', { parentId, name })));
      get().setExpanded(parentId, true);
    },
    async saveRequest(parentId, request) {
      // Only the change travels: the event carries it, and the answer is put in place too
      // (whichever comes first), never the whole workspace again.
      const saved = await get().attempt(() => api.call('collections.saveRequest', { parentId, request }));
      if (saved) set((s) => ({ collections: withSavedRequest(s.collections, saved) }));
      return saved;
    },
    async renameItem(id, name) {
      apply(await get().attempt(() => api.call('collections.renameItem', { id, name })));
    },
    async duplicateItem(id) {
      apply(await get().attempt(() => api.call('collections.duplicateItem', { id })));
    },
    async deleteItem(id) {
      apply(await get().attempt(() => api.call('collections.deleteItem', { id })));
    },
    async moveItem(id, parentId, index) {
      apply(await get().attempt(() => api.call('collections.moveItem', { id, parentId, index })));
    },
    async setWorkspace(dir) {
      apply(await get().attempt(() => api.call('workspace.set', { dir })));
    },
    async saveGlobals(variables) {
      const globals = await get().attempt(() => api.call('globals.set', { variables }));
      if (globals) set({ globals });
    },
    async exportCollection(id) {
      const file = await get().attempt(() => api.call('collections.export', { id }));
      if (!file) return;
      downloadBlob(new Blob([file.text], { type: 'application/json' }), file.fileName);
      get().notify('info', file.placeholders.length > 0 ? `Exported. Credentials were replaced by placeholders: ${file.placeholders.map((p) => `{{${p}}}`).join(', ')}.` : 'Exported.');
    },
  };
};
