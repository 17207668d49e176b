import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import type { CollectionsOutline, CollectionsPatch, CollectionsState } from '../../../shared/contract';
import type { CollectionOutline, CollectionTree, RequestTemplate } from '../../../shared/model/collection';
import type { KeyValue } from '../../../shared/model/keyValue';
import { api } from '../../api';
import { downloadBlob } from '../../ui/download';
import { applyCollectionsPatch, withSavedRequest } from './applyPatch';
import { findRequest } from './treeModel';
import type { StateCreator } from 'zustand';
import type { StoreState } from '../../store';

export interface CollectionsSlice {
  /**
   * The workspace as the sidebar shows it. A page's first answer is an outline (requests as id,
   * name and method); once `collectionsInFull` is loaded, this is that same object.
   */
  collections: CollectionsOutline;
  /** Every request in full: loaded on first need (palette, filter, opening a request, restored tabs), then kept current by events. */
  collectionsInFull: CollectionsState | null;
  globals: KeyValue[];
  /** Expanded collections and folders in the sidebar, by id. */
  expanded: Record<string, boolean>;
  sidebarFilter: string;
  /** The row being renamed inline. */
  renamingId: string | null;
  /** Reads the collections (their outline, or in full once they were needed in full) and the globals. */
  loadCollections(): Promise<void>;
  /**
   * Loads every request in full once; later calls wait for that load. After it, events keep them
   * current, so a second list of a large workspace (megabytes) is not needed.
   */
  ensureCollectionsLoaded(): Promise<CollectionsState | null>;
  /** Opens a saved request by id, read in full first when only its summary is known. */
  openSavedRequest(requestId: string, collectionId: string, readOnly: boolean): Promise<void>;
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

/** The same, every request in full (the catalog only, until `collectionsInFull` is loaded). */
export const selectAllCollectionsInFull = (() => {
  let last: CollectionTree[] | null = null;
  let lastResult: CollectionTree[] = [BUILTIN_COLLECTION];
  return (s: { collectionsInFull: CollectionsState | null }): CollectionTree[] => {
    const full = s.collectionsInFull?.collections ?? null;
    if (full !== last) {
      last = full;
      lastResult = [BUILTIN_COLLECTION, ...(full ?? [])];
    }
    return lastResult;
  };
})();

/** The built-in catalog first, read-only, then the user's collections. */
export const selectAllCollections = (() => {
  let last: CollectionOutline[] | null = null;
  let lastResult: CollectionOutline[] = [];
  return (s: { collections: CollectionsOutline }): CollectionOutline[] => {
    if (s.collections.collections !== last) {
      last = s.collections.collections;
      lastResult = [BUILTIN_COLLECTION, ...last];
    }
    return lastResult;
  };
})();

export const createCollectionsSlice: StateCreator<StoreState, [], [], CollectionsSlice> = (set, get) => {
  /** The load in full while it runs (callers meanwhile share it); after it, `collectionsInFull` answers, or a failed load is tried again on the next need. */
  let fullLoad: Promise<CollectionsState | null> | null = null;
  const setFull = (collections: CollectionsState): void => set({ collections, collectionsInFull: collections });
  const apply = (collections: CollectionsState | undefined): void => {
    if (collections) setFull(collections);
  };
  const readInFull = async (): Promise<CollectionsState | null> => {
    const collections = await get().attempt(() => api.call('collections.list'));
    if (collections) setFull(collections);
    return collections ?? null;
  };
  return {
    collections: { collections: [], problems: [], workspaceDir: '' },
    collectionsInFull: null,
    globals: [],
    // The catalog starts open: it is what a newcomer looks for first.
    expanded: { [BUILTIN_COLLECTION.id]: true },
    sidebarFilter: '',
    renamingId: null,
    async loadCollections() {
      // Once the requests were needed in full, they are read in full again (after a reconnect, an import).
      if (get().collectionsInFull !== null) {
        await get().attempt(async () => {
          const [collections, globals] = await Promise.all([api.call('collections.list'), api.call('globals.get')]);
          set({ collections, collectionsInFull: collections, globals });
        });
        return;
      }
      await get().attempt(async () => {
        const [collections, globals] = await Promise.all([api.call('collections.outline'), api.call('globals.get')]);
        // The requests may have been loaded in full meanwhile: an outline must not replace them.
        set(get().collectionsInFull === null ? { collections, globals } : { globals });
      });
    },
    ensureCollectionsLoaded() {
      const full = get().collectionsInFull;
      if (full) return Promise.resolve(full);
      fullLoad ??= readInFull().finally(() => {
        fullLoad = null;
      });
      return fullLoad;
    },
    async openSavedRequest(requestId, collectionId, readOnly) {
      const state = get();
      const tree = readOnly
        ? BUILTIN_COLLECTION
        : (state.collectionsInFull ?? (await state.ensureCollectionsLoaded()))?.collections.find((c) => c.id === collectionId);
      const request = tree ? findRequest(tree, requestId) : null;
      if (request) get().openRequest(request, readOnly ? { kind: 'builtin' } : { kind: 'collection', collectionId });
    },
    onCollectionsChanged(collections) {
      apply(collections);
    },
    onCollectionsPatched(patch) {
      set((s) => {
        // Until the requests are loaded in full, the patch (whole trees, whole requests) goes into the outline.
        if (!s.collectionsInFull) return { collections: applyCollectionsPatch(s.collections, patch) };
        const collections = applyCollectionsPatch(s.collectionsInFull, patch);
        return { collections, collectionsInFull: collections };
      });
    },
    onGlobalsChanged(globals) {
      set({ globals });
    },
    setExpanded: (id, open) => set((s) => ({ expanded: { ...s.expanded, [id]: open } })),
    setSidebarFilter(sidebarFilter) {
      set({ sidebarFilter });
      // The filter reads URLs and descriptions too: the rows follow once the requests are in full.
      if (sidebarFilter.trim() !== '') void get().ensureCollectionsLoaded();
    },
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
      if (saved) {
        set((s) => {
          if (!s.collectionsInFull) return { collections: withSavedRequest(s.collections, saved) };
          const collections = withSavedRequest(s.collectionsInFull, saved);
          return { collections, collectionsInFull: collections };
        });
      }
      return saved;
    },
    async renameItem(id, name) {
      const collections = await get().attempt(() => api.call('collections.renameItem', { id, name }));
      apply(collections);
      // An open tab of a renamed request takes its new name (as saved: the rename is not an unsaved edit).
      const renamed = collections?.collections.map((tree) => findRequest(tree, id)).find((r) => r !== null);
      if (renamed) {
        set((s) => ({
          tabs: s.tabs.map((t) =>
            t.request.id === id && t.origin.kind === 'collection'
              ? { ...t, request: { ...t.request, name: renamed.name }, saved: t.saved ? { ...t.saved, name: renamed.name } : t.saved }
              : t,
          ),
        }));
      }
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
      get().notify(
        'info',
        file.placeholders.length > 0
          ? `Exported. Credentials were replaced by placeholders: ${file.placeholders.map((p) => `{{${p}}}`).join(', ')}.`
          : 'Exported.',
      );
    },
  };
};
