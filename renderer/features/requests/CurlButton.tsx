import { useState } from 'react';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';

/** Copy as curl, with credentials masked unless the user explicitly asks for them. */
export function CurlButton() {
  const [open, setOpen] = useState(false);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [curl, setCurl] = useState('');
  const [unresolved, setUnresolved] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const { curlForActiveTab, notify } = useStore.getState();

  const load = async (secrets: boolean): Promise<void> => {
    const result = await curlForActiveTab(secrets);
    if (result) {
      setCurl(result.curl);
      setUnresolved(result.unresolved);
      setWarnings(result.warnings);
    }
  };

  return (
    <>
      <button
        type="button"
        className="button"
        title="Copy as curl"
        onClick={() => {
          setOpen(true);
          setIncludeSecrets(false);
          void load(false);
        }}
      >
        curl
      </button>
      {open && (
        <Dialog label="Copy as curl" title="Copy as curl" className="curl-dialog" onClose={() => setOpen(false)} footer={<>
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  void navigator.clipboard.writeText(curl).then(
                    () => notify('info', 'Copied the curl command.'),
                    () => notify('error', 'The clipboard is not available here: select the text and copy it.'),
                  );
                }}
              >
                Copy
              </button>
            </>}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={includeSecrets}
                  onChange={(e) => {
                    setIncludeSecrets(e.target.checked);
                    void load(e.target.checked);
                  }}
                />
                Include credentials: the access token or key, and padlocked values (only paste it somewhere safe)
              </label>
              {warnings.map((w) => (
                <div key={w} className="banner warn" data-testid="curl-warning">
                  {w}
                </div>
              ))}
              {unresolved.length > 0 && (
                <div className="banner warn">Not defined, left as typed: {unresolved.map((n) => `{{${n}}}`).join(', ')}</div>
              )}
              <pre className="curl-text" data-testid="curl-text">
                {curl}
              </pre>
        </Dialog>
      )}
    </>
  );
}
