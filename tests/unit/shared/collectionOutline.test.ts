import { describe, expect, test } from 'vitest';
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import { flattenRequests, outlineOf, type RequestSummary, type TreeItem } from '../../../shared/model/collection';

describe('collection outline', () => {
  test('keeps the tree, its folders and variables, and cuts every request down to id, name and method', () => {
    const outline = outlineOf(BUILTIN_COLLECTION);
    expect({ ...outline, items: [] }).toEqual({ ...BUILTIN_COLLECTION, items: [] });
    const shape = (items: readonly TreeItem<RequestSummary>[]): unknown[] =>
      items.map((i) => (i.kind === 'request' ? i.request.id : { id: i.id, items: shape(i.items) }));
    expect(shape(outline.items)).toEqual(shape(BUILTIN_COLLECTION.items));
    const full = flattenRequests(BUILTIN_COLLECTION.items).map((r) => r.request);
    const summaries: unknown[] = [];
    const walk = (items: typeof outline.items): void => {
      for (const item of items) {
        if (item.kind === 'request') summaries.push(item.request);
        else walk(item.items);
      }
    };
    walk(outline.items);
    expect(summaries).toEqual(full.map(({ id, name, method }) => ({ id, name, method })));
    expect(JSON.stringify(outline).length).toBeLessThan(JSON.stringify(BUILTIN_COLLECTION).length / 4);
  });
});
