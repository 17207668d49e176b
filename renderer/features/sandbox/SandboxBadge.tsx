import { useStore } from '../../store';
import { selectActiveEnvironment } from '../environments';

/** Shown while the active environment is the sandbox: where it runs, and a way to make contacts talk. */
export function SandboxBadge() {
  const active = useStore(selectActiveEnvironment);
  const sandbox = useStore((s) => s.sandbox);
  const setSimulateOpen = useStore((s) => s.setSimulateOpen);
  if (active?.region !== 'sandbox') return null;
  return (
    <div className="sandbox-badge" data-testid="sandbox-badge">
      <span className={sandbox.running ? 'dot ok' : 'dot'} />
      {sandbox.running && sandbox.urls ? (
        <span title={`Sandbox at ${sandbox.urls.conversationUrl} (templates: ${sandbox.urls.templateUrl})`}>Sandbox at {sandbox.urls.conversationUrl.replace(/^http:\/\//, '')}</span>
      ) : (
        <span>Starting the sandbox…</span>
      )}
      <button type="button" className="button small" disabled={!sandbox.running} onClick={() => setSimulateOpen(true)}>
        Simulate inbound…
      </button>
    </div>
  );
}
