import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileProblem } from '../../../../shared/contract';
import {
  COLLECTION_FILE,
  FOLDER_FILE,
  REQUEST_SUFFIX,
  collectionFileText,
  folderFileText,
  requestFileText,
  slugify,
  uniqueEntryName,
  type CollectionMeta,
  type FolderMeta,
} from '../../../../shared/formats/collectionFile';
import { RequestTemplateSchema, type CollectionTree, type FolderItem, type RequestTemplate, type TreeItem } from '../../../../shared/model/collection';
import { KeyValueSchema, type KeyValue } from '../../../../shared/model/keyValue';
import { BackendError } from '../../errors';
import { writeFileAtomic } from '../atomicFile';
import { buildItems, buildTree, emptyIndex, nodeName, scanWorkspace, type CollectionNode, type ContainerNode, type FolderNode, type IndexNode, type RequestNode, type WorkspaceIndex } from './reader';
import { SerialQueue } from '../serialQueue';

export { loadCollectionFolder } from './reader';

export interface CollectionsLoad {
  collections: CollectionTree[];
  /** Files that could not be read; they are left untouched on disk. */
  problems: FileProblem[];
  workspaceDir: string;
}

const NameSchema = z.string().trim().min(1, 'A name cannot be empty').max(300, 'A name can be at most 300 characters');
const VariablesSchema = z.array(KeyValueSchema).max(1000);

/**
 * The user's collections as plain files in a workspace folder they choose (format in
 * shared/formats/collectionFile.ts): one folder per collection, one file per request, a
 * folder.json per sub-folder. Ids inside the files are the identity; names on disk follow the
 * display names. Every change re-reads the workspace first, so edits made by hand or by git
 * since the last load are built on, not overwritten; files that cannot be read are reported
 * and never written.
 */
export class CollectionStore {
  private index: WorkspaceIndex = emptyIndex();
  private loaded = false;
  /** Serialises changes so two quick edits cannot land out of order. */
  private readonly queue = new SerialQueue();

  constructor(private workspaceDir: string) {}

  get workspace(): string {
    return this.workspaceDir;
  }

  async setWorkspace(dir: string): Promise<CollectionsLoad> {
    return this.queue.run(async () => {
      this.workspaceDir = dir;
      await this.rescan();
      return this.state();
    });
  }

  async load(): Promise<CollectionsLoad> {
    return this.queue.run(async () => {
      await this.rescan();
      return this.state();
    });
  }

  /** What the last load or change found, without touching the disk. */
  state(): CollectionsLoad {
    return {
      collections: this.index.collections.map((id) => buildTree(this.index, id)),
      problems: [...this.index.problems],
      workspaceDir: this.workspaceDir,
    };
  }

  getCollection(id: string): CollectionTree {
    this.collectionNode(id);
    return buildTree(this.index, id);
  }

  async getRequest(id: string): Promise<RequestTemplate> {
    if (!this.loaded) await this.load();
    return structuredClone(this.requestNode(id).request);
  }

  // ---- collections -------------------------------------------------------------------------

  async createCollection(name: string): Promise<CollectionTree> {
    const clean = validName(name);
    return this.change(async () => {
      const id = await this.writeNewCollection(clean, '', [], async () => []);
      return () => buildTree(this.index, id);
    });
  }

  async renameCollection(id: string, name: string): Promise<CollectionTree> {
    const clean = validName(name);
    return this.change(async () => {
      await this.renameCollectionNow(id, clean);
      return () => buildTree(this.index, id);
    });
  }

  async updateCollection(id: string, changes: { description?: string; variables?: KeyValue[] }): Promise<CollectionTree> {
    const description = changes.description === undefined ? undefined : parse(z.string().max(4000), changes.description, 'Description');
    const variables = changes.variables === undefined ? undefined : parse(VariablesSchema, changes.variables, 'Variables');
    return this.change(async () => {
      const node = this.collectionNode(id);
      const meta: CollectionMeta = { ...node.meta, description: description ?? node.meta.description, variables: variables ?? node.meta.variables };
      await writeFileAtomic(join(node.dir, COLLECTION_FILE), collectionFileText(meta));
      return () => buildTree(this.index, id);
    });
  }

  /** A full copy with new ids everywhere, named "<name> copy". */
  async duplicateCollection(id: string): Promise<CollectionTree> {
    return this.change(async () => {
      const newId = await this.duplicateCollectionNow(id);
      return () => buildTree(this.index, newId);
    });
  }

  /**
   * Saves a tree from elsewhere (the read-only built-in catalog, an imported file) as a new,
   * editable collection. A name already taken gets a number, unless `exactName` asks for a
   * CONFLICT instead (an import says so rather than picking a name the user did not choose).
   */
  async importTree(tree: CollectionTree, name?: string, options: { exactName?: boolean } = {}): Promise<CollectionTree> {
    const wanted = validName(name ?? tree.name);
    return this.change(async () => {
      const unique = this.uniqueCollectionName(wanted);
      if (options.exactName && unique !== wanted) {
        throw new BackendError('CONFLICT', `A collection named "${wanted}" is already in your workspace. Import it under another name, or rename or delete the existing one first.`);
      }
      const newId = await this.writeTree(tree, unique);
      return () => buildTree(this.index, newId);
    });
  }

  /** Deletes the collection's folder and everything in it. */
  async deleteCollection(id: string): Promise<void> {
    await this.change(async () => {
      await rm(this.collectionNode(id).dir, { recursive: true, force: true });
      return () => undefined;
    });
  }

  // ---- folders and requests -----------------------------------------------------------------

  async createFolder(parentId: string, name: string): Promise<FolderItem> {
    const clean = validName(name);
    return this.change(async () => {
      const parent = this.containerNode(parentId);
      const id = randomUUID();
      const entry = await this.writeFolder(parent.dir, { id, name: clean, description: '', order: [] });
      await this.writeOrder(parent, [...this.childEntries(parent), entry]);
      return () => this.folderItem(id);
    });
  }

  /**
   * Creates the request in `parentId`, or updates it where it already lives when its id is known
   * (moving is moveItem's job). A new name renames the file.
   */
  async saveRequest(parentId: string, request: RequestTemplate): Promise<RequestTemplate> {
    const parsed = RequestTemplateSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BackendError('INVALID_INPUT', `The request cannot be saved: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}. Fix it and save again.`);
    }
    const next = parsed.data;
    return this.change(async () => {
      const existing = this.index.nodes.get(next.id);
      if (existing && existing.kind !== 'request') throw new BackendError('CONFLICT', `The id ${next.id} belongs to a ${existing.kind}, not a request. Give the request a new id.`);
      if (existing) {
        await this.rewriteRequest(existing, next);
      } else {
        const parent = this.containerNode(parentId);
        const entry = await this.freeEntry(parent.dir, slugify(next.name, 'request'), REQUEST_SUFFIX);
        await writeFileAtomic(join(parent.dir, entry), requestFileText(next));
        await this.writeOrder(parent, [...this.childEntries(parent), entry]);
      }
      return () => structuredClone(this.requestNode(next.id).request);
    });
  }

  /** Renames a request, folder or collection; files and folders on disk follow the new name. */
  async renameItem(id: string, name: string): Promise<TreeItem | CollectionTree> {
    const clean = validName(name);
    return this.change<TreeItem | CollectionTree>(async () => {
      if (this.index.nodes.get(id)?.kind === 'collection') {
        await this.renameCollectionNow(id, clean);
        return () => buildTree(this.index, id);
      }
      const node = this.itemNode(id);
      if (node.kind === 'request') {
        await this.rewriteRequest(node, { ...node.request, name: clean });
      } else {
        const parent = this.containerNode(node.parentId ?? '');
        const entry = await this.freeEntry(parent.dir, slugify(clean, 'folder'), '', node.entry);
        if (entry !== node.entry) await rename(node.dir, join(parent.dir, entry));
        await writeFileAtomic(join(parent.dir, entry, FOLDER_FILE), folderFileText({ ...node.meta, name: clean }));
        await this.writeOrder(parent, this.childEntries(parent).map((e) => (e === node.entry ? entry : e)));
      }
      return () => this.treeItem(id);
    });
  }

  /** A copy placed right after the original, named "<name> copy", with new ids (a folder's contents too). */
  async duplicateItem(id: string): Promise<TreeItem | CollectionTree> {
    return this.change<TreeItem | CollectionTree>(async () => {
      if (this.index.nodes.get(id)?.kind === 'collection') {
        const newId = await this.duplicateCollectionNow(id);
        return () => buildTree(this.index, newId);
      }
      const node = this.itemNode(id);
      const parent = this.containerNode(node.parentId ?? '');
      const [source] = buildItems(this.index, [id]);
      if (!source) throw notFound(id);
      const copy = renewIds(source);
      if (copy.kind === 'request') copy.request.name = `${nodeName(node)} copy`;
      else copy.name = `${nodeName(node)} copy`;
      const entry = await this.writeItem(parent.dir, copy);
      const entries = this.childEntries(parent);
      entries.splice(entries.indexOf(node.entry) + 1, 0, entry);
      await this.writeOrder(parent, entries);
      const copyId = copy.kind === 'request' ? copy.request.id : copy.id;
      return () => this.treeItem(copyId);
    });
  }

  /** Deletes a request, a folder with its contents, or a whole collection. */
  async deleteItem(id: string): Promise<void> {
    await this.change(async () => {
      const found = this.index.nodes.get(id);
      if (found?.kind === 'collection') {
        await rm(found.dir, { recursive: true, force: true });
        return () => undefined;
      }
      const node = this.itemNode(id);
      const parent = this.containerNode(node.parentId ?? '');
      await this.writeOrder(parent, this.childEntries(parent).filter((e) => e !== node.entry));
      await rm(node.kind === 'request' ? node.file : node.dir, { recursive: true, force: true });
      return () => undefined;
    });
  }

  /**
   * Moves a request or folder (with its contents) to position `index` among the children of
   * `newParentId` (a collection or folder, in this or another collection); within the same
   * parent this reorders.
   */
  async moveItem(id: string, newParentId: string, index: number): Promise<void> {
    if (!Number.isInteger(index) || index < 0) throw new BackendError('INVALID_INPUT', `Position ${index} is not valid; use 0 or more.`);
    await this.change(async () => {
      const node = this.itemNode(id);
      const target = this.containerNode(newParentId);
      if (node.kind === 'folder') {
        for (let at: IndexNode | undefined = target; at; at = at.parentId ? this.index.nodes.get(at.parentId) : undefined) {
          if (at.id === node.id) throw new BackendError('INVALID_INPUT', `The folder "${node.meta.name}" cannot be moved into itself or one of its own folders. Pick another destination.`);
        }
      }
      const source = this.containerNode(node.parentId ?? '');
      if (source.id === target.id) {
        const visible = target.children.filter((c) => c !== id);
        visible.splice(Math.min(index, visible.length), 0, id);
        await this.writeOrder(target, this.entriesOf(target, visible));
        return () => undefined;
      }
      const suffix = node.kind === 'request' ? REQUEST_SUFFIX : '';
      const entry = await this.freeEntry(target.dir, slugify(nodeName(node), node.kind), suffix);
      const from = node.kind === 'request' ? node.file : node.dir;
      await rename(from, join(target.dir, entry));
      // The item now lives in the target; list it there first so a crash between the two writes
      // leaves it visible (an order entry that no longer exists is simply ignored on load).
      const visible = [...target.children];
      visible.splice(Math.min(index, visible.length), 0, id);
      await this.writeOrder(target, this.entriesOf(target, visible, new Map([[id, entry]])));
      await this.writeOrder(source, this.childEntries(source).filter((e) => e !== node.entry));
      return () => undefined;
    });
  }

  // ---- internals ----------------------------------------------------------------------------

  private async renameCollectionNow(id: string, name: string): Promise<void> {
    const node = this.collectionNode(id);
    const entry = await this.freeEntry(this.workspaceDir, slugify(name, 'collection'), '', node.entry);
    if (entry !== node.entry) await rename(node.dir, join(this.workspaceDir, entry));
    await writeFileAtomic(join(this.workspaceDir, entry, COLLECTION_FILE), collectionFileText({ ...node.meta, name }));
  }

  private async duplicateCollectionNow(id: string): Promise<string> {
    const source = buildTree(this.index, this.collectionNode(id).id);
    return this.writeTree(source, this.uniqueCollectionName(`${source.name} copy`));
  }

  private async rescan(): Promise<void> {
    this.index = await scanWorkspace(this.workspaceDir);
    this.loaded = true;
  }

  /** Re-reads the workspace, applies one change, re-reads again, then builds the answer. */
  private change<T>(task: () => Promise<() => T>): Promise<T> {
    return this.queue.run(async () => {
      await mkdir(this.workspaceDir, { recursive: true });
      await this.rescan();
      let answer: () => T;
      try {
        answer = await task();
      } finally {
        await this.rescan();
      }
      return answer();
    });
  }


  private collectionNode(id: string): CollectionNode {
    const node = this.index.nodes.get(id);
    if (node?.kind !== 'collection') throw notFound(id, 'Collection');
    return node;
  }

  private containerNode(id: string): ContainerNode {
    const node = this.index.nodes.get(id);
    if (!node || node.kind === 'request') throw notFound(id, 'Collection or folder');
    return node;
  }

  private requestNode(id: string): RequestNode {
    const node = this.index.nodes.get(id);
    if (node?.kind !== 'request') throw notFound(id, 'Request');
    return node;
  }

  private itemNode(id: string): RequestNode | FolderNode {
    const node = this.index.nodes.get(id);
    if (!node || node.kind === 'collection') throw notFound(id, 'Request or folder');
    return node;
  }

  private treeItem(id: string): TreeItem {
    const [item] = buildItems(this.index, [id]);
    if (!item) throw notFound(id);
    return item;
  }

  private folderItem(id: string): FolderItem {
    const item = this.treeItem(id);
    if (item.kind !== 'folder') throw notFound(id, 'Folder');
    return item;
  }

  /** Entry names of a container's children in order, unreadable entries kept at the end. */
  private childEntries(container: ContainerNode): string[] {
    return this.entriesOf(container, container.children);
  }

  private entriesOf(container: ContainerNode, ids: readonly string[], overrides: ReadonlyMap<string, string> = new Map()): string[] {
    const entries = ids.map((id) => overrides.get(id) ?? this.index.nodes.get(id)?.entry ?? '').filter((e) => e !== '');
    return [...entries, ...container.broken];
  }

  private async writeOrder(container: ContainerNode, order: string[]): Promise<void> {
    if (container.kind === 'collection') await writeFileAtomic(join(container.dir, COLLECTION_FILE), collectionFileText({ ...container.meta, order }));
    else await writeFileAtomic(join(container.dir, FOLDER_FILE), folderFileText({ ...container.meta, order }));
  }

  private async rewriteRequest(node: RequestNode, next: RequestTemplate): Promise<void> {
    const parent = this.containerNode(node.parentId ?? '');
    const entry = next.name === node.request.name ? node.entry : await this.freeEntry(parent.dir, slugify(next.name, 'request'), REQUEST_SUFFIX, node.entry);
    await writeFileAtomic(join(parent.dir, entry), requestFileText(next));
    if (entry === node.entry) return;
    // New file first, then the order, then the old file: every step leaves a loadable state.
    await this.writeOrder(parent, this.childEntries(parent).map((e) => (e === node.entry ? entry : e)));
    await rm(node.file, { force: true });
  }

  /**
   * A file or folder name for `slug` not used by anything in `dir` (including files the app could
   * not read or does not know), so nothing on disk is ever overwritten. `own` is the item's
   * current name, which it may keep.
   */
  private async freeEntry(dir: string, slug: string, suffix: string, own?: string): Promise<string> {
    const wanted = `${slug}${suffix}`;
    if (own !== undefined && own.toLowerCase() === wanted.toLowerCase()) return own;
    let taken: string[] = [];
    try {
      taken = await readdir(dir);
    } catch {
      /* a folder that does not exist yet has no names taken */
    }
    taken.push(COLLECTION_FILE, FOLDER_FILE);
    return uniqueEntryName(slug, suffix, taken.filter((t) => t !== own));
  }

  private uniqueCollectionName(wanted: string): string {
    const taken = new Set(this.index.collections.map((id) => nodeName(this.collectionNode(id)).toLowerCase()));
    if (!taken.has(wanted.toLowerCase())) return wanted;
    for (let n = 2; ; n++) {
      const candidate = `${wanted} ${n}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }

  /** Writes a whole tree as a new collection with new ids; collection.json goes last, so a half-written copy is never loaded. */
  private async writeTree(tree: CollectionTree, name: string): Promise<string> {
    const variables = parse(VariablesSchema, tree.variables, 'Collection variables');
    return this.writeNewCollection(name, tree.description, variables, async (dir) => {
      const order: string[] = [];
      for (const item of tree.items) order.push(await this.writeItem(dir, renewIds(item)));
      return order;
    });
  }

  private async writeNewCollection(name: string, description: string, variables: KeyValue[], writeChildren: (dir: string) => Promise<string[]>): Promise<string> {
    const id = randomUUID();
    // Built in a hidden folder (never loaded: dot entries are skipped) and renamed into place, so
    // a crash or an error half-way leaves nothing that looks like a collection.
    const temp = join(this.workspaceDir, `.new-${id}`);
    await mkdir(temp);
    try {
      const order = await writeChildren(temp);
      await writeFileAtomic(join(temp, COLLECTION_FILE), collectionFileText({ id, name, description, variables, order }));
      const entry = await this.freeEntry(this.workspaceDir, slugify(name, 'collection'), '');
      await rename(temp, join(this.workspaceDir, entry));
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    return id;
  }

  /** Writes an item (already with its final ids) into `dir`; returns its entry name. */
  private async writeItem(dir: string, item: TreeItem): Promise<string> {
    if (item.kind === 'request') {
      const request = parse(RequestTemplateSchema, item.request, `Request "${item.request.name}"`);
      const entry = await this.freeEntry(dir, slugify(request.name, 'request'), REQUEST_SUFFIX);
      await writeFileAtomic(join(dir, entry), requestFileText(request));
      return entry;
    }
    const entry = await this.freeEntry(dir, slugify(item.name, 'folder'), '');
    const sub = join(dir, entry);
    await mkdir(sub);
    const order: string[] = [];
    for (const child of item.items) order.push(await this.writeItem(sub, child));
    await writeFileAtomic(join(sub, FOLDER_FILE), folderFileText({ id: item.id, name: validName(item.name), description: item.description, order }));
    return entry;
  }

  private async writeFolder(parentDir: string, meta: FolderMeta): Promise<string> {
    const entry = await this.freeEntry(parentDir, slugify(meta.name, 'folder'), '');
    await mkdir(join(parentDir, entry));
    await writeFileAtomic(join(parentDir, entry, FOLDER_FILE), folderFileText(meta));
    return entry;
  }
}

/** A deep copy with a new id for the item and everything inside it. */
function renewIds(item: TreeItem): TreeItem {
  if (item.kind === 'request') return { kind: 'request', request: { ...structuredClone(item.request), id: randomUUID() } };
  return { kind: 'folder', id: randomUUID(), name: item.name, description: item.description, items: item.items.map(renewIds) };
}

function validName(name: string): string {
  return parse(NameSchema, name, 'Name');
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new BackendError('INVALID_INPUT', `${what}${where}: ${issue?.message ?? 'invalid'}.`);
}

function notFound(id: string, what = 'Item'): BackendError {
  return new BackendError('NOT_FOUND', `${what} ${id} does not exist (it may have been deleted or changed on disk). Reload the collections and try again.`);
}
