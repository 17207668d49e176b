/**
 * Reads collections from disk into an index (one node per collection, folder and request, by id)
 * and reports every file it cannot use by path. Shared by CollectionStore and `sinch-explorer run`
 * so both see a collection folder the same way. Never writes.
 */
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileProblem } from '../../../../shared/contract';
import {
  COLLECTION_FILE,
  COLLECTION_FORMAT,
  COLLECTION_FORMAT_VERSION,
  CollectionMetaSchema,
  FOLDER_FILE,
  FOLDER_FORMAT,
  FOLDER_FORMAT_VERSION,
  FolderMetaSchema,
  REQUEST_FORMAT,
  REQUEST_FORMAT_VERSION,
  REQUEST_SUFFIX,
  orderEntries,
  type CollectionMeta,
  type FolderMeta,
} from '../../../../shared/formats/collectionFile';
import { RequestTemplateSchema, type CollectionTree, type RequestTemplate, type TreeItem } from '../../../../shared/model/collection';
import { readVersionedJson } from '../jsonFile';

/** Deeper than any real collection; stops a runaway scan of a strange folder. */
const MAX_DEPTH = 32;

interface NodeBase {
  id: string;
  /** Name of the file or folder inside its parent folder. */
  entry: string;
  /** Containing collection or folder; null for a collection. */
  parentId: string | null;
  collectionId: string;
}

export interface CollectionNode extends NodeBase {
  kind: 'collection';
  dir: string;
  meta: CollectionMeta;
  /** Child ids, in order. */
  children: string[];
  /** Child entries that exist but could not be read: kept in `order`, never rewritten. */
  broken: string[];
}

export interface FolderNode extends NodeBase {
  kind: 'folder';
  dir: string;
  meta: FolderMeta;
  children: string[];
  broken: string[];
}

export interface RequestNode extends NodeBase {
  kind: 'request';
  file: string;
  request: RequestTemplate;
}

export type ContainerNode = CollectionNode | FolderNode;
export type IndexNode = ContainerNode | RequestNode;

export interface WorkspaceIndex {
  /** Collection ids, by name. */
  collections: string[];
  nodes: Map<string, IndexNode>;
  problems: FileProblem[];
}

export function emptyIndex(): WorkspaceIndex {
  return { collections: [], nodes: new Map(), problems: [] };
}

export function nodeName(node: IndexNode): string {
  return node.kind === 'request' ? node.request.name : node.meta.name;
}

/** Every collection folder directly inside the workspace (a folder holding collection.json). */
export async function scanWorkspace(workspaceDir: string): Promise<WorkspaceIndex> {
  const index = emptyIndex();
  let entries: Dirent[];
  try {
    entries = await readdir(workspaceDir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      index.problems.push({ file: workspaceDir, message: `The workspace folder ${workspaceDir} cannot be read (${code ?? String(error)}).` });
    return index;
  }
  const dirs = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const found: (CollectionNode | null)[] = [];
  // One collection at a time keeps duplicate-id reporting deterministic; files inside are read in parallel.
  for (const name of dirs) found.push(await scanCollection(join(workspaceDir, name), name, index, { requireFile: false }));
  index.collections = found.filter((c): c is CollectionNode => c !== null).map((c) => c.id);
  index.collections = sortCollections(index);
  return index;
}

/** Collection ids in sidebar order: by name, then folder name. */
export function sortCollections(index: WorkspaceIndex): string[] {
  const nodes = index.collections.map((id) => index.nodes.get(id)).filter((n): n is CollectionNode => n?.kind === 'collection');
  return nodes.sort((a, b) => a.meta.name.localeCompare(b.meta.name, undefined, { sensitivity: 'base' }) || (a.entry < b.entry ? -1 : 1)).map((c) => c.id);
}

/**
 * Reads one collection folder into `index`. Returns null when its collection.json is missing
 * (reported only when `requireFile`) or unusable (always reported).
 */
export async function scanCollection(dir: string, entry: string, index: WorkspaceIndex, options: { requireFile: boolean }): Promise<CollectionNode | null> {
  const file = join(dir, COLLECTION_FILE);
  if (!options.requireFile && !(await hasEntry(dir, COLLECTION_FILE))) return null;
  const result = await readVersionedJson(file, COLLECTION_FORMAT, COLLECTION_FORMAT_VERSION, CollectionMetaSchema, (f) => f.collection);
  if (!result.ok) {
    index.problems.push({ file, message: `Collection file ${file} ${full(result.message)} The collection was not loaded; the file is left as it is.` });
    return null;
  }
  const meta = result.value;
  const clash = index.nodes.get(meta.id);
  if (clash) {
    index.problems.push({ file, message: duplicateIdMessage(file, meta.id, clash) });
    return null;
  }
  const node: CollectionNode = { kind: 'collection', id: meta.id, entry, parentId: null, collectionId: meta.id, dir, meta, children: [], broken: [] };
  index.nodes.set(node.id, node);
  await scanChildren(node, index, 0);
  return node;
}

async function scanChildren(container: ContainerNode, index: WorkspaceIndex, depth: number): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(container.dir, { withFileTypes: true });
  } catch (error) {
    index.problems.push({
      file: container.dir,
      message: `Folder ${container.dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    });
    return;
  }
  const requestFiles = entries.filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.endsWith(REQUEST_SUFFIX)).map((e) => e.name);
  const subdirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);

  type Read = { entry: string; node: IndexNode | null; broken: boolean };
  const requests = Promise.all(
    requestFiles.map(async (name): Promise<Read> => {
      const file = join(container.dir, name);
      const result = await readVersionedJson(file, REQUEST_FORMAT, REQUEST_FORMAT_VERSION, RequestTemplateSchema, (f) => f.request);
      if (!result.ok) {
        index.problems.push({ file, message: `Request file ${file} ${full(result.message)} It was not loaded and is left as it is.` });
        return { entry: name, node: null, broken: true };
      }
      const node: RequestNode = {
        kind: 'request',
        id: result.value.id,
        entry: name,
        parentId: container.id,
        collectionId: container.collectionId,
        file,
        request: result.value,
      };
      return { entry: name, node, broken: false };
    }),
  );
  const folders = Promise.all(
    subdirs.map(async (name): Promise<Read> => {
      const dir = join(container.dir, name);
      const file = join(dir, FOLDER_FILE);
      if (!(await hasEntry(dir, FOLDER_FILE))) {
        if (await holdsRequests(dir)) {
          index.problems.push({
            file: dir,
            message: `Folder ${dir} holds requests but no ${FOLDER_FILE}, so it was skipped. Add a ${FOLDER_FILE} (or move its requests into a folder made in the app).`,
          });
        }
        return { entry: name, node: null, broken: false };
      }
      const result = await readVersionedJson(file, FOLDER_FORMAT, FOLDER_FORMAT_VERSION, FolderMetaSchema, (f) => f.folder);
      if (!result.ok) {
        index.problems.push({
          file,
          message: `Folder file ${file} ${full(result.message)} The folder and its requests were not loaded; the files are left as they are.`,
        });
        return { entry: name, node: null, broken: true };
      }
      const node: FolderNode = {
        kind: 'folder',
        id: result.value.id,
        entry: name,
        parentId: container.id,
        collectionId: container.collectionId,
        dir,
        meta: result.value,
        children: [],
        broken: [],
      };
      return { entry: name, node, broken: false };
    }),
  );
  const read = [...(await requests), ...(await folders)].sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));

  const usable = new Map<string, IndexNode>();
  for (const item of read) {
    if (item.broken) container.broken.push(item.entry);
    if (!item.node) continue;
    const clash = index.nodes.get(item.node.id);
    const where = item.node.kind === 'request' ? item.node.file : join(item.node.dir, FOLDER_FILE);
    if (clash) {
      // Typically a file copied by hand: the first one keeps the id, this one is left alone.
      index.problems.push({ file: where, message: duplicateIdMessage(where, item.node.id, clash) });
      container.broken.push(item.entry);
      continue;
    }
    index.nodes.set(item.node.id, item.node);
    usable.set(item.entry, item.node);
  }
  const nameOf = (entry: string): string => {
    const node = usable.get(entry);
    return node ? nodeName(node) : entry;
  };
  const ordered = orderEntries(container.meta.order, [...usable.keys(), ...container.broken], nameOf);
  container.broken = ordered.filter((e) => !usable.has(e));
  container.children = ordered.flatMap((e) => {
    const node = usable.get(e);
    return node ? [node.id] : [];
  });
  for (const id of container.children) {
    const child = index.nodes.get(id);
    if (child?.kind !== 'folder') continue;
    if (depth + 1 >= MAX_DEPTH) {
      index.problems.push({ file: child.dir, message: `Folder ${child.dir} is nested more than ${MAX_DEPTH} levels deep; its contents were not loaded.` });
      continue;
    }
    await scanChildren(child, index, depth + 1);
  }
}

function duplicateIdMessage(file: string, id: string, clash: IndexNode): string {
  const other = clash.kind === 'request' ? clash.file : join(clash.dir, clash.kind === 'collection' ? COLLECTION_FILE : FOLDER_FILE);
  return `${file} has the id "${id}", which ${other} already uses (was it copied by hand?). It was not loaded; give it a new "id" or delete it.`;
}

/** readVersionedJson's messages do not all end a sentence; ours continue after them. */
function full(message: string): string {
  return /[.!?)]$/.test(message) ? message : `${message}.`;
}

async function hasEntry(dir: string, name: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes(name);
  } catch {
    return false;
  }
}

async function holdsRequests(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((n) => n.endsWith(REQUEST_SUFFIX));
  } catch {
    return false;
  }
}

/** The in-memory tree of one collection, as the page and the runner see it. */
export function buildTree(index: WorkspaceIndex, collectionId: string, clone = true): CollectionTree {
  const node = index.nodes.get(collectionId);
  if (node?.kind !== 'collection') throw new Error(`No collection ${collectionId} in the index`);
  return {
    id: node.id,
    name: node.meta.name,
    description: node.meta.description,
    variables: node.meta.variables.map((v) => ({ ...v })),
    items: buildItems(index, node.children, clone),
    readOnly: false,
  };
}

/**
 * `clone: false` shares the index's request objects (never changed in place: a save replaces
 * them), for answers that are serialised at once; 5,000 deep copies per open were most of its cost.
 */
export function buildItems(index: WorkspaceIndex, ids: readonly string[], clone = true): TreeItem[] {
  const items: TreeItem[] = [];
  for (const id of ids) {
    const node = index.nodes.get(id);
    if (node?.kind === 'request') items.push({ kind: 'request', request: clone ? structuredClone(node.request) : node.request });
    else if (node?.kind === 'folder')
      items.push({ kind: 'folder', id: node.id, name: node.meta.name, description: node.meta.description, items: buildItems(index, node.children, clone) });
  }
  return items;
}

/**
 * Loads the one collection in `dir` (a folder holding collection.json), for `sinch-explorer run`.
 * The collection is null when collection.json is missing or unusable; `problems` says why.
 */
export async function loadCollectionFolder(dir: string): Promise<{ collection: CollectionTree | null; problems: FileProblem[] }> {
  const index = emptyIndex();
  const node = await scanCollection(dir, '', index, { requireFile: true });
  return { collection: node ? buildTree(index, node.id) : null, problems: index.problems };
}
