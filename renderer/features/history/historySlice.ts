import type { StateCreator } from 'zustand';
import { BUILTIN_COLLECTION_ID } from '../../../shared/catalog';
import { newRequestTemplate } from '../../../shared/model/collection';
import type { HistorySummary } from '../../../shared/model/history';
import { api } from '../../api';
import type { StoreState } from '../../store';
import { recordedResult } from './recordedResult';

/** How many of the newest matching entries the panel lists. */
export const HISTORY_PAGE = 100;

export interface HistorySlice {
  historyEntries: HistorySummary[];
  historyTotal: number;
  /** Bumped by the `history.changed` event: the panel reads its page again. */
  historyVersion: number;
  /** Reads the newest entries matching `query` (a later call wins over an earlier one still in flight). */
  loadHistory(query: string): Promise<void>;
  /** Opens an entry as a new tab, with what it received, in the scope of the collection it came from. */
  reopenHistoryEntry(id: string): Promise<void>;
  clearHistory(): Promise<void>;
  /** The `history.changed` event (routed by wireEvents). */
  onHistoryChanged(): void;
}

export const createHistorySlice: StateCreator<StoreState, [], [], HistorySlice> = (set, get) => {
  let latest = 0;
  return {
    historyEntries: [],
    historyTotal: 0,
    historyVersion: 0,
    async loadHistory(query) {
      const ticket = ++latest;
      const page = await get().attempt(() => api.call('history.list', { query: query.trim() || undefined, limit: HISTORY_PAGE, offset: 0 }));
      if (page && ticket === latest) set({ historyEntries: page.entries, historyTotal: page.total });
    },
    async reopenHistoryEntry(id) {
      const entry = await get().attempt(() => api.call('history.get', { id }));
      if (!entry) return;
      // Sent again with the variables of the collection it came from, while that collection exists.
      const from = entry.collectionId;
      const collectionExists = from !== null && (from === BUILTIN_COLLECTION_ID || get().collections.collections.some((c) => c.id === from));
      if (from !== null && !collectionExists)
        get().notify('info', 'The collection this request was sent from no longer exists, so its variables are not in scope.');
      const name = (entry.name || `${entry.method} ${entry.url}`).slice(0, 200);
      get().openRequest(
        { ...newRequestTemplate(crypto.randomUUID(), name), ...entry.request },
        { kind: 'history', entryId: entry.id, collectionId: collectionExists ? from : null },
        recordedResult(entry),
      );
    },
    async clearHistory() {
      const result = await get().attempt(() => api.call('history.clear'));
      if (result) get().notify('info', `Cleared ${result.cleared} history entries.`);
    },
    onHistoryChanged() {
      set((s) => ({ historyVersion: s.historyVersion + 1 }));
    },
  };
};
