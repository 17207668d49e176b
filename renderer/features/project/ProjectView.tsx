import { useEffect } from 'react';
import { useStore } from '../../store';
import { AccessSection } from './AccessSection';
import { AppsSection } from './AppsSection';
import { ChannelsSection } from './ChannelsSection';
import { FirstRunChecklist } from './FirstRunChecklist';
import { PublicUrlSection } from './PublicUrlSection';
import { RoutingSection } from './RoutingSection';
import { WebhooksSection } from './WebhooksSection';

/**
 * The Project view: Sinch's getting-started guide in the app, for the active environment (a real
 * region or the sandbox): access, apps, channels in priority order, webhooks, a public URL.
 */
export function ProjectView() {
  const environment = useStore((s) => s.environments.environments.find((e) => e.id === s.environments.activeId) ?? null);
  const environmentsLoaded = useStore((s) => s.environmentsLoaded);
  const firstRunOpen = useStore((s) => s.firstRunOpen);
  const app = useStore((s) => s.project.apps?.find((a) => a.id === s.project.selectedAppId) ?? null);
  const { loadProject, reopenFirstRun, openManager } = useStore.getState();

  const environmentId = environment?.id ?? null;
  useEffect(() => {
    void loadProject();
  }, [environmentId, loadProject]);
  // The App ID set elsewhere (the catalog's Create app, the Environments editor): the view follows it.
  const requestsAppId = environment?.appId.trim() ?? '';
  useEffect(() => {
    const { project, showApp, loadApps } = useStore.getState();
    if (requestsAppId === '' || requestsAppId === project.selectedAppId || project.apps === null) return;
    void (project.apps.some((a) => a.id === requestsAppId) ? showApp(requestsAppId) : loadApps());
  }, [requestsAppId]);

  return (
    <div className={`project-view ${firstRunOpen ? 'with-first-run' : ''}`}>
      {firstRunOpen && <FirstRunChecklist />}
      <main className="project-main" aria-label="Project">
        {!environment ? (
          environmentsLoaded && (
            <div className="project-empty">
              <h3>No environment yet</h3>
              <p className="muted">An environment names where you work: the local sandbox, or a Sinch project in a region.</p>
              <div className="card-actions">
                {!firstRunOpen && (
                  <button type="button" className="button primary" onClick={() => void reopenFirstRun()}>
                    Start the guided setup
                  </button>
                )}
                <button type="button" className="button" onClick={() => openManager()}>
                  Open Environments
                </button>
              </div>
            </div>
          )
        ) : (
          <>
            <AccessSection key={environment.id} environment={environment} />
            <AppsSection />
            {app ? (
              <div className="project-grid">
                <ChannelsSection app={app} />
                <WebhooksSection app={app} />
                <RoutingSection app={app} />
                <PublicUrlSection app={app} />
              </div>
            ) : (
              <PublicUrlSection app={null} />
            )}
          </>
        )}
      </main>
    </div>
  );
}
