import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';

/**
 * Reset sandbox: asks first (it deletes the user's test data), then names the environment ids
 * that now point at nothing (app_id, contact_id…) and offers to clear them, so the next request
 * does not answer a puzzling 404.
 */
export function ResetSandboxDialog() {
  const state = useStore((s) => (s.dialog?.kind === 'resetSandbox' ? s.dialog : null));
  const statePath = useStore((s) => s.sandbox.statePath);
  const { closeDialog, resetSandbox, clearStaleIds } = useStore.getState();
  const closeSandboxReset = (): void => closeDialog('resetSandbox');
  if (!state) return null;
  if (state.step === 'confirm') {
    return (
      <Dialog
        label="Reset sandbox"
        title="Reset the sandbox?"
        onClose={closeSandboxReset}
        footer={
          <>
            <button type="button" className="button" onClick={closeSandboxReset} autoFocus data-autofocus>
              Cancel
            </button>
            <button type="button" className="button danger" onClick={() => void resetSandbox()}>
              Reset sandbox
            </button>
          </>
        }
      >
        <p>
          This deletes every app, contact, conversation, message, event, webhook, template and consent list in the sandbox. Callbacks already received stay in
          the webhook inspector.
        </p>
        {statePath && <p className="muted small">Its saved state ({statePath}) is emptied too.</p>}
      </Dialog>
    );
  }
  const { stale } = state;
  return (
    <Dialog
      label="Sandbox reset"
      title="The sandbox is empty"
      onClose={closeSandboxReset}
      footer={
        <>
          <button type="button" className="button" onClick={closeSandboxReset}>
            Keep them
          </button>
          <button type="button" className="button primary" onClick={() => void clearStaleIds(stale)} autoFocus data-autofocus>
            Clear {stale.length === 1 ? 'it' : `these ${stale.length}`}
          </button>
        </>
      }
    >
      <p>These ids now point at nothing: requests that use them will answer 404 until you create new resources.</p>
      <table className="headers-table stale-ids" aria-label="Ids that point at nothing">
        <tbody>
          {stale.map((s) => (
            <tr key={`${s.environmentId}/${s.name}`}>
              <td>{s.environmentName}</td>
              <td>
                <code>{`{{${s.name}}}`}</code>
              </td>
              <td>
                <code>{s.value}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
