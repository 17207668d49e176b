import type { StateCreator } from 'zustand';
import type { AppInfo } from '../shared/contract';
import { api, ApiError, retryConnection, setLaunchCommand, type ConnectionDetail, type ConnectionState } from './api';
import type { StaleId } from './features/sandbox/sandboxSlice';
import type { StoreState } from './store';

/** The main views, switched in the header. */
export type View = 'requests' | 'webhooks' | 'project';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** The one modal the app shows (none when null): shortcuts ask this, not a flag per dialog. */
export type DialogState =
  | { kind: 'environments'; /** The environment the manager shows. */ selectedId: string | null }
  | { kind: 'palette' }
  | { kind: 'variables' }
  | { kind: 'settings' }
  | { kind: 'simulateInbound' }
  /** Reset sandbox: asking first, then (after the reset) offering to clear ids that point at nothing. */
  | { kind: 'resetSandbox'; step: 'confirm' }
  | { kind: 'resetSandbox'; step: 'done'; stale: StaleId[] }
  /** Where to keep a request that has no collection yet. */
  | { kind: 'saveAs'; tabId: string }
  /** Import…: a Postman file, a pasted file or curl command, and then the report. */
  | { kind: 'import' }
  /** Fire a sample… (Webhooks): a trigger, and the secret to sign it with. */
  | { kind: 'fireSample' };

export interface AppSlice {
  info: AppInfo | null;
  connection: ConnectionState;
  connectionDetail: ConnectionDetail;
  toasts: Toast[];
  dialog: DialogState | null;
  openDialog(dialog: DialogState): void;
  /** Closes the open dialog; with `kind`, only when that is the one open. */
  closeDialog(kind?: DialogState['kind']): void;
  /** Reads the app info, settings and what the backend owns (the connection is followed by wireEvents). */
  start(): Promise<void>;
  /** The page's connection to the backend changed (routed by wireEvents). */
  onConnectionState(connection: ConnectionState, detail: ConnectionDetail): void;
  /** Reconnects to the backend now instead of waiting for the next attempt. */
  retryConnection(): void;
  /** Saves the app settings; says so and closes the Settings dialog when saved. */
  saveSettings(settings: { requestTimeoutMs: number }): Promise<boolean>;
  notify(kind: Toast['kind'], message: string): void;
  dismissToast(id: number): void;
  /** Runs a backend call and turns a failure into a visible message instead of a lost promise. */
  attempt<T>(work: () => Promise<T>): Promise<T | undefined>;
}

let toastId = 1;

export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set, get) => ({
  info: null,
  connection: 'connecting',
  connectionDetail: { attempt: 0, maxAttempts: 0, nextAttemptAt: null },
  toasts: [],
  dialog: null,
  openDialog: (dialog) => set({ dialog }),
  closeDialog(kind) {
    if (kind === undefined || get().dialog?.kind === kind) set({ dialog: null });
  },
  onConnectionState(connection, connectionDetail) {
    const was = get().connection;
    set({ connection, connectionDetail });
    // After a reconnect the backend may have restarted: refresh what it owns.
    if (connection === 'open' && (was === 'lost' || was === 'unreachable'))
      void Promise.all([get().loadEnvironments(), get().loadSandbox(), get().loadCollections()]);
  },
  async start() {
    await get().attempt(async () => {
      const [info, settings] = await Promise.all([api.call('app.info'), api.call('settings.get')]);
      set({ info, timeoutMs: settings.requestTimeoutMs });
      setLaunchCommand(info.launchCommand);
    });
    await Promise.all([get().loadEnvironments(), get().loadSandbox(), get().loadCollections(), get().loadInspector()]);
    // After the environments: with none yet, the guided first run offers itself.
    await get().loadFirstRun();
  },
  retryConnection() {
    retryConnection();
  },
  async saveSettings(settings) {
    const saved = await get().attempt(() => api.call('settings.set', settings));
    if (!saved) return false;
    get().setTimeoutMs(saved.requestTimeoutMs);
    get().notify('info', `Requests now time out after ${saved.requestTimeoutMs / 1000} s.`);
    get().closeDialog('settings');
    return true;
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
