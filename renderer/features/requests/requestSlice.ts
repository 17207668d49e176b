import { emptyRequest, type BodyMode, type HttpMethod, type HttpRequestDraft, type SendResult } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import { paramsFromUrl, urlFromParams } from '../../../shared/queryParams';
import { describeUnresolved, resolveRequest } from '../../../shared/variables';
import { api } from '../../api';
import type { SliceCreator } from '../../store';
import { selectScope } from '../environments';

export interface RequestSlice {
  draft: HttpRequestDraft;
  /** Set while a request is on the wire, so it can be cancelled. */
  inFlightId: string | null;
  result: SendResult | null;
  /** A problem found before sending (unresolved variables, bad JSON): the request did not go out. */
  blocked: { message: string; variables: string[] } | null;
  timeoutMs: number;
  setMethod(method: HttpMethod): void;
  setUrl(url: string): void;
  setParams(params: KeyValue[]): void;
  setHeaders(headers: KeyValue[]): void;
  setBodyMode(mode: BodyMode): void;
  setBodyText(text: string): void;
  setTimeoutMs(ms: number): void;
  send(): Promise<void>;
  cancel(): Promise<void>;
}

const JSON_EXAMPLE = '{\n  \n}';

export const createRequestSlice: SliceCreator<RequestSlice> = (set, get) => {
  const edit = (change: (draft: HttpRequestDraft) => HttpRequestDraft): void => {
    set((s) => ({ draft: change(s.draft), blocked: null }));
  };
  return {
    draft: emptyRequest(),
    inFlightId: null,
    result: null,
    blocked: null,
    timeoutMs: 30_000,
    setMethod: (method) => edit((d) => ({ ...d, method })),
    setUrl: (url) => edit((d) => ({ ...d, url, params: paramsFromUrl(url, d.params) })),
    setParams: (params) => edit((d) => ({ ...d, params, url: urlFromParams(d.url, params) })),
    setHeaders: (headers) => edit((d) => ({ ...d, headers })),
    setBodyMode: (mode) =>
      edit((d) => ({ ...d, body: { mode, text: mode === 'json' && d.body.text.trim() === '' ? JSON_EXAMPLE : d.body.text } })),
    setBodyText: (text) => edit((d) => ({ ...d, body: { ...d.body, text } })),
    setTimeoutMs: (timeoutMs) => set({ timeoutMs }),
    async send() {
      const state = get();
      if (state.inFlightId) return;
      if (state.draft.url.trim() === '') {
        set({ blocked: { message: 'Enter a URL to send the request to.', variables: [] } });
        return;
      }
      // Checked here for an instant answer; the backend checks again, since it is the one that sends.
      const resolved = resolveRequest(state.draft, selectScope(state));
      if (resolved.unresolved.length > 0) {
        set({ blocked: { message: describeUnresolved(resolved.unresolved), variables: resolved.unresolved } });
        return;
      }
      const requestId = crypto.randomUUID();
      set({ inFlightId: requestId, blocked: null });
      try {
        const result = await get().attempt(() =>
          api.call('requests.send', {
            requestId,
            request: state.draft,
            environmentId: state.environments.activeId,
            timeoutMs: state.timeoutMs,
          }),
        );
        if (result) {
          if (!result.ok && (result.error.code === 'UNRESOLVED_VARIABLES' || result.error.code === 'INVALID_BODY')) {
            set({ blocked: { message: result.error.message, variables: result.error.variables ?? [] } });
          } else {
            set({ result });
          }
        }
      } finally {
        set({ inFlightId: null });
      }
    },
    async cancel() {
      const id = get().inFlightId;
      if (id) await get().attempt(() => api.call('requests.cancel', { requestId: id }));
    },
  };
};
