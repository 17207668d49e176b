import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CollectionsPatch } from '../../../../shared/contract';
import {
  COLLECTION_FILE,
  FOLDER_FILE,
  REQUEST_SUFFIX,
  collectionFileText,
  folderFileText,
  requestFileText,
  slugify,
  type CollectionMeta,
} from '../../../../shared/formats/collectionFile';
import type { CollectionTree, FolderItem, RequestTemplate, TreeItem } from '../../../../shared/model/collection';
import type { KeyValue } from '../../../../shared/model/keyValue';
import { BackendError } from '../../errors';
import type { NodeIndex } from './nodeIndex';
import { nodeName, type IndexNode, type RequestNode } from './reader';
import { renewIds, type CollectionWriter } from './writer';

/** What an edit answers, built once the index has read what the edit wrote. */
export type Answer<T> = () => T;

/**
 * The store's edits, one method each, on input already checked: which files to write, in which
 * order, so that every step leaves a loadable state on disk. Each runs inside the store's change
 * (queued, the index read again afterwards) and returns how to build its answer from the index.
 */
export class CollectionEdits {
  /** Requests saved in place (not re-read) since the last `takeInPlace`. */
  private inPlace: CollectionsPatch['requests'] = [];

  constructor(
    private readonly index: NodeIndex,
    private readonly writer: CollectionWriter,
    private readonly workspace: () => string,
    /** A watcher keeps the index current, so a request saved under its own name need not be read again. */
    private readonly watching: () => boolean,
  ) {}

  /** The requests saved in place since the last call, and forgets them. */
  takeInPlace(): CollectionsPatch['requests'] {
    const requests = this.inPlace;
    this.inPlace = [];
    return requests;
  }

  // ---- collections -------------------------------------------------------------------------

  async createCollection(name: string): Promise<Answer<CollectionTree>> {
    const id = await this.writer.writeNewCollection(name, '', [], async () => []);
    return () => this.index.tree(id);
  }

  async renameCollection(id: string, name: string): Promise<Answer<CollectionTree>> {
    const node = this.index.collection(id);
    const workspaceDir = this.workspace();
    const entry = await this.writer.freeEntry(workspaceDir, slugify(name, 'collection'), '', node.entry);
    if (entry !== node.entry) await this.writer.move(node.dir, join(workspaceDir, entry));
    await this.writer.write(join(workspaceDir, entry, COLLECTION_FILE), collectionFileText({ ...node.meta, name }));
    return () => this.index.tree(id);
  }

  async updateCollection(id: string, description: string | undefined, variables: KeyValue[] | undefined): Promise<Answer<CollectionTree>> {
    const node = this.index.collection(id);
    const meta: CollectionMeta = { ...node.meta, description: description ?? node.meta.description, variables: variables ?? node.meta.variables };
    await this.writer.write(join(node.dir, COLLECTION_FILE), collectionFileText(meta));
    return () => this.index.tree(id);
  }

  async duplicateCollection(id: string): Promise<Answer<CollectionTree>> {
    const source = this.index.tree(this.index.collection(id).id);
    const newId = await this.writer.writeTree(source, this.index.uniqueCollectionName(`${source.name} copy`));
    return () => this.index.tree(newId);
  }

  async importTree(tree: CollectionTree, wanted: string, exactName: boolean): Promise<Answer<CollectionTree>> {
    const unique = this.index.uniqueCollectionName(wanted);
    if (exactName && unique !== wanted) {
      throw new BackendError(
        'CONFLICT',
        `A collection named "${wanted}" is already in your workspace. Import it under another name, or rename or delete the existing one first.`,
      );
    }
    const newId = await this.writer.writeTree(tree, unique);
    return () => this.index.tree(newId);
  }

  // ---- folders and requests -----------------------------------------------------------------

  async createFolder(parentId: string, name: string): Promise<Answer<FolderItem>> {
    const parent = this.index.container(parentId);
    const id = randomUUID();
    const entry = await this.writer.writeFolder(parent.dir, { id, name, description: '', order: [] });
    await this.writer.writeOrder(parent, [...this.index.childEntries(parent), entry]);
    return () => this.index.folderItem(id);
  }

  async saveRequest(parentId: string, next: RequestTemplate): Promise<Answer<RequestTemplate>> {
    const existing = this.index.get(next.id);
    if (existing && existing.kind !== 'request')
      throw new BackendError('CONFLICT', `The id ${next.id} belongs to a ${existing.kind}, not a request. Give the request a new id.`);
    if (existing && this.watching() && next.name === existing.request.name) {
      // Saved in place: write the one file and update the index; nothing else is read again.
      await this.writer.writeInPlace(existing.file, requestFileText(next));
      existing.request = structuredClone(next);
      this.inPlace.push({ collectionId: existing.collectionId, request: structuredClone(next) });
    } else if (existing) {
      await this.rewriteRequest(existing, next);
    } else {
      const parent = this.index.container(parentId);
      const entry = await this.writer.freeEntry(parent.dir, slugify(next.name, 'request'), REQUEST_SUFFIX);
      await this.writer.write(join(parent.dir, entry), requestFileText(next));
      await this.writer.writeOrder(parent, [...this.index.childEntries(parent), entry]);
    }
    return () => structuredClone(this.index.request(next.id).request);
  }

  async renameItem(id: string, name: string): Promise<Answer<TreeItem | CollectionTree>> {
    if (this.index.get(id)?.kind === 'collection') return this.renameCollection(id, name);
    const node = this.index.item(id);
    if (node.kind === 'request') {
      await this.rewriteRequest(node, { ...node.request, name });
    } else {
      const parent = this.index.container(node.parentId ?? '');
      const entry = await this.writer.freeEntry(parent.dir, slugify(name, 'folder'), '', node.entry);
      if (entry !== node.entry) await this.writer.move(node.dir, join(parent.dir, entry));
      await this.writer.write(join(parent.dir, entry, FOLDER_FILE), folderFileText({ ...node.meta, name }));
      await this.writer.writeOrder(
        parent,
        this.index.childEntries(parent).map((e) => (e === node.entry ? entry : e)),
      );
    }
    return () => this.index.treeItem(id);
  }

  async duplicateItem(id: string): Promise<Answer<TreeItem | CollectionTree>> {
    if (this.index.get(id)?.kind === 'collection') return this.duplicateCollection(id);
    const node = this.index.item(id);
    const parent = this.index.container(node.parentId ?? '');
    const source = this.index.treeItem(id);
    const copy = renewIds(source);
    if (copy.kind === 'request') copy.request.name = `${nodeName(node)} copy`;
    else copy.name = `${nodeName(node)} copy`;
    const entry = await this.writer.writeItem(parent.dir, copy);
    const entries = this.index.childEntries(parent);
    entries.splice(entries.indexOf(node.entry) + 1, 0, entry);
    await this.writer.writeOrder(parent, entries);
    const copyId = copy.kind === 'request' ? copy.request.id : copy.id;
    return () => this.index.treeItem(copyId);
  }

  /** Deletes a request, a folder with its contents, or a whole collection. */
  async deleteItem(id: string): Promise<Answer<void>> {
    const found = this.index.get(id);
    if (found?.kind === 'collection') {
      await this.writer.remove(found.dir, { recursive: true, force: true });
      return () => undefined;
    }
    const node = this.index.item(id);
    const parent = this.index.container(node.parentId ?? '');
    await this.writer.writeOrder(
      parent,
      this.index.childEntries(parent).filter((e) => e !== node.entry),
    );
    await this.writer.remove(node.kind === 'request' ? node.file : node.dir, { recursive: true, force: true });
    return () => undefined;
  }

  async moveItem(id: string, newParentId: string, index: number): Promise<Answer<void>> {
    const node = this.index.item(id);
    const target = this.index.container(newParentId);
    if (node.kind === 'folder') {
      for (let at: IndexNode | undefined = target; at; at = at.parentId ? this.index.get(at.parentId) : undefined) {
        if (at.id === node.id)
          throw new BackendError(
            'INVALID_INPUT',
            `The folder "${node.meta.name}" cannot be moved into itself or one of its own folders. Pick another destination.`,
          );
      }
    }
    const source = this.index.container(node.parentId ?? '');
    if (source.id === target.id) {
      const visible = target.children.filter((c) => c !== id);
      visible.splice(Math.min(index, visible.length), 0, id);
      await this.writer.writeOrder(target, this.index.entriesOf(target, visible));
      return () => undefined;
    }
    const suffix = node.kind === 'request' ? REQUEST_SUFFIX : '';
    const entry = await this.writer.freeEntry(target.dir, slugify(nodeName(node), node.kind), suffix);
    const from = node.kind === 'request' ? node.file : node.dir;
    await this.writer.move(from, join(target.dir, entry));
    // The item now lives in the target; list it there first so a crash between the two writes
    // leaves it visible (an order entry that no longer exists is simply ignored on load).
    const visible = [...target.children];
    visible.splice(Math.min(index, visible.length), 0, id);
    await this.writer.writeOrder(target, this.index.entriesOf(target, visible, new Map([[id, entry]])));
    await this.writer.writeOrder(
      source,
      this.index.childEntries(source).filter((e) => e !== node.entry),
    );
    return () => undefined;
  }

  private async rewriteRequest(node: RequestNode, next: RequestTemplate): Promise<void> {
    const parent = this.index.container(node.parentId ?? '');
    const entry =
      next.name === node.request.name ? node.entry : await this.writer.freeEntry(parent.dir, slugify(next.name, 'request'), REQUEST_SUFFIX, node.entry);
    await this.writer.write(join(parent.dir, entry), requestFileText(next));
    if (entry === node.entry) return;
    // New file first, then the order, then the old file: every step leaves a loadable state.
    await this.writer.writeOrder(
      parent,
      this.index.childEntries(parent).map((e) => (e === node.entry ? entry : e)),
    );
    await this.writer.remove(node.file, { force: true });
  }
}
