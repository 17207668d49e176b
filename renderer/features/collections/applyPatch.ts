import type { CollectionsOutline, CollectionsPatch, CollectionsState } from '../../../shared/contract';
import type { CollectionOutline, CollectionTree, RequestSummary, TreeItem } from '../../../shared/model/collection';

/** Replaces the request with `request.id` in `items`; unchanged arrays are kept (same reference). */
function replaceRequest<R extends RequestSummary>(items: TreeItem<R>[], request: R): TreeItem<R>[] | null {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TreeItem<R>;
    if (item.kind === 'request') {
      if (item.request.id !== request.id) continue;
      const next = [...items];
      next[i] = { kind: 'request', request };
      return next;
    }
    const inner = replaceRequest(item.items, request);
    if (inner) {
      const next = [...items];
      next[i] = { ...item, items: inner };
      return next;
    }
  }
  return null;
}

/**
 * The state after a `collections.patched` event: whole collections replaced, requests replaced
 * where they are, removed ones dropped, then the backend's order. Collections the patch does not
 * name keep their objects, so the sidebar re-renders only what changed.
 */
export function applyCollectionsPatch(state: CollectionsState, patch: CollectionsPatch): CollectionsState;
export function applyCollectionsPatch(state: CollectionsOutline, patch: CollectionsPatch): CollectionsOutline;
export function applyCollectionsPatch(state: CollectionsOutline, patch: CollectionsPatch): CollectionsOutline {
  // A patch brings whole trees and requests: an outline takes them as they are (a full tree is an outline too).
  const byId = new Map<string, CollectionOutline>(state.collections.map((c) => [c.id, c]));
  for (const id of patch.removed) byId.delete(id);
  for (const tree of patch.collections) byId.set(tree.id, tree);
  for (const { collectionId, request } of patch.requests) {
    const tree = byId.get(collectionId);
    const items = tree ? replaceRequest<RequestSummary>(tree.items, request) : null;
    if (tree && items) byId.set(collectionId, { ...tree, items });
  }
  const collections = patch.order.flatMap((id) => {
    const tree = byId.get(id);
    return tree ? [tree] : [];
  });
  return { collections, problems: patch.problems, workspaceDir: patch.workspaceDir };
}

/** The state with one saved request put in place, when it is already in the tree. */
export function withSavedRequest<R extends RequestSummary>(state: CollectionsState<R>, request: R): CollectionsState<R> {
  for (let i = 0; i < state.collections.length; i++) {
    const tree = state.collections[i] as CollectionTree<R>;
    const items = replaceRequest(tree.items, request);
    if (!items) continue;
    const collections = [...state.collections];
    collections[i] = { ...tree, items };
    return { ...state, collections };
  }
  return state;
}
