import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import { exportCollection } from '../../../shared/formats/explorer/exportCollection';
import { outlineOf } from '../../../shared/model/collection';
import type { BackendContext, HandlerGroup } from '../context';

/** `collections.*`: the user's collections, as files in the workspace folder. */
export function collectionHandlers(deps: Pick<BackendContext, 'collections' | 'collectionsChanged'>): HandlerGroup<'collections'> {
  const { collections } = deps;
  // A watched store tells the page what changed itself (collections.patched); an unwatched one
  // is followed by the whole state, as before.
  const changed = (): ReturnType<BackendContext['collectionsChanged']> => (collections.watching ? collections.state() : deps.collectionsChanged());
  const notify = (): void => {
    if (!collections.watching) deps.collectionsChanged();
  };
  return {
    'collections.list': async () => collections.current(),
    'collections.outline': async () => {
      const state = await collections.current();
      return { ...state, collections: state.collections.map(outlineOf) };
    },
    'collections.create': async ({ name }) => {
      const created = await collections.createCollection(name);
      notify();
      return created;
    },
    'collections.importBuiltin': async ({ name }) => {
      const created = await collections.importTree(BUILTIN_COLLECTION, name ?? BUILTIN_COLLECTION.name);
      notify();
      return created;
    },
    'collections.rename': async ({ id, name }) => {
      await collections.renameCollection(id, name);
      return changed();
    },
    'collections.duplicate': async ({ id }) => {
      const copy = await collections.duplicateCollection(id);
      notify();
      return copy;
    },
    'collections.delete': async ({ id }) => {
      await collections.deleteCollection(id);
      return changed();
    },
    'collections.update': async ({ id, description, variables }) => {
      await collections.updateCollection(id, { ...(description !== undefined ? { description } : {}), ...(variables !== undefined ? { variables } : {}) });
      return changed();
    },
    'collections.createFolder': async ({ parentId, name }) => {
      await collections.createFolder(parentId, name);
      return changed();
    },
    'collections.saveRequest': async ({ parentId, request }) => {
      const saved = await collections.saveRequest(parentId, request);
      notify();
      return saved;
    },
    'collections.renameItem': async ({ id, name }) => {
      await collections.renameItem(id, name);
      return changed();
    },
    'collections.duplicateItem': async ({ id }) => {
      await collections.duplicateItem(id);
      return changed();
    },
    'collections.deleteItem': async ({ id }) => {
      await collections.deleteItem(id);
      return changed();
    },
    'collections.moveItem': async ({ id, parentId, index }) => {
      await collections.moveItem(id, parentId, index);
      return changed();
    },
    'collections.export': async ({ id }) => {
      const tree = id === BUILTIN_COLLECTION.id ? BUILTIN_COLLECTION : collections.getCollection(id);
      const { text, placeholders } = exportCollection(tree);
      return { fileName: `${tree.name.replace(/[^\w.-]+/g, '_')}.sinch-explorer.json`, text, placeholders };
    },
  };
}
