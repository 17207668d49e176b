import { mkdir } from 'node:fs/promises';
import type { CollectionsPatch, FileProblem } from '../../../../shared/contract';
import { RequestTemplateSchema, type CollectionTree, type FolderItem, type RequestTemplate, type TreeItem } from '../../../../shared/model/collection';
import type { KeyValue } from '../../../../shared/model/keyValue';
import { BackendError } from '../../errors';
import { SerialQueue } from '../serialQueue';
import { CollectionEdits, type Answer } from './edits';
import { DescriptionSchema, VariablesSchema, parse, validName } from './inputs';
import { NodeIndex } from './nodeIndex';
import { OwnWrites } from './ownWrites';
import { WorkspaceWatcher } from './watcher';
import { CollectionWriter } from './writer';

export { loadCollectionFolder } from './reader';

export interface CollectionsLoad {
  collections: CollectionTree[];
  /** Files that could not be read; they are left untouched on disk. */
  problems: FileProblem[];
  workspaceDir: string;
}

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
 *
 * Its parts, one concern each: the index of nodes (nodeIndex.ts), the edits (edits.ts), the only
 * way to the disk (writer.ts), the store's own writes told from others' (ownWrites.ts) and the
 * watcher (watcher.ts). This class checks input, queues changes and turns them into patches.
 */
export class CollectionStore {
  private readonly index = new NodeIndex();
  /** Serialises changes so two quick edits cannot land out of order. */
  private readonly queue = new SerialQueue();
  private readonly watcher: WorkspaceWatcher;
  private readonly writer: CollectionWriter;
  private readonly edits: CollectionEdits;
  private readonly patchListeners = new Set<(patch: CollectionsPatch) => void>();

  constructor(private workspaceDir: string) {
    const workspace = (): string => this.workspaceDir;
    const own = new OwnWrites(workspace);
    this.watcher = new WorkspaceWatcher(workspace, own, () => void this.queue.run(() => this.flushPending()).catch(() => undefined));
    this.writer = new CollectionWriter(workspace, own);
    this.edits = new CollectionEdits(this.index, this.writer, workspace, () => this.watcher.active);
  }

  /** Called with each change, from the app or from the disk; returns the unsubscribe. */
  onPatch(listener: (patch: CollectionsPatch) => void): () => void {
    this.patchListeners.add(listener);
    return () => this.patchListeners.delete(listener);
  }

  get watching(): boolean {
    return this.watcher.active;
  }

  /**
   * Follows the workspace folder for edits made outside the app (see WorkspaceWatcher). Returns
   * false when it cannot, and the store keeps re-reading everything around each change instead.
   */
  async watch(): Promise<boolean> {
    return this.watcher.start(() => this.index.containerDirs());
  }

  unwatch(): void {
    this.watcher.stop();
  }

  /**
   * The collections, from memory when the watcher keeps them current, else read from disk. The
   * requests in the answer are the store's own objects (not copies): for an answer that is
   * serialised at once (`collections.list`), and never to be changed by the caller.
   */
  async current(): Promise<CollectionsLoad> {
    if (this.watcher.active && this.index.loaded) {
      await this.queue.run(() => this.flushPending());
      return { collections: this.index.trees(false), problems: this.index.problems, workspaceDir: this.workspaceDir };
    }
    return this.load();
  }

  /** Variables of one collection, without building its tree. */
  collectionVariables(id: string): KeyValue[] | undefined {
    return this.index.variables(id);
  }

  get workspace(): string {
    return this.workspaceDir;
  }

  async setWorkspace(dir: string): Promise<CollectionsLoad> {
    const rewatch = this.watcher.active;
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
    return { collections: this.index.trees(), problems: this.index.problems, workspaceDir: this.workspaceDir };
  }

  getCollection(id: string): CollectionTree {
    this.index.collection(id);
    return this.index.tree(id);
  }

  async getRequest(id: string): Promise<RequestTemplate> {
    if (!this.index.loaded) await this.load();
    return structuredClone(this.index.request(id).request);
  }

  // ---- collections -------------------------------------------------------------------------

  async createCollection(name: string): Promise<CollectionTree> {
    const clean = validName(name);
    return this.change(() => this.edits.createCollection(clean));
  }

  async renameCollection(id: string, name: string): Promise<CollectionTree> {
    const clean = validName(name);
    return this.change(() => this.edits.renameCollection(id, clean));
  }

  async updateCollection(id: string, changes: { description?: string; variables?: KeyValue[] }): Promise<CollectionTree> {
    const description = changes.description === undefined ? undefined : parse(DescriptionSchema, changes.description, 'Description');
    const variables = changes.variables === undefined ? undefined : parse(VariablesSchema, changes.variables, 'Variables');
    return this.change(() => this.edits.updateCollection(id, description, variables));
  }

  /** A full copy with new ids everywhere, named "<name> copy". */
  async duplicateCollection(id: string): Promise<CollectionTree> {
    return this.change(() => this.edits.duplicateCollection(id));
  }

  /**
   * Saves a tree from elsewhere (the read-only built-in catalog, an imported file) as a new,
   * editable collection. A name already taken gets a number, unless `exactName` asks for a
   * CONFLICT instead (an import says so rather than picking a name the user did not choose).
   */
  async importTree(tree: CollectionTree, name?: string, options: { exactName?: boolean } = {}): Promise<CollectionTree> {
    const wanted = validName(name ?? tree.name);
    return this.change(() => this.edits.importTree(tree, wanted, options.exactName === true));
  }

  /** Deletes the collection's folder and everything in it. */
  async deleteCollection(id: string): Promise<void> {
    await this.change(() => this.edits.deleteItem(this.index.collection(id).id));
  }

  // ---- folders and requests -----------------------------------------------------------------

  async createFolder(parentId: string, name: string): Promise<FolderItem> {
    const clean = validName(name);
    return this.change(() => this.edits.createFolder(parentId, clean));
  }

  /**
   * Creates the request in `parentId`, or updates it where it already lives when its id is known
   * (moving is moveItem's job). A new name renames the file.
   */
  async saveRequest(parentId: string, request: RequestTemplate): Promise<RequestTemplate> {
    const parsed = RequestTemplateSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BackendError(
        'INVALID_INPUT',
        `The request cannot be saved: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}. Fix it and save again.`,
      );
    }
    const next = parsed.data;
    return this.change(() => this.edits.saveRequest(parentId, next));
  }

  /** Renames a request, folder or collection; files and folders on disk follow the new name. */
  async renameItem(id: string, name: string): Promise<TreeItem | CollectionTree> {
    const clean = validName(name);
    return this.change(() => this.edits.renameItem(id, clean));
  }

  /** A copy placed right after the original, named "<name> copy", with new ids (a folder's contents too). */
  async duplicateItem(id: string): Promise<TreeItem | CollectionTree> {
    return this.change(() => this.edits.duplicateItem(id));
  }

  /** Deletes a request, a folder with its contents, or a whole collection. */
  async deleteItem(id: string): Promise<void> {
    await this.change(() => this.edits.deleteItem(id));
  }

  /**
   * Moves a request or folder (with its contents) to position `index` among the children of
   * `newParentId` (a collection or folder, in this or another collection); within the same
   * parent this reorders.
   */
  async moveItem(id: string, newParentId: string, index: number): Promise<void> {
    if (!Number.isInteger(index) || index < 0) throw new BackendError('INVALID_INPUT', `Position ${index} is not valid; use 0 or more.`);
    await this.change(() => this.edits.moveItem(id, newParentId, index));
  }

  // ---- changes and patches ------------------------------------------------------------------

  private async rescan(): Promise<void> {
    await this.index.rescan(this.workspaceDir);
    this.watcher.follow(this.index.containerDirs());
  }

  /**
   * Applies one change. Watched: re-reads only the collection folders the change wrote to (a
   * request saved in place is not re-read at all) and tells onPatch listeners what changed.
   * Unwatched: re-reads the whole workspace before and after, so edits on disk are built on.
   */
  private change<T>(task: () => Promise<Answer<T>>): Promise<T> {
    return this.queue.run(async () => {
      await mkdir(this.workspaceDir, { recursive: true });
      if (!this.watcher.active) {
        await this.rescan();
        let answer: Answer<T>;
        try {
          answer = await task();
        } finally {
          await this.rescan();
        }
        return answer();
      }
      // Disk edits the watcher has seen but not yet read come first, so they are built on.
      await this.flushPending();
      this.writer.takeTouched();
      this.edits.takeInPlace();
      let answer: Answer<T>;
      try {
        answer = await task();
      } finally {
        const entries = this.writer.takeTouched();
        const requests = this.edits.takeInPlace();
        const patch = await this.refreshEntries(entries);
        patch.requests.push(...requests);
        this.emitPatch(patch);
      }
      return answer();
    });
  }

  /** Reads again what the watcher reported, and says what changed. */
  private async flushPending(): Promise<void> {
    const entries = this.watcher.takePending();
    if (entries.length === 0) return;
    // An event with no file name (some platforms) means "something changed": read everything.
    const patch = entries.includes('') ? await this.rescanAsPatch() : await this.refreshEntries(entries);
    this.emitPatch(patch);
  }

  private async rescanAsPatch(): Promise<CollectionsPatch> {
    const before = new Set(this.index.collections);
    await this.rescan();
    const after = new Set(this.index.collections);
    return { ...this.patchBase(), collections: this.index.trees(), removed: [...before].filter((id) => !after.has(id)) };
  }

  /** Reads the named collection folders again (and only them), as a patch. */
  private async refreshEntries(entries: readonly string[]): Promise<CollectionsPatch> {
    const { changed, removed } = await this.index.reread(this.workspaceDir, entries);
    this.watcher.follow(this.index.containerDirs());
    return { ...this.patchBase(), collections: changed.map((id) => this.index.tree(id)), removed };
  }

  private patchBase(): CollectionsPatch {
    return { workspaceDir: this.workspaceDir, collections: [], requests: [], removed: [], order: [...this.index.collections], problems: this.index.problems };
  }

  private emitPatch(patch: CollectionsPatch): void {
    for (const listener of this.patchListeners) listener(patch);
  }
}
