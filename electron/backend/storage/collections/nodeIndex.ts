import { stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { FileProblem } from '../../../../shared/contract';
import type { CollectionTree, FolderItem, TreeItem } from '../../../../shared/model/collection';
import type { KeyValue } from '../../../../shared/model/keyValue';
import { notFound } from './inputs';
import {
  buildItems,
  buildTree,
  emptyIndex,
  nodeName,
  scanCollection,
  scanWorkspace,
  sortCollections,
  type CollectionNode,
  type ContainerNode,
  type FolderNode,
  type IndexNode,
  type RequestNode,
  type WorkspaceIndex,
} from './reader';

/**
 * The workspace as the store knows it: one node per collection, folder and request, by id (read
 * by reader.ts), with lookups that say plainly when an id is gone. Read whole by `rescan`, or one
 * collection folder at a time by `reread` once a watcher says which ones changed.
 */
export class NodeIndex {
  private data: WorkspaceIndex = emptyIndex();
  private everLoaded = false;

  /** True once the workspace has been read at least once. */
  get loaded(): boolean {
    return this.everLoaded;
  }

  /** Collection ids, in sidebar order. */
  get collections(): readonly string[] {
    return this.data.collections;
  }

  get problems(): FileProblem[] {
    return [...this.data.problems];
  }

  async rescan(workspaceDir: string): Promise<void> {
    this.data = await scanWorkspace(workspaceDir);
    this.everLoaded = true;
  }

  /**
   * Reads the named collection folders again (and only them): nodes and problems of what was
   * there are dropped, what is there now is read. Says which collections it read and which went.
   */
  async reread(workspaceDir: string, entries: readonly string[]): Promise<{ changed: string[]; removed: string[] }> {
    const index = this.data;
    const removed: string[] = [];
    const changed: string[] = [];
    for (const entry of new Set(entries)) {
      const dir = join(workspaceDir, entry);
      const old = index.collections.map((id) => this.collection(id)).find((c) => c.entry === entry);
      if (old) {
        for (const [id, node] of index.nodes) if (node.collectionId === old.id) index.nodes.delete(id);
        index.collections = index.collections.filter((id) => id !== old.id);
      }
      const inside = `${dir}${sep}`;
      index.problems = index.problems.filter((p) => p.file !== dir && !p.file.startsWith(inside));
      let node: CollectionNode | null = null;
      if (!entry.startsWith('.') && (await isDirectory(dir))) node = await scanCollection(dir, entry, index, { requireFile: false });
      if (node) {
        index.collections.push(node.id);
        changed.push(node.id);
      }
      if (old && old.id !== node?.id) removed.push(old.id);
    }
    index.collections = sortCollections(index);
    return { changed, removed };
  }

  /** Every collection and folder directory (what a watcher follows). */
  containerDirs(): Set<string> {
    const dirs = new Set<string>();
    for (const node of this.data.nodes.values()) if (node.kind !== 'request') dirs.add(node.dir);
    return dirs;
  }

  get(id: string): IndexNode | undefined {
    return this.data.nodes.get(id);
  }

  /** See buildTree: `clone: false` shares the index's request objects, for answers serialised at once. */
  tree(id: string, clone = true): CollectionTree {
    return buildTree(this.data, id, clone);
  }

  trees(clone = true): CollectionTree[] {
    return this.data.collections.map((id) => buildTree(this.data, id, clone));
  }

  /** Variables of one collection, without building its tree. */
  variables(id: string): KeyValue[] | undefined {
    const node = this.data.nodes.get(id);
    return node?.kind === 'collection' ? node.meta.variables.map((v) => ({ ...v })) : undefined;
  }

  collection(id: string): CollectionNode {
    const node = this.data.nodes.get(id);
    if (node?.kind !== 'collection') throw notFound(id, 'Collection');
    return node;
  }

  container(id: string): ContainerNode {
    const node = this.data.nodes.get(id);
    if (!node || node.kind === 'request') throw notFound(id, 'Collection or folder');
    return node;
  }

  request(id: string): RequestNode {
    const node = this.data.nodes.get(id);
    if (node?.kind !== 'request') throw notFound(id, 'Request');
    return node;
  }

  item(id: string): RequestNode | FolderNode {
    const node = this.data.nodes.get(id);
    if (!node || node.kind === 'collection') throw notFound(id, 'Request or folder');
    return node;
  }

  /** The item (request or folder with its contents) as the page sees it. */
  treeItem(id: string): TreeItem {
    const [item] = buildItems(this.data, [id]);
    if (!item) throw notFound(id);
    return item;
  }

  folderItem(id: string): FolderItem {
    const item = this.treeItem(id);
    if (item.kind !== 'folder') throw notFound(id, 'Folder');
    return item;
  }

  /** Entry names of a container's children in order, unreadable entries kept at the end. */
  childEntries(container: ContainerNode): string[] {
    return this.entriesOf(container, container.children);
  }

  /** Entry names of `ids` (an entry name from `overrides` first), then the container's unreadable entries. */
  entriesOf(container: ContainerNode, ids: readonly string[], overrides: ReadonlyMap<string, string> = new Map()): string[] {
    const entries = ids.map((id) => overrides.get(id) ?? this.data.nodes.get(id)?.entry ?? '').filter((e) => e !== '');
    return [...entries, ...container.broken];
  }

  /** `wanted`, or with a number after it when a collection is already named so (case aside). */
  uniqueCollectionName(wanted: string): string {
    const taken = new Set(this.data.collections.map((id) => nodeName(this.collection(id)).toLowerCase()));
    if (!taken.has(wanted.toLowerCase())) return wanted;
    for (let n = 2; ; n++) {
      const candidate = `${wanted} ${n}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
