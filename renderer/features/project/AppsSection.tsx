import { useState } from 'react';
import { displayText } from '../../../shared/displayText';
import type { ProjectApp } from '../../../shared/model/project';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { ProblemNote } from './Problem';

const REGION_WORDS: Record<ProjectApp['region'], string> = { us: 'US', eu: 'EU', br: 'BR', sandbox: 'sandbox', custom: 'custom host' };

/** The project's apps: pick one to work on, create, rename, delete (after asking). */
export function AppsSection() {
  const apps = useStore((s) => s.project.apps);
  const loading = useStore((s) => s.project.appsLoading);
  const selectedId = useStore((s) => s.project.selectedAppId);
  const problems = useStore((s) => s.project.problems);
  const busy = useStore((s) => s.project.busy);
  const requestsAppId = useStore((s) => s.environments.environments.find((e) => e.id === s.environments.activeId)?.appId.trim() ?? '');
  const { createApp, selectApp, renameApp, deleteApp, loadApps, setRequestsApp } = useStore.getState();
  const shown = apps?.find((a) => a.id === selectedId) ?? null;
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirmDialog, ask] = useConfirm();

  const remove = async (app: ProjectApp): Promise<void> => {
    const choice = await ask({
      title: 'Delete this app?',
      message: (
        <p>
          Delete the app “{displayText(app.displayName)}” ({app.id})? Its channels, webhooks and conversations go with it, in the API itself. This cannot be
          undone.
        </p>
      ),
      choices: [{ value: 'delete', label: 'Delete app', kind: 'danger' }],
    });
    if (choice === 'delete') await deleteApp(app.id);
  };

  return (
    <section className="project-card apps-card" aria-label="Apps">
      {confirmDialog}
      <header className="card-header">
        <h3>Apps</h3>
        <span className="muted small">An app holds channels and webhooks; it lives in the environment’s region for good.</span>
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => void loadApps()} disabled={loading}>
          {loading ? 'Loading…' : 'Reload'}
        </button>
      </header>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void createApp(name.trim()).then((app) => app && setName(''));
        }}
      >
        <input
          type="text"
          aria-label="New app display name"
          placeholder="Display name of a new app, e.g. Support bot"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button small primary" disabled={name.trim() === '' || busy.createApp === true}>
          {busy.createApp ? 'Creating…' : 'Create app'}
        </button>
      </form>
      <ProblemNote problem={problems.displayName} testId="app-name-problem" />
      <ProblemNote problem={problems.app} testId="app-problem" />
      {apps && apps.length === 0 && <p className="empty-hint">No apps in this project yet. Name one above and press Create app.</p>}
      {apps === null && !loading && <p className="empty-hint">Press Check above to sign in and list the project’s apps.</p>}
      <ul className="app-list" aria-label="Apps in the project">
        {apps?.map((app) => (
          <li key={app.id} className={app.id === selectedId ? 'app-row selected' : 'app-row'}>
            {renaming?.id === app.id ? (
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void renameApp(app.id, renaming.name.trim()).then((ok) => ok && setRenaming(null));
                }}
              >
                <input
                  type="text"
                  aria-label={`New name for ${app.displayName}`}
                  value={renaming.name}
                  autoFocus
                  onChange={(e) => setRenaming({ id: app.id, name: e.target.value })}
                />
                <button type="submit" className="button small primary" disabled={renaming.name.trim() === ''}>
                  Rename
                </button>
                <button type="button" className="button small" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="app-pick"
                  aria-pressed={app.id === selectedId}
                  title={app.id === requestsAppId ? 'The app your requests use ({{app_id}})' : 'Work on this app: your requests use it ({{app_id}})'}
                  onClick={() => void selectApp(app.id)}
                >
                  <span className="app-name">{displayText(app.displayName)}</span>
                  <code className="muted small">{app.id}</code>
                </button>
                {app.id === requestsAppId && <span className="pill requests-app">{'{{app_id}}'}</span>}
                <span className={`region-badge region-${app.region}`} title="An app cannot be migrated to another region">
                  {REGION_WORDS[app.region]}
                </span>
                <span className="muted small">
                  {app.channels.length} channel{app.channels.length === 1 ? '' : 's'}
                </span>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Rename ${app.displayName}`}
                  onClick={() => setRenaming({ id: app.id, name: app.displayName })}
                >
                  Rename
                </button>
                <button type="button" className="button small danger" aria-label={`Delete ${app.displayName}`} onClick={() => void remove(app)}>
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {shown && (
        <p className="small requests-app-line" data-testid="requests-app" role="status">
          {shown.id === requestsAppId ? (
            <>
              This is the app your requests use (<code>{'{{app_id}}'}</code>): “{displayText(shown.displayName)}”. Pick another app above to switch.
            </>
          ) : (
            <>
              {requestsAppId === '' ? (
                <>
                  Your requests use no app yet: <code>{'{{app_id}}'}</code> is empty.
                </>
              ) : (
                <>
                  Your requests use <code>{'{{app_id}}'}</code> = <code>{requestsAppId}</code>, which is not an app of this project here.
                </>
              )}{' '}
              <button type="button" className="button small" disabled={busy.useApp === true} onClick={() => void setRequestsApp(shown.id)}>
                Use “{displayText(shown.displayName)}” for requests
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
