import type { CollectionOutline, CollectionTree, RequestSummary, RequestTemplate, TreeItem } from '../../../shared/model/collection';
import { hasOwn } from '../../../shared/safeObject';

/** Ids are user-controlled (folder names): `constructor` must not read Object's own constructor as "open". */
export function isExpanded(expanded: Record<string, boolean>, id: string): boolean {
  return hasOwn(expanded, id) && expanded[id] === true;
}

export interface TreeRow {
  id: string;
  kind: 'collection' | 'folder' | 'request';
  name: string;
  depth: number;
  collectionId: string;
  readOnly: boolean;
  parentId: string | null;
  /** Index among its parent's children (for moves). */
  index: number;
  request?: RequestSummary;
  hasChildren: boolean;
}

/**
 * The filter's words, lower-cased, each once, at most FILTER_MAX_WORDS: worked out once per filter,
 * not once per request. A pasted page of text (3,000 words) was split again for each of 5,000
 * requests, and the page froze for most of a second on every key.
 */
const FILTER_MAX_WORDS = 32;
function filterWords(filter: string): string[] {
  return [...new Set(filter.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, FILTER_MAX_WORDS);
}

/** Reads URLs and descriptions where the request is known in full (in an outline, name and method only). */
function matches(request: RequestSummary & Partial<Pick<RequestTemplate, 'url' | 'description'>>, words: readonly string[]): boolean {
  const text = `${request.method} ${request.name} ${request.url ?? ''} ${request.description ?? ''}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

/**
 * The rows the sidebar shows, in order: collapsed folders hide their children; a filter shows every
 * match with its ancestors, expanded.
 */
export function visibleRows(collections: readonly CollectionOutline[], expanded: Readonly<Record<string, boolean>>, filter: string): TreeRow[] {
  const rows: TreeRow[] = [];
  const trimmed = filter.trim();
  const filtering = trimmed !== '';
  const words = filtering ? filterWords(trimmed) : [];
  const lowered = trimmed.toLowerCase();
  // Each item is judged once: a folder's answer is asked again at every level above it.
  const judged = new Map<TreeItem<RequestSummary>, boolean>();
  /** Does any request below match? (Folders and collections are shown when something inside matches.) */
  const itemMatches = (item: TreeItem<RequestSummary>): boolean => {
    const known = judged.get(item);
    if (known !== undefined) return known;
    const found = item.kind === 'request' ? matches(item.request, words) : item.name.toLowerCase().includes(lowered) || item.items.some(itemMatches);
    judged.set(item, found);
    return found;
  };
  const walk = (items: readonly TreeItem<RequestSummary>[], depth: number, collection: CollectionOutline, parentId: string): void => {
    items.forEach((item, index) => {
      if (filtering && !itemMatches(item)) return;
      if (item.kind === 'request') {
        rows.push({
          id: item.request.id,
          kind: 'request',
          name: item.request.name,
          depth,
          collectionId: collection.id,
          readOnly: collection.readOnly,
          parentId,
          index,
          request: item.request,
          hasChildren: false,
        });
      } else {
        rows.push({
          id: item.id,
          kind: 'folder',
          name: item.name,
          depth,
          collectionId: collection.id,
          readOnly: collection.readOnly,
          parentId,
          index,
          hasChildren: item.items.length > 0,
        });
        if (filtering || isExpanded(expanded, item.id)) walk(item.items, depth + 1, collection, item.id);
      }
    });
  };
  collections.forEach((collection, index) => {
    if (filtering && !collection.items.some(itemMatches)) return;
    rows.push({
      id: collection.id,
      kind: 'collection',
      name: collection.name,
      depth: 0,
      collectionId: collection.id,
      readOnly: collection.readOnly,
      parentId: null,
      index,
      hasChildren: collection.items.length > 0,
    });
    if (filtering || isExpanded(expanded, collection.id)) walk(collection.items, 1, collection, collection.id);
  });
  return rows;
}

/** Where a request lives: its collection and its direct parent (collection or folder). */
export function locateRequest<C extends CollectionOutline>(collections: readonly C[], requestId: string): { collection: C; parentId: string } | null {
  const search = (items: readonly TreeItem<RequestSummary>[], parentId: string): string | null => {
    for (const item of items) {
      if (item.kind === 'request' && item.request.id === requestId) return parentId;
      if (item.kind === 'folder') {
        const found = search(item.items, item.id);
        if (found) return found;
      }
    }
    return null;
  };
  for (const collection of collections) {
    const parentId = search(collection.items, collection.id);
    if (parentId) return { collection, parentId };
  }
  return null;
}

/** Every folder of a collection, with its path, for "save into" pickers. */
export function foldersOf(collection: CollectionOutline): { id: string; path: string }[] {
  const out: { id: string; path: string }[] = [{ id: collection.id, path: collection.name }];
  const walk = (items: readonly TreeItem<RequestSummary>[], prefix: string): void => {
    for (const item of items) {
      if (item.kind === 'folder') {
        out.push({ id: item.id, path: `${prefix} / ${item.name}` });
        walk(item.items, `${prefix} / ${item.name}`);
      }
    }
  };
  walk(collection.items, collection.name);
  return out;
}

/** A request of a tree, in full, by id. */
export function findRequest(tree: CollectionTree, requestId: string): RequestTemplate | null {
  const search = (items: readonly TreeItem[]): RequestTemplate | null => {
    for (const item of items) {
      if (item.kind === 'request') {
        if (item.request.id === requestId) return item.request;
      } else {
        const found = search(item.items);
        if (found) return found;
      }
    }
    return null;
  };
  return search(tree.items);
}

/** All requests of all collections with a readable path, for the command palette. */
export function allRequests(collections: readonly CollectionTree[]): { request: RequestTemplate; collection: CollectionTree; path: string }[] {
  const out: { request: RequestTemplate; collection: CollectionTree; path: string }[] = [];
  const walk = (items: readonly TreeItem[], collection: CollectionTree, path: string): void => {
    for (const item of items) {
      if (item.kind === 'request') out.push({ request: item.request, collection, path });
      else walk(item.items, collection, `${path} / ${item.name}`);
    }
  };
  for (const collection of collections) walk(collection.items, collection, collection.name);
  return out;
}
