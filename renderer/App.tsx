import { useEffect } from 'react';
import { EnvironmentManager, EnvironmentPicker } from './features/environments';
import { RequestEditor, ResponseView } from './features/requests';
import { SandboxBadge, SimulateInboundDialog } from './features/sandbox';
import { useStore } from './store';

export function App() {
  const connection = useStore((s) => s.connection);
  const toasts = useStore((s) => s.toasts);
  const problems = useStore((s) => s.environments.problems);
  const { start, dismissToast, openManager } = useStore.getState();

  useEffect(() => {
    void start();
  }, [start]);

  useEffect(() => {
    // Ctrl/Cmd+Enter sends from anywhere in the window (Monaco handles its own).
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !useStore.getState().managerOpen) {
        e.preventDefault();
        void useStore.getState().send();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          Sinch Conversation Explorer
        </div>
        <span className="spacer" />
        <SandboxBadge />
        <EnvironmentPicker />
      </header>
      {connection === 'lost' && (
        <div className="banner error" role="alert">
          Lost the connection to the app backend. Is “npm start” still running? Reconnecting…
        </div>
      )}
      {problems.length > 0 && (
        <div className="banner warn" role="alert">
          {problems.length === 1 ? 'One environment file' : `${problems.length} environment files`} could not be read and {problems.length === 1 ? 'was' : 'were'} left untouched.{' '}
          <button type="button" className="link-button" onClick={() => openManager()}>
            Show details
          </button>
        </div>
      )}
      <main className="workspace">
        <RequestEditor />
        <ResponseView />
      </main>
      <EnvironmentManager />
      <SimulateInboundDialog />
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <span>{t.message}</span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
