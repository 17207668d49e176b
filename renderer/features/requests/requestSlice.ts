/**
 * Open request tabs. Each tab holds a working copy of a request template, where it came from (so
 * Ctrl/Cmd+S knows where to save it), and its last response. A tab is dirty when the working copy
 * differs from what was last saved.
 */
import { BUILTIN_COLLECTION_ID } from '../../../shared/catalog';
import { newRequestTemplate, type RequestTemplate } from '../../../shared/model/collection';
import type { BodyMode, HttpMethod, SendResult } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import type { Capture } from '../../../shared/model/collection';
import { paramsFromUrl, urlFromParams } from '../../../shared/queryParams';
import { describeEmpty, describeTooLarge, describeUnresolved, emptyInPath, resolveRequest } from '../../../shared/variables';
import type { MethodOutput } from '../../../shared/contract';
import type { CodeLanguage, GeneratedCodeResult } from '../../../shared/formats/codegen';
import { api } from '../../api';
import type { StateCreator } from 'zustand';
import type { StoreState } from '../../store';
import { selectScope } from '../../scope';
import { fromSession, toSession, untouched } from './tabSession';
import { saveFullBody } from './saveBody';

export type TabOrigin =
  | { kind: 'new' }
  | { kind: 'builtin' }
  | { kind: 'collection'; collectionId: string }
  /** collectionId: the collection whose variables were in scope when it was sent, if it still exists. */
  | { kind: 'history'; entryId: string; collectionId?: string | null };

/** The collection whose variables a tab's request is resolved with (sent, previewed, copied as curl). */
export function scopeCollectionId(origin: TabOrigin): string | null {
  if (origin.kind === 'collection') return origin.collectionId;
  if (origin.kind === 'builtin') return BUILTIN_COLLECTION_ID;
  if (origin.kind === 'history') return origin.collectionId ?? null;
  return null;
}

export interface RequestTab {
  id: string;
  request: RequestTemplate;
  /** What is on disk (or in the catalog); null for a request never saved. */
  saved: RequestTemplate | null;
  origin: TabOrigin;
  inFlightId: string | null;
  result: SendResult | null;
  /** A problem found before sending (unresolved variables, bad JSON): the request did not go out. */
  blocked: { message: string; variables: string[]; /** A warning the user may override (Send anyway), not a hard stop. */ warning?: true } | null;
  /** The body does not match the operation's schema: shown, and the user may send anyway. */
  schemaProblems: { path: string; message: string }[] | null;
  /** Restored from the last run without these (secret values are never written): shown until dismissed. */
  restoredNotKept?: string[];
}

export interface RequestSlice {
  tabs: RequestTab[];
  activeTabId: string;
  timeoutMs: number;
  newTab(): void;
  /** `result`: a response to show at once (one recorded in history). */
  openRequest(request: RequestTemplate, origin: TabOrigin, result?: SendResult): void;
  closeTab(id: string): void;
  setActiveTab(id: string): void;
  editRequest(change: (request: RequestTemplate) => RequestTemplate): void;
  setMethod(method: HttpMethod): void;
  setUrl(url: string): void;
  setParams(params: KeyValue[]): void;
  setHeaders(headers: KeyValue[]): void;
  setBodyMode(mode: BodyMode): void;
  setBodyText(text: string): void;
  setRequestVariables(variables: KeyValue[]): void;
  setCaptures(captures: Capture[]): void;
  setTimeoutMs(ms: number): void;
  /** Sends the active tab; `force` skips what only warns (the schema check, an empty variable in the path), to see the API's own answer. */
  send(force?: boolean): Promise<void>;
  cancel(): Promise<void>;
  markSaved(tabId: string, saved: RequestTemplate, origin: TabOrigin): void;
  /** Reopens the tabs and drafts of the last run (once, after collections are loaded). */
  restoreSession(): Promise<void>;
  /** True once the last run's tabs are back (or there were none): until then a blank tab may still be replaced. */
  sessionRestored: boolean;
  /** How far the tab session's restore and saves are (in the store, not the module, so a test starts afresh). */
  tabSession: TabSessionProgress;
  /** The request's share of the panel's height, kept while the app runs: another tab, or a visit to another view, finds the split where the user left it. */
  requestShare: number;
  setRequestShare(share: number): void;
  /** Keeps the open tabs and drafts for the next start (the backend blanks secret values first). */
  saveSession(): Promise<void>;
  dismissRestoredNotice(tabId: string): void;
  /**
   * The active tab's request as a curl command, written by the backend: credentials (token, Basic header,
   * padlocked values) reach the page only when `includeSecrets` is asked for this one copy.
   */
  curlForActiveTab(includeSecrets: boolean): Promise<GeneratedCodeResult | undefined>;
  /** The Code panel's language, as the backend last answered (it keeps the last choice across restarts). */
  codeLanguage: CodeLanguage;
  setCodeLanguage(language: CodeLanguage): void;
  /**
   * The active tab's request as code in `language` (null: the language picked last), written by the
   * backend; as with curl, credentials reach the page only when `includeSecrets` is asked for this one snippet.
   */
  codeForActiveTab(language: CodeLanguage | null, includeSecrets: boolean): Promise<MethodOutput<'codegen.generate'> | undefined>;
  /** Reads a response's full body from the backend, in chunks, into a download; throws what went wrong. */
  saveResponseBody(responseId: string, suggestedName: string, contentType: string, onProgress: (fraction: number) => void): Promise<void>;
}

/** Where the open tabs' session stands this run. */
export interface TabSessionProgress {
  /** restoreSession has begun: it runs once a page. */
  restoreStarted: boolean;
  /** The last run's session was read (or there was none), so a save may now replace it. */
  ready: boolean;
  /** The last save failed: said once, not at every change. */
  saveFailed: boolean;
  /** The session as last written, so a save that would write the same is skipped. */
  lastSaved: string;
}

/** The request's share of the panel's height once there is a response: the response has the larger part. */
export const DEFAULT_REQUEST_SHARE = 0.45;

const JSON_EXAMPLE = '{\n  \n}';
let tabCounter = 1;

function blankTab(): RequestTab {
  const id = `tab-${tabCounter++}`;
  return {
    id,
    request: newRequestTemplate(crypto.randomUUID(), 'Untitled request'),
    saved: null,
    origin: { kind: 'new' },
    inFlightId: null,
    result: null,
    blocked: null,
    schemaProblems: null,
  };
}

export const selectActiveTab = (s: StoreState): RequestTab => s.tabs.find((t) => t.id === s.activeTabId) ?? (s.tabs[0] as RequestTab);

export function isDirty(tab: RequestTab): boolean {
  if (tab.saved === null) return tab.origin.kind === 'new' ? tab.request.url !== '' || tab.request.body.text !== '' : true;
  return JSON.stringify(tab.request) !== JSON.stringify(tab.saved);
}

/** The active request and the scopes its variables resolve in, as curl and the Code panel write it out. */
function writtenRequest(state: StoreState) {
  const tab = selectActiveTab(state);
  const { method, url, params, headers, body, variables, auth } = tab.request;
  return {
    request: { method, url, params, headers, body, variables, auth },
    environmentId: state.environments.activeId,
    collectionId: scopeCollectionId(tab.origin),
  };
}

export const createRequestSlice: StateCreator<StoreState, [], [], RequestSlice> = (set, get) => {
  const first = blankTab();
  const patchTab = (id: string, patch: Partial<RequestTab> | ((tab: RequestTab) => Partial<RequestTab>)): void => {
    set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...(typeof patch === 'function' ? patch(t) : patch) } : t)) }));
  };
  const edit = (change: (request: RequestTemplate) => RequestTemplate): void => {
    const tab = selectActiveTab(get());
    patchTab(tab.id, (t) => ({ request: change(t.request), blocked: null, schemaProblems: null }));
  };
  const setTabSession = (patch: Partial<TabSessionProgress>): void => set((s) => ({ tabSession: { ...s.tabSession, ...patch } }));
  /** Reads the last run's session and puts its tabs back, before whatever the user opened meanwhile. */
  const restore = async (): Promise<void> => {
    const loaded = await get().attempt(() => api.call('session.load'));
    if (loaded?.notice) get().notify('error', loaded.notice);
    if (loaded?.session) {
      // A tab from a collection needs the requests in full, to find what its saved request is now
      // (loaded once, then kept current by events); other tabs do not wait for them.
      const fromCollections = loaded.session.tabs.some((t) => t.origin.kind === 'collection');
      const collections = fromCollections ? ((await get().ensureCollectionsLoaded())?.collections ?? []) : [];
      const restored = fromSession(loaded.session, collections, blankTab);
      const restoredActive = restored.tabs[restored.activeIndex];
      if (restoredActive) {
        set((s) => {
          // Whatever was opened while the session loaded stays, after the restored tabs; an untouched blank goes.
          const current = s.tabs.filter((t) => !(untouched(t) && t.result === null));
          const userMoved = current.some((t) => t.id === s.activeTabId);
          return { tabs: [...restored.tabs, ...current], activeTabId: userMoved ? s.activeTabId : restoredActive.id };
        });
      }
    }
    // If the backend could not be asked, nothing is written this run: better than overwriting what waits there.
    setTabSession({ ready: loaded !== undefined });
  };
  return {
    tabs: [first],
    activeTabId: first.id,
    timeoutMs: 30_000,
    newTab() {
      const tab = blankTab();
      set((s) => ({ tabs: [...s.tabs, tab], activeTabId: tab.id }));
    },
    openRequest(request, origin, result) {
      const existing = get().tabs.find((t) => t.request.id === request.id && t.origin.kind === origin.kind);
      if (existing) {
        set({ activeTabId: existing.id });
        return;
      }
      const tab: RequestTab = {
        ...blankTab(),
        request: structuredClone(request),
        saved: origin.kind === 'history' ? null : structuredClone(request),
        origin,
        result: result ?? null,
      };
      set((s) => {
        // An untouched blank tab is replaced rather than left behind, as editors do.
        const active = s.tabs.find((t) => t.id === s.activeTabId);
        const replace = active && active.origin.kind === 'new' && !isDirty(active) && active.result === null;
        const tabs = replace ? s.tabs.map((t) => (t.id === active.id ? tab : t)) : [...s.tabs, tab];
        return { tabs, activeTabId: tab.id };
      });
    },
    closeTab(id) {
      set((s) => {
        const index = s.tabs.findIndex((t) => t.id === id);
        const tabs = s.tabs.filter((t) => t.id !== id);
        if (tabs.length === 0) {
          const tab = blankTab();
          return { tabs: [tab], activeTabId: tab.id };
        }
        const activeTabId = s.activeTabId === id ? (tabs[Math.min(index, tabs.length - 1)] as RequestTab).id : s.activeTabId;
        return { tabs, activeTabId };
      });
    },
    setActiveTab: (activeTabId) => set({ activeTabId }),
    editRequest: edit,
    setMethod: (method) => edit((r) => ({ ...r, method })),
    setUrl: (url) => edit((r) => ({ ...r, url, params: paramsFromUrl(url, r.params) })),
    setParams: (params) => edit((r) => ({ ...r, params, url: urlFromParams(r.url, params) })),
    setHeaders: (headers) => edit((r) => ({ ...r, headers })),
    setBodyMode: (mode) => edit((r) => ({ ...r, body: { mode, text: mode === 'json' && r.body.text.trim() === '' ? JSON_EXAMPLE : r.body.text } })),
    setBodyText: (text) => edit((r) => ({ ...r, body: { ...r.body, text } })),
    setRequestVariables: (variables) => edit((r) => ({ ...r, variables })),
    setCaptures: (captures) => edit((r) => ({ ...r, captures })),
    setTimeoutMs: (timeoutMs) => set({ timeoutMs }),
    async send(force = false) {
      const state = get();
      const tab = selectActiveTab(state);
      if (tab.inFlightId) return;
      if (tab.request.url.trim() === '') {
        patchTab(tab.id, { blocked: { message: 'Enter a URL to send the request to.', variables: [] } });
        return;
      }
      // Checked here for an instant answer; the backend checks again, since it is the one that sends.
      const resolved = resolveRequest(tab.request, selectScope(state));
      if (resolved.tooLarge !== undefined) {
        patchTab(tab.id, { blocked: { message: describeTooLarge(resolved.tooLarge), variables: [] } });
        return;
      }
      if (resolved.unresolved.length > 0) {
        patchTab(tab.id, { blocked: { message: describeUnresolved(resolved.unresolved), variables: resolved.unresolved } });
        return;
      }
      // Defined but empty in the path (an imported collection's own empty {{PROJECT_ID}}): /projects//… answers 404.
      const empty = force ? [] : emptyInPath(tab.request.url, selectScope(state));
      if (empty.length > 0) {
        patchTab(tab.id, { blocked: { message: describeEmpty(empty, selectScope(state)), variables: empty, warning: true } });
        return;
      }
      if (!force && tab.request.bodySchema && tab.request.body.mode === 'json' && resolved.body !== null && tab.request.method !== 'GET') {
        const { bodySchema } = tab.request;
        const check = await get().attempt(() => api.call('requests.validateBody', { schemaId: bodySchema, text: resolved.body ?? '' }));
        if (check && check.problems.length > 0) {
          patchTab(tab.id, { schemaProblems: check.problems });
          return;
        }
      }
      const requestId = crypto.randomUUID();
      patchTab(tab.id, { inFlightId: requestId, blocked: null, schemaProblems: null });
      try {
        const { id: _id, description: _d, bodySchema: _b, ...sendable } = tab.request;
        const result = await get().attempt(() =>
          api.call('requests.send', {
            requestId,
            request: sendable,
            environmentId: state.environments.activeId,
            collectionId: scopeCollectionId(tab.origin),
            timeoutMs: state.timeoutMs,
          }),
        );
        if (result) {
          if (!result.ok && (result.error.code === 'UNRESOLVED_VARIABLES' || result.error.code === 'INVALID_BODY')) {
            patchTab(tab.id, { blocked: { message: result.error.message, variables: result.error.variables ?? [] } });
          } else {
            patchTab(tab.id, { result });
          }
        }
      } finally {
        patchTab(tab.id, { inFlightId: null });
      }
    },
    async cancel() {
      const id = selectActiveTab(get()).inFlightId;
      if (id) await get().attempt(() => api.call('requests.cancel', { requestId: id }));
    },
    markSaved(tabId, saved, origin) {
      patchTab(tabId, { request: structuredClone(saved), saved: structuredClone(saved), origin });
    },
    sessionRestored: false,
    tabSession: { restoreStarted: false, ready: false, saveFailed: false, lastSaved: '' },
    requestShare: DEFAULT_REQUEST_SHARE,
    setRequestShare(share) {
      set({ requestShare: share });
    },
    async restoreSession() {
      if (get().tabSession.restoreStarted) return;
      setTabSession({ restoreStarted: true });
      try {
        await restore();
      } finally {
        set({ sessionRestored: true });
      }
    },
    async saveSession() {
      // Never before the restore: an empty start must not overwrite the tabs waiting to come back.
      if (!get().tabSession.ready || get().connection !== 'open') return;
      const session = toSession(get().tabs, get().activeTabId);
      const text = JSON.stringify(session);
      if (text === get().tabSession.lastSaved) return;
      try {
        await api.call('session.save', session);
        setTabSession({ lastSaved: text, saveFailed: false });
      } catch (error) {
        // Said once, not on every key press; tried again at the next change.
        if (!get().tabSession.saveFailed)
          get().notify('error', `Open tabs could not be kept for the next start: ${error instanceof Error ? error.message : String(error)}`);
        setTabSession({ saveFailed: true });
      }
    },
    dismissRestoredNotice(tabId) {
      patchTab(tabId, { restoredNotKept: [] });
    },
    async curlForActiveTab(includeSecrets) {
      const state = get();
      const answer = await state.attempt(() => api.call('requests.toCurl', { ...writtenRequest(state), includeSecrets }));
      // As the Code panel's answer, so one panel shows both (curl has no SDK call).
      return answer && { language: 'curl', code: answer.curl, unresolved: answer.unresolved, warnings: answer.warnings, sdk: null, sdkUnavailable: null };
    },
    codeLanguage: 'node-fetch',
    setCodeLanguage(language) {
      set({ codeLanguage: language });
    },
    async codeForActiveTab(language, includeSecrets) {
      const state = get();
      const tab = selectActiveTab(state);
      return state.attempt(() =>
        api.call('codegen.generate', {
          ...writtenRequest(state),
          // A catalog request's id is its operation id (a saved copy is recognised by its URL).
          ...(tab.origin.kind === 'builtin' ? { catalogId: tab.request.id } : {}),
          ...(language ? { language } : {}),
          includeSecrets,
        }),
      );
    },
    async saveResponseBody(responseId, suggestedName, contentType, onProgress) {
      await saveFullBody((offset, length) => api.call('responses.readBody', { responseId, offset, length }), suggestedName, contentType, onProgress);
    },
  };
};
