import type { MethodInput, SandboxStatus } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import { api } from '../../api';
import type { StateCreator } from 'zustand';
import type { StoreState } from '../../store';

/** An id an environment holds that pointed into the sandbox before it was emptied. */
export interface StaleId {
  environmentId: string;
  environmentName: string;
  /** 'appId' for the environment's own field, else the variable's name. */
  name: string;
  value: string;
}

export interface SandboxSlice {
  sandbox: SandboxStatus;
  loadSandbox(): Promise<void>;
  /** The `sandbox.changed` event (routed by wireEvents). */
  onSandboxChanged(sandbox: SandboxStatus): void;
  /** Empties the sandbox; then the Reset dialog offers to clear the ids that pointed into it, if any. */
  resetSandbox(): Promise<void>;
  clearStaleIds(stale: StaleId[]): Promise<void>;
  dismissSandboxNotice(): Promise<void>;
  /**
   * A simulated contact sends something to an app. On success it is said in a toast and the dialog closes;
   * otherwise the problem is returned, for the dialog to show beside the form.
   */
  simulateInbound(input: MethodInput<'sandbox.simulateInbound'>): Promise<string | null>;
}

/** Ids that name sandbox resources: the environment's app id and variables such as contact_id or conversation_id. */
const ID_VARIABLE = /(^|[_.-])id$/i;

export function staleIdsOf(environments: Environment[]): StaleId[] {
  const out: StaleId[] = [];
  for (const env of environments) {
    if (env.region !== 'sandbox') continue;
    const base = { environmentId: env.id, environmentName: env.name };
    if (env.appId.trim() !== '') out.push({ ...base, name: 'app_id', value: env.appId });
    for (const v of env.variables) {
      if (!v.secret && v.value.trim() !== '' && ID_VARIABLE.test(v.key.trim())) out.push({ ...base, name: v.key.trim(), value: v.value });
    }
  }
  return out;
}

export const createSandboxSlice: StateCreator<StoreState, [], [], SandboxSlice> = (set, get) => ({
  sandbox: { running: false, urls: null, authUrl: null, demo: { projectId: '', keyId: '' }, statePath: null, notice: null },
  async loadSandbox() {
    await get().attempt(async () => set({ sandbox: await api.call('sandbox.status') }));
  },
  onSandboxChanged(sandbox) {
    set({ sandbox });
  },
  async resetSandbox() {
    const sandbox = await get().attempt(() => api.call('sandbox.reset'));
    if (!sandbox) return;
    const stale = staleIdsOf(get().environments.environments);
    set({ sandbox });
    if (stale.length > 0) get().openDialog({ kind: 'resetSandbox', step: 'done', stale });
    else {
      get().closeDialog('resetSandbox');
      get().notify('info', 'The sandbox is empty.');
    }
  },
  async clearStaleIds(stale) {
    for (const env of get().environments.environments) {
      const mine = stale.filter((s) => s.environmentId === env.id);
      if (mine.length === 0) continue;
      const names = new Set(mine.map((s) => s.name));
      const next: Environment = {
        ...env,
        appId: names.has('app_id') ? '' : env.appId,
        variables: env.variables.map((v) => (names.has(v.key.trim()) && !v.secret ? { ...v, value: '' } : v)),
      };
      await get().attempt(() => api.call('environments.update', { environment: next }));
    }
    get().closeDialog('resetSandbox');
    get().notify('info', `Cleared ${stale.length} id${stale.length === 1 ? '' : 's'} that pointed into the old sandbox.`);
  },
  async dismissSandboxNotice() {
    await get().attempt(async () => set({ sandbox: await api.call('sandbox.dismissNotice') }));
  },
  async simulateInbound(input) {
    try {
      const result = await api.call('sandbox.simulateInbound', input);
      get().notify('info', result.messageId ? `The contact sent message ${result.messageId}.` : `The contact sent event ${result.eventId ?? ''}.`);
      get().closeDialog('simulateInbound');
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  },
});
