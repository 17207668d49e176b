import { useEffect, useState } from 'react';
import type { EnvironmentSecrets } from '../../../shared/contract';
import { correlationOf, failureOf, tryParse, type EventFailure, type JsonDiffEntry, type WebhookEvent, type WebhookEventSummary } from '../../../shared/model/webhookEvent';
import { newRequestTemplate } from '../../../shared/model/collection';
import { api } from '../../api';
import { useStore } from '../../store';
import { formatBytes } from '../../ui/format';
import { LazyMonaco } from '../../ui/LazyMonaco';
import { selectActiveEnvironment } from '../environments';
import { FailureIcon, VERDICT_LABELS } from './labels';
import { displayText } from '../../../shared/displayText';

type Tab = 'signature' | 'body' | 'raw' | 'timeline' | 'replay' | 'diff';
const TABS: Record<Tab, string> = { signature: 'Signature', body: 'Body', raw: 'Raw', timeline: 'Timeline', replay: 'Replay', diff: 'Diff' };

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** One callback: the signature check side by side, the body, the raw request, its timeline, replay and diff. */
export function EventDetails({ id }: { id: string }) {
  const [event, setEvent] = useState<WebhookEvent | null>(null);
  const [tab, setTab] = useState<Tab>('signature');
  const attempt = useStore((s) => s.attempt);
  useEffect(() => {
    let live = true;
    void attempt(() => api.call('webhooks.get', { id })).then((e) => live && e && setEvent(e));
    return () => {
      live = false;
    };
  }, [id, attempt]);
  if (!event) return <p className="empty-hint">Loading…</p>;
  return (
    <div className="event-details" data-testid="event-details">
      <header className="event-header">
        <span className={`trigger-badge trigger-${event.trigger.toLowerCase()}`}>{event.trigger}</span>
        <span className={`verdict-badge verdict-${event.verdict.kind}`} data-testid="event-verdict">
          {VERDICT_LABELS[event.verdict.kind]}
        </span>
        <span className="event-summary">{displayText(event.summary)}</span>
      </header>
      <FailureBanner failure={failureOfEvent(event)} />
      <p className="muted small">
        {event.method} {event.path}
        {event.query ? `?${event.query}` : ''} · {new Date(event.receivedAt).toLocaleString()} · {formatBytes(event.sizeBytes)} · answered {event.responseStatus}
        {event.replayOf ? ` · replay of ${event.replayOf}` : ''}
        {event.forwarded ? ` · forwarded to ${event.forwarded.target}: ${event.forwarded.status ?? event.forwarded.error ?? ''}` : ''}
      </p>
      {!event.json.ok && event.bodyText !== '' && <div className="banner warn">The body is not valid JSON ({event.json.error}); it is shown as received.</div>}
      {event.rejected && <div className="banner error">Rejected: {event.rejected.message}</div>}
      <div className="tabs" role="tablist">
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'tab active' : 'tab'} onClick={() => setTab(t)}>
            {TABS[t]}
          </button>
        ))}
      </div>
      <div className="tab-panel">
        {tab === 'signature' && <SignaturePanel event={event} />}
        {tab === 'body' && (event.bodyText === '' ? <p className="empty-hint">Empty body.</p> : <LazyMonaco value={pretty(event.bodyText)} language={event.json.ok ? 'json' : 'plaintext'} readOnly ariaLabel="Event body" testId="event-body" />)}
        {tab === 'raw' && <RawPanel event={event} />}
        {tab === 'timeline' && <TimelinePanel event={event} />}
        {tab === 'replay' && <ReplayPanel event={event} />}
        {tab === 'diff' && <DiffPanel event={event} />}
      </div>
    </div>
  );
}

/** Events stored before reasons were read from the body get theirs from the body itself. */
function failureOfEvent(event: WebhookEvent): EventFailure | undefined {
  const known = failureOf(event);
  if (known?.code || !event.json.ok) return known;
  const parsed = tryParse(event.bodyText);
  return parsed.ok ? (failureOf({ correlation: correlationOf(parsed.value) }) ?? known) : known;
}

function FailureBanner({ failure }: { failure: EventFailure | undefined }) {
  if (!failure) return null;
  return (
    <div className="banner error event-failure" data-testid="event-failure">
      <FailureIcon />
      <span>
        {failure.status === 'FAILED' ? 'Delivery failed' : failure.status}
        {failure.code ? (
          <>
            : <code>{displayText(failure.code)}</code>
          </>
        ) : (
          ' (no reason given)'
        )}
        {failure.description ? ` — ${displayText(failure.description)}` : ''}
      </span>
    </div>
  );
}

function SignaturePanel({ event }: { event: WebhookEvent }) {
  const d = event.verdict.details;
  const match = d.receivedSignature !== undefined && d.receivedSignature === d.computedSignature;
  return (
    <div className="signature-panel" data-testid="signature-panel">
      {d.note && <p>{d.note}</p>}
      <table className="headers-table">
        <tbody>
          <tr>
            <th>Received signature</th>
            <td className={match ? 'sig-ok' : 'sig-bad'}>{d.receivedSignature ?? '(none)'}</td>
          </tr>
          <tr>
            <th>Computed signature</th>
            <td className={match ? 'sig-ok' : 'sig-bad'}>{d.computedSignature ?? '(no secret to compute with)'}</td>
          </tr>
          <tr>
            <th>Secret</th>
            <td>{event.verdict.secretLabel ?? '—'}{d.triedSecrets && d.triedSecrets.length > 0 ? ` (tried: ${d.triedSecrets.join(', ')})` : ''}</td>
          </tr>
          <tr>
            <th>Algorithm</th>
            <td>{d.algorithm ?? '—'}</td>
          </tr>
          <tr>
            <th>Signed string</th>
            <td>
              {d.signedStringParts
                ? `raw body (${d.signedStringParts.bodyBytes} bytes) + "." + nonce (${d.signedStringParts.nonce}) + "." + timestamp (${d.signedStringParts.timestamp}) = ${d.signedStringLength ?? '?'} bytes`
                : '—'}
            </td>
          </tr>
          <tr>
            <th>Nonce</th>
            <td>
              {d.nonce ?? '—'} {d.nonceSeenBefore && <strong className="sig-bad">seen before: a replay</strong>}
            </td>
          </tr>
          <tr>
            <th>Timestamp</th>
            <td>
              {d.timestamp ?? '—'}
              {d.skewSeconds !== undefined && ` (${d.skewSeconds >= 0 ? `${d.skewSeconds} s ago` : `${-d.skewSeconds} s in the future`}; window ±${d.toleranceSeconds ?? 300} s)`}
            </td>
          </tr>
        </tbody>
      </table>
      {event.verdict.kind === 'unknown_secret' && <p className="muted small">Add the webhook's secret under Environments › Webhook secrets (named after the webhook or app id) to check it.</p>}
    </div>
  );
}

function RawPanel({ event }: { event: WebhookEvent }) {
  return (
    <div className="raw-panel">
      <pre className="curl-text" data-testid="raw-request">
        {`${event.method} ${event.path}${event.query ? `?${event.query}` : ''}\n${event.headers.map((h) => `${h.name}: ${h.value}`).join('\n')}\n\n${event.bodyBase64 !== undefined ? `(binary, base64) ${event.bodyBase64}` : event.bodyText}`}
      </pre>
    </div>
  );
}

function TimelinePanel({ event }: { event: WebhookEvent }) {
  const [items, setItems] = useState<WebhookEventSummary[]>([]);
  const { attempt, selectEvent, openRequest, setView, notify } = useStore.getState();
  const { messageId, conversationId } = event.correlation;
  const key = messageId ?? event.correlation.replyToMessageId;
  useEffect(() => {
    if (!key && !conversationId) return;
    void attempt(() => api.call('webhooks.timeline', key ? { messageId: key } : { conversationId })).then((list) => list && setItems(list));
  }, [key, conversationId, attempt]);
  const openCause = async (): Promise<void> => {
    if (!key) return;
    const page = await attempt(() => api.call('history.list', { query: key, limit: 1, offset: 0 }));
    const hit = page?.entries[0];
    if (!hit) {
      notify('info', `No request in history mentions ${key}: it was not sent from this explorer (or history was cleared).`);
      return;
    }
    const entry = await attempt(() => api.call('history.get', { id: hit.id }));
    if (!entry) return;
    openRequest({ ...newRequestTemplate(crypto.randomUUID(), entry.name || `${entry.method} ${entry.url}`), ...entry.request }, { kind: 'history', entryId: entry.id });
    setView('requests');
  };
  if (!key && !conversationId) return <p className="empty-hint">This event carries no message or conversation id to follow.</p>;
  return (
    <div>
      <div className="row-actions">
        {key && (
          <button type="button" className="button small" onClick={() => void openCause()}>
            Open the request that sent message {key.slice(0, 10)}…
          </button>
        )}
      </div>
      <ol className="timeline" aria-label="Event timeline">
        {items.map((item) => (
          <li key={item.id} className={item.id === event.id ? 'current' : ''}>
            <span className="muted">{new Date(item.receivedAt).toLocaleTimeString()}</span>
            <button type="button" className="link-button" onClick={() => selectEvent(item.id)}>
              {item.trigger}
            </button>
            <span>{displayText(item.summary)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ReplayPanel({ event }: { event: WebhookEvent }) {
  const env = useStore(selectActiveEnvironment);
  const { attempt } = useStore.getState();
  const [target, setTarget] = useState<'listener' | 'url'>('listener');
  const [url, setUrl] = useState('');
  const [body, setBody] = useState(event.bodyText);
  const [secrets, setSecrets] = useState<EnvironmentSecrets | null>(null);
  const [resign, setResign] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  useEffect(() => {
    if (env) void api.call('credentials.list', { environmentId: env.id }).then(setSecrets, () => setSecrets(null));
  }, [env]);
  const send = async (): Promise<void> => {
    setOutcome(null);
    const result = await attempt(() =>
      api.call('webhooks.replay', {
        id: event.id,
        target: target === 'listener' ? 'listener' : url.trim(),
        ...(body !== event.bodyText ? { body } : {}),
        ...(resign && env ? { resign: { environmentId: env.id, name: resign } } : {}),
      }),
    );
    if (result) setOutcome(result.error ? `Failed: ${result.error}` : `Answered ${result.status ?? '?'} in ${result.timeMs} ms`);
  };
  return (
    <div className="replay-panel">
      <div className="secret-row">
        <label className="checkbox small">
          <input type="radio" checked={target === 'listener'} onChange={() => setTarget('listener')} /> to the listener
        </label>
        <label className="checkbox small">
          <input type="radio" checked={target === 'url'} onChange={() => setTarget('url')} /> to
        </label>
        <input type="text" aria-label="Replay target URL" placeholder="http://localhost:8080/hook" value={url} disabled={target !== 'url'} onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div className="secret-row">
        <span className="small muted">Sign again with</span>
        <select aria-label="Re-sign with" value={resign} onChange={(e) => setResign(e.target.value)}>
          <option value="">(keep the original signature)</option>
          {secrets?.webhookSecrets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" className="button small primary" onClick={() => void send()}>
          {body !== event.bodyText ? 'Replay edited' : 'Replay'}
        </button>
        {outcome && <span className="small" data-testid="replay-outcome">{outcome}</span>}
      </div>
      <LazyMonaco value={body} language="json" onChange={setBody} ariaLabel="Replay body" modelId={`replay-${event.id}`} />
    </div>
  );
}

function DiffPanel({ event }: { event: WebhookEvent }) {
  const pages = useStore((s) => s.webhookPages);
  const [other, setOther] = useState('');
  const [entries, setEntries] = useState<JsonDiffEntry[] | null>(null);
  const attempt = useStore((s) => s.attempt);
  const candidates = Object.values(pages)
    .flat()
    .filter((e) => e.id !== event.id)
    .slice(0, 200);
  const previous = candidates.find((e) => e.trigger === event.trigger && e.receivedAt <= event.receivedAt);
  const compare = async (id: string): Promise<void> => {
    setOther(id);
    const result = await attempt(() => api.call('webhooks.diff', { a: id, b: event.id }));
    if (result) setEntries(result);
  };
  return (
    <div>
      <div className="secret-row">
        <select aria-label="Compare with" value={other} onChange={(e) => void compare(e.target.value)}>
          <option value="">Compare with…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {new Date(c.receivedAt).toLocaleTimeString()} {c.trigger} {displayText(c.summary)}
            </option>
          ))}
        </select>
        {previous && (
          <button type="button" className="button small" onClick={() => void compare(previous.id)}>
            Previous {event.trigger}
          </button>
        )}
      </div>
      {entries && (
        <table className="headers-table diff-table" aria-label="Differences">
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td>The bodies are the same.</td>
              </tr>
            )}
            {entries.map((entry, i) => (
              <tr key={i} className={`diff-${entry.kind}`}>
                <th>{entry.path || '(root)'}</th>
                <td>{entry.kind}</td>
                <td>{entry.before !== undefined ? JSON.stringify(entry.before) : ''}</td>
                <td>{entry.after !== undefined ? JSON.stringify(entry.after) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
