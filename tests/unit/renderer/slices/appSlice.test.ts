import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { useStore, wireEvents } from '../../../../renderer/store';
import { backend, connectionListeners, counters } from './harness';
import { collections, environments, sandboxStatus } from './fixtures';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));

const initial = useStore.getState();
const state = () => useStore.getState();
const toasts = (kind: 'error' | 'info'): string[] =>
  state()
    .toasts.filter((t) => t.kind === kind)
    .map((t) => t.message);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  useStore.setState(initial, true);
  backend().answer({});
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the dialog state', () => {
  test('one dialog at a time: opening one replaces the other, and App sees a modal', () => {
    expect(state().dialog).toBeNull();
    state().openDialog({ kind: 'settings' });
    expect(state().dialog).toEqual({ kind: 'settings' });
    state().openDialog({ kind: 'variables' });
    expect(state().dialog).toEqual({ kind: 'variables' });
  });

  test('closeDialog with a kind closes only that dialog', () => {
    state().openDialog({ kind: 'palette' });
    state().closeDialog('settings');
    expect(state().dialog).toEqual({ kind: 'palette' });
    state().closeDialog('palette');
    expect(state().dialog).toBeNull();
    state().openDialog({ kind: 'saveAs', tabId: 't' });
    state().closeDialog();
    expect(state().dialog).toBeNull();
  });
});

describe('attempt and notices', () => {
  test('a failed call becomes an error toast and undefined', async () => {
    await expect(state().attempt(() => Promise.reject(new Error('The port is taken')))).resolves.toBeUndefined();
    expect(toasts('error')).toEqual(['The port is taken']);
  });

  test('info toasts go by themselves, errors stay until dismissed', () => {
    state().notify('info', 'Saved.');
    state().notify('error', 'Broken.');
    vi.advanceTimersByTime(4000);
    expect(toasts('info')).toEqual([]);
    expect(toasts('error')).toEqual(['Broken.']);
    state().dismissToast(state().toasts[0]?.id ?? -1);
    expect(state().toasts).toEqual([]);
  });
});

describe('saveSettings', () => {
  test('saves the timeout, says so and closes the Settings dialog', async () => {
    backend().answer({ 'settings.set': (input) => ({ requestTimeoutMs: input.requestTimeoutMs }) });
    state().openDialog({ kind: 'settings' });
    await expect(state().saveSettings({ requestTimeoutMs: 5000 })).resolves.toBe(true);
    expect(backend().callsTo('settings.set')).toEqual([{ requestTimeoutMs: 5000 }]);
    expect(state().timeoutMs).toBe(5000);
    expect(toasts('info')).toEqual(['Requests now time out after 5 s.']);
    expect(state().dialog).toBeNull();
  });

  test('a refused value keeps the dialog open and the old timeout', async () => {
    backend().answer({ 'settings.set': () => Promise.reject(new Error('Too long')) });
    state().openDialog({ kind: 'settings' });
    await expect(state().saveSettings({ requestTimeoutMs: 5000 })).resolves.toBe(false);
    expect(state().timeoutMs).toBe(initial.timeoutMs);
    expect(state().dialog).toEqual({ kind: 'settings' });
    expect(toasts('error')).toEqual(['Too long']);
  });
});

describe('start', () => {
  test('reads the app info, settings and everything the backend owns; follows the connection; retries on demand', async () => {
    backend().answer({
      'app.info': () => ({
        name: 'x',
        version: '1.2.3',
        host: 'browser',
        platform: 'linux',
        dataDir: '/data',
        defaultTimeoutMs: 30_000,
        launchCommand: 'npm start',
      }),
      'settings.get': () => ({ requestTimeoutMs: 12_000 }),
      'environments.list': () => environments([]),
      'sandbox.status': () => sandboxStatus(),
      'collections.outline': () => collections([]),
      'globals.get': () => [],
      'webhooks.status': () => Promise.reject(new Error('not yet')),
      'webhooks.query': () => ({ events: [], total: 0 }),
    });
    const unwire = wireEvents(backend().client);
    await state().start();
    expect(state().info?.version).toBe('1.2.3');
    expect(state().timeoutMs).toBe(12_000);
    expect(state().environmentsLoaded).toBe(true);
    // The collections' outline: their requests in full wait until something needs them.
    expect(backend().methodsCalled()).toEqual(
      expect.arrayContaining(['environments.list', 'sandbox.status', 'collections.outline', 'globals.get', 'webhooks.status']),
    );
    expect(backend().methodsCalled()).not.toContain('collections.list');

    // After a reconnect, what the backend owns is read again.
    const report = connectionListeners[0];
    expect(report).toBeDefined();
    report?.('lost', { attempt: 1, maxAttempts: 8, nextAttemptAt: 1000 });
    expect(state().connection).toBe('lost');
    expect(state().connectionDetail.attempt).toBe(1);
    backend().answer({
      'environments.list': () => environments([]),
      'sandbox.status': () => sandboxStatus(),
      'collections.outline': () => collections([]),
      'globals.get': () => [],
    });
    report?.('open', { attempt: 0, maxAttempts: 8, nextAttemptAt: null });
    expect(backend().methodsCalled()).toEqual(expect.arrayContaining(['environments.list', 'sandbox.status', 'collections.outline']));

    state().retryConnection();
    expect(counters.retries).toBe(1);
    unwire();
  });
});
