/**
 * The watched store (what the app runs): changes re-read only what they wrote and report a
 * CollectionsPatch; edits made on disk by hand or by git arrive through the file watcher.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CollectionsPatch, CollectionsState } from '../../../shared/contract';
import { newRequestTemplate, type RequestTemplate, type TreeItem } from '../../../shared/model/collection';
import { CollectionStore } from '../../../electron/backend/storage/collections/store';
import { applyCollectionsPatch } from '../../../renderer/features/collections/applyPatch';

let dir: string;
let store: CollectionStore;
let patches: CollectionsPatch[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sce-colw-'));
  store = new CollectionStore(dir);
  await store.load();
  patches = [];
  store.onPatch((p) => patches.push(p));
  expect(await store.watch()).toBe(true);
});
afterEach(async () => {
  store.unwatch();
  await rm(dir, { recursive: true, force: true });
});

function request(id: string, name: string, extra: Partial<RequestTemplate> = {}): RequestTemplate {
  return { ...newRequestTemplate(id, name), method: 'POST', url: '{{base_url}}/v1/apps', ...extra };
}

function flat(items: readonly TreeItem[]): RequestTemplate[] {
  return items.flatMap((i) => (i.kind === 'request' ? [i.request] : flat(i.items)));
}

/** Waits (bounded) until a patch matching `test` arrives. */
async function patchWhere(test: (p: CollectionsPatch) => boolean, timeoutMs = 5000): Promise<CollectionsPatch> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = patches.find(test);
    if (found) return found;
    if (Date.now() > until)
      throw new Error(
        `no matching patch in ${timeoutMs} ms; got ${JSON.stringify(patches.map((p) => ({ c: p.collections.length, r: p.requests.length, removed: p.removed })))}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What the page holds after every patch so far, from an empty start. */
function pageState(): CollectionsState {
  return patches.reduce<CollectionsState>((state, patch) => applyCollectionsPatch(state, patch), { collections: [], problems: [], workspaceDir: '' });
}

describe('watched collections', () => {
  test('saving a request in place sends that request, not its collection, and the page state matches a fresh load', async () => {
    const col = await store.createCollection('Team');
    const folder = await store.createFolder(col.id, 'Messages');
    await store.saveRequest(folder.id, request('r1', 'Send a text'));
    await store.saveRequest(col.id, request('r2', 'List apps'));
    patches.length = 0;
    await store.saveRequest(folder.id, request('r1', 'Send a text', { url: '{{base_url}}/v1/messages:send' }));
    expect(patches).toHaveLength(1);
    expect(patches[0]?.collections).toEqual([]);
    expect(patches[0]?.requests.map((r) => r.request.url)).toEqual(['{{base_url}}/v1/messages:send']);
    const onDisk = JSON.parse(await readFile(join(dir, 'team', 'messages', 'send-a-text.request.json'), 'utf8')) as { request: RequestTemplate };
    expect(onDisk.request.url).toBe('{{base_url}}/v1/messages:send');
  });

  test('every change, applied as patches, gives the page what a fresh load of the disk gives', async () => {
    const a = await store.createCollection('Alpha');
    const b = await store.createCollection('Beta');
    const folder = await store.createFolder(a.id, 'Folder');
    await store.saveRequest(folder.id, request('r1', 'One'));
    await store.saveRequest(a.id, request('r2', 'Two'));
    await store.saveRequest(a.id, request('r2', 'Two renamed'));
    await store.moveItem('r1', b.id, 0);
    await store.renameItem(folder.id, 'Folder 2');
    await store.duplicateItem('r2');
    await store.renameCollection(b.id, 'Aardvark');
    await store.deleteItem('r2');
    const fresh = await new CollectionStore(dir).load();
    const page = pageState();
    expect(page.collections).toEqual(fresh.collections);
    expect(page.problems).toEqual(fresh.problems);
    await store.deleteCollection(a.id);
    expect(pageState().collections.map((c) => c.name)).toEqual(['Aardvark']);
  });

  test('a request file edited by hand (or by git) arrives as a patch through the watcher', async () => {
    const col = await store.createCollection('Hand edits');
    await store.saveRequest(col.id, request('r1', 'Ping'));
    // Past the window in which events are taken for the store's own writes.
    await new Promise((r) => setTimeout(r, 600));
    patches.length = 0;
    const file = join(dir, 'hand-edits', 'ping.request.json');
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { request: RequestTemplate };
    onDisk.request.url = 'https://example.test/edited-by-hand';
    await writeFile(file, JSON.stringify(onDisk, null, 2));
    const patch = await patchWhere((p) => p.collections.some((c) => flat(c.items).some((r) => r.url === 'https://example.test/edited-by-hand')));
    expect(patch.removed).toEqual([]);
    expect(flat((await store.current()).collections[0]?.items ?? []).map((r) => r.url)).toEqual(['https://example.test/edited-by-hand']);
  });

  test('a corrupt file written on disk is reported as a problem; a collection folder removed on disk goes away', async () => {
    const col = await store.createCollection('Broken');
    await store.saveRequest(col.id, request('r1', 'Ok'));
    await new Promise((r) => setTimeout(r, 600));
    patches.length = 0;
    await writeFile(join(dir, 'broken', 'bad.request.json'), '{ not json');
    const withProblem = await patchWhere((p) => p.problems.some((x) => x.file.endsWith('bad.request.json')));
    expect(flat(withProblem.collections[0]?.items ?? []).map((r) => r.id)).toEqual(['r1']);
    patches.length = 0;
    await rm(join(dir, 'broken'), { recursive: true, force: true });
    const gone = await patchWhere((p) => p.removed.includes(col.id));
    expect(gone.order).toEqual([]);
    expect(gone.problems).toEqual([]);
  });

  test('a file written by hand right after the app wrote to the same collection is still seen', async () => {
    await store.createCollection('Quick');
    // No pause: the store's own events for this folder are still arriving.
    await writeFile(join(dir, 'quick', 'broken.request.json'), '{ "format": "sinch-explorer/request", ');
    await patchWhere((p) => p.problems.some((x) => x.file.endsWith('broken.request.json')));
    expect((await store.current()).problems.map((x) => x.file)).toEqual([join(dir, 'quick', 'broken.request.json')]);
  });

  test("the store's own writes do not come back as patches from the watcher", async () => {
    const col = await store.createCollection('Own');
    await store.saveRequest(col.id, request('r1', 'One'));
    await new Promise((r) => setTimeout(r, 200));
    patches.length = 0;
    await store.saveRequest(col.id, request('r1', 'One', { url: 'https://example.test/2' }));
    await new Promise((r) => setTimeout(r, 500));
    expect(patches).toHaveLength(1);
    expect(patches[0]?.collections).toEqual([]);
  });

  test('an app change right after a hand edit builds on the edit', async () => {
    const col = await store.createCollection('Both');
    await store.saveRequest(col.id, request('r1', 'Keep'));
    await new Promise((r) => setTimeout(r, 600));
    const file = join(dir, 'both', 'keep.request.json');
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { request: RequestTemplate };
    onDisk.request.description = 'written by hand';
    await writeFile(file, JSON.stringify(onDisk, null, 2));
    await patchWhere((p) => p.collections.some((c) => flat(c.items).some((r) => r.description === 'written by hand')));
    await store.saveRequest(col.id, request('r2', 'Added'));
    const fresh = await new CollectionStore(dir).load();
    expect(
      flat(fresh.collections[0]?.items ?? [])
        .map((r) => `${r.id}:${r.description}`)
        .sort(),
    ).toEqual(['r1:written by hand', 'r2:']);
  });
});
