import { beforeEach, describe, expect, test, vi } from 'vitest';
import { EVENT_NAMES } from '../../../../shared/contract';
import type { WebhookEventSummary } from '../../../../shared/model/webhookEvent';
import { useStore, wireEvents } from '../../../../renderer/store';
import { backend } from './harness';
import { collection, collections, environment, environments, listenerState, sandboxStatus } from './fixtures';
import { settle } from './fakeContract';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));

const initial = useStore.getState();
const state = () => useStore.getState();

const listener = listenerState({ maxBodyBytes: 1024 });
const summary = { id: 'ev-1', receivedAt: '2026-01-01T10:00:00.000Z', trigger: 'MESSAGE_DELIVERY', summary: 'DELIVERED' } as unknown as WebhookEventSummary;

beforeEach(() => {
  useStore.setState(initial, true);
  backend().answer({});
});

describe('wireEvents', () => {
  test('subscribes once to every event of the contract', () => {
    const off = wireEvents(backend().client);
    for (const event of EVENT_NAMES) expect(backend().listenerCount(event), event).toBe(1);
    off();
  });

  test('routes each event to the slice that owns its data', async () => {
    const off = wireEvents(backend().client);
    const fake = backend();

    const envs = environments([environment()]);
    fake.emit('environments.changed', envs);
    expect(state().environments).toBe(envs);
    expect(state().environmentsLoaded).toBe(true);

    const sandbox = sandboxStatus({ notice: 'restored' });
    fake.emit('sandbox.changed', sandbox);
    expect(state().sandbox).toBe(sandbox);

    const cols = collections([collection()]);
    fake.emit('collections.changed', cols);
    expect(state().collections).toBe(cols);

    fake.emit('globals.changed', [{ key: 'region', value: 'eu', enabled: true }]);
    expect(state().globals).toEqual([{ key: 'region', value: 'eu', enabled: true }]);

    const version = state().historyVersion;
    fake.emit('history.changed', { total: 3 });
    expect(state().historyVersion).toBe(version + 1);

    const vault = { backend: 'encrypted-file' as const, available: false, locked: true, encryptedFileExists: true };
    fake.emit('credentials.changed', vault);
    expect(state().vault).toBe(vault);

    fake.emit('webhooks.state', listener);
    expect(state().listener).toBe(listener);

    // A received event counts as unseen outside the inspector and (while paused) as pending.
    useStore.setState({ paused: true });
    fake.emit('webhooks.received', { count: 1, events: [summary] });
    expect(state().unseenEvents).toBe(1);
    expect(state().pendingEvents).toBe(1);
    expect(state().listener?.received).toBe(1);

    useStore.setState({ webhookPages: { 0: [summary] } });
    const updated = { ...summary, summary: 'READ' };
    fake.emit('webhooks.updated', { events: [updated] });
    expect(state().webhookPages[0]?.[0]).toBe(updated);

    await settle();
    off();
  });

  test('the unsubscribe stops delivery of every event', () => {
    const off = wireEvents(backend().client);
    off();
    for (const event of EVENT_NAMES) expect(backend().listenerCount(event), event).toBe(0);
    const before = state();
    backend().emit('environments.changed', environments([environment()]));
    backend().emit('history.changed', { total: 1 });
    backend().emit('webhooks.state', listener);
    expect(state().environments).toBe(before.environments);
    expect(state().historyVersion).toBe(before.historyVersion);
    expect(state().listener).toBeNull();
  });

  test('wired twice and undone once (React StrictMode), each event still arrives once', () => {
    const first = wireEvents(backend().client);
    first();
    const second = wireEvents(backend().client);
    const version = state().historyVersion;
    backend().emit('history.changed', { total: 1 });
    expect(state().historyVersion).toBe(version + 1);
    second();
  });
});
