import type { SandboxStatus } from '../../../shared/contract';
import { api } from '../../api';
import type { SliceCreator } from '../../store';

export interface SandboxSlice {
  sandbox: SandboxStatus;
  simulateOpen: boolean;
  loadSandbox(): Promise<void>;
  subscribeSandbox(): void;
  setSimulateOpen(open: boolean): void;
}

let subscribed = false;

export const createSandboxSlice: SliceCreator<SandboxSlice> = (set, get) => ({
  sandbox: { running: false, urls: null, authUrl: null, demo: { projectId: '', keyId: '' }, statePath: null, notice: null },
  simulateOpen: false,
  async loadSandbox() {
    await get().attempt(async () => set({ sandbox: await api.call('sandbox.status') }));
  },
  subscribeSandbox() {
    if (subscribed) return;
    subscribed = true;
    api.on('sandbox.changed', (sandbox) => set({ sandbox }));
  },
  setSimulateOpen(simulateOpen) {
    set({ simulateOpen });
  },
});
