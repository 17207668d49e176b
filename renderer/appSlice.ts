import type { AppInfo } from '../shared/contract';
import { api, ApiError, onConnectionState, type ConnectionState } from './api';
import type { StateCreator } from 'zustand';
import type { StoreState } from './store';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface AppSlice {
  info: AppInfo | null;
  connection: ConnectionState;
  toasts: Toast[];
  paletteOpen: boolean;
  variablesOpen: boolean;
  settingsOpen: boolean;
  setSettingsOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  setVariablesOpen(open: boolean): void;
  start(): Promise<void>;
  notify(kind: Toast['kind'], message: string): void;
  dismissToast(id: number): void;
  /** Runs a backend call and turns a failure into a visible message instead of a lost promise. */
  attempt<T>(work: () => Promise<T>): Promise<T | undefined>;
}

let toastId = 1;
let started = false;

export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set, get) => ({
  info: null,
  connection: 'connecting',
  toasts: [],
  paletteOpen: false,
  variablesOpen: false,
  settingsOpen: false,
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setVariablesOpen: (variablesOpen) => set({ variablesOpen }),
  async start() {
    if (started) return;
    started = true;
    onConnectionState((connection) => {
      const was = get().connection;
      set({ connection });
      // After a reconnect the backend may have restarted: refresh what it owns.
      if (connection === 'open' && (was === 'lost' || was === 'unreachable')) void Promise.all([get().loadEnvironments(), get().loadSandbox(), get().loadCollections()]);
    });
    await get().attempt(async () => {
      const [info, settings] = await Promise.all([api.call('app.info'), api.call('settings.get')]);
      set({ info, timeoutMs: settings.requestTimeoutMs });
    });
    await Promise.all([get().loadEnvironments(), get().loadSandbox(), get().loadCollections(), get().loadInspector()]);
  },
  notify(kind, message) {
    const id = toastId++;
    set((s) => ({ toasts: [...s.toasts, { id, kind, message }] }));
    if (kind === 'info') setTimeout(() => get().dismissToast(id), 4000);
  },
  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
  async attempt(work) {
    try {
      return await work();
    } catch (error) {
      get().notify('error', error instanceof ApiError || error instanceof Error ? error.message : String(error));
      return undefined;
    }
  },
});
