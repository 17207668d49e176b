import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { HistorySummary } from '../../../../shared/model/history';
import { useStore } from '../../../../renderer/store';
import { backend } from './harness';
import { collection, collections, historyEntry } from './fixtures';
import { deferred } from './fakeContract';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));

const initial = useStore.getState();
const state = () => useStore.getState();
const toasts = (kind: 'error' | 'info'): string[] =>
  state()
    .toasts.filter((t) => t.kind === kind)
    .map((t) => t.message);
const row = (id: string): HistorySummary =>
  ({ ...historyEntry({ id }), request: undefined, response: undefined, error: undefined }) as unknown as HistorySummary;

beforeEach(() => {
  useStore.setState(initial, true);
  backend().answer({});
});

describe('history', () => {
  test('loadHistory asks for the newest page matching the query', async () => {
    backend().answer({ 'history.list': () => ({ entries: [row('h-1')], total: 7 }) });
    await state().loadHistory('  apps ');
    expect(backend().callsTo('history.list')).toEqual([{ query: 'apps', limit: 100, offset: 0 }]);
    expect(state().historyEntries.map((e) => e.id)).toEqual(['h-1']);
    expect(state().historyTotal).toBe(7);
    await state().loadHistory('');
    expect(backend().callsTo('history.list')[1]?.query).toBeUndefined();
  });

  test('an older answer arriving after a newer one is dropped', async () => {
    const slow = deferred<{ entries: HistorySummary[]; total: number }>();
    let n = 0;
    backend().answer({ 'history.list': () => (n++ === 0 ? slow.promise : { entries: [row('new')], total: 1 }) });
    const first = state().loadHistory('a');
    await state().loadHistory('ab');
    slow.resolve({ entries: [row('old')], total: 1 });
    await first;
    expect(state().historyEntries.map((e) => e.id)).toEqual(['new']);
  });

  test('reopening an entry opens a tab with its request and recorded response, in its collection scope', async () => {
    useStore.setState({ collections: collections([collection({ id: 'col-1' })]) });
    backend().answer({ 'history.get': ({ id }) => historyEntry({ id, collectionId: 'col-1' }) });
    await state().reopenHistoryEntry('h-5');
    const tab = state().tabs.find((t) => t.id === state().activeTabId);
    expect(tab?.origin).toEqual({ kind: 'history', entryId: 'h-5', collectionId: 'col-1' });
    expect(tab?.request.url).toBe('{{base}}/v1/apps');
    expect(tab?.request.name).toBe('List apps');
    expect(tab?.result?.ok && tab.result.response.status).toBe(200);
    expect(tab?.saved).toBeNull();
  });

  test('reopening an entry whose collection is gone says so and drops the scope', async () => {
    backend().answer({ 'history.get': ({ id }) => historyEntry({ id, collectionId: 'col-gone' }) });
    await state().reopenHistoryEntry('h-6');
    const tab = state().tabs.find((t) => t.id === state().activeTabId);
    expect(tab?.origin).toEqual({ kind: 'history', entryId: 'h-6', collectionId: null });
    expect(toasts('info')).toEqual(['The collection this request was sent from no longer exists, so its variables are not in scope.']);
  });

  test('clearHistory says how many went', async () => {
    backend().answer({ 'history.clear': () => ({ cleared: 4 }) });
    await state().clearHistory();
    expect(toasts('info')).toEqual(['Cleared 4 history entries.']);
  });

  test('the history.changed action asks the panel to read again', () => {
    state().onHistoryChanged();
    state().onHistoryChanged();
    expect(state().historyVersion).toBe(2);
  });
});
