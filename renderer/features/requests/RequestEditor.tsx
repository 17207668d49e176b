import { useRef, useState } from 'react';
import type { RequestTemplate } from '../../../shared/model/collection';
import { BODY_MODES, HTTP_METHODS, type BodyMode, type HttpMethod } from '../../../shared/model/httpRequest';
import { beautifyJson, beautifyProblem } from '../../../shared/jsonProblem';
import { resolveText } from '../../../shared/variables';
import { useStore } from '../../store';
import { KeyValueTable } from '../../ui/KeyValueTable';
import { LazyMonaco } from '../../ui/LazyMonaco';
import { VariableInput } from '../../ui/VariableInput';
import { selectScope } from '../../scope';
import { CapturesEditor } from './CapturesEditor';
import { CodeButton } from './CodeButton';
import { schemaFor } from './schemas';
import { RequestDocs } from './RequestDocs';
import { RestoredNotice } from './RestoredNotice';
import { selectActiveTab } from './requestSlice';

type Tab = 'params' | 'headers' | 'body' | 'variables' | 'captures' | 'docs';

const TAB_LABELS: Record<Tab, string> = { params: 'Params', headers: 'Headers', body: 'Body', variables: 'Variables', captures: 'Captures', docs: 'Docs' };

const BODY_LABELS: Record<BodyMode, string> = { none: 'None', json: 'JSON', text: 'Text' };

/** Where a tab opens: on its body when it has one to send (a POST from the catalog), on its params otherwise. */
export function firstSectionFor(request: RequestTemplate): Tab {
  const sendsBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body.mode !== 'none' && request.body.text.trim() !== '';
  return sendsBody ? 'body' : 'params';
}

export function RequestEditor() {
  const active = useStore(selectActiveTab);
  const draft = active.request;
  const scope = useStore(selectScope);
  const inFlight = active.inFlightId !== null;
  const blocked = active.blocked;
  const { setMethod, setUrl, setParams, setHeaders, setBodyMode, setBodyText, setRequestVariables, setCaptures, send, cancel, pasteCurl } = useStore.getState();
  const beautify = (text: string): void => {
    // A body too large or too deep to indent is left as it is, and the user is told why.
    const problem = beautifyProblem(text);
    if (problem) useStore.getState().notify('info', problem);
    else setBodyText(beautifyJson(text));
  };
  // Each request tab keeps the section last shown in it; the first one is decided once, when the tab is first shown,
  // so it does not change under the user's hands as they edit.
  const opened = useRef(new Map<string, Tab>());
  const [, setShownFor] = useState(0);
  if (!opened.current.has(active.id)) opened.current.set(active.id, firstSectionFor(draft));
  const tab = opened.current.get(active.id) ?? 'params';
  const setTab = (section: Tab): void => {
    opened.current.set(active.id, section);
    setShownFor((n) => n + 1);
  };

  // Secret values never show: the preview uses dots where they go.
  const resolvedUrl = draft.url.includes('{{')
    ? resolveText(draft.url, new Map([...scope].map(([k, v]) => [k, v.secret ? { ...v, value: '••••••' } : v]))).text
    : null;
  const count = (rows: { enabled: boolean; key: string }[]): number => rows.filter((r) => r.enabled && r.key !== '').length;

  return (
    <section className="request-editor" aria-label="Request">
      <form
        className="url-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <select
          className={`method method-${draft.method.toLowerCase()}`}
          aria-label="Method"
          value={draft.method}
          onChange={(e) => setMethod(e.target.value as HttpMethod)}
        >
          {HTTP_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <VariableInput
          className="url-input"
          value={draft.url}
          onChange={setUrl}
          scope={scope}
          ariaLabel="URL"
          testId="url-input"
          placeholder="{{base_url}}/v1/projects/{{project_id}}/apps, any http(s) URL, or paste a curl command"
          onPaste={(e) => {
            // A pasted curl command becomes the whole request (method, URL, headers, body), as in Postman.
            if (pasteCurl(e.clipboardData.getData('text'))) e.preventDefault();
          }}
        />
        <CodeButton preset="curl" />
        <CodeButton />
        {inFlight ? (
          <button type="button" className="button danger" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : (
          <button
            type="submit"
            className="button primary"
            title="Send (Ctrl+Enter)"
            onClick={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            Send
          </button>
        )}
      </form>
      {resolvedUrl !== null && (
        <div className="resolved-url" data-testid="resolved-url" title="The URL that will be sent">
          → {resolvedUrl}
        </div>
      )}
      <RestoredNotice />
      {blocked && (
        <div className={`banner ${blocked.warning ? 'warn' : 'error'}`} role="alert" data-testid="send-blocked">
          {blocked.message}
          {blocked.warning && (
            <button type="button" className="button small" onClick={() => void send(true)}>
              Send anyway
            </button>
          )}
        </div>
      )}
      {active.schemaProblems && (
        <div className="banner warn" role="alert" data-testid="schema-problems">
          <strong>The body does not match this operation’s schema:</strong>
          <ul className="problem-list">
            {active.schemaProblems.slice(0, 6).map((p, i) => (
              <li key={i}>
                <code>{p.path || '(body)'}</code> {p.message}
              </li>
            ))}
          </ul>
          <button type="button" className="button small" onClick={() => void send(true)}>
            Send anyway
          </button>
          <span className="muted small">to see the API’s own error.</span>
        </div>
      )}
      <div className="tabs" role="tablist">
        {(Object.keys(TAB_LABELS) as Tab[]).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
            {TAB_LABELS[t]}
            {t === 'params' && count(draft.params) > 0 && <span className="count">{count(draft.params)}</span>}
            {t === 'headers' && count(draft.headers) > 0 && <span className="count">{count(draft.headers)}</span>}
            {t === 'body' && draft.body.mode !== 'none' && <span className="count">{BODY_LABELS[draft.body.mode]}</span>}
            {t === 'variables' && count(draft.variables) > 0 && <span className="count">{count(draft.variables)}</span>}
            {t === 'captures' && draft.captures.filter((c) => c.enabled).length > 0 && (
              <span className="count">{draft.captures.filter((c) => c.enabled).length}</span>
            )}
          </button>
        ))}
      </div>
      <div className="tab-panel">
        {tab === 'params' && (
          <KeyValueTable
            name="Query params"
            rows={draft.params}
            onChange={setParams}
            scope={scope}
            keyLabel="Key"
            valueLabel="Value"
            keyPlaceholder="Add a query parameter"
          />
        )}
        {tab === 'headers' && (
          <KeyValueTable
            name="Headers"
            rows={draft.headers}
            onChange={setHeaders}
            scope={scope}
            keyLabel="Header"
            valueLabel="Value"
            keyPlaceholder="Add a header"
          />
        )}
        {tab === 'body' && (
          <div className="body-editor">
            <div className="body-modes" role="radiogroup" aria-label="Body type">
              {BODY_MODES.map((mode) => (
                <label key={mode}>
                  <input type="radio" name="body-mode" value={mode} checked={draft.body.mode === mode} onChange={() => setBodyMode(mode)} />
                  {BODY_LABELS[mode]}
                </label>
              ))}
              {(draft.method === 'GET' || draft.method === 'HEAD') && draft.body.mode !== 'none' && (
                <span className="hint">A {draft.method} request is sent without its body.</span>
              )}
              <span className="spacer" />
              {draft.body.mode === 'json' && (
                <button type="button" className="button small" title="Indent the JSON (variables are kept as typed)" onClick={() => beautify(draft.body.text)}>
                  Beautify
                </button>
              )}
            </div>
            {draft.body.mode === 'none' ? (
              <p className="empty-hint">This request has no body.</p>
            ) : (
              <LazyMonaco
                key={active.id}
                value={draft.body.text}
                language={draft.body.mode === 'json' ? 'json' : 'plaintext'}
                onChange={setBodyText}
                scope={scope}
                schema={draft.body.mode === 'json' ? schemaFor(draft.bodySchema) : undefined}
                modelId={active.id}
                ariaLabel="Request body"
                testId="body-editor"
                onSubmit={() => void send()}
              />
            )}
          </div>
        )}
        {tab === 'variables' && (
          <>
            <p className="muted small panel-hint">
              Request variables are the most specific scope: they override global, collection and environment values for this request only.
            </p>
            <KeyValueTable
              name="Request variables"
              rows={draft.variables}
              onChange={setRequestVariables}
              scope={scope}
              keyLabel="Variable"
              valueLabel="Value"
              keyPlaceholder="Add a variable"
            />
          </>
        )}
        {tab === 'captures' && <CapturesEditor captures={draft.captures} onChange={setCaptures} />}
        {tab === 'docs' && <RequestDocs />}
      </div>
    </section>
  );
}
