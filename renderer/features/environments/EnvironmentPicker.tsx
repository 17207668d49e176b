import { REGION_LABELS } from '../../../shared/regions';
import { useStore } from '../../store';
import { selectActiveEnvironment } from './selectors';
import { displayText } from '../../../shared/displayText';

/** The header's environment switcher, with the region shown prominently (a wrong region is a 404). */
export function EnvironmentPicker() {
  const state = useStore((s) => s.environments);
  const active = useStore(selectActiveEnvironment);
  const { setActiveEnvironment, openManager } = useStore.getState();
  return (
    <div className="env-picker">
      {active && (
        <span className={`region-badge region-${active.region}`} title={REGION_LABELS[active.region]} data-testid="active-region">
          {active.region}
        </span>
      )}
      <select
        aria-label="Active environment"
        value={state.activeId ?? ''}
        onChange={(e) => void setActiveEnvironment(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">No environment</option>
        {state.environments.map((env) => (
          <option key={env.id} value={env.id}>
            {displayText(env.name)}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => openManager(active?.id ?? null)}>
        Environments
      </button>
    </div>
  );
}
