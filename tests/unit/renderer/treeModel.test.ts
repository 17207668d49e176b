import { describe, expect, test, vi } from 'vitest';
import { newRequestTemplate, type CollectionTree } from '../../../shared/model/collection';
import { fuzzyScore } from '../../../renderer/features/palette/fuzzy';
import { allRequests, foldersOf, locateRequest, visibleRows } from '../../../renderer/features/collections/treeModel';

const request = (id: string, name: string, method: 'GET' | 'POST' = 'GET') => ({
  kind: 'request' as const,
  request: { ...newRequestTemplate(id, name), method, url: `{{base_url}}/${id}` },
});

const tree: CollectionTree = {
  id: 'c1',
  name: 'Orders',
  description: '',
  variables: [],
  readOnly: false,
  items: [
    request('r1', 'List orders'),
    {
      kind: 'folder',
      id: 'f1',
      name: 'Notify',
      description: '',
      items: [
        request('r2', 'Send shipping text', 'POST'),
        { kind: 'folder', id: 'f2', name: 'Deep', description: '', items: [request('r3', 'Send refund card', 'POST')] },
      ],
    },
  ],
};

describe('sidebar tree', () => {
  test('a pasted page of words is read once per filter, not once per request, and each item is judged once (issue 19)', () => {
    const big: CollectionTree = {
      ...tree,
      items: Array.from({ length: 20 }, (_, f) => ({
        kind: 'folder' as const,
        id: `f${f}`,
        name: `Folder ${f}`,
        description: '',
        items: Array.from({ length: 50 }, (_, i) => request(`r${f}-${i}`, `Send message ${i}`, 'POST')),
      })),
    };
    const pasted = Array.from({ length: 3000 }, (_, i) => ['send', 'message', 'post'][i % 3]).join(' ');
    const split = vi.spyOn(String.prototype, 'split');
    let rows: ReturnType<typeof visibleRows>;
    let splits: number;
    try {
      rows = visibleRows([big], {}, pasted);
      splits = split.mock.calls.length;
    } finally {
      split.mockRestore();
    }
    // Every request matches all three words, repeated a thousand times each.
    expect(rows.filter((r) => r.kind === 'request')).toHaveLength(1000);
    expect(splits).toBeLessThanOrEqual(2);
  });

  test('collapsed folders hide their children; expanded ones show them indented', () => {
    expect(visibleRows([tree], {}, '').map((r) => r.name)).toEqual(['Orders']);
    const rows = visibleRows([tree], { c1: true, f1: true }, '');
    expect(rows.map((r) => `${r.depth}:${r.name}`)).toEqual(['0:Orders', '1:List orders', '1:Notify', '2:Send shipping text', '2:Deep']);
  });

  test('a collection or folder whose id is an Object.prototype name starts collapsed like any other', () => {
    const hostile: CollectionTree = {
      ...tree,
      id: 'constructor',
      items: [{ kind: 'folder', id: 'toString', name: 'Inner', description: '', items: [request('r9', 'Hidden')] }],
    };
    expect(visibleRows([hostile], {}, '').map((r) => r.name)).toEqual(['Orders']);
    expect(visibleRows([hostile], { constructor: true }, '').map((r) => r.name)).toEqual(['Orders', 'Inner']);
  });

  test('a filter shows every match with its ancestors, whatever is collapsed', () => {
    const rows = visibleRows([tree], {}, 'refund');
    expect(rows.map((r) => r.name)).toEqual(['Orders', 'Notify', 'Deep', 'Send refund card']);
    expect(
      visibleRows([tree], {}, 'post send')
        .map((r) => r.name)
        .filter((n) => n.startsWith('Send')),
    ).toEqual(['Send shipping text', 'Send refund card']);
    expect(visibleRows([tree], {}, 'nothing like this')).toEqual([]);
  });

  test('a request is located with its parent, and folders are listed with paths for saving', () => {
    expect(locateRequest([tree], 'r3')).toMatchObject({ collection: { id: 'c1' }, parentId: 'f2' });
    expect(locateRequest([tree], 'nope')).toBeNull();
    expect(foldersOf(tree).map((f) => f.path)).toEqual(['Orders', 'Orders / Notify', 'Orders / Notify / Deep']);
    expect(allRequests([tree]).map((r) => r.path)).toEqual(['Orders', 'Orders / Notify', 'Orders / Notify / Deep']);
  });
});

describe('command palette matching', () => {
  test('word starts and consecutive letters rank higher; non-matches are -1', () => {
    expect(fuzzyScore('POST Send choice message', 'send choice')).toBeGreaterThan(fuzzyScore('POST Sandbox needs a chosen id', 'send choice'));
    expect(fuzzyScore('GET List apps', 'zzz')).toBe(-1);
    expect(fuzzyScore('anything', '')).toBe(0);
  });
});
