import { useState } from 'react';
import { BODY_MODES, HTTP_METHODS, type BodyMode, type HttpMethod } from '../../../shared/model/httpRequest';
import { beautifyJson } from '../../../shared/jsonProblem';
import { resolveText } from '../../../shared/variables';
import { useStore } from '../../store';
import { KeyValueTable } from '../../ui/KeyValueTable';
import { LazyMonaco } from '../../ui/LazyMonaco';
import { VariableInput } from '../../ui/VariableInput';
import { selectScope } from '../environments';

type Tab = 'params' | 'headers' | 'body';

const BODY_LABELS: Record<BodyMode, string> = { none: 'None', json: 'JSON', text: 'Text' };

export function RequestEditor() {
  const draft = useStore((s) => s.draft);
  const scope = useStore(selectScope);
  const inFlight = useStore((s) => s.inFlightId !== null);
  const blocked = useStore((s) => s.blocked);
  const { setMethod, setUrl, setParams, setHeaders, setBodyMode, setBodyText, send, cancel } = useStore.getState();
  const [tab, setTab] = useState<Tab>('params');

  const resolvedUrl = draft.url.includes('{{') ? resolveText(draft.url, scope).text : null;
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
          placeholder="{{base_url}}/v1/projects/{{project_id}}/apps   or any http(s) URL"
        />
        {inFlight ? (
          <button type="button" className="button danger" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="button primary" title="Send (Ctrl+Enter)">
            Send
          </button>
        )}
      </form>
      {resolvedUrl !== null && (
        <div className="resolved-url" data-testid="resolved-url" title="The URL that will be sent">
          → {resolvedUrl}
        </div>
      )}
      {blocked && (
        <div className="banner error" role="alert" data-testid="send-blocked">
          {blocked.message}
        </div>
      )}
      <div className="tabs" role="tablist">
        {(['params', 'headers', 'body'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
            {t === 'params' ? 'Params' : t === 'headers' ? 'Headers' : 'Body'}
            {t === 'params' && count(draft.params) > 0 && <span className="count">{count(draft.params)}</span>}
            {t === 'headers' && count(draft.headers) > 0 && <span className="count">{count(draft.headers)}</span>}
            {t === 'body' && draft.body.mode !== 'none' && <span className="count">{BODY_LABELS[draft.body.mode]}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panel">
        {tab === 'params' && (
          <KeyValueTable name="Query params" rows={draft.params} onChange={setParams} scope={scope} keyLabel="Key" valueLabel="Value" keyPlaceholder="Add a query parameter" />
        )}
        {tab === 'headers' && (
          <KeyValueTable name="Headers" rows={draft.headers} onChange={setHeaders} scope={scope} keyLabel="Header" valueLabel="Value" keyPlaceholder="Add a header" />
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
                <button type="button" className="button small" title="Indent the JSON (variables are kept as typed)" onClick={() => setBodyText(beautifyJson(draft.body.text))}>
                  Beautify
                </button>
              )}
            </div>
            {draft.body.mode === 'none' ? (
              <p className="empty-hint">This request has no body.</p>
            ) : (
              <LazyMonaco
                value={draft.body.text}
                language={draft.body.mode === 'json' ? 'json' : 'plaintext'}
                onChange={setBodyText}
                scope={scope}
                ariaLabel="Request body"
                testId="body-editor"
                onSubmit={() => void send()}
              />
            )}
          </div>
        )}
      </div>
    </section>
  );
}
