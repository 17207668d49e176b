import { beforeEach, describe, expect, test, vi } from 'vitest';
import { BUILTIN_COLLECTION_ID } from '../../../../shared/catalog';
import { useStore } from '../../../../renderer/store';
import { backend } from './harness';
import { collection, collections, request } from './fixtures';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));
const downloads = vi.hoisted(() => [] as { name: string; type: string }[]);
vi.mock('../../../../renderer/ui/download', () => ({
  downloadBlob: (blob: Blob, name: string) => downloads.push({ name, type: blob.type }),
}));

const initial = useStore.getState();
const state = () => useStore.getState();
const toasts = (kind: 'error' | 'info'): string[] =>
  state()
    .toasts.filter((t) => t.kind === kind)
    .map((t) => t.message);

beforeEach(() => {
  useStore.setState(initial, true);
  backend().answer({});
  downloads.length = 0;
});

describe('collections', () => {
  test('loadCollections reads the outline of the collections and the globals together', async () => {
    const outline = collections([collection()]);
    backend().answer({ 'collections.outline': () => outline, 'globals.get': () => [{ key: 'a', value: '1', enabled: true }] });
    await state().loadCollections();
    expect(state().collections).toBe(outline);
    expect(state().collectionsInFull).toBeNull();
    expect(state().globals).toEqual([{ key: 'a', value: '1', enabled: true }]);
    expect(backend().methodsCalled()).not.toContain('collections.list');
  });

  test('the requests are read in full once, on first need, and then stand for the outline', async () => {
    const saved = request({ id: 'req-1', url: 'https://example.test/full' });
    const full = collections([collection({ items: [{ kind: 'request', request: saved }] })]);
    backend().answer({
      'collections.outline': () =>
        collections([collection({ items: [{ kind: 'request', request: { id: 'req-1', name: saved.name, method: saved.method } as typeof saved }] })]),
      'collections.list': () => full,
      'globals.get': () => [],
    });
    await state().loadCollections();
    const [first, second] = [state().ensureCollectionsLoaded(), state().ensureCollectionsLoaded()];
    await expect(first).resolves.toBe(full);
    await expect(second).resolves.toBe(full);
    expect(backend().callsTo('collections.list')).toHaveLength(1);
    expect(state().collections).toBe(full);
    // Later loads (a reconnect, an import) read them in full again, not the outline.
    await state().loadCollections();
    expect(backend().callsTo('collections.list')).toHaveLength(2);
    expect(backend().callsTo('collections.outline')).toHaveLength(1);
  });

  test('opening a request from the outline reads it in full first', async () => {
    const saved = request({ id: 'req-1', url: 'https://example.test/full' });
    backend().answer({ 'collections.list': () => collections([collection({ items: [{ kind: 'request', request: saved }] })]) });
    await state().openSavedRequest('req-1', 'col-1', false);
    const tab = state().tabs.find((t) => t.id === state().activeTabId);
    expect(tab?.request.url).toBe('https://example.test/full');
    expect(tab?.origin).toEqual({ kind: 'collection', collectionId: 'col-1' });
  });

  test('a filter in the sidebar asks for the requests in full (it reads URLs and descriptions)', async () => {
    const full = collections([collection()]);
    backend().answer({ 'collections.list': () => full });
    state().setSidebarFilter('  ');
    expect(backend().methodsCalled()).toEqual([]);
    state().setSidebarFilter('orders');
    await state().ensureCollectionsLoaded();
    expect(backend().callsTo('collections.list')).toHaveLength(1);
    expect(state().collectionsInFull).toBe(full);
  });

  test('createCollection opens the new collection in the sidebar without listing everything again (the event brings it)', async () => {
    backend().answer({ 'collections.create': ({ name }) => collection({ id: 'col-9', name }) });
    const created = await state().createCollection('Mine');
    expect(created?.id).toBe('col-9');
    expect(backend().methodsCalled()).toEqual(['collections.create']);
    expect(state().expanded['col-9']).toBe(true);
  });

  test('duplicating the built-in catalog copies it into the workspace, with a notice', async () => {
    backend().answer({
      'collections.importBuiltin': () => collection({ id: 'col-copy', name: 'Sinch Conversation API' }),
      'collections.list': () => collections([collection({ id: 'col-copy' })]),
      'globals.get': () => [],
    });
    await state().duplicateCollection(BUILTIN_COLLECTION_ID);
    expect(backend().callsTo('collections.importBuiltin')).toEqual([{}]);
    expect(toasts('info')).toEqual(['Copied the built-in catalog into your workspace as "Sinch Conversation API".']);
  });

  test('item changes keep the state the backend answers', async () => {
    const after = collections([collection({ name: 'Renamed' })]);
    backend().answer({
      'collections.renameItem': () => after,
      'collections.moveItem': () => after,
      'collections.deleteItem': () => collections([]),
      'collections.createFolder': () => after,
    });
    await state().renameItem('req-1', 'New name');
    expect(state().collections).toBe(after);
    await state().moveItem('req-1', 'col-1', 0);
    expect(backend().callsTo('collections.moveItem')).toEqual([{ id: 'req-1', parentId: 'col-1', index: 0 }]);
    await state().createFolder('col-1', 'Folder');
    expect(state().expanded['col-1']).toBe(true);
    await state().deleteItem('req-1');
    expect(state().collections.collections).toEqual([]);
  });

  test('a failed change says why and keeps what was there', async () => {
    const before = collections([collection()]);
    useStore.setState({ collections: before });
    backend().answer({ 'collections.rename': () => Promise.reject(new Error('The name is taken')) });
    await state().renameCollection('col-1', 'Other');
    expect(state().collections).toBe(before);
    expect(toasts('error')).toEqual(['The name is taken']);
  });

  test('saveRequest puts the saved request in place and lists nothing again', async () => {
    const before = request();
    state().onCollectionsChanged(collections([collection({ items: [{ kind: 'request', request: before }] })]));
    const saved = { ...before, url: 'https://example.test/saved' };
    backend().answer({ 'collections.saveRequest': () => saved });
    await expect(state().saveRequest('col-1', saved)).resolves.toBe(saved);
    expect(backend().methodsCalled()).toEqual(['collections.saveRequest']);
    expect(state().collections).toBe(state().collectionsInFull);
    const item = state().collectionsInFull?.collections[0]?.items[0];
    expect(item?.kind === 'request' ? item.request.url : null).toBe('https://example.test/saved');
  });

  test('a collections.patched event replaces what changed and keeps the rest as it was', () => {
    const kept = collection({ id: 'col-1', name: 'Kept' });
    const edited = request({ id: 'req-1' });
    state().onCollectionsChanged(
      collections([
        kept,
        collection({ id: 'col-2', name: 'Edited', items: [{ kind: 'request', request: edited }] }),
        collection({ id: 'col-3', name: 'Gone' }),
      ]),
    );
    state().onCollectionsPatched({
      workspaceDir: '/ws',
      collections: [collection({ id: 'col-4', name: 'New' })],
      requests: [{ collectionId: 'col-2', request: { ...edited, name: 'Renamed in place' } }],
      removed: ['col-3'],
      order: ['col-1', 'col-2', 'col-4'],
      problems: [{ file: '/ws/x/bad.request.json', message: 'bad' }],
    });
    const after = state().collections;
    expect(after.collections.map((c) => c.name)).toEqual(['Kept', 'Edited', 'New']);
    expect(after.collections[0]).toBe(kept);
    const item = after.collections[1]?.items[0];
    expect(item?.kind === 'request' ? item.request.name : null).toBe('Renamed in place');
    expect(after.problems).toHaveLength(1);
    expect(after.workspaceDir).toBe('/ws');
  });

  test('saveGlobals keeps what was saved', async () => {
    backend().answer({ 'globals.set': ({ variables }) => variables });
    await state().saveGlobals([{ key: 'x', value: '1', enabled: true }]);
    expect(state().globals).toEqual([{ key: 'x', value: '1', enabled: true }]);
  });

  test('exportCollection downloads the file and names the placeholders', async () => {
    backend().answer({ 'collections.export': () => ({ fileName: 'orders.json', text: '{}', placeholders: ['key_secret'] }) });
    await state().exportCollection('col-1');
    expect(downloads).toEqual([{ name: 'orders.json', type: 'application/json' }]);
    expect(toasts('info')).toEqual(['Exported. Credentials were replaced by placeholders: {{key_secret}}.']);
  });

  test('the collections.changed and globals.changed actions replace the state', () => {
    const next = collections([collection({ id: 'col-2' })]);
    state().onCollectionsChanged(next);
    state().onGlobalsChanged([]);
    expect(state().collections).toBe(next);
    expect(state().globals).toEqual([]);
  });
});
