import type { EnvironmentsState } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import type { RegionChoice } from '../../../shared/regions';
import { api } from '../../api';
import type { SliceCreator } from '../../store';

export interface EnvironmentsSlice {
  environments: EnvironmentsState;
  environmentsLoaded: boolean;
  /** The environment manager dialog, and which environment it shows. */
  managerOpen: boolean;
  managerSelectedId: string | null;
  loadEnvironments(): Promise<void>;
  subscribeEnvironments(): void;
  setActiveEnvironment(id: string | null): Promise<void>;
  createEnvironment(name: string, region?: RegionChoice): Promise<Environment | undefined>;
  saveEnvironment(env: Environment): Promise<Environment | undefined>;
  duplicateEnvironment(id: string): Promise<Environment | undefined>;
  deleteEnvironment(id: string): Promise<void>;
  openManager(selectId?: string | null): void;
  closeManager(): void;
  selectInManager(id: string | null): void;
}

let subscribed = false;

export const createEnvironmentsSlice: SliceCreator<EnvironmentsSlice> = (set, get) => ({
  environments: { environments: [], activeId: null, problems: [] },
  environmentsLoaded: false,
  managerOpen: false,
  managerSelectedId: null,
  async loadEnvironments() {
    await get().attempt(async () => set({ environments: await api.call('environments.list'), environmentsLoaded: true }));
  },
  subscribeEnvironments() {
    if (subscribed) return;
    subscribed = true;
    api.on('environments.changed', (environments) => set({ environments, environmentsLoaded: true }));
  },
  async setActiveEnvironment(id) {
    await get().attempt(async () => set({ environments: await api.call('environments.setActive', { id }) }));
  },
  async createEnvironment(name, region) {
    return get().attempt(async () => {
      const env = await api.call('environments.create', region ? { name, region } : { name });
      await get().loadEnvironments();
      return env;
    });
  },
  async saveEnvironment(env) {
    return get().attempt(async () => {
      const saved = await api.call('environments.update', { environment: env });
      get().notify('info', `Saved environment "${saved.name}".`);
      return saved;
    });
  },
  async duplicateEnvironment(id) {
    return get().attempt(() => api.call('environments.duplicate', { id }));
  },
  async deleteEnvironment(id) {
    await get().attempt(() => api.call('environments.delete', { id }));
  },
  openManager(selectId) {
    const state = get().environments;
    set({ managerOpen: true, managerSelectedId: selectId ?? state.activeId ?? state.environments[0]?.id ?? null });
  },
  closeManager() {
    set({ managerOpen: false });
  },
  selectInManager(id) {
    set({ managerSelectedId: id });
  },
});
