import { randomUUID } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { z } from 'zod';
import type { CollectionsPatch, FileProblem } from '../../../../shared/contract';
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
import { buildItems, buildTree, emptyIndex, nodeName, scanCollection, scanWorkspace, sortCollections, type CollectionNode, type ContainerNode, type FolderNode, type IndexNode, type RequestNode, type WorkspaceIndex } from './reader';
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

/** How long the watcher waits for a burst of file events (a git checkout) to settle. */
const WATCH_DEBOUNCE_MS = 75;
/** How long the store remembers a path it wrote, to tell its own watcher events from others'. */
const SELF_WRITE_QUIET_MS = 2000;

/**
 * The user's collections as plain files in a workspace folder they choose (format in
 * shared/formats/collectionFile.ts): one folder per collection, one file per request, a
 * folder.json per sub-folder. Ids inside the files are the identity; names on disk follow the
 * display names. Files that cannot be read are reported and never written.
 *
 * Edits made by hand or by git are built on, not overwritten. Once `watch()` runs, a file watcher
 * tells the store which collection folders changed (debounced, its own writes ignored) and only
 * those are read again; a change re-reads only the collections it touched, and a request saved
 * in place is not re-read at all. Each of these reaches `onPatch` listeners as a
 * CollectionsPatch. Without a watcher (not started, or not supported) every change re-reads the
 * whole workspace before and after, as before.
 */
export class CollectionStore {
  private index: WorkspaceIndex = emptyIndex();
  private loaded = false;
  /** Serialises changes so two quick edits cannot land out of order. */
  private readonly queue = new SerialQueue();
  private watcher: FSWatcher | null = null;
  /** Collection folder names (top-level entries) the watcher saw change, not yet re-read. */
  private readonly pending = new Set<string>();
  private pendingTimer: NodeJS.Timeout | null = null;
  private readonly patchListeners = new Set<(patch: CollectionsPatch) => void>();

  constructor(private workspaceDir: string) {}

  /** Called with each change, from the app or from the disk; returns the unsubscribe. */
  onPatch(listener: (patch: CollectionsPatch) => void): () => void {
    this.patchListeners.add(listener);
    return () => this.patchListeners.delete(listener);
  }

  get watching(): boolean {
    return this.watcher !== null;
  }

  /**
   * Follows the workspace folder for edits made outside the app. One plain (non-recursive)
   * fs.watch per folder the workspace is made of (the workspace, each collection, each folder in
   * it): a few hundred for a large workspace, where a recursive watch on Linux sets one up per
   * file and takes seconds. Returns false when it cannot, and the store keeps re-reading
   * everything around each change instead.
   */
  async watch(): Promise<boolean> {
    this.unwatch();
    try {
      await mkdir(this.workspaceDir, { recursive: true });
      this.watcher = this.watchDir(this.workspaceDir);
      this.syncWatchers();
      return true;
    } catch {
      this.unwatch();
      return false;
    }
  }

  unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    for (const w of this.dirWatchers.values()) w.close();
    this.dirWatchers.clear();
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    this.pending.clear();
  }

  /** Folder path → its watcher, for every collection and folder in the index. */
  private readonly dirWatchers = new Map<string, FSWatcher>();

  private watchDir(dir: string): FSWatcher {
    const watcher = watch(dir, { persistent: false }, (_event, filename) => {
      const name = filename === null ? '' : String(filename);
      // An event without a name means "something in this folder changed": read everything.
      if (name === '') this.onDiskEvent('', null);
      else this.onDiskEvent(this.entryOf(join(dir, name)) ?? '', join(dir, name));
    });
    watcher.on('error', () => {
      // The folder went away (deleted, moved): its parent's watcher reports that.
      watcher.close();
      if (this.dirWatchers.get(dir) === watcher) this.dirWatchers.delete(dir);
    });
    return watcher;
  }

  /** Watches exactly the collection and folder directories the index holds now. */
  private syncWatchers(): void {
    if (!this.watcher) return;
    const wanted = new Set<string>();
    for (const node of this.index.nodes.values()) if (node.kind !== 'request') wanted.add(node.dir);
    for (const [dir, w] of this.dirWatchers) {
      if (!wanted.has(dir)) {
        w.close();
        this.dirWatchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (this.dirWatchers.has(dir)) continue;
      try {
        this.dirWatchers.set(dir, this.watchDir(dir));
      } catch {
        /* gone already: the next event or change reads it again */
      }
    }
  }

  /**
   * The collections, from memory when the watcher keeps them current, else read from disk. The
   * requests in the answer are the store's own objects (not copies): for an answer that is
   * serialised at once (`collections.list`), and never to be changed by the caller.
   */
  async current(): Promise<CollectionsLoad> {
    if (this.watcher && this.loaded) {
      await this.queue.run(() => this.flushPending());
      return { collections: this.index.collections.map((id) => buildTree(this.index, id, false)), problems: [...this.index.problems], workspaceDir: this.workspaceDir };
    }
    return this.load();
  }

  /** Variables of one collection, without building its tree. */
  collectionVariables(id: string): KeyValue[] | undefined {
    const node = this.index.nodes.get(id);
    return node?.kind === 'collection' ? node.meta.variables.map((v) => ({ ...v })) : undefined;
  }

  get workspace(): string {
    return this.workspaceDir;
  }

  async setWorkspace(dir: string): Promise<CollectionsLoad> {
    const rewatch = this.watcher !== null;
    return this.queue.run(async () => {
      this.unwatch();
      this.workspaceDir = dir;
      await this.rescan();
      if (rewatch) await this.watch();
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
      await this.write(join(node.dir, COLLECTION_FILE), collectionFileText(meta));
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
      await this.remove(this.collectionNode(id).dir, { recursive: true, force: true });
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
      if (existing && this.watcher && next.name === existing.request.name) {
        // Saved in place: write the one file and update the index; nothing else is read again.
        this.markOwn(existing.file);
        await writeFileAtomic(existing.file, requestFileText(next));
        await this.settleOwn(existing.file);
        existing.request = structuredClone(next);
        this.inPlace.push({ collectionId: existing.collectionId, request: structuredClone(next) });
      } else if (existing) {
        await this.rewriteRequest(existing, next);
      } else {
        const parent = this.containerNode(parentId);
        const entry = await this.freeEntry(parent.dir, slugify(next.name, 'request'), REQUEST_SUFFIX);
        await this.write(join(parent.dir, entry), requestFileText(next));
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
        if (entry !== node.entry) await this.move(node.dir, join(parent.dir, entry));
        await this.write(join(parent.dir, entry, FOLDER_FILE), folderFileText({ ...node.meta, name: clean }));
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
        await this.remove(found.dir, { recursive: true, force: true });
        return () => undefined;
      }
      const node = this.itemNode(id);
      const parent = this.containerNode(node.parentId ?? '');
      await this.writeOrder(parent, this.childEntries(parent).filter((e) => e !== node.entry));
      await this.remove(node.kind === 'request' ? node.file : node.dir, { recursive: true, force: true });
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
      await this.move(from, join(target.dir, entry));
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
    if (entry !== node.entry) await this.move(node.dir, join(this.workspaceDir, entry));
    await this.write(join(this.workspaceDir, entry, COLLECTION_FILE), collectionFileText({ ...node.meta, name }));
  }

  private async duplicateCollectionNow(id: string): Promise<string> {
    const source = buildTree(this.index, this.collectionNode(id).id);
    return this.writeTree(source, this.uniqueCollectionName(`${source.name} copy`));
  }

  private async rescan(): Promise<void> {
    this.index = await scanWorkspace(this.workspaceDir);
    this.loaded = true;
    this.syncWatchers();
  }

  /**
   * Applies one change. Watched: re-reads only the collection folders the change wrote to (a
   * request saved in place is not re-read at all) and tells onPatch listeners what changed.
   * Unwatched: re-reads the whole workspace before and after, so edits on disk are built on.
   */
  private change<T>(task: () => Promise<() => T>): Promise<T> {
    return this.queue.run(async () => {
      await mkdir(this.workspaceDir, { recursive: true });
      if (!this.watcher) {
        await this.rescan();
        let answer: () => T;
        try {
          answer = await task();
        } finally {
          await this.rescan();
        }
        return answer();
      }
      // Disk edits the watcher has seen but not yet read come first, so they are built on.
      await this.flushPending();
      this.touched.clear();
      this.inPlace = [];
      let answer: () => T;
      try {
        answer = await task();
      } finally {
        const entries = [...this.touched];
        this.touched.clear();
        const requests = this.inPlace;
        this.inPlace = [];
        const patch = await this.refreshEntries(entries);
        patch.requests.push(...requests);
        this.emitPatch(patch);
      }
      return answer();
    });
  }

  /** Entries (collection folder names) written by the change in progress. */
  private readonly touched = new Set<string>();
  /** Requests saved in place by the change in progress. */
  private inPlace: CollectionsPatch['requests'] = [];

  /** The collection folder (top-level entry) a path lies in, or null outside the workspace. */
  private entryOf(path: string): string | null {
    const root = this.workspaceDir.endsWith(sep) ? this.workspaceDir : `${this.workspaceDir}${sep}`;
    if (!path.startsWith(root)) return null;
    const entry = path.slice(root.length).split(sep)[0] ?? '';
    return entry === '' ? null : entry;
  }

  private record(path: string): void {
    const entry = this.entryOf(path);
    if (entry !== null) this.touched.add(entry);
  }

  /**
   * Marks a path as written by the store, before writing (its events may come at once). Until
   * `settleOwn` records its time, any event for it (or, for a folder, inside it) is ours.
   */
  private markOwn(path: string, tree = false): void {
    this.ownPaths.set(path, { mtimeMs: -1, tree, until: Date.now() + SELF_WRITE_QUIET_MS });
  }

  /** Records the written file's time: a later event for it with another time is someone else's edit. */
  private async settleOwn(path: string): Promise<void> {
    try {
      this.ownPaths.set(path, { mtimeMs: (await stat(path)).mtimeMs, tree: false, until: Date.now() + SELF_WRITE_QUIET_MS });
    } catch {
      /* gone: events for it stay ours until the window ends */
    }
  }

  /** True when an event for `path` comes from the store's own writes (not a hand or git edit). */
  private async isOwn(path: string): Promise<boolean> {
    const now = Date.now();
    for (const [p, own] of this.ownPaths) if (own.until < now) this.ownPaths.delete(p);
    // Temp files of atomic writes (".name.xxxx.tmp") are the store's.
    if (/^\..*\.tmp$/.test(basename(path))) return true;
    const exact = this.ownPaths.get(path);
    if (exact) {
      if (exact.mtimeMs < 0) return true;
      try {
        return (await stat(path)).mtimeMs === exact.mtimeMs;
      } catch {
        return false;
      }
    }
    // Inside a folder the store moved or removed (a folder it made is watched like any other).
    for (let dir = dirname(path); dir.length > this.workspaceDir.length; dir = dirname(dir)) {
      if (this.ownPaths.get(dir)?.tree === true) return true;
    }
    return false;
  }

  private readonly ownPaths = new Map<string, { mtimeMs: number; tree: boolean; until: number }>();

  private async write(path: string, text: string): Promise<void> {
    this.record(path);
    this.markOwn(path);
    await writeFileAtomic(path, text);
    await this.settleOwn(path);
  }

  private async move(from: string, to: string): Promise<void> {
    this.record(from);
    this.record(to);
    this.markOwn(from, true);
    this.markOwn(to, true);
    await rename(from, to);
  }

  /**
   * Renames a collection built in a hidden folder into place. Only the new entry itself is marked
   * as the store's: what is inside it was written before the rename (under the hidden name), so a
   * hand edit inside it a moment later is someone else's and must be seen.
   */
  private async placeNew(from: string, to: string): Promise<void> {
    this.record(from);
    this.record(to);
    this.markOwn(from, true);
    this.markOwn(to);
    await rename(from, to);
  }

  private async remove(path: string, options: { recursive?: boolean; force?: boolean }): Promise<void> {
    this.record(path);
    this.markOwn(path, true);
    await rm(path, options);
  }

  private async makeDir(path: string): Promise<void> {
    this.record(path);
    this.markOwn(path);
    await mkdir(path);
  }

  /**
   * `entry`: the collection folder (top-level name) the event is about, '' for "unknown: read
   * all"; `path`: the file or folder named by the event. The store's own writes are recognised by
   * path (and time), so a hand edit right after an app change is still seen.
   */
  private onDiskEvent(entry: string, path: string | null): void {
    // A temp file at the top level is nobody's collection.
    if (entry.startsWith('.')) return;
    if (path === null) {
      this.queueEntry(entry);
      return;
    }
    void this.isOwn(path).then((own) => {
      if (!own) this.queueEntry(entry);
    });
  }

  private queueEntry(entry: string): void {
    if (!this.watcher) return;
    this.pending.add(entry);
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = null;
      void this.queue.run(() => this.flushPending()).catch(() => undefined);
    }, WATCH_DEBOUNCE_MS);
  }

  /** Reads again what the watcher reported, and says what changed. */
  private async flushPending(): Promise<void> {
    if (this.pending.size === 0) return;
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    const entries = [...this.pending];
    this.pending.clear();
    // An event with no file name (some platforms) means "something changed": read everything.
    const patch = entries.includes('') ? await this.rescanAsPatch() : await this.refreshEntries(entries);
    this.emitPatch(patch);
  }

  private async rescanAsPatch(): Promise<CollectionsPatch> {
    const before = new Set(this.index.collections);
    await this.rescan();
    this.syncWatchers();
    const after = new Set(this.index.collections);
    return {
      ...this.patchBase(),
      collections: this.index.collections.map((id) => buildTree(this.index, id)),
      removed: [...before].filter((id) => !after.has(id)),
    };
  }

  /**
   * Reads the named collection folders again (and only them) into the index: nodes and problems
   * of what was there are dropped, what is there now is read.
   */
  private async refreshEntries(entries: readonly string[]): Promise<CollectionsPatch> {
    const removed: string[] = [];
    const changed: string[] = [];
    for (const entry of new Set(entries)) {
      const dir = join(this.workspaceDir, entry);
      const old = this.index.collections.map((id) => this.collectionNode(id)).find((c) => c.entry === entry);
      if (old) {
        for (const [id, node] of this.index.nodes) if (node.collectionId === old.id) this.index.nodes.delete(id);
        this.index.collections = this.index.collections.filter((id) => id !== old.id);
      }
      const inside = `${dir}${sep}`;
      this.index.problems = this.index.problems.filter((p) => p.file !== dir && !p.file.startsWith(inside));
      let node: CollectionNode | null = null;
      if (!entry.startsWith('.') && (await isDirectory(dir))) node = await scanCollection(dir, entry, this.index, { requireFile: false });
      if (node) {
        this.index.collections.push(node.id);
        changed.push(node.id);
      }
      if (old && old.id !== node?.id) removed.push(old.id);
    }
    this.index.collections = sortCollections(this.index);
    this.syncWatchers();
    return { ...this.patchBase(), collections: changed.map((id) => buildTree(this.index, id)), removed };
  }

  private patchBase(): CollectionsPatch {
    return { workspaceDir: this.workspaceDir, collections: [], requests: [], removed: [], order: [...this.index.collections], problems: [...this.index.problems] };
  }

  private emitPatch(patch: CollectionsPatch): void {
    for (const listener of this.patchListeners) listener(patch);
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
    if (container.kind === 'collection') await this.write(join(container.dir, COLLECTION_FILE), collectionFileText({ ...container.meta, order }));
    else await this.write(join(container.dir, FOLDER_FILE), folderFileText({ ...container.meta, order }));
  }

  private async rewriteRequest(node: RequestNode, next: RequestTemplate): Promise<void> {
    const parent = this.containerNode(node.parentId ?? '');
    const entry = next.name === node.request.name ? node.entry : await this.freeEntry(parent.dir, slugify(next.name, 'request'), REQUEST_SUFFIX, node.entry);
    await this.write(join(parent.dir, entry), requestFileText(next));
    if (entry === node.entry) return;
    // New file first, then the order, then the old file: every step leaves a loadable state.
    await this.writeOrder(parent, this.childEntries(parent).map((e) => (e === node.entry ? entry : e)));
    await this.remove(node.file, { force: true });
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
    // a crash or an error half-way leaves nothing that looks like a collection. Every step goes
    // through the store's own write helpers, so the watcher knows these changes are the app's.
    const temp = join(this.workspaceDir, `.new-${id}`);
    await this.makeDir(temp);
    try {
      const order = await writeChildren(temp);
      await this.write(join(temp, COLLECTION_FILE), collectionFileText({ id, name, description, variables, order }));
      const entry = await this.freeEntry(this.workspaceDir, slugify(name, 'collection'), '');
      await this.placeNew(temp, join(this.workspaceDir, entry));
    } catch (error) {
      await this.remove(temp, { recursive: true, force: true });
      throw error;
    }
    return id;
  }

  /** Writes an item (already with its final ids) into `dir`; returns its entry name. */
  private async writeItem(dir: string, item: TreeItem): Promise<string> {
    if (item.kind === 'request') {
      const request = parse(RequestTemplateSchema, item.request, `Request "${item.request.name}"`);
      const entry = await this.freeEntry(dir, slugify(request.name, 'request'), REQUEST_SUFFIX);
      await this.write(join(dir, entry), requestFileText(request));
      return entry;
    }
    const entry = await this.freeEntry(dir, slugify(item.name, 'folder'), '');
    const sub = join(dir, entry);
    await this.makeDir(sub);
    const order: string[] = [];
    for (const child of item.items) order.push(await this.writeItem(sub, child));
    await this.write(join(sub, FOLDER_FILE), folderFileText({ id: item.id, name: validName(item.name), description: item.description, order }));
    return entry;
  }

  private async writeFolder(parentDir: string, meta: FolderMeta): Promise<string> {
    const entry = await this.freeEntry(parentDir, slugify(meta.name, 'folder'), '');
    await this.makeDir(join(parentDir, entry));
    await this.write(join(parentDir, entry, FOLDER_FILE), folderFileText(meta));
    return entry;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
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
