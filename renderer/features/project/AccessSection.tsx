import { useEffect, useState } from 'react';
import { baseUrlProblem, EnvironmentSchema, type Environment } from '../../../shared/model/environment';
import { REGION_CHOICES, REGION_LABELS, tokenUrlChoiceOf, tokenUrlChoices, type RegionChoice } from '../../../shared/regions';
import { useStore } from '../../store';
import { rebaseDraft } from '../environments';
import { ProblemNote } from './Problem';

/**
 * Access: region, project id, token URL and access key of the active environment, and a Check that
 * fetches a token and lists the project's apps. The key secret is write-only: it goes to the keychain.
 */
export function AccessSection({ environment }: { environment: Environment }) {
  const [draft, setDraft] = useState<Environment>(environment);
  const [secret, setSecret] = useState('');
  const [now, setNow] = useState(Date.now());
  const sandbox = useStore((s) => s.sandbox);
  const access = useStore((s) => s.project.access);
  const problems = useStore((s) => s.project.problems);
  const problem = problems.access ?? problems.network;
  const secrets = useStore((s) => s.secretsByEnvironment[environment.id] ?? null);
  const vault = useStore((s) => s.vault);
  const { saveAccess, storeSecret, loadCredentials, checkAccess } = useStore.getState();

  // Changed elsewhere (the App ID by Apps below, the Environments editor): fields not edited here follow it.
  const [base, setBase] = useState<Environment>(environment);
  if (base !== environment) {
    setBase(environment);
    setDraft((d) => rebaseDraft(d, base, environment));
  }
  useEffect(() => {
    void loadCredentials(environment.id);
  }, [loadCredentials, environment.id]);
  useEffect(() => {
    if (!access.result?.token) return;
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [access.result]);

  const isSandbox = draft.region === 'sandbox';
  const dirty = JSON.stringify(draft) !== JSON.stringify(environment);
  const choices = tokenUrlChoices(draft.region, sandbox.authUrl);
  const choice = tokenUrlChoiceOf(draft.region, draft.auth.tokenUrl);
  const [customUrl, setCustomUrl] = useState(choice === 'custom');
  const shownChoice = customUrl && !isSandbox ? 'custom' : choice;
  const token = access.result?.token ?? null;
  const minutes = token ? Math.max(0, Math.round((token.expiresAt - now) / 60_000)) : 0;

  const isCustom = draft.region === 'custom';
  // Checked here, under each field, before anything is sent: the contract's own refusal is never what the user reads.
  const baseUrlError = isCustom ? baseUrlProblem(draft.customBaseUrl) : null;
  const fieldErrors = new Map<string, string>();
  const parsed = EnvironmentSchema.safeParse(draft);
  if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors.set(issue.path.join('.'), issue.message);
  const invalid = baseUrlError !== null || fieldErrors.size > 0;
  const otherError = [...fieldErrors].find(([path]) => path !== 'customBaseUrl' && path !== 'auth.tokenUrl')?.[1] ?? null;

  const save = async (): Promise<boolean> => {
    if (invalid) return false;
    return saveAccess(draft);
  };

  return (
    <section className="project-card access-card" aria-label="Access">
      <header className="card-header">
        <h3>Access</h3>
        <span className="muted small">Region, project and access key of “{environment.name}”</span>
      </header>
      <div className="project-fields">
        <label className="field">
          <span>Region</span>
          <select
            aria-label="Region"
            value={draft.region}
            onChange={(e) => {
              const region = e.target.value as RegionChoice;
              setDraft({ ...draft, region, projectId: region === 'sandbox' && draft.projectId.trim() === '' ? sandbox.demo.projectId : draft.projectId });
            }}
          >
            {REGION_CHOICES.map((r) => (
              <option key={r} value={r}>
                {REGION_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Project ID</span>
          <input
            type="text"
            aria-label="Project ID"
            spellCheck={false}
            placeholder={isSandbox ? sandbox.demo.projectId || 'the sandbox’s demo project' : 'From the Sinch portal: Settings › Projects'}
            value={draft.projectId}
            onChange={(e) => setDraft({ ...draft, projectId: e.target.value })}
          />
        </label>
      </div>
      {isCustom && (
        <div className="project-fields">
          <label className="field">
            <span>Base URL</span>
            <input
              type="text"
              aria-label="Base URL"
              spellCheck={false}
              placeholder="https://conversation.example.com"
              aria-invalid={baseUrlError !== null}
              aria-describedby={baseUrlError ? 'base-url-problem' : undefined}
              value={draft.customBaseUrl}
              onChange={(e) => setDraft({ ...draft, customBaseUrl: e.target.value })}
            />
            {baseUrlError && (
              <span className="field-error" id="base-url-problem" data-testid="base-url-problem">
                {baseUrlError}
              </span>
            )}
          </label>
        </div>
      )}
      <ProblemNote problem={problems.region} testId="region-problem" />
      <ProblemNote problem={problems.projectId} testId="project-id-problem" />
      <p className="muted small region-note">
        An app lives in the region it was created in and cannot be migrated to another. Changing the region here shows that region’s apps; calling an app in the
        wrong region answers 404.
      </p>
      {isSandbox ? (
        <p className="muted small">
          The sandbox signs you in with its public demo key ({sandbox.demo.keyId || 'demo'}) at its own token endpoint: nothing to paste.
        </p>
      ) : (
        <>
          <div className="project-fields">
            <label className="field">
              <span>Token URL</span>
              <select
                aria-label="Token URL"
                value={shownChoice}
                onChange={(e) => {
                  const picked = choices.find((c) => c.id === e.target.value);
                  setCustomUrl(picked?.id === 'custom');
                  if (picked && picked.id !== 'custom')
                    setDraft({ ...draft, auth: { ...draft.auth, mode: 'oauth2', tokenUrl: picked.id === 'global' ? '' : picked.url } });
                }}
              >
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                    {c.recommended ? ' (recommended)' : ''}
                  </option>
                ))}
              </select>
            </label>
            {shownChoice === 'custom' && (
              <label className="field">
                <span>Custom token URL</span>
                <input
                  type="text"
                  aria-label="Custom token URL"
                  placeholder="https://…/oauth2/token"
                  value={draft.auth.tokenUrl}
                  onChange={(e) => setDraft({ ...draft, auth: { ...draft.auth, tokenUrl: e.target.value } })}
                />
                {fieldErrors.get('auth.tokenUrl') && <span className="field-error">{fieldErrors.get('auth.tokenUrl')}</span>}
              </label>
            )}
          </div>
          <ProblemNote problem={problems.tokenUrl} testId="token-url-problem" />
          <div className="project-fields">
            <label className="field">
              <span>Key ID</span>
              <input
                type="text"
                aria-label="Key ID"
                autoComplete="off"
                spellCheck={false}
                value={draft.auth.keyId}
                onChange={(e) => setDraft({ ...draft, auth: { ...draft.auth, keyId: e.target.value } })}
              />
            </label>
            <div className="field">
              <span className="field-label">Key secret</span>
              <div className="secret-row">
                <input
                  type="password"
                  aria-label="Key secret"
                  autoComplete="new-password"
                  placeholder={secrets?.accessKeySecret ? 'Stored in the keychain ✓ (type to replace)' : 'Paste the key secret (kept in the keychain)'}
                  value={secret}
                  onChange={(e) => setSecret(e.target.value)}
                />
                <button
                  type="button"
                  className="button small"
                  disabled={secret === '' || vault?.available === false}
                  onClick={() => {
                    const value = secret;
                    setSecret('');
                    void storeSecret({ environmentId: environment.id, purpose: 'access-key-secret', value });
                  }}
                >
                  Store
                </button>
              </div>
            </div>
          </div>
          <ProblemNote problem={problems.keyId ?? problems.keySecret} testId="key-problem" />
          {vault && !vault.available && (
            <p className="field-error">The keychain is not available: {vault.problem ?? 'open Environments to choose an encrypted file instead.'}</p>
          )}
        </>
      )}
      {otherError && <p className="field-error">{otherError}</p>}
      <div className="card-actions">
        {dirty && (
          <button type="button" className="button small primary" disabled={invalid} onClick={() => void save()}>
            Save
          </button>
        )}
        <button
          type="button"
          className={`button small ${dirty ? '' : 'primary'}`}
          disabled={access.checking || invalid}
          title={
            invalid
              ? 'Put right what is said under the fields first'
              : dirty || secret !== ''
                ? 'Saves first, then checks'
                : 'Fetch a token and list the project’s apps'
          }
          onClick={() =>
            void (async () => {
              if (dirty && !(await save())) return;
              // A secret pasted but not stored yet is what the user means to check with.
              if (secret !== '' && !isSandbox) {
                const value = secret;
                setSecret('');
                if (!(await storeSecret({ environmentId: environment.id, purpose: 'access-key-secret', value }))) return;
              }
              await checkAccess();
            })()
          }
        >
          {access.checking ? 'Checking…' : 'Check'}
        </button>
        {access.result && !problem && (
          <span className="access-ok" data-testid="access-result" role="status">
            ✓{' '}
            {token
              ? `Token from ${token.tokenUrl}, ${minutes > 0 ? `expires in ${minutes} min (${new Date(token.expiresAt).toLocaleTimeString()})` : 'expired: a new one is fetched on the next call'}`
              : 'Signed in'}{' '}
            · {access.result.appCount} app
            {access.result.appCount === 1 ? '' : 's'} in project, region {access.result.region}
          </span>
        )}
      </div>
      <ProblemNote problem={problem} testId="access-problem" />
    </section>
  );
}
