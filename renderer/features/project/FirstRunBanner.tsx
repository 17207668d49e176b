import { useStore } from '../../store';

/**
 * Outside the Project view, on a first launch (no environment yet): one line that offers the guided
 * setup. The checklist itself lives in the Project view.
 */
export function FirstRunBanner() {
  const show = useStore((s) => s.firstRunOpen && s.environmentsLoaded && s.environments.environments.length === 0 && s.view !== 'project');
  const { setView, skipFirstRun } = useStore.getState();
  if (!show) return null;
  return (
    <div className="banner info first-run-banner" role="region" aria-label="Getting started">
      <span>New here? Set up a project step by step, on the local sandbox or your Sinch account, with no JSON to write.</span>
      <button type="button" className="button small primary" onClick={() => setView('project')}>
        Start the guided setup
      </button>
      <button type="button" className="button small" onClick={() => void skipFirstRun()}>
        Not now
      </button>
    </div>
  );
}
