import { useStore } from '../../store';
import { selectActiveEnvironment } from '../environments';

/** Shown while the active environment is the sandbox: where it runs, a way to make contacts talk, and Reset. */
export function SandboxBadge() {
  const active = useStore(selectActiveEnvironment);
  const sandbox = useStore((s) => s.sandbox);
  // The sandbox runs inside the app's backend: with the backend gone, so is the sandbox, whatever was last heard.
  const connected = useStore((s) => s.connection === 'open');
  const { openDialog } = useStore.getState();
  if (active?.region !== 'sandbox') return null;
  if (!connected) {
    return (
      <div className="sandbox-badge" data-testid="sandbox-badge">
        <span className="dot" title="The sandbox runs in the app, which this page cannot reach: start the app again" />
        <span className="sandbox-address">Sandbox unreachable</span>
        <button type="button" className="button small" aria-label="Simulate inbound…" disabled>
          <span className="wide-label">Simulate inbound…</span>
          <span className="narrow-label" aria-hidden="true">
            Inbound…
          </span>
        </button>
        <button type="button" className="button small" disabled>
          Reset…
        </button>
      </div>
    );
  }
  return (
    <div className="sandbox-badge" data-testid="sandbox-badge">
      <span
        className={sandbox.running ? 'dot ok' : 'dot'}
        title={sandbox.running && sandbox.urls ? `Sandbox at ${sandbox.urls.conversationUrl}` : 'Starting the sandbox…'}
      />
      {sandbox.running && sandbox.urls ? (
        <span
          className="sandbox-address"
          title={`Sandbox at ${sandbox.urls.conversationUrl} (templates: ${sandbox.urls.templateUrl})${sandbox.statePath ? `. Its data is kept in ${sandbox.statePath}.` : ''}`}
        >
          Sandbox at {sandbox.urls.conversationUrl.replace(/^http:\/\//, '')}
        </span>
      ) : (
        <span className="sandbox-address">Starting the sandbox…</span>
      )}
      {/* In a narrow window the label shortens; its name (what a screen reader says) stays whole. */}
      <button
        type="button"
        className="button small"
        aria-label="Simulate inbound…"
        title="Simulate inbound: a message or event from a contact, as the sandbox would send it to your webhook"
        disabled={!sandbox.running}
        onClick={() => openDialog({ kind: 'simulateInbound' })}
      >
        <span className="wide-label">Simulate inbound…</span>
        <span className="narrow-label" aria-hidden="true">
          Inbound…
        </span>
      </button>
      <button
        type="button"
        className="button small"
        disabled={!sandbox.running}
        onClick={() => openDialog({ kind: 'resetSandbox', step: 'confirm' })}
        title="Delete every app, contact, message… in the sandbox"
      >
        Reset…
      </button>
    </div>
  );
}

/** What the user should know about the sandbox's saved state: restored partly, set aside, or not saved. */
export function SandboxNotice() {
  const notice = useStore((s) => s.sandbox.notice);
  const dismiss = useStore((s) => s.dismissSandboxNotice);
  if (!notice) return null;
  return (
    <div className="banner warn" role="alert" data-testid="sandbox-notice">
      {notice}{' '}
      <button type="button" className="link-button" onClick={() => void dismiss()}>
        Dismiss
      </button>
    </div>
  );
}
