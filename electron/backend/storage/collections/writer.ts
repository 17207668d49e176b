import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  COLLECTION_FILE,
  FOLDER_FILE,
  REQUEST_SUFFIX,
  collectionFileText,
  folderFileText,
  requestFileText,
  slugify,
  uniqueEntryName,
  type FolderMeta,
} from '../../../../shared/formats/collectionFile';
import { RequestTemplateSchema, type CollectionTree, type TreeItem } from '../../../../shared/model/collection';
import type { KeyValue } from '../../../../shared/model/keyValue';
import { writeFileAtomic } from '../atomicFile';
import { VariablesSchema, parse, validName } from './inputs';
import type { OwnWrites } from './ownWrites';
import type { ContainerNode } from './reader';
import { entryOf } from './workspacePath';

/**
 * Every write the collection store makes, and the only way it reaches the disk: each step marks its
 * path as the store's own (so the watcher ignores it) and records which collection folder it
 * touched (so the change re-reads just those). Nothing on disk is ever overwritten by a new name:
 * names are picked among those free in the folder, unreadable files included.
 */
export class CollectionWriter {
  /** Entries (collection folder names) written since the last `takeTouched`. */
  private readonly touched = new Set<string>();

  constructor(
    private readonly workspace: () => string,
    private readonly own: OwnWrites,
  ) {}

  /** The collection folders written to since the last call, and forgets them. */
  takeTouched(): string[] {
    const entries = [...this.touched];
    this.touched.clear();
    return entries;
  }

  async write(path: string, text: string): Promise<void> {
    this.record(path);
    await this.writeInPlace(path, text);
  }

  /** Writes one file whose node the caller updates itself: its collection is not read again. */
  async writeInPlace(path: string, text: string): Promise<void> {
    this.own.mark(path);
    await writeFileAtomic(path, text);
    await this.own.settle(path);
  }

  async move(from: string, to: string): Promise<void> {
    this.record(from);
    this.record(to);
    this.own.mark(from, true);
    this.own.mark(to, true);
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
    this.own.mark(from, true);
    this.own.mark(to);
    await rename(from, to);
  }

  async remove(path: string, options: { recursive?: boolean; force?: boolean }): Promise<void> {
    this.record(path);
    this.own.mark(path, true);
    await rm(path, options);
  }

  private async makeDir(path: string): Promise<void> {
    this.record(path);
    this.own.mark(path);
    await mkdir(path);
  }

  private record(path: string): void {
    const entry = entryOf(this.workspace(), path);
    if (entry !== null) this.touched.add(entry);
  }

  async writeOrder(container: ContainerNode, order: string[]): Promise<void> {
    if (container.kind === 'collection') await this.write(join(container.dir, COLLECTION_FILE), collectionFileText({ ...container.meta, order }));
    else await this.write(join(container.dir, FOLDER_FILE), folderFileText({ ...container.meta, order }));
  }

  /**
   * A file or folder name for `slug` not used by anything in `dir` (including files the app could
   * not read or does not know), so nothing on disk is ever overwritten. `own` is the item's
   * current name, which it may keep.
   */
  async freeEntry(dir: string, slug: string, suffix: string, own?: string): Promise<string> {
    const wanted = `${slug}${suffix}`;
    if (own !== undefined && own.toLowerCase() === wanted.toLowerCase()) return own;
    let taken: string[] = [];
    try {
      taken = await readdir(dir);
    } catch {
      /* a folder that does not exist yet has no names taken */
    }
    taken.push(COLLECTION_FILE, FOLDER_FILE);
    return uniqueEntryName(
      slug,
      suffix,
      taken.filter((t) => t !== own),
    );
  }

  /** Writes a whole tree as a new collection with new ids; collection.json goes last, so a half-written copy is never loaded. */
  async writeTree(tree: CollectionTree, name: string): Promise<string> {
    const variables = parse(VariablesSchema, tree.variables, 'Collection variables');
    return this.writeNewCollection(name, tree.description, variables, async (dir) => {
      const order: string[] = [];
      for (const item of tree.items) order.push(await this.writeItem(dir, renewIds(item)));
      return order;
    });
  }

  /** Writes a new collection (its children by `writeChildren`, given the folder); returns its id. */
  async writeNewCollection(name: string, description: string, variables: KeyValue[], writeChildren: (dir: string) => Promise<string[]>): Promise<string> {
    const id = randomUUID();
    const workspaceDir = this.workspace();
    // Built in a hidden folder (never loaded: dot entries are skipped) and renamed into place, so
    // a crash or an error half-way leaves nothing that looks like a collection. Every step goes
    // through the store's own write helpers, so the watcher knows these changes are the app's.
    const temp = join(workspaceDir, `.new-${id}`);
    await this.makeDir(temp);
    try {
      const order = await writeChildren(temp);
      await this.write(join(temp, COLLECTION_FILE), collectionFileText({ id, name, description, variables, order }));
      const entry = await this.freeEntry(workspaceDir, slugify(name, 'collection'), '');
      await this.placeNew(temp, join(workspaceDir, entry));
    } catch (error) {
      await this.remove(temp, { recursive: true, force: true });
      throw error;
    }
    return id;
  }

  /** Writes an item (already with its final ids) into `dir`; returns its entry name. */
  async writeItem(dir: string, item: TreeItem): Promise<string> {
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

  /** Makes a folder with its folder.json in `parentDir`; returns its entry name. */
  async writeFolder(parentDir: string, meta: FolderMeta): Promise<string> {
    const entry = await this.freeEntry(parentDir, slugify(meta.name, 'folder'), '');
    await this.makeDir(join(parentDir, entry));
    await this.write(join(parentDir, entry, FOLDER_FILE), folderFileText(meta));
    return entry;
  }
}

/** A deep copy with a new id for the item and everything inside it. */
export function renewIds(item: TreeItem): TreeItem {
  if (item.kind === 'request') return { kind: 'request', request: { ...structuredClone(item.request), id: randomUUID() } };
  return { kind: 'folder', id: randomUUID(), name: item.name, description: item.description, items: item.items.map(renewIds) };
}
