export { HistoryPanel } from './HistoryPanel';
export type { HistorySlice } from './historySlice';
