import { useMemo, useState } from 'react';
import type { CaptureReport, HttpResponseSummary, RecordedResult, TimelineEntry } from '../../../shared/model/httpRequest';
import { downloadBlob } from '../../ui/download';
import { selectActiveTab } from './requestSlice';
import { useStore } from '../../store';
import { formatBytes, formatMs, prettyBody } from '../../ui/format';
import { LazyMonaco } from '../../ui/LazyMonaco';
import { fileNameFor } from './saveBody';

function statusClass(status: number): string {
  if (status >= 500) return 'status-5xx';
  if (status >= 400) return 'status-4xx';
  if (status >= 300) return 'status-3xx';
  return 'status-2xx';
}

export function ResponseView() {
  const tab = useStore(selectActiveTab);
  const result = tab.result;
  const inFlight = tab.inFlightId !== null;
  if (inFlight) {
    return (
      <section className="response-view" aria-label="Response">
        <div className="response-placeholder" aria-busy="true">
          <span className="spinner" /> Sending…
        </div>
      </section>
    );
  }
  if (!result) {
    return (
      <section className="response-view" aria-label="Response">
        <div className="response-placeholder">
          Send a request to see its response here. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> sends.
        </div>
      </section>
    );
  }
  if (!result.ok) {
    return (
      <section className="response-view" aria-label="Response">
        {result.recorded && <RecordedBanner time={result.recorded.time} />}
        <SendWarnings warnings={result.warnings} />
        <div className="banner error" role="alert" data-testid="send-error">
          <strong>
            {result.error.code === 'CANCELLED'
              ? 'Cancelled'
              : result.error.code === 'TIMEOUT'
                ? 'Timed out'
                : result.error.code === 'AUTH'
                  ? 'Authentication problem (the request was not sent)'
                  : 'Could not get a response'}
          </strong>
          <span>{result.error.message}</span>
          {result.error.timeMs !== undefined && <span className="muted"> after {formatMs(result.error.timeMs)}</span>}
        </div>
      </section>
    );
  }
  return (
    <ResponseDetails
      key={result.response.responseId}
      response={result.response}
      captures={result.captures}
      timeline={result.timeline}
      recorded={result.recorded}
      warnings={result.warnings}
    />
  );
}

/** What the backend says about the send besides its answer (a padlocked value too short to hide, a send not kept in History). */
function SendWarnings({ warnings }: { warnings: string[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <>
      {warnings.map((warning) => (
        <div key={warning} className="banner warn" data-testid="send-warning">
          {warning}
        </div>
      ))}
    </>
  );
}

/** A response reopened from history is what was received then, not a fresh answer: say so. */
function RecordedBanner({ time }: { time: string }) {
  const when = new Date(time);
  return (
    <div className="banner info" data-testid="recorded-response">
      Recorded {when.toLocaleDateString()} {when.toLocaleTimeString()} (from history). Send to get a fresh response.
    </div>
  );
}

function ResponseDetails({
  response,
  captures,
  timeline,
  recorded,
  warnings,
}: {
  response: HttpResponseSummary;
  captures: CaptureReport | undefined;
  timeline: TimelineEntry[] | undefined;
  recorded: RecordedResult | undefined;
  warnings: string[] | undefined;
}) {
  const [tab, setTab] = useState<'body' | 'headers' | 'timeline'>('body');
  const [saving, setSaving] = useState<number | null>(null);
  const notify = useStore((s) => s.notify);
  const saveResponseBody = useStore((s) => s.saveResponseBody);
  const body = useMemo(() => prettyBody(response.body.preview, response.contentType, response.body.truncated), [response]);
  const save = async (): Promise<void> => {
    setSaving(0);
    try {
      // History keeps only a preview: that is what there is to save.
      if (recorded)
        downloadBlob(new Blob([response.body.preview], { type: response.contentType || 'text/plain' }), fileNameFor(response.url, response.contentType));
      else await saveResponseBody(response.responseId, fileNameFor(response.url, response.contentType), response.contentType, setSaving);
    } catch (error) {
      notify('error', `Could not save the body: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setSaving(null);
    }
  };
  return (
    <section className="response-view" aria-label="Response">
      {recorded && <RecordedBanner time={recorded.time} />}
      <SendWarnings warnings={warnings} />
      <div className="response-meta">
        <span className={`status ${statusClass(response.status)}`} data-testid="response-status">
          {response.status} {response.statusText}
        </span>
        <span data-testid="response-time">{formatMs(response.timeMs)}</span>
        <span data-testid="response-size">{formatBytes(response.sizeBytes)}</span>
        <span className="response-url muted" title={response.url}>
          {response.method} {response.url}
        </span>
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => void save()} disabled={saving !== null}>
          {saving !== null ? `Saving… ${Math.round(saving * 100)}%` : recorded ? 'Save recorded body' : 'Save body'}
        </button>
      </div>
      {captures && (captures.captured.length > 0 || captures.missed.length > 0) && (
        <div className="captures-report" data-testid="captures-report">
          {captures.captured.map((c) => (
            <span
              key={c.variable}
              className="capture ok"
              title={`Saved to the ${captures.target === 'environment' ? 'active environment' : 'session (no environment is active)'}`}
            >
              {`{{${c.variable}}}`} = {c.value}
            </span>
          ))}
          {captures.missed.map((c) => (
            <span key={c.variable} className="capture missed">
              {`{{${c.variable}}}`} not set: {c.reason}
            </span>
          ))}
        </div>
      )}
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'body'} className={tab === 'body' ? 'tab active' : 'tab'} onClick={() => setTab('body')}>
          Body
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'headers'}
          className={tab === 'headers' ? 'tab active' : 'tab'}
          onClick={() => setTab('headers')}
        >
          Headers <span className="count">{response.headers.length}</span>
        </button>
        {timeline && timeline.length > 0 && (
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'timeline'}
            className={tab === 'timeline' ? 'tab active' : 'tab'}
            onClick={() => setTab('timeline')}
          >
            Timeline <span className="count">{timeline.length}</span>
          </button>
        )}
      </div>
      <div className="tab-panel">
        {tab === 'body' && (
          <>
            {response.body.truncated && recorded && (
              <div className="banner warn" data-testid="body-truncated">
                History keeps the first {formatBytes(response.body.previewLimit)} of {formatBytes(response.sizeBytes)}. Send again to see it all.
              </div>
            )}
            {response.body.truncated && !recorded && (
              <div className="banner warn" data-testid="body-truncated">
                Showing the first {formatBytes(response.body.previewLimit)} of {formatBytes(response.sizeBytes)}, so the app stays responsive.
                <button type="button" className="link-button" onClick={() => void save()}>
                  Save the full body
                </button>
              </div>
            )}
            {response.body.binary ? (
              <p className="empty-hint">
                Binary body ({formatBytes(response.sizeBytes)}, {response.contentType || 'unknown type'}). Use “Save body” to keep it.
              </p>
            ) : response.sizeBytes === 0 ? (
              <p className="empty-hint">The response has no body.</p>
            ) : (
              <LazyMonaco value={body.text} language={body.language} readOnly ariaLabel="Response body" testId="response-body" />
            )}
          </>
        )}
        {tab === 'timeline' && timeline && (
          <ol className="timeline" aria-label="Timeline">
            {timeline.map((entry, i) => (
              <li key={i} className={`timeline-${entry.kind}`}>
                <span className="timeline-kind">{entry.kind === 'token' ? 'Token' : entry.kind === 'retry' ? 'Retry' : 'Request'}</span>
                <span>{entry.label}</span>
                {entry.status !== undefined && <span className="muted">{entry.status}</span>}
                <span className="muted">{entry.fromCache ? 'from cache' : formatMs(entry.timeMs)}</span>
              </li>
            ))}
          </ol>
        )}
        {tab === 'headers' && (
          <table className="headers-table" aria-label="Response headers">
            <tbody>
              {response.headers.map((h, i) => (
                <tr key={i}>
                  <th>{h.name}</th>
                  <td>{h.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
