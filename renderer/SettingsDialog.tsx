import { useEffect, useState } from 'react';
import { Dialog } from './ui/Dialog';
import { useStore } from './store';

/** App settings: the request timeout, and where things are kept. */
export function SettingsDialog() {
  const open = useStore((s) => s.dialog?.kind === 'settings');
  const timeoutMs = useStore((s) => s.timeoutMs);
  const info = useStore((s) => s.info);
  const workspaceDir = useStore((s) => s.collections.workspaceDir);
  const { closeDialog, saveSettings } = useStore.getState();
  const [seconds, setSeconds] = useState(String(timeoutMs / 1000));
  useEffect(() => setSeconds(String(timeoutMs / 1000)), [timeoutMs, open]);
  if (!open) return null;
  const value = Number(seconds);
  const valid = Number.isFinite(value) && value >= 1 && value <= 600;
  const save = async (): Promise<void> => {
    await saveSettings({ requestTimeoutMs: Math.round(value * 1000) });
  };
  return (
    <Dialog
      label="Settings"
      title="Settings"
      onClose={() => closeDialog('settings')}
      onSubmit={() => valid && void save()}
      footer={
        <>
          <button type="button" className="button" onClick={() => closeDialog('settings')}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!valid}>
            Save
          </button>
        </>
      }
    >
      <label className="field">
        <span>Request timeout (seconds, 1 to 600)</span>
        <input type="text" inputMode="numeric" aria-label="Request timeout in seconds" value={seconds} onChange={(e) => setSeconds(e.target.value)} />
        {!valid && <span className="field-error">Enter a number of seconds from 1 to 600.</span>}
      </label>
      <p className="muted small">
        Data folder: <code>{info?.dataDir}</code>
        <br />
        Workspace (collections): <code>{workspaceDir}</code> — change it at the bottom of the Collections sidebar.
        <br />
        Running as: {info?.host === 'electron' ? 'desktop app' : 'browser host'} · version {info?.version}
      </p>
    </Dialog>
  );
}
