import type { EnvironmentSecrets, EnvironmentsState, MethodInput, TokenInfo, VaultStatus } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import type { RegionChoice } from '../../../shared/regions';
import { api } from '../../api';
import type { StateCreator } from 'zustand';
import type { StoreState } from '../../store';

export interface EnvironmentsSlice {
  environments: EnvironmentsState;
  environmentsLoaded: boolean;
  loadEnvironments(): Promise<void>;
  /** The `environments.changed` event (routed by wireEvents). */
  onEnvironmentsChanged(environments: EnvironmentsState): void;
  setActiveEnvironment(id: string | null): Promise<void>;
  createEnvironment(name: string, region?: RegionChoice): Promise<Environment | undefined>;
  saveEnvironment(env: Environment): Promise<Environment | undefined>;
  duplicateEnvironment(id: string): Promise<Environment | undefined>;
  deleteEnvironment(id: string): Promise<void>;
  /** Where secrets are kept (keychain, encrypted file) and whether it is usable; null until asked. */
  vault: VaultStatus | null;
  /** Which secrets each environment has stored (never their values), by environment id. */
  secretsByEnvironment: Record<string, EnvironmentSecrets>;
  /** Reads the vault status and, when it is usable, which secrets the environment has. */
  loadCredentials(environmentId: string): Promise<void>;
  /** Which secrets the environment has, or null when that cannot be read (nothing is shown). */
  listSecrets(environmentId: string): Promise<EnvironmentSecrets | null>;
  /** Stores a secret (write-only: the page never reads it back); true when stored. */
  storeSecret(input: MethodInput<'credentials.set'>): Promise<boolean>;
  deleteSecret(input: MethodInput<'credentials.delete'>): Promise<boolean>;
  /** Switches to (or unlocks) the passphrase-protected file when there is no keychain; true when it worked. */
  openEncryptedFile(passphrase: string): Promise<boolean>;
  /** Fetches an access token now; the failure is the user's answer (shown beside the button), not a toast. */
  fetchToken(environmentId: string): Promise<{ ok: true; token: TokenInfo } | { ok: false; error: string }>;
  /** The `credentials.changed` event (routed by wireEvents): the vault changed, so what is stored is read again. */
  onCredentialsChanged(vault: VaultStatus): void;
  /** Opens the environment manager dialog on `selectId` (else the active environment). */
  openManager(selectId?: string | null): void;
  closeManager(): void;
  /** Which environment the open manager shows. */
  selectInManager(id: string | null): void;
}

export const createEnvironmentsSlice: StateCreator<StoreState, [], [], EnvironmentsSlice> = (set, get) => {
  const putSecrets = (environmentId: string, secrets: EnvironmentSecrets): void =>
    set((s) => ({ secretsByEnvironment: { ...s.secretsByEnvironment, [environmentId]: secrets } }));
  /** Environments whose secrets were asked for: read again when the vault changes. */
  const shown = new Set<string>();
  const refreshSecrets = async (): Promise<void> => {
    await Promise.all([...shown].map((id) => get().loadCredentials(id)));
  };
  return {
    environments: { environments: [], activeId: null, problems: [] },
    environmentsLoaded: false,
    async loadEnvironments() {
      await get().attempt(async () => set({ environments: await api.call('environments.list'), environmentsLoaded: true }));
    },
    onEnvironmentsChanged(environments) {
      set({ environments, environmentsLoaded: true });
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
    vault: null,
    secretsByEnvironment: {},
    async loadCredentials(environmentId) {
      shown.add(environmentId);
      const vault = await get().attempt(() => api.call('credentials.status'));
      if (vault) set({ vault });
      if (vault?.available) await get().attempt(async () => putSecrets(environmentId, await api.call('credentials.list', { environmentId })));
    },
    async listSecrets(environmentId) {
      try {
        return await api.call('credentials.list', { environmentId });
      } catch {
        return null;
      }
    },
    async storeSecret(input) {
      const list = await get().attempt(() => api.call('credentials.set', input));
      if (list) putSecrets(input.environmentId, list);
      return list !== undefined;
    },
    async deleteSecret(input) {
      const list = await get().attempt(() => api.call('credentials.delete', input));
      if (list) putSecrets(input.environmentId, list);
      return list !== undefined;
    },
    async openEncryptedFile(passphrase) {
      const vault = await get().attempt(() => api.call('credentials.useEncryptedFile', { passphrase }));
      if (!vault) return false;
      set({ vault });
      await refreshSecrets();
      return true;
    },
    async fetchToken(environmentId) {
      try {
        return { ok: true, token: await api.call('auth.getToken', { environmentId }) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    onCredentialsChanged(vault) {
      set({ vault });
      void refreshSecrets();
    },
    openManager(selectId) {
      const state = get().environments;
      get().openDialog({ kind: 'environments', selectedId: selectId ?? state.activeId ?? state.environments[0]?.id ?? null });
    },
    closeManager() {
      get().closeDialog('environments');
    },
    selectInManager(id) {
      if (get().dialog?.kind === 'environments') get().openDialog({ kind: 'environments', selectedId: id });
    },
  };
};
