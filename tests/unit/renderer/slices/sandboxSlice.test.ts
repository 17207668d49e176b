import { beforeEach, describe, expect, test, vi } from 'vitest';
import { useStore } from '../../../../renderer/store';
import { backend } from './harness';
import { environment, environments, sandboxStatus } from './fixtures';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));

const initial = useStore.getState();
const state = () => useStore.getState();
const toasts = (kind: 'error' | 'info'): string[] =>
  state()
    .toasts.filter((t) => t.kind === kind)
    .map((t) => t.message);
const sandboxEnv = environment({
  id: 'env-s',
  name: 'Sandbox',
  region: 'sandbox',
  appId: 'APP1',
  variables: [{ key: 'contact_id', value: 'C1', enabled: true }],
});

beforeEach(() => {
  useStore.setState(initial, true);
  backend().answer({});
});

describe('sandbox', () => {
  test('loadSandbox and dismissSandboxNotice keep the status the backend answers', async () => {
    backend().answer({ 'sandbox.status': () => sandboxStatus({ notice: 'Restored partly' }), 'sandbox.dismissNotice': () => sandboxStatus() });
    await state().loadSandbox();
    expect(state().sandbox.notice).toBe('Restored partly');
    await state().dismissSandboxNotice();
    expect(state().sandbox.notice).toBeNull();
  });

  test('reset with ids pointing into the old sandbox: the dialog offers to clear them, and clearing saves the environments', async () => {
    useStore.setState({ environments: environments([sandboxEnv, environment()]) });
    backend().answer({ 'sandbox.reset': () => sandboxStatus(), 'environments.update': ({ environment: env }) => env as typeof sandboxEnv });
    state().openDialog({ kind: 'resetSandbox', step: 'confirm' });
    await state().resetSandbox();
    const dialog = state().dialog;
    expect(dialog?.kind === 'resetSandbox' && dialog.step === 'done' ? dialog.stale.map((s) => s.name) : null).toEqual(['app_id', 'contact_id']);
    if (dialog?.kind !== 'resetSandbox' || dialog.step !== 'done') throw new Error('not offered');
    await state().clearStaleIds(dialog.stale);
    const saved = backend()
      .callsTo('environments.update')
      .map((c) => c.environment);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.appId).toBe('');
    expect(saved[0]?.variables[0]?.value).toBe('');
    expect(state().dialog).toBeNull();
    expect(toasts('info')).toEqual(['Cleared 2 ids that pointed into the old sandbox.']);
  });

  test('reset with nothing pointing into it closes the dialog and says the sandbox is empty', async () => {
    backend().answer({ 'sandbox.reset': () => sandboxStatus() });
    state().openDialog({ kind: 'resetSandbox', step: 'confirm' });
    await state().resetSandbox();
    expect(state().dialog).toBeNull();
    expect(toasts('info')).toEqual(['The sandbox is empty.']);
  });

  test('a failed reset keeps the dialog asking', async () => {
    backend().answer({ 'sandbox.reset': () => Promise.reject(new Error('The sandbox is not running')) });
    state().openDialog({ kind: 'resetSandbox', step: 'confirm' });
    await state().resetSandbox();
    expect(state().dialog).toEqual({ kind: 'resetSandbox', step: 'confirm' });
    expect(toasts('error')).toEqual(['The sandbox is not running']);
  });

  test('simulateInbound: on success a notice and the dialog closes; on failure the problem is returned for the form', async () => {
    backend().answer({ 'sandbox.simulateInbound': () => ({ messageId: 'M1' }) });
    state().openDialog({ kind: 'simulateInbound' });
    await expect(state().simulateInbound({ appId: 'APP1', kind: 'text', text: 'hi', channel: 'SMS', identity: '+4670' })).resolves.toBeNull();
    expect(toasts('info')).toEqual(['The contact sent message M1.']);
    expect(state().dialog).toBeNull();

    backend().answer({ 'sandbox.simulateInbound': () => Promise.reject(new Error('No app APP2')) });
    state().openDialog({ kind: 'simulateInbound' });
    await expect(state().simulateInbound({ appId: 'APP2', kind: 'text' })).resolves.toBe('No app APP2');
    expect(state().dialog).toEqual({ kind: 'simulateInbound' });
    expect(toasts('error')).toEqual([]);
  });

  test('the sandbox.changed action replaces the status', () => {
    const next = sandboxStatus({ running: false });
    state().onSandboxChanged(next);
    expect(state().sandbox).toBe(next);
  });
});
