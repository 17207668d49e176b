import { useEffect } from 'react';
import { SaveAsDialog, Sidebar, saveActiveTab } from './features/collections';
import { EnvironmentManager, EnvironmentPicker } from './features/environments';
import { CommandPalette } from './features/palette';
import { RequestPanel, TabBar, TabShortcuts, keepSessionSaved } from './features/requests';
import { ResetSandboxDialog, SandboxBadge, SandboxNotice, SimulateInboundDialog } from './features/sandbox';
import { VariablesPanel } from './features/variables';
import { InspectorView } from './features/inspector';
import { FirstRunBanner, ProjectView, StoppedListenerNotice } from './features/project';
import { ImportDialog } from './features/transfer';
import { ConnectionBanner } from './ConnectionBanner';
import { SettingsDialog } from './SettingsDialog';
import { api } from './api';
import { useStore, wireEvents } from './store';

const isModalOpen = (): boolean => useStore.getState().dialog !== null;

export function App() {
  const toasts = useStore((s) => s.toasts);
  const problems = useStore((s) => s.environments.problems);
  const view = useStore((s) => s.view);
  const unseen = useStore((s) => s.unseenEvents);
  // The listener runs in the backend: with the backend out of reach nothing is known to listen.
  const listening = useStore((s) => s.connection === 'open' && (s.listener?.listening ?? false));
  const { start, dismissToast, openManager, openDialog, closeDialog, setView, reopenFirstRun } = useStore.getState();
  const firstRunOpen = useStore((s) => s.firstRunOpen);
  const sessionRestored = useStore((s) => s.sessionRestored);

  // Backend events reach the slices from the first render on; unsubscribed when the app goes.
  useEffect(() => wireEvents(api), []);

  useEffect(() => {
    // The tabs and drafts of the last run come back once the collections they point into are known.
    void start().then(() => useStore.getState().restoreSession());
  }, [start]);

  useEffect(() => keepSessionSaved(useStore), []);

  useEffect(() => {
    // App-wide shortcuts, as in every API client: send, save, jump to a request.
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'enter' && !isModalOpen()) {
        e.preventDefault();
        void useStore.getState().send();
      } else if (key === 's' && !isModalOpen()) {
        e.preventDefault();
        void saveActiveTab();
      }
    };
    // Ctrl/Cmd+K is caught before anything on the page sees it: Monaco takes it as the start of a chord and
    // would swallow it while the focus is in an editor. Only this key: Monaco's own Ctrl+Enter must keep working.
    const onPaletteKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'k') return;
      e.preventDefault();
      e.stopPropagation();
      // It toggles the palette; over another dialog it does nothing (one modal at a time).
      const open = useStore.getState().dialog;
      if (open?.kind === 'palette') closeDialog('palette');
      else if (open === null) openDialog({ kind: 'palette' });
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keydown', onPaletteKey, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keydown', onPaletteKey, { capture: true });
    };
  }, [openDialog, closeDialog]);

  return (
    // data-session-restored: the last run's tabs are back (until then a blank tab may still be replaced).
    <div className="app" data-session-restored={sessionRestored}>
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◆
          </span>
          Sinch Conversation Explorer
        </div>
        <nav className="view-switch" role="tablist" aria-label="View">
          <button
            type="button"
            role="tab"
            aria-selected={view === 'requests'}
            className={view === 'requests' ? 'active' : ''}
            onClick={() => setView('requests')}
          >
            Requests
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'webhooks'}
            className={view === 'webhooks' ? 'active' : ''}
            onClick={() => setView('webhooks')}
          >
            Webhooks
            {listening && <span className="dot ok" title="The listener is running" />}
            {unseen > 0 && <span className="count">{unseen > 99 ? '99+' : unseen}</span>}
          </button>
          <button type="button" role="tab" aria-selected={view === 'project'} className={view === 'project' ? 'active' : ''} onClick={() => setView('project')}>
            Project
          </button>
        </nav>
        {!(firstRunOpen && view === 'project') && (
          <button
            type="button"
            className="icon-button getting-started-button"
            aria-label="Getting started"
            title="Getting started: the guided first run (environment, access, app, channels, webhook, first message)"
            onClick={() => void reopenFirstRun()}
          >
            ?
          </button>
        )}
        <span className="spacer" />
        <SandboxBadge />
        <button type="button" className="button" onClick={() => openDialog({ kind: 'variables' })} title="Every variable in scope and where it comes from">
          Variables
        </button>
        <EnvironmentPicker />
        <button type="button" className="icon-button settings-button" aria-label="Settings" title="Settings" onClick={() => openDialog({ kind: 'settings' })}>
          ⚙
        </button>
      </header>
      <ConnectionBanner />
      <SandboxNotice />
      {problems.length > 0 && (
        <div className="banner warn" role="alert">
          {problems.length === 1 ? 'One environment file' : `${problems.length} environment files`} could not be read and{' '}
          {problems.length === 1 ? 'was' : 'were'} left untouched.{' '}
          <button type="button" className="link-button" onClick={() => openManager()}>
            Show details
          </button>
        </div>
      )}
      <FirstRunBanner />
      {view === 'project' ? (
        <ProjectView />
      ) : view === 'requests' ? (
        <div className="body">
          <Sidebar />
          <main className="workspace">
            <StoppedListenerNotice />
            <TabBar />
            <RequestPanel />
          </main>
        </div>
      ) : (
        <InspectorView />
      )}
      <TabShortcuts />
      <EnvironmentManager />
      <SimulateInboundDialog />
      <ResetSandboxDialog />
      <SaveAsDialog />
      <ImportDialog />
      <CommandPalette />
      <VariablesPanel />
      <SettingsDialog />
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
