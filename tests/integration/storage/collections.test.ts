import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { newRequestTemplate, type CollectionTree, type FolderItem, type RequestTemplate, type TreeItem } from '../../../shared/model/collection';
import { CollectionStore, loadCollectionFolder } from '../../../electron/backend/storage/collections/store';
import { BackendError } from '../../../electron/backend/errors';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-col-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function request(id: string, name: string, extra: Partial<RequestTemplate> = {}): RequestTemplate {
  return { ...newRequestTemplate(id, name), method: 'POST', url: '{{base_url}}/v1/projects/{{project_id}}/apps', ...extra };
}

/** Every file under `root`, relative, sorted: the layout a user sees. */
async function layout(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(root, path));
    }
  };
  await walk(root);
  return out.sort();
}

function names(items: readonly TreeItem[]): string[] {
  return items.map((i) => (i.kind === 'request' ? i.request.name : `${i.name}/`));
}

function folder(items: readonly TreeItem[], name: string): FolderItem {
  const found = items.find((i): i is FolderItem => i.kind === 'folder' && i.name === name);
  if (!found) throw new Error(`no folder ${name}`);
  return found;
}

async function only(store: CollectionStore): Promise<CollectionTree> {
  const { collections, problems } = await store.load();
  expect(problems).toEqual([]);
  expect(collections).toHaveLength(1);
  return collections[0] as CollectionTree;
}

describe('collections on disk', () => {
  test('create, save, rename, duplicate, move and delete round-trip through a fresh store (a restart)', async () => {
    const store = new CollectionStore(dir);
    await store.load();
    const col = await store.createCollection('My API tests');
    const messages = await store.createFolder(col.id, 'Messages');
    const choice = await store.createFolder(messages.id, 'Choice');
    await store.saveRequest(col.id, request('r-app', 'Create an app', { captures: [{ variable: 'app_id', from: 'body', path: 'id', enabled: true }] }));
    await store.saveRequest(messages.id, request('r-send', 'Send a text'));
    await store.saveRequest(choice.id, request('r-choice', 'Send a choice'));
    await store.saveRequest(col.id, request('r-list', 'List messages', { method: 'GET' }));

    // Update in place (by id), rename through a save, then rename folders and items.
    await store.saveRequest(
      col.id,
      request('r-app', 'Create an app', { description: 'first step', captures: [{ variable: 'app_id', from: 'body', path: 'id', enabled: true }] }),
    );
    await store.renameItem('r-send', 'Send a text message');
    await store.renameItem(messages.id, 'Outbound');
    const dupe = await store.duplicateItem('r-list');
    expect(dupe).toMatchObject({ kind: 'request', request: { name: 'List messages copy' } });

    let tree = await only(new CollectionStore(dir));
    expect(tree.name).toBe('My API tests');
    expect(names(tree.items)).toEqual(['Outbound/', 'Create an app', 'List messages', 'List messages copy']);
    expect(names(folder(tree.items, 'Outbound').items)).toEqual(['Choice/', 'Send a text message']);
    expect(await new CollectionStore(dir).getRequest('r-app')).toMatchObject({ description: 'first step', captures: [{ variable: 'app_id' }] });

    // Reorder within the collection, then move a request and a whole folder across.
    await store.moveItem('r-list', col.id, 0);
    await store.moveItem('r-choice', col.id, 1);
    await store.moveItem(choice.id, col.id, 2);
    tree = await only(new CollectionStore(dir));
    expect(names(tree.items)).toEqual(['List messages', 'Send a choice', 'Choice/', 'Outbound/', 'Create an app', 'List messages copy']);
    expect(await layout(join(dir, 'my-api-tests'))).toEqual([
      'choice/folder.json',
      'collection.json',
      'create-an-app.request.json',
      'list-messages-copy.request.json',
      'list-messages.request.json',
      'outbound/folder.json',
      'outbound/send-a-text-message.request.json',
      'send-a-choice.request.json',
    ]);

    await store.deleteItem('r-choice');
    await store.deleteItem(messages.id);
    tree = await only(new CollectionStore(dir));
    expect(names(tree.items)).toEqual(['List messages', 'Choice/', 'Create an app', 'List messages copy']);
    expect(await layout(join(dir, 'my-api-tests'))).not.toContain('outbound/folder.json');
  });

  test('a folder moves with its contents to another collection, and duplicates with new ids', async () => {
    const store = new CollectionStore(dir);
    const a = await store.createCollection('A');
    const b = await store.createCollection('B');
    await store.saveRequest(b.id, request('b-first', 'First in B'));
    const outer = await store.createFolder(a.id, 'Outer');
    const inner = await store.createFolder(outer.id, 'Inner');
    await store.saveRequest(inner.id, request('deep', 'Deep request'));
    const dupe = await store.duplicateItem(outer.id);
    expect(dupe).toMatchObject({ kind: 'folder', name: 'Outer copy' });
    const copiedIds = JSON.stringify(dupe).match(/"id":"[^"]+"/g) ?? [];
    expect(copiedIds).not.toContain(`"id":"${inner.id}"`);
    expect(copiedIds).not.toContain('"id":"deep"');

    await store.moveItem(outer.id, b.id, 0);
    const { collections } = await new CollectionStore(dir).load();
    const [colA, colB] = collections as [CollectionTree, CollectionTree];
    expect(names(colA.items)).toEqual(['Outer copy/']);
    expect(names(colB.items)).toEqual(['Outer/', 'First in B']);
    expect(folder(folder(colB.items, 'Outer').items, 'Inner').items).toMatchObject([{ kind: 'request', request: { id: 'deep' } }]);
    expect(await layout(join(dir, 'b'))).toEqual([
      'collection.json',
      'first-in-b.request.json',
      'outer/folder.json',
      'outer/inner/deep-request.request.json',
      'outer/inner/folder.json',
    ]);
    // Identity survives the move: the same id is found and edited where it now lives.
    await store.saveRequest('ignored-parent', request('deep', 'Deep request', { description: 'moved' }));
    expect(await new CollectionStore(dir).getRequest('deep')).toMatchObject({ description: 'moved' });
  });

  test('duplicating a collection and importing a tree give new ids everywhere and editable copies', async () => {
    const store = new CollectionStore(dir);
    const col = await store.createCollection('Base');
    const f = await store.createFolder(col.id, 'Apps');
    await store.saveRequest(f.id, request('r1', 'Create an app'));
    await store.updateCollection(col.id, { description: 'd', variables: [{ key: 'greeting', value: 'hi', enabled: true }] });

    const copy = await store.duplicateCollection(col.id);
    expect(copy.name).toBe('Base copy');
    expect(copy.id).not.toBe(col.id);
    expect(copy.variables).toEqual([{ key: 'greeting', value: 'hi', enabled: true }]);
    const copiedFolder = folder(copy.items, 'Apps');
    expect(copiedFolder.id).not.toBe(f.id);
    const [copiedRequest] = copiedFolder.items;
    expect(copiedRequest?.kind === 'request' && copiedRequest.request.id).not.toBe('r1');

    const builtin: CollectionTree = {
      id: 'builtin',
      name: 'Sinch Conversation API',
      description: '',
      variables: [],
      readOnly: true,
      items: [{ kind: 'folder', id: 'bf', name: 'Apps', description: '', items: [{ kind: 'request', request: request('b1', 'List apps') }] }],
    };
    const imported = await store.importTree(builtin);
    expect(imported).toMatchObject({ name: 'Sinch Conversation API', readOnly: false });
    expect(imported.id).not.toBe('builtin');
    const again = await store.importTree(builtin);
    expect(again.name).toBe('Sinch Conversation API 2');

    const { collections } = await new CollectionStore(dir).load();
    expect(collections.map((c) => c.name)).toEqual(['Base', 'Base copy', 'Sinch Conversation API', 'Sinch Conversation API 2']);
    const ids = JSON.stringify(collections).match(/"id":"[^"]+"/g) ?? [];
    expect(new Set(ids).size).toBe(ids.length);

    await store.renameCollection(copy.id, 'Renamed');
    await store.deleteCollection(col.id);
    expect((await readdir(dir)).sort()).toEqual(['renamed', 'sinch-conversation-api', 'sinch-conversation-api-2']);
  });

  test('files are pretty JSON with fixed key order, a format version and a trailing newline; no temp files are left', async () => {
    const store = new CollectionStore(dir);
    const col = await store.createCollection('Layout');
    const f = await store.createFolder(col.id, 'Folder One');
    await store.saveRequest(f.id, request('r1', 'Send "hi" & bye!', { headers: [{ key: 'X-Trace', value: '1', enabled: true }] }));
    await store.saveRequest(f.id, request('r1', 'Send "hi" & bye!', { headers: [{ key: 'X-Trace', value: '1', enabled: true }] }));

    expect(await layout(dir)).toEqual(['layout/collection.json', 'layout/folder-one/folder.json', 'layout/folder-one/send-hi-bye.request.json']);
    const text = await readFile(join(dir, 'layout/folder-one/send-hi-bye.request.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "sinch-explorer/request",\n  "version": 1,\n  "request": {\n    "id": "r1",\n    "name"')).toBe(true);
    expect(Object.keys((JSON.parse(text) as { request: object }).request)).toEqual([
      'id',
      'name',
      'description',
      'method',
      'url',
      'params',
      'headers',
      'body',
      'variables',
      'captures',
      'auth',
    ]);
    const collection = JSON.parse(await readFile(join(dir, 'layout/collection.json'), 'utf8')) as { collection: object };
    expect(Object.keys(collection.collection)).toEqual(['id', 'name', 'description', 'variables', 'order']);
    expect(collection).toMatchObject({ format: 'sinch-explorer/collection', version: 1, collection: { order: ['folder-one'] } });

    // Saving the same content again leaves the bytes unchanged: clean diffs.
    const before = await readFile(join(dir, 'layout/folder-one/folder.json'), 'utf8');
    await store.saveRequest(f.id, request('r1', 'Send "hi" & bye!', { headers: [{ key: 'X-Trace', value: '1', enabled: true }] }));
    expect(await readFile(join(dir, 'layout/folder-one/folder.json'), 'utf8')).toBe(before);
  });

  test('a hand-broken file is reported by path, left untouched, and the rest still loads; hand-added files come last by name', async () => {
    const store = new CollectionStore(dir);
    const col = await store.createCollection('Mixed');
    await store.saveRequest(col.id, request('r1', 'Good one'));
    await store.saveRequest(col.id, request('r2', 'Will break'));
    const broken = join(dir, 'mixed', 'will-break.request.json');
    const brokenText = '{ "format": "sinch-explorer/request", "version": 1, "request": { "id": ';
    await writeFile(broken, brokenText);
    // Added by hand (e.g. by git): not in the order, so listed last, by name.
    const byHand = (await readFile(join(dir, 'mixed', 'good-one.request.json'), 'utf8')).replace('"r1"', '"r3"').replace('Good one', 'Added by hand');
    await writeFile(join(dir, 'mixed', 'zzz.request.json'), byHand);
    // A second collection whose collection.json is broken: reported, the first still loads.
    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'other', 'collection.json'), 'not json');

    const fresh = new CollectionStore(dir);
    const state = await fresh.load();
    expect(state.collections.map((c) => c.name)).toEqual(['Mixed']);
    expect(names(state.collections[0]?.items ?? [])).toEqual(['Good one', 'Added by hand']);
    expect(state.problems.map((p) => p.file).sort()).toEqual([broken, join(dir, 'other', 'collection.json')].sort());
    expect(state.problems.find((p) => p.file === broken)?.message).toMatch(/will-break\.request\.json is not valid JSON/);

    // Changes around the broken file never touch it, and a new request with its name gets another file.
    await fresh.saveRequest(col.id, request('r4', 'Will break'));
    await fresh.moveItem('r3', col.id, 0);
    await fresh.renameItem('r1', 'Still good');
    expect(await readFile(broken, 'utf8')).toBe(brokenText);
    expect(await readFile(join(dir, 'other', 'collection.json'), 'utf8')).toBe('not json');
    const after = await new CollectionStore(dir).load();
    expect(names(after.collections[0]?.items ?? [])).toEqual(['Added by hand', 'Still good', 'Will break']);
    expect(await layout(join(dir, 'mixed'))).toContain('will-break-2.request.json');
  });

  test('a file from a newer format version is refused with a clear message', async () => {
    const store = new CollectionStore(dir);
    const col = await store.createCollection('Future');
    await store.saveRequest(col.id, request('r1', 'Today'));
    const future = join(dir, 'future', 'tomorrow.request.json');
    await writeFile(future, JSON.stringify({ format: 'sinch-explorer/request', version: 2, request: {} }));
    const state = await new CollectionStore(dir).load();
    expect(names(state.collections[0]?.items ?? [])).toEqual(['Today']);
    expect(state.problems.map((p) => p.file)).toEqual([future]);
    expect(state.problems[0]?.message).toMatch(/format version 2, but this app reads up to version 1\. Update the app/);
  });

  test('refuses bad input with errors that say what to do', async () => {
    const store = new CollectionStore(dir);
    const col = await store.createCollection('Guarded');
    const outer = await store.createFolder(col.id, 'Outer');
    const inner = await store.createFolder(outer.id, 'Inner');
    await expect(store.moveItem(outer.id, inner.id, 0)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/cannot be moved into itself/) as unknown as string,
    });
    await expect(store.moveItem(outer.id, outer.id, 0)).rejects.toBeInstanceOf(BackendError);
    await expect(store.createFolder('nope', 'X')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.createCollection('   ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.saveRequest(col.id, { ...request('r1', 'x'), method: 'FETCH' } as unknown as RequestTemplate)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(store.getRequest('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('setWorkspace switches folders, and loadCollectionFolder reads one collection as the store does', async () => {
    const store = new CollectionStore(dir);
    const col = await store.createCollection('One');
    await store.saveRequest(col.id, request('r1', 'Ping'));
    const other = join(dir, 'elsewhere');
    expect((await store.setWorkspace(other)).collections).toEqual([]);
    await store.createCollection('Two');
    expect((await store.load()).collections.map((c) => c.name)).toEqual(['Two']);

    const { collection, problems } = await loadCollectionFolder(join(dir, 'one'));
    expect(problems).toEqual([]);
    expect(collection).toMatchObject({ name: 'One', readOnly: false, items: [{ kind: 'request', request: { id: 'r1' } }] });
    const missing = await loadCollectionFolder(join(dir, 'nothing-here'));
    expect(missing.collection).toBeNull();
    expect(missing.problems[0]?.file).toBe(join(dir, 'nothing-here', 'collection.json'));
  });
});
