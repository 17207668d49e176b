import { useEffect, useState } from 'react';
import { correlationOf, failureOf, summaryWithWholeIds, tryParse, type EventFailure, type WebhookEvent } from '../../../shared/model/webhookEvent';
import { useStore } from '../../store';
import { formatBytes } from '../../ui/format';
import { FailureIcon, VERDICT_LABELS } from './labels';
import { displayText } from '../../../shared/displayText';
import { panelsFor } from './panels';

/** One callback: the header, its failure if any, and the panels of INSPECTOR_PANELS as tabs. */
export function EventDetails({ id }: { id: string }) {
  const details = useStore((s) => s.eventDetails);
  const loadEventDetails = useStore((s) => s.loadEventDetails);
  const [tab, setTab] = useState<string | null>(null);
  useEffect(() => {
    void loadEventDetails(id);
  }, [id, loadEventDetails]);
  const event = details?.id === id ? details.event : null;
  if (!event) return <p className="empty-hint">Loading…</p>;
  const panels = panelsFor(event);
  const shown = panels.find((p) => p.id === tab) ?? panels[0];
  return (
    <div className="event-details" data-testid="event-details">
      <header className="event-header">
        <span className={`trigger-badge trigger-${event.trigger.toLowerCase()}`}>{event.trigger}</span>
        <span className={`verdict-badge verdict-${event.verdict.kind}`} data-testid="event-verdict">
          {VERDICT_LABELS[event.verdict.kind]}
        </span>
        <span className="event-summary">{displayText(summaryWithWholeIds(event))}</span>
      </header>
      <FailureBanner failure={failureOfEvent(event)} />
      <p className="muted small">
        {event.method} {event.path}
        {event.query ? `?${event.query}` : ''} · {new Date(event.receivedAt).toLocaleString()} · {formatBytes(event.sizeBytes)} · answered{' '}
        {event.responseStatus}
        {event.replayOf ? ` · replay of ${event.replayOf}` : ''}
        {event.forwarded ? ` · forwarded to ${event.forwarded.target}: ${event.forwarded.status ?? event.forwarded.error ?? ''}` : ''}
      </p>
      {!event.json.ok && event.bodyText !== '' && <div className="banner warn">The body is not valid JSON ({event.json.error}); it is shown as received.</div>}
      {event.rejected && <div className="banner error">Rejected: {event.rejected.message}</div>}
      <div className="tabs" role="tablist">
        {panels.map((p) => (
          <button key={p.id} type="button" role="tab" aria-selected={shown === p} className={shown === p ? 'tab active' : 'tab'} onClick={() => setTab(p.id)}>
            {p.label}
          </button>
        ))}
      </div>
      <div className="tab-panel">{shown && <shown.Component key={shown.id} event={event} />}</div>
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
