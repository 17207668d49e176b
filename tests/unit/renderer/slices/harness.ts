/**
 * The bound store of the app, talking to a fake contract client instead of the backend. Each test file
 * installs the mock (vi.mock is hoisted per file) with:
 *
 *   vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));
 *
 * and calls `resetStore()` before each test, as zustand's testing guide resets every store between tests.
 */
import { fakeContract, type FakeContract } from './fakeContract';

let fake: FakeContract | null = null;
export const connectionListeners: ((
  state: 'connecting' | 'open' | 'lost' | 'restarted' | 'unreachable',
  detail: { attempt: number; maxAttempts: number; nextAttemptAt: number | null },
) => void)[] = [];
export const counters = { retries: 0 };

export function mockApiModule(original: object): object {
  fake = fakeContract();
  return {
    ...original,
    api: fake.client,
    onConnectionState(listener: (typeof connectionListeners)[number]) {
      connectionListeners.push(listener);
      return () => undefined;
    },
    retryConnection() {
      counters.retries++;
    },
  };
}

export function backend(): FakeContract {
  if (!fake) throw new Error('the api mock is not installed: add the vi.mock line of harness.ts to the test file');
  return fake;
}
