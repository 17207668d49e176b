export { ImportDialog } from './ImportDialog';
export type { TransferSlice } from './transferSlice';
