/**
 * One bound zustand store, combined from feature slices. Slices keep their actions next to the
 * state they change and own every backend call; server data comes through `api`, never from fetch.
 * Backend events reach the slices through `wireEvents`, the one place that subscribes to them.
 */
import { create } from 'zustand';
import { onConnectionState } from './api';
import type { ContractClient, EventName, EventPayload } from '../shared/contract';
import { createEnvironmentsSlice, type EnvironmentsSlice } from './features/environments/environmentsSlice';
import { createRequestSlice, type RequestSlice } from './features/requests/requestSlice';
import { createAppSlice, type AppSlice } from './appSlice';
import { createSandboxSlice, type SandboxSlice } from './features/sandbox/sandboxSlice';
import { createCollectionsSlice, type CollectionsSlice } from './features/collections/collectionsSlice';
import { createInspectorSlice, type InspectorSlice } from './features/inspector/inspectorSlice';
import { createHistorySlice, type HistorySlice } from './features/history/historySlice';
import { createProjectSlice, type ProjectSlice } from './features/project/projectSlice';

import { createTransferSlice, type TransferSlice } from './features/transfer/transferSlice';

export type StoreState = AppSlice &
  EnvironmentsSlice &
  RequestSlice &
  SandboxSlice &
  CollectionsSlice &
  InspectorSlice &
  HistorySlice &
  ProjectSlice &
  TransferSlice;

export const useStore = create<StoreState>()((...a) => ({
  ...createAppSlice(...a),
  ...createEnvironmentsSlice(...a),
  ...createRequestSlice(...a),
  ...createSandboxSlice(...a),
  ...createCollectionsSlice(...a),
  ...createInspectorSlice(...a),
  ...createHistorySlice(...a),
  ...createProjectSlice(...a),
  ...createTransferSlice(...a),
}));

/** Where each contract event goes: one entry per event, so a new event without a route fails typecheck. */
type EventRoutes = { [E in EventName]: (payload: EventPayload<E>, state: StoreState) => void };

const routes: EventRoutes = {
  'environments.changed': (environments, s) => s.onEnvironmentsChanged(environments),
  'sandbox.changed': (sandbox, s) => s.onSandboxChanged(sandbox),
  'collections.changed': (collections, s) => s.onCollectionsChanged(collections),
  'collections.patched': (patch, s) => s.onCollectionsPatched(patch),
  'globals.changed': (globals, s) => s.onGlobalsChanged(globals),
  'history.changed': (_payload, s) => s.onHistoryChanged(),
  'credentials.changed': (vault, s) => s.onCredentialsChanged(vault),
  'webhooks.state': (listener, s) => s.onListenerState(listener),
  'webhooks.received': (batch, s) => {
    s.onWebhooksReceived(batch);
    // The guided first run waits for the delivery report of the message it sent.
    for (const event of batch.events) s.onProjectWebhook(event);
  },
  'webhooks.updated': ({ events }, s) => {
    s.onWebhooksUpdated(events);
    for (const event of events) s.onProjectWebhook(event);
  },
  'tunnel.changed': (tunnel, s) => s.onTunnelChanged(tunnel),
};

/**
 * Subscribes to every contract event and hands each to its slice action (as Bruno's useIpcEvents
 * does); returns the unsubscribe. Called once, from App, and undone when App unmounts.
 */
export function wireEvents(
  api: Pick<ContractClient, 'on'>,
  store: { getState(): StoreState } = useStore,
  connection: typeof onConnectionState = onConnectionState,
): () => void {
  const route = <E extends EventName>(event: E): (() => void) => api.on(event, (payload) => routes[event](payload, store.getState()));
  const offs = (Object.keys(routes) as EventName[]).map(route);
  // The page's own connection to the backend is followed here too, so no slice subscribes by itself.
  offs.push(connection((state, detail) => store.getState().onConnectionState(state, detail)));
  return () => {
    for (const off of offs) off();
  };
}
