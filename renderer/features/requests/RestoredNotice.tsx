import { displayText } from '../../../shared/displayText';
import { useStore } from '../../store';
import { selectActiveTab } from './requestSlice';

/** On a tab restored from the last run: what was not kept (secret values are never written to disk). */
export function RestoredNotice() {
  const tab = useStore(selectActiveTab);
  const notKept = tab.restoredNotKept ?? [];
  if (notKept.length === 0) return null;
  return (
    <div className="banner warn restored-notice" role="status" data-testid="restored-notice">
      <span>
        Reopened from your last session without: {notKept.map((n) => displayText(n)).join(', ')}. Secret values are never written to disk; enter them again
        before sending.
      </span>
      <button type="button" className="button small" onClick={() => useStore.getState().dismissRestoredNotice(tab.id)}>
        Dismiss
      </button>
    </div>
  );
}
