/**
 * Open tabs and unsaved drafts across restarts, as Postman, Insomnia and Bruno keep them: turned into the
 * contract's Session to be written by the backend (which blanks every secret value first), and back into tabs.
 */
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import { flattenRequests, type CollectionTree, type RequestTemplate } from '../../../shared/model/collection';
import { SESSION_BODY_LIMIT, SESSION_TAB_LIMIT, SessionTabSchema, type Session, type SessionTab } from '../../../shared/model/session';
import type { RequestTab, TabOrigin } from './requestSlice';

/** All draft bodies together stay well under what one message to the backend may carry. */
const SESSION_BODY_BUDGET = 16 * 1024 * 1024;

/** A blank tab nobody has touched is not worth restoring. */
export function untouched(tab: RequestTab): boolean {
  const r = tab.request;
  return (
    tab.origin.kind === 'new' &&
    r.method === 'GET' &&
    r.url === '' &&
    r.body.text === '' &&
    r.headers.length === 0 &&
    r.params.length === 0 &&
    r.variables.length === 0 &&
    r.captures.length === 0
  );
}

const sameRequest = (a: RequestTemplate, b: RequestTemplate | null): boolean => b !== null && JSON.stringify(a) === JSON.stringify(b);

/** The session to keep: every tab but untouched blank ones, with the working copy of each changed one. */
export function toSession(tabs: readonly RequestTab[], activeTabId: string): Session {
  let budget = SESSION_BODY_BUDGET;
  const out: SessionTab[] = [];
  for (const tab of tabs.slice(0, SESSION_TAB_LIMIT)) {
    if (untouched(tab)) continue;
    const notKept = [...(tab.restoredNotKept ?? [])];
    let draft: RequestTemplate | null = sameRequest(tab.request, tab.saved) ? null : tab.request;
    if (draft) {
      const size = draft.body.text.length;
      if (size > SESSION_BODY_LIMIT || size > budget) {
        draft = { ...draft, body: { ...draft.body, text: '' } };
        notKept.push(`body (${Math.round(size / 1024)} KB, larger than the ${SESSION_BODY_LIMIT / 1024 / 1024} MB kept per tab)`);
      } else budget -= size;
      // The name is required by the file format; an emptied name comes back as "Untitled request".
      draft = { ...draft, name: draft.name.trim() || 'Untitled request' };
    }
    const entry: SessionTab = { id: tab.id, origin: tab.origin, requestId: tab.request.id, draft, notKept: [...new Set(notKept)] };
    const checked = SessionTabSchema.safeParse(entry);
    if (checked.success) out.push(checked.data);
    else if (entry.draft) {
      // A draft the file format cannot hold (too many rows, a field too long): keep the tab, say what was lost.
      const issue = checked.error.issues[0];
      const fallback = {
        ...entry,
        draft: null,
        notKept: [...entry.notKept, `unsaved changes (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'too large'})`],
      };
      if (SessionTabSchema.safeParse(fallback).success && tab.saved) out.push(fallback);
    }
  }
  return { activeTabId: out.some((t) => t.id === activeTabId) ? activeTabId : (out[0]?.id ?? null), tabs: out };
}

function findSaved(origin: TabOrigin, requestId: string, collections: readonly CollectionTree[]): RequestTemplate | null {
  const tree =
    origin.kind === 'builtin' ? BUILTIN_COLLECTION : origin.kind === 'collection' ? collections.find((c) => c.id === origin.collectionId) : undefined;
  if (!tree) return null;
  return flattenRequests(tree.items).find((r) => r.request.id === requestId)?.request ?? null;
}

/**
 * Tabs from a kept session. A tab kept without changes opens what is saved now (and is dropped when that request
 * is gone); a tab with a draft opens the draft, compared with what is saved now, so it is still marked unsaved.
 */
export function fromSession(session: Session, collections: readonly CollectionTree[], makeTab: () => RequestTab): { tabs: RequestTab[]; activeIndex: number } {
  const tabs: RequestTab[] = [];
  let activeIndex = 0;
  for (const kept of session.tabs) {
    const origin: TabOrigin = kept.origin;
    const saved = findSaved(origin, kept.requestId, collections);
    const request = kept.draft ?? saved;
    if (!request) continue;
    if (kept.id === session.activeTabId) activeIndex = tabs.length;
    tabs.push({
      ...makeTab(),
      request: structuredClone(request),
      // A collection request that is gone is a draft with nothing saved behind it; from history, never saved.
      saved: saved ? structuredClone(saved) : null,
      origin: origin.kind === 'collection' && !saved ? { kind: 'new' } : origin,
      ...(kept.notKept.length > 0 ? { restoredNotKept: kept.notKept } : {}),
    });
  }
  return { tabs, activeIndex };
}

/** The slice of the store the watcher needs (passed in, so this file does not import the store). */
interface WatchedStore {
  getState(): { tabs: readonly RequestTab[]; activeTabId: string; connection: string; saveSession(): Promise<void> };
  subscribe(
    listener: (
      state: { tabs: readonly RequestTab[]; activeTabId: string; connection: string },
      prev: { tabs: readonly RequestTab[]; activeTabId: string; connection: string },
    ) => void,
  ): () => void;
}

/** Saves the session shortly after tabs change (debounced: typing is not a write per key), and when the page goes. */
export function keepSessionSaved(store: WatchedStore, delayMs = 400): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    void store.getState().saveSession();
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.tabs === prev.tabs && s.activeTabId === prev.activeTabId && s.connection === prev.connection) return;
    clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  const onHide = (): void => {
    if (timer !== undefined) save();
  };
  window.addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    window.removeEventListener('pagehide', onHide);
  };
}
