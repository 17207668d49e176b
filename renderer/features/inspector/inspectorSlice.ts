import type { ListenerState } from '../../../shared/contract';
import { matchesFilter, type WebhookBatch, type WebhookEventSummary, type WebhookFilter } from '../../../shared/model/webhookEvent';
import type { EnvironmentSecrets, MethodInput, MethodOutput, SigningSecretChoice, SigningSecretRef } from '../../../shared/contract';
import type { JsonDiffEntry, WebhookEvent } from '../../../shared/model/webhookEvent';
import type { WEBHOOK_TRIGGERS } from '../../../shared/model/webhookEvent';
import { newRequestTemplate } from '../../../shared/model/collection';
import { timelineQueryOf } from './timeline';
import { api } from '../../api';
import type { StateCreator } from 'zustand';
import type { StoreState } from '../../store';
import type { View } from '../../appSlice';

export const PAGE_SIZE = 100;

export interface InspectorSlice {
  view: View;
  listener: ListenerState | null;
  webhookFilter: WebhookFilter;
  /** Rows by page index; a new event or filter drops them. */
  webhookPages: Record<number, WebhookEventSummary[]>;
  webhookTotal: number;
  /** Bumped whenever the list must be re-read (and, when not paused, scrolled to the top). */
  webhookVersion: number;
  /** Pages being read now, as `version:page`, so a scroll does not ask for one twice. */
  webhookPagesLoading: Readonly<Record<string, true>>;
  selectedEventId: string | null;
  /** Events that arrived while auto-scroll was paused: shown as "N new" instead of moving the list. */
  pendingEvents: number;
  paused: boolean;
  unseenEvents: number;
  setView(view: View): void;
  loadInspector(): Promise<void>;
  /** Contract events, routed here by wireEvents in store.ts. */
  onListenerState(listener: ListenerState): void;
  /** A coalesced notice (at most ~10 a second): the list is re-read at most once per notice, one read at a time. */
  onWebhooksReceived(batch: WebhookBatch): void;
  onWebhooksUpdated(events: WebhookEventSummary[]): void;
  setWebhookFilter(filter: WebhookFilter): void;
  loadWebhookRange(start: number, end: number): Promise<void>;
  selectEvent(id: string | null): void;
  setPaused(paused: boolean): void;
  showPending(): void;
  startListener(port?: number, host?: '127.0.0.1' | '0.0.0.0'): Promise<void>;
  stopListener(): Promise<void>;
  configureListener(change: { reply?: Partial<ListenerState['reply']>; forwardTo?: string | null }): Promise<void>;
  clearEvents(): Promise<void>;
  // The event details and their panels: the backend is reached only through these.
  /** The selected event in full; `event` is null while it loads. */
  eventDetails: { id: string; event: WebhookEvent | null } | null;
  /** The events that share the shown event's message (or conversation). */
  eventTimeline: { eventId: string; items: WebhookEventSummary[] } | null;
  /** The active environment's secret names, offered to re-sign a replay; `secrets` null when unreadable. */
  replaySecrets: { environmentId: string; secrets: EnvironmentSecrets | null } | null;
  loadEventDetails(id: string): Promise<void>;
  loadEventTimeline(event: WebhookEvent): Promise<void>;
  /** Opens, in a request tab, the request from history that sent this message; says so when there is none. */
  openRequestThatSent(messageId: string): Promise<void>;
  loadReplaySecrets(environmentId: string): Promise<void>;
  /** The outcome belongs to the panel that asked (it goes when the panel closes), so it is returned, not stored. */
  replayEvent(request: MethodInput<'webhooks.replay'>): Promise<MethodOutput<'webhooks.replay'> | undefined>;
  /** Differences from event `a`'s body to event `b`'s; returned to the panel that asked, as a replay's outcome is. */
  /** The differences, or what stops the comparison (said in the panel itself, not in a toast). */
  diffEvents(a: string, b: string): Promise<{ entries: JsonDiffEntry[] } | { error: string }>;
  /** The secrets a sample may be signed with (names only); null until read. */
  signingSecrets: SigningSecretChoice[] | null;
  loadSigningSecrets(): Promise<void>;
  /** What Fire a sample… was last asked for, so the dialog opens on it. */
  lastSample: { trigger: (typeof WEBHOOK_TRIGGERS)[number]; sign: SigningSecretRef | null };
  /**
   * A sample callback of this trigger sent to the listener, signed with `sign` (unsigned without). Returns what
   * went wrong, in words, for the dialog that asked; null when the listener took it.
   */
  fireSample(trigger: (typeof WEBHOOK_TRIGGERS)[number], sign?: SigningSecretRef | null): Promise<string | null>;
}

export const createInspectorSlice: StateCreator<StoreState, [], [], InspectorSlice> = (set, get) => {
  const reload = async (): Promise<void> => {
    const { webhookFilter } = get();
    const page = await get().attempt(() => api.call('webhooks.query', { filter: webhookFilter, offset: 0, limit: PAGE_SIZE }));
    if (page) set((s) => ({ webhookPages: { 0: page.events }, webhookTotal: page.total, webhookVersion: s.webhookVersion + 1, pendingEvents: 0 }));
  };
  // One list read in flight at a time; notices meanwhile ask for one more read after it, not one each.
  let reading: Promise<void> | null = null;
  let readAgain = false;
  const reloadCoalesced = (): void => {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = reload().finally(() => {
      reading = null;
      if (readAgain) {
        readAgain = false;
        reloadCoalesced();
      }
    });
  };
  return {
    view: 'requests',
    listener: null,
    webhookFilter: {},
    webhookPages: {},
    webhookTotal: 0,
    webhookVersion: 0,
    webhookPagesLoading: {},
    selectedEventId: null,
    pendingEvents: 0,
    paused: false,
    unseenEvents: 0,
    setView: (view) => set({ view, ...(view === 'webhooks' ? { unseenEvents: 0 } : {}) }),
    async loadInspector() {
      const listener = await get().attempt(() => api.call('webhooks.status'));
      if (listener) set({ listener });
      await reload();
    },
    onListenerState(listener) {
      set({ listener });
    },
    onWebhooksReceived({ count, events }) {
      if (count <= 0) return;
      set((s) => ({
        unseenEvents: s.view === 'webhooks' ? 0 : s.unseenEvents + count,
        listener: s.listener ? { ...s.listener, received: s.listener.received + count } : s.listener,
      }));
      // The text is matched by the backend (it searches bodies the page does not have): judge by the rest here.
      const { text: _text, ...filter } = get().webhookFilter;
      const untold = count - events.length;
      const matching = events.filter((event) => matchesFilter(event, filter)).length + untold;
      if (matching === 0) return;
      if (get().paused) set((s) => ({ pendingEvents: s.pendingEvents + matching }));
      else reloadCoalesced();
    },
    onWebhooksUpdated(events) {
      const byId = new Map(events.map((event) => [event.id, event]));
      set((s) => ({
        webhookPages: Object.fromEntries(Object.entries(s.webhookPages).map(([k, rows]) => [k, rows.map((r) => byId.get(r.id) ?? r)])),
      }));
    },
    setWebhookFilter(webhookFilter) {
      set({ webhookFilter, webhookPages: {}, selectedEventId: null });
      void reload();
    },
    async loadWebhookRange(start, end) {
      const { webhookFilter, webhookPages, webhookVersion } = get();
      for (let page = Math.floor(start / PAGE_SIZE); page * PAGE_SIZE < end; page++) {
        const key = `${webhookVersion}:${page}`;
        if (webhookPages[page] || get().webhookPagesLoading[key]) continue;
        set((s) => ({ webhookPagesLoading: { ...s.webhookPagesLoading, [key]: true } }));
        void api
          .call('webhooks.query', { filter: webhookFilter, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
          .then((result) => {
            if (get().webhookVersion === webhookVersion)
              set((s) => ({ webhookPages: { ...s.webhookPages, [page]: result.events }, webhookTotal: result.total }));
          })
          .catch(() => undefined)
          .finally(() => set((s) => ({ webhookPagesLoading: Object.fromEntries(Object.entries(s.webhookPagesLoading).filter(([k]) => k !== key)) })));
      }
    },
    selectEvent: (selectedEventId) => set({ selectedEventId }),
    setPaused(paused) {
      set({ paused });
      if (!paused && get().pendingEvents > 0) void reload();
    },
    showPending() {
      void reload();
    },
    async startListener(port, host) {
      const listener = await get().attempt(() => api.call('webhooks.start', { ...(port !== undefined ? { port } : {}), ...(host ? { host } : {}) }));
      if (listener) set({ listener });
    },
    async stopListener() {
      const listener = await get().attempt(() => api.call('webhooks.stop'));
      if (listener) set({ listener });
    },
    async configureListener(change) {
      const listener = await get().attempt(() => api.call('webhooks.configure', change));
      if (listener) set({ listener });
    },
    async clearEvents() {
      await get().attempt(() => api.call('webhooks.clear'));
      set({ selectedEventId: null });
      await reload();
    },
    eventDetails: null,
    eventTimeline: null,
    replaySecrets: null,
    async loadEventDetails(id) {
      set({ eventDetails: { id, event: null } });
      const event = await get().attempt(() => api.call('webhooks.get', { id }));
      // A later selection wins over an answer that arrives late.
      if (event && get().eventDetails?.id === id) set({ eventDetails: { id, event } });
    },
    async loadEventTimeline(event) {
      const query = timelineQueryOf(event);
      if (!query) return;
      if (get().eventTimeline?.eventId !== event.id) set({ eventTimeline: { eventId: event.id, items: [] } });
      const items = await get().attempt(() => api.call('webhooks.timeline', query));
      if (items && get().eventTimeline?.eventId === event.id) set({ eventTimeline: { eventId: event.id, items } });
    },
    async openRequestThatSent(messageId) {
      const { attempt, notify } = get();
      const page = await attempt(() => api.call('history.list', { query: messageId, limit: 1, offset: 0 }));
      const hit = page?.entries[0];
      if (!hit) {
        notify('info', `No request in history mentions ${messageId}: it was not sent from this explorer (or history was cleared).`);
        return;
      }
      const entry = await attempt(() => api.call('history.get', { id: hit.id }));
      if (!entry) return;
      get().openRequest(
        { ...newRequestTemplate(crypto.randomUUID(), entry.name || `${entry.method} ${entry.url}`), ...entry.request },
        { kind: 'history', entryId: entry.id },
      );
      get().setView('requests');
    },
    async loadReplaySecrets(environmentId) {
      // Quietly: without the list the replay still works, it just cannot re-sign.
      const secrets = await api.call('credentials.list', { environmentId }).catch(() => null);
      set({ replaySecrets: { environmentId, secrets } });
    },
    replayEvent(request) {
      return get().attempt(() => api.call('webhooks.replay', request));
    },
    async diffEvents(a, b) {
      try {
        return { entries: await api.call('webhooks.diff', { a, b }) };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    },
    signingSecrets: null,
    async loadSigningSecrets() {
      // Quietly: without the list a sample can still be fired unsigned.
      const choices = await api.call('webhooks.signingSecrets').catch(() => []);
      set({ signingSecrets: choices });
    },
    lastSample: { trigger: 'MESSAGE_DELIVERY', sign: null },
    async fireSample(trigger, sign = null) {
      set({ lastSample: { trigger, sign } });
      try {
        const result = await api.call('webhooks.fireSample', { trigger, ...(sign ? { sign } : {}) });
        return result.error ? `The listener did not take the sample: ${result.error}` : null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  };
};
