/**
 * One bound zustand store, combined from feature slices. Slices keep their actions next to the
 * state they change; server data comes through `api`, never from fetch.
 */
import { create } from 'zustand';
import { createEnvironmentsSlice, type EnvironmentsSlice } from './features/environments/environmentsSlice';
import { createRequestSlice, type RequestSlice } from './features/requests/requestSlice';
import { createAppSlice, type AppSlice } from './appSlice';
import { createSandboxSlice, type SandboxSlice } from './features/sandbox/sandboxSlice';
import { createCollectionsSlice, type CollectionsSlice } from './features/collections/collectionsSlice';
import { createInspectorSlice, type InspectorSlice } from './features/inspector/inspectorSlice';

export type StoreState = AppSlice & EnvironmentsSlice & RequestSlice & SandboxSlice & CollectionsSlice & InspectorSlice;

export type SliceCreator<T> = (set: (partial: Partial<StoreState> | ((s: StoreState) => Partial<StoreState>)) => void, get: () => StoreState) => T;

export const useStore = create<StoreState>()((set, get) => ({
  ...createAppSlice(set, get),
  ...createEnvironmentsSlice(set, get),
  ...createRequestSlice(set, get),
  ...createSandboxSlice(set, get),
  ...createCollectionsSlice(set, get),
  ...createInspectorSlice(set, get),
}));
