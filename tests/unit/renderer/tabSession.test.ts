import { describe, expect, test } from 'vitest';
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import { flattenRequests, newRequestTemplate, type CollectionTree, type RequestTemplate } from '../../../shared/model/collection';
import { fromSession, toSession } from '../../../renderer/features/requests/tabSession';
import type { RequestTab, TabOrigin } from '../../../renderer/features/requests/requestSlice';

let n = 0;
const makeTab = (): RequestTab => ({
  id: `t${++n}`,
  request: newRequestTemplate(`r${n}`, 'Untitled request'),
  saved: null,
  origin: { kind: 'new' },
  inFlightId: null,
  result: null,
  blocked: null,
  schemaProblems: null,
});
const tab = (request: RequestTemplate, saved: RequestTemplate | null, origin: TabOrigin): RequestTab => ({ ...makeTab(), request, saved, origin });

const createApp = flattenRequests(BUILTIN_COLLECTION.items).find((r) => r.request.id === 'apps.create')?.request as RequestTemplate;
const mine: CollectionTree = {
  id: 'c1',
  name: 'Mine',
  description: '',
  variables: [],
  readOnly: false,
  items: [{ kind: 'request', request: { ...newRequestTemplate('m1', 'Orders'), url: 'https://example.test/orders' } }],
};
const saved = (mine.items[0] as { request: RequestTemplate }).request;

describe('open tabs kept across restarts', () => {
  test('an untouched blank tab is not kept; an unchanged tab is kept by reference only; a changed one with its draft', () => {
    const blank = makeTab();
    const clean = tab(structuredClone(createApp), structuredClone(createApp), { kind: 'builtin' });
    const edited = tab({ ...saved, url: 'https://example.test/orders?late=1' }, saved, { kind: 'collection', collectionId: 'c1' });
    const session = toSession([blank, clean, edited], edited.id);
    expect(session.activeTabId).toBe(edited.id);
    expect(session.tabs.map((t) => [t.requestId, t.draft === null])).toEqual([
      ['apps.create', true],
      ['m1', false],
    ]);
  });

  test('the active tab falls back to the first kept one when it was not kept', () => {
    const blank = makeTab();
    const clean = tab(structuredClone(createApp), structuredClone(createApp), { kind: 'builtin' });
    expect(toSession([clean, blank], blank.id).activeTabId).toBe(clean.id);
    expect(toSession([blank], blank.id)).toEqual({ activeTabId: null, tabs: [] });
  });

  test('a body over 1 MB is left out and named; an emptied name is kept as "Untitled request"', () => {
    const big = tab({ ...newRequestTemplate('b', '  '), method: 'POST', url: 'https://x.test', body: { mode: 'text', text: 'x'.repeat(1_100_000) } }, null, {
      kind: 'new',
    });
    const [kept] = toSession([big], big.id).tabs;
    expect(kept?.draft?.body.text).toBe('');
    expect(kept?.draft?.name).toBe('Untitled request');
    expect(kept?.notKept[0]).toMatch(/^body \(1074 KB, larger than the 1 MB kept per tab\)$/);
  });

  test('restored: drafts stay unsaved against what is saved now; unchanged tabs open the saved request; vanished ones are dropped', () => {
    const edited = tab({ ...saved, url: 'https://example.test/orders?late=1' }, saved, { kind: 'collection', collectionId: 'c1' });
    const clean = tab(structuredClone(createApp), structuredClone(createApp), { kind: 'builtin' });
    const gone = tab(saved, saved, { kind: 'collection', collectionId: 'deleted-collection' });
    const session = toSession([clean, edited, gone], edited.id);
    session.tabs[1] = { ...(session.tabs[1] as (typeof session.tabs)[number]), notKept: ['header Authorization'] };
    const { tabs, activeIndex } = fromSession(session, [mine], makeTab);
    expect(tabs.map((t) => t.request.id)).toEqual(['apps.create', 'm1']);
    expect(activeIndex).toBe(1);
    expect(tabs[0]?.request).toEqual(createApp);
    expect(tabs[0]?.saved).toEqual(createApp);
    expect(tabs[1]?.request.url).toBe('https://example.test/orders?late=1');
    expect(tabs[1]?.saved).toEqual(saved);
    expect(tabs[1]?.restoredNotKept).toEqual(['header Authorization']);
    // Fresh tab ids: never clashing with tabs opened later.
    expect(new Set(tabs.map((t) => t.id)).size).toBe(2);
  });

  test('a draft whose collection request was deleted comes back as a new, unsaved request', () => {
    const edited = tab({ ...saved, url: 'https://example.test/changed' }, saved, { kind: 'collection', collectionId: 'c1' });
    const { tabs } = fromSession(toSession([edited], edited.id), [], makeTab);
    expect(tabs[0]?.origin).toEqual({ kind: 'new' });
    expect(tabs[0]?.saved).toBeNull();
    expect(tabs[0]?.request.url).toBe('https://example.test/changed');
  });
});
