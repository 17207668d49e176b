import { useRef, useState } from 'react';
import { CODE_LANGUAGES, CODE_LANGUAGE_INFO, isCodeLanguage, type CodeLanguage, type GeneratedCodeResult } from '../../../shared/formats/codegen';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { LazyMonaco } from '../../ui/LazyMonaco';

/**
 * How the Code panel opens. `code`: with the language picker, on the language picked last.
 * `curl` (the toolbar's curl button): curl only, as plain text to paste into a terminal, without
 * touching the language the Code panel remembers.
 */
export type CodePreset = 'code' | 'curl';

interface PresetLook {
  button: string;
  tooltip: string;
  /** The dialog's title and accessible name. */
  title: string;
  className: string;
  /** Prefix of the test ids of the text and its warnings. */
  testIds: string;
}

const PRESETS: Record<CodePreset, PresetLook> = {
  code: {
    button: 'Code',
    tooltip: 'The request as code: curl, Node, Python, Java, C#, Go, PHP, Ruby or the Sinch SDK',
    title: 'Code',
    className: 'code-dialog',
    testIds: 'code',
  },
  curl: { button: 'curl', tooltip: 'Copy as curl', title: 'Copy as curl', className: 'curl-dialog', testIds: 'curl' },
};

/**
 * The open request as code: curl, seven languages' HTTP clients, or the Sinch SDK call. The
 * backend writes it; credentials are read from the environment in the code unless the user ticks
 * Include credentials for this one snippet (unticked again each time the panel opens).
 */
export function CodeButton({ preset = 'code' }: { preset?: CodePreset }) {
  const look = PRESETS[preset];
  const curlOnly = preset === 'curl';
  const [open, setOpen] = useState(false);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [result, setResult] = useState<GeneratedCodeResult | null>(null);
  const picked = useStore((s) => s.codeLanguage);
  const language: CodeLanguage = curlOnly ? 'curl' : picked;
  const { codeForActiveTab, curlForActiveTab, setCodeLanguage, notify } = useStore.getState();
  // Only the answer to the latest choice is shown, however the answers arrive.
  const latest = useRef(0);

  /** `lang` null: the language picked last (the backend keeps it across restarts). */
  const load = async (lang: CodeLanguage | null, secrets: boolean): Promise<void> => {
    const ticket = ++latest.current;
    const answer = curlOnly ? await curlForActiveTab(secrets) : await codeForActiveTab(lang, secrets);
    if (answer && ticket === latest.current) {
      if (!curlOnly) setCodeLanguage(answer.language);
      setResult(answer);
    }
  };

  const shown = result && result.language === language ? result : null;
  const sdk = shown?.sdk ?? null;

  return (
    <>
      <button
        type="button"
        className="button"
        title={look.tooltip}
        onClick={() => {
          setOpen(true);
          setIncludeSecrets(false);
          setResult(null);
          void load(null, false);
        }}
      >
        {look.button}
      </button>
      {open && (
        <Dialog
          label={look.title}
          title={look.title}
          className={look.className}
          onClose={() => setOpen(false)}
          footer={
            <button
              type="button"
              className="button primary"
              disabled={!shown}
              onClick={() => {
                if (!shown) return;
                void navigator.clipboard.writeText(shown.code).then(
                  () => notify('info', shown.language === 'curl' ? 'Copied the curl command.' : `Copied the ${CODE_LANGUAGE_INFO[shown.language].label} code.`),
                  () => notify('error', 'The clipboard is not available here: select the text and copy it.'),
                );
              }}
            >
              Copy
            </button>
          }
        >
          <div className="code-toolbar">
            {!curlOnly && (
              <label className="code-language">
                <span>Language</span>
                <select
                  aria-label="Language"
                  value={language}
                  onChange={(e) => {
                    const next = e.target.value;
                    if (!isCodeLanguage(next)) return;
                    setCodeLanguage(next);
                    void load(next, includeSecrets);
                  }}
                >
                  {CODE_LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {CODE_LANGUAGE_INFO[l].label}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="checkbox">
              <input
                type="checkbox"
                checked={includeSecrets}
                onChange={(e) => {
                  setIncludeSecrets(e.target.checked);
                  void load(language, e.target.checked);
                }}
              />
              Include credentials
            </label>
          </div>
          {includeSecrets ? (
            <div className="banner warn" role="alert" data-testid="code-credentials-warning">
              This code holds your access token or key secret and padlocked values: paste it only somewhere safe, never into a chat, a ticket or a repository.
            </div>
          ) : (
            <div className="muted small">Credentials are read from the environment (SINCH_TOKEN, SINCH_KEY_SECRET): the first line says what to set.</div>
          )}
          {shown?.warnings.map((w) => (
            <div key={w} className="banner warn" data-testid={`${look.testIds}-warning`}>
              {w}
            </div>
          ))}
          {shown && shown.unresolved.length > 0 && (
            <div className="banner warn">Not defined, left as typed: {shown.unresolved.map((n) => `{{${n}}}`).join(', ')}</div>
          )}
          {shown?.sdkUnavailable && (
            <div className="banner warn" data-testid="code-sdk-unavailable">
              {shown.sdkUnavailable}
            </div>
          )}
          {sdk && (
            <dl className="code-sdk-names" data-testid="code-sdk-names">
              <dt>Node</dt>
              <dd>
                <code>{sdk.node}</code>
              </dd>
              <dt>Java</dt>
              <dd>{sdk.java ? <code>{sdk.java}</code> : <span className="muted">no method found</span>}</dd>
              <dt>Python</dt>
              <dd>{sdk.python ? <code>{sdk.python}</code> : <span className="muted">no method found</span>}</dd>
              <dt>.NET</dt>
              <dd>{sdk.dotnet ? <code>{sdk.dotnet}</code> : <span className="muted">no method found</span>}</dd>
            </dl>
          )}
          {curlOnly ? (
            // One command for a terminal: plain text, selected and copied as it reads.
            <pre className="curl-text" data-testid="curl-text" aria-busy={!shown}>
              {shown?.code ?? ''}
            </pre>
          ) : (
            <div className="code-editor" data-testid="code-panel" aria-busy={!shown}>
              <LazyMonaco
                value={shown?.code ?? ''}
                language={CODE_LANGUAGE_INFO[language].editorLanguage}
                readOnly
                ariaLabel="Generated code"
                testId="code-editor"
              />
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}
