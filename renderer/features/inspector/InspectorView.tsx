import { useCallback, useEffect, useState } from 'react';
import {
  failureOf,
  summaryWithWholeIds,
  VERDICT_KINDS,
  WEBHOOK_TRIGGERS,
  type VerdictKind,
  type WebhookEventSummary,
  type WebhookTrigger,
} from '../../../shared/model/webhookEvent';
import { PORT_RULE } from '../../../shared/contract';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { VirtualList } from '../../ui/VirtualList';
import { EventDetails } from './EventDetails';
import { FireSampleDialog } from './FireSampleDialog';
import { FailureIcon, VERDICT_LABELS } from './labels';
import { PAGE_SIZE } from './inspectorSlice';
import { displayText } from '../../../shared/displayText';

const ROW_HEIGHT = 30;

/** The live webhook inspector: listener controls, filters, the event list and one event's details. */
export function InspectorView() {
  const listener = useStore((s) => s.listener);
  const total = useStore((s) => s.webhookTotal);
  const pages = useStore((s) => s.webhookPages);
  const version = useStore((s) => s.webhookVersion);
  const selectedId = useStore((s) => s.selectedEventId);
  const paused = useStore((s) => s.paused);
  const pending = useStore((s) => s.pendingEvents);
  const { loadWebhookRange, selectEvent, setPaused, showPending, clearEvents } = useStore.getState();
  const [confirmDialog, ask] = useConfirm();

  const rowAt = (index: number): WebhookEventSummary | undefined => pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
  const onRange = useCallback((start: number, end: number) => void loadWebhookRange(start, end), [loadWebhookRange, version]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="inspector" aria-label="Webhook inspector">
      <ListenerBar />
      <FilterBar />
      <div className="inspector-body">
        <div className="event-list">
          <div className="event-list-tools">
            <span className="muted small" data-testid="event-count">
              {total} event{total === 1 ? '' : 's'}
            </span>
            {pending > 0 && (
              <button type="button" className="button small primary" onClick={showPending}>
                {pending} new — show
              </button>
            )}
            <span className="spacer" />
            <label className="checkbox small">
              <input type="checkbox" checked={paused} onChange={(e) => setPaused(e.target.checked)} /> Pause auto-scroll
            </label>
            <button
              type="button"
              className="button small"
              disabled={total === 0}
              onClick={() =>
                void ask({
                  title: 'Delete every stored event?',
                  message: `The ${total} received callback${total === 1 ? '' : 's'} are deleted from this computer. This cannot be undone.`,
                  choices: [{ value: 'delete', label: 'Delete all', kind: 'danger' }],
                }).then((choice) => {
                  if (choice === 'delete') void clearEvents();
                })
              }
            >
              Clear
            </button>
          </div>
          {total === 0 ? (
            <div className="empty-hint event-empty">
              {listener?.listening ? (
                <>
                  Waiting for callbacks at <code>{listener.url}</code>. Point a webhook there (in the sandbox: Create webhook with{' '}
                  <code>{'{{webhook_target}}'}</code>), or fire a sample.
                </>
              ) : (
                'Start the listener to receive callbacks, or fire a sample once it runs.'
              )}
            </div>
          ) : (
            <VirtualList
              total={total}
              rowHeight={ROW_HEIGHT}
              ariaLabel="Webhook events"
              testId="event-list"
              onRangeChange={onRange}
              scrollToTopKey={paused ? undefined : version}
              renderRow={(index) => {
                const event = rowAt(index);
                if (!event) return null;
                const failure = failureOf(event);
                return (
                  <button
                    type="button"
                    className={`event-row ${event.id === selectedId ? 'selected' : ''} ${failure ? 'failed' : ''}`}
                    aria-label={`${failure ? `Failed${failure.code ? `: ${failure.code}` : ''}. ` : ''}${event.trigger} ${event.verdict.kind} ${summaryWithWholeIds(event)}`}
                    title={
                      failure ? `${failure.status}${failure.code ? ` ${failure.code}` : ''}${failure.description ? `: ${failure.description}` : ''}` : undefined
                    }
                    onClick={() => selectEvent(event.id)}
                  >
                    {failure && <FailureIcon />}
                    <span className="event-time muted">{new Date(event.receivedAt).toLocaleTimeString()}</span>
                    <span className={`trigger-badge trigger-${event.trigger.toLowerCase()}`}>{event.trigger}</span>
                    <span className={`verdict-badge verdict-${event.verdict.kind}`}>{VERDICT_LABELS[event.verdict.kind]}</span>
                    <span className="event-summary">{displayText(event.rejected ? `Rejected: ${event.rejected.message}` : summaryWithWholeIds(event))}</span>
                    {event.forwarded && <span className="muted small">→ {event.forwarded.status ?? 'error'}</span>}
                  </button>
                );
              }}
            />
          )}
        </div>
        {confirmDialog}
        <FireSampleDialog />
        <div className="event-details-pane">
          {selectedId ? (
            <EventDetails key={selectedId} id={selectedId} />
          ) : (
            <p className="empty-hint">Select an event to see its signature check, body and timeline.</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** '' = the default port; otherwise a whole number 0–65535, or a sentence saying what is wrong. */
export function parseListenerPort(text: string): { ok: true; port: number | undefined } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, port: undefined };
  const port = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isInteger(port) || port > 65535) return { ok: false, message: PORT_RULE };
  return { ok: true, port };
}

function ListenerBar() {
  const listener = useStore((s) => s.listener);
  const { startListener, stopListener, configureListener, openDialog } = useStore.getState();
  const [port, setPort] = useState<string>('');
  // The port a start was last tried with: a start error is about that port, and goes once the box changes. The
  // empty box is the port the listener had, so an error restoring it after a restart shows at once.
  const [triedPort, setTriedPort] = useState<string | null>('');
  const [allInterfaces, setAllInterfaces] = useState(false);
  const [forward, setForward] = useState('');
  const listening = listener?.listening ?? false;
  // The listener lives in the backend: out of reach, its last known state is not news.
  const connected = useStore((s) => s.connection === 'open');
  const parsed = parseListenerPort(port);
  const startError = !listening && listener?.error && triedPort === port ? listener.error : null;
  const start = (): void => {
    if (!parsed.ok) return;
    setTriedPort(port);
    void startListener(parsed.port, allInterfaces ? '0.0.0.0' : '127.0.0.1');
  };
  return (
    <>
      <div className="listener-bar">
        <span className={`dot ${listening && connected ? 'ok' : ''}`} />
        {!connected ? (
          <span data-testid="listener-status">Listener out of reach: the app is not running</span>
        ) : listening ? (
          <span data-testid="listener-status">
            Listening at <code>{listener?.url}</code>
          </span>
        ) : (
          <span data-testid="listener-status">Listener stopped</span>
        )}
        {!listening && (
          <>
            <input
              type="text"
              inputMode="numeric"
              className="port-input"
              aria-label="Listener port"
              aria-invalid={!parsed.ok}
              aria-describedby={!parsed.ok || startError ? 'listener-port-error' : undefined}
              placeholder={String(listener?.port ?? 3737)}
              value={port}
              onChange={(e) => setPort(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && start()}
            />
            <label className="checkbox small" title="Reachable from other machines on your network">
              <input type="checkbox" checked={allInterfaces} onChange={(e) => setAllInterfaces(e.target.checked)} /> all interfaces
            </label>
          </>
        )}
        <button
          type="button"
          className={`button small ${listening ? '' : 'primary'}`}
          disabled={!listening && !parsed.ok}
          onClick={() => (listening ? void stopListener() : start())}
        >
          {listening ? 'Stop' : 'Start listener'}
        </button>
        {listener?.warning && <span className="hint">{listener.warning}</span>}
        <span className="spacer" />
        <label className="small muted">
          Reply
          <select
            aria-label="Reply status"
            value={listener?.reply.status ?? 200}
            onChange={(e) => void configureListener({ reply: { status: Number(e.target.value) } })}
          >
            {[200, 202, 204, 400, 401, 404, 429, 500, 503].map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label className="small muted">
          after
          <select
            aria-label="Reply delay"
            value={listener?.reply.delayMs ?? 0}
            onChange={(e) => void configureListener({ reply: { delayMs: Number(e.target.value) } })}
          >
            {[0, 500, 2000, 5000, 15000].map((ms) => (
              <option key={ms} value={ms}>
                {ms === 0 ? 'no delay' : `${ms / 1000} s`}
              </option>
            ))}
          </select>
        </label>
        <form
          className="forward-form"
          onSubmit={(e) => {
            e.preventDefault();
            void configureListener({ forwardTo: forward.trim() === '' ? null : forward.trim() });
          }}
        >
          <input
            type="text"
            aria-label="Forward to"
            placeholder={listener?.forwardTo ?? 'Forward to http://localhost:8080/hook'}
            value={forward}
            onChange={(e) => setForward(e.target.value)}
          />
          <button type="submit" className="button small">
            {listener?.forwardTo ? 'Update' : 'Forward'}
          </button>
          {listener?.forwardTo && (
            <button type="button" className="button small" onClick={() => void configureListener({ forwardTo: null }).then(() => setForward(''))}>
              Stop forwarding
            </button>
          )}
        </form>
        <button
          type="button"
          className="button small"
          disabled={!listening}
          title={listening ? 'Send the listener a realistic callback for any trigger, unsigned or signed with one of your secrets' : 'Start the listener first'}
          onClick={() => openDialog({ kind: 'fireSample' })}
        >
          Fire a sample…
        </button>
      </div>
      {/* Under the toolbar, not in it: a long sentence must not push the controls onto more rows. */}
      {((!listening && !parsed.ok) || (parsed.ok && startError)) && (
        <div className="banner error small listener-error" role="alert" id="listener-port-error">
          {!parsed.ok
            ? parsed.message
            : `${startError ?? ''}${/already in use/i.test(startError ?? '') ? ' Type another port in the box and start again.' : ''}`}
        </div>
      )}
    </>
  );
}

function FilterBar() {
  const filter = useStore((s) => s.webhookFilter);
  const setFilter = useStore((s) => s.setWebhookFilter);
  const [text, setText] = useState(filter.text ?? '');
  const patch = (change: Partial<typeof filter>): void => {
    const next = { ...useStore.getState().webhookFilter, ...change };
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      const value = next[key];
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
    }
    setFilter(next);
  };
  // Applies as you type, like the other filters; a short pause first, so each key press does not query.
  useEffect(() => {
    const wanted = text.trim() || undefined;
    if (wanted === useStore.getState().webhookFilter.text) return undefined;
    const timer = setTimeout(() => patch({ text: wanted }), 250);
    return () => clearTimeout(timer);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="filter-bar">
      <select
        aria-label="Filter by trigger"
        value={filter.triggers?.[0] ?? ''}
        onChange={(e) => patch({ triggers: e.target.value ? [e.target.value as WebhookTrigger] : undefined })}
      >
        <option value="">All triggers</option>
        {[...WEBHOOK_TRIGGERS, 'UNKNOWN' as const].map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by verdict"
        value={filter.verdicts?.[0] ?? ''}
        onChange={(e) => patch({ verdicts: e.target.value ? [e.target.value as VerdictKind] : undefined })}
      >
        <option value="">All verdicts</option>
        {VERDICT_KINDS.map((v) => (
          <option key={v} value={v}>
            {VERDICT_LABELS[v]}
          </option>
        ))}
      </select>
      <input
        type="text"
        aria-label="Filter by app"
        placeholder="app id"
        value={filter.appId ?? ''}
        onChange={(e) => patch({ appId: e.target.value.trim() || undefined })}
      />
      <input
        type="text"
        aria-label="Filter by contact"
        placeholder="contact id"
        value={filter.contactId ?? ''}
        onChange={(e) => patch({ contactId: e.target.value.trim() || undefined })}
      />
      <input
        type="text"
        aria-label="Filter by channel"
        placeholder="channel"
        value={filter.channel ?? ''}
        onChange={(e) => patch({ channel: e.target.value.trim().toUpperCase() || undefined })}
      />
      <input
        type="text"
        aria-label="Filter by status"
        placeholder="status"
        value={filter.status ?? ''}
        onChange={(e) => patch({ status: e.target.value.trim().toUpperCase() || undefined })}
      />
      <input
        type="search"
        aria-label="Search events"
        placeholder="Search summary, ids, body…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && patch({ text: text.trim() || undefined })}
      />
    </div>
  );
}
