import { useEffect, useState } from 'react';
import type { TokenInfo, VaultStatus } from '../../../shared/contract';
import { AUTH_MODES, type AuthMode, type Environment } from '../../../shared/model/environment';
import { GLOBAL_AUTH_URL } from '../../../shared/regions';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';

const MODE_LABELS: Record<AuthMode, string> = {
  oauth2: 'OAuth2 client credentials (recommended)',
  basic: 'Basic (testing only: heavily rate limited)',
  none: 'None',
};

const BACKEND_LABELS: Record<VaultStatus['backend'], string> = { keychain: 'keychain', 'encrypted-file': 'encrypted file', none: 'nowhere yet' };

interface Props {
  environment: Environment;
  /** The saved version: secrets belong to a saved environment. */
  saved: Environment;
  onChange: (auth: Environment['auth']) => void;
}

/**
 * Access keys of an environment. The key id is a plain field; the secret is write-only: it goes to
 * the OS keychain and the page can only learn whether one is stored.
 */
export function AccessKeys({ environment, saved, onChange }: Props) {
  const vault = useStore((s) => s.vault);
  const [confirmDialog, ask] = useConfirm();
  const secrets = useStore((s) => s.secretsByEnvironment[saved.id] ?? null);
  const [secretInput, setSecretInput] = useState('');
  const [replacing, setReplacing] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [token, setToken] = useState<TokenInfo | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [webhookName, setWebhookName] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const { notify, loadCredentials, storeSecret: store, deleteSecret, openEncryptedFile, fetchToken } = useStore.getState();
  const auth = environment.auth;
  const isSandbox = environment.region === 'sandbox';

  // Read again by the slice whenever the vault changes (the credentials.changed event).
  useEffect(() => {
    void loadCredentials(saved.id);
  }, [loadCredentials, saved.id]);

  useEffect(() => {
    if (!token) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [token]);

  const storeSecret = async (): Promise<void> => {
    const value = secretInput;
    setSecretInput('');
    if (await store({ environmentId: saved.id, purpose: 'access-key-secret', value })) {
      setReplacing(false);
      notify('info', `Stored the key secret in the ${vault ? BACKEND_LABELS[vault.backend] : 'keychain'}.`);
    }
  };

  const getToken = async (): Promise<void> => {
    setTokenError(null);
    const answer = await fetchToken(saved.id);
    setToken(answer.ok ? answer.token : null);
    if (!answer.ok) setTokenError(answer.error);
  };

  const authChanged = JSON.stringify(environment.auth) !== JSON.stringify(saved.auth);
  const remaining = token ? Math.max(0, Math.round((token.expiresAt - now) / 1000)) : 0;

  return (
    <section className="access-keys" aria-label="Access keys">
      {confirmDialog}
      <h4>Access key</h4>
      {isSandbox ? (
        <p className="muted small">
          The sandbox authenticates with its public demo key automatically (OAuth2 against its own token endpoint). Nothing to set up.
        </p>
      ) : (
        <>
          <div className="field-row">
            <label className="field">
              <span>Authentication</span>
              <select aria-label="Authentication" value={auth.mode} onChange={(e) => onChange({ ...auth, mode: e.target.value as AuthMode })}>
                {AUTH_MODES.map((m) => (
                  <option key={m} value={m}>
                    {MODE_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
            {auth.mode === 'oauth2' && (
              <label className="field">
                <span>Token URL</span>
                <input
                  type="text"
                  aria-label="Token URL"
                  placeholder={GLOBAL_AUTH_URL}
                  value={auth.tokenUrl}
                  onChange={(e) => onChange({ ...auth, tokenUrl: e.target.value })}
                />
              </label>
            )}
          </div>
          {auth.mode !== 'none' && (
            <>
              <label className="field">
                <span>Key ID (client id)</span>
                <input
                  type="text"
                  aria-label="Key ID"
                  autoComplete="off"
                  spellCheck={false}
                  value={auth.keyId}
                  onChange={(e) => onChange({ ...auth, keyId: e.target.value })}
                />
              </label>
              <VaultBanner
                vault={vault}
                passphrase={passphrase}
                setPassphrase={setPassphrase}
                onUse={async () => {
                  await openEncryptedFile(passphrase);
                  setPassphrase('');
                }}
              />
              {vault?.available && (
                <div className="field">
                  <span className="field-label">Key secret (client secret)</span>
                  {secrets?.accessKeySecret && !replacing ? (
                    <div className="secret-row" data-testid="secret-status">
                      <span className="secret-set">Stored in {BACKEND_LABELS[vault.backend]} ✓</span>
                      <button type="button" className="button small" onClick={() => setReplacing(true)}>
                        Replace
                      </button>
                      <button
                        type="button"
                        className="button small danger"
                        onClick={() =>
                          void (async () => {
                            const choice = await ask({
                              title: 'Delete the key secret?',
                              message: (
                                <p>
                                  The key secret is removed from {BACKEND_LABELS[vault.backend]}. Requests of this environment cannot authenticate until you
                                  paste it again.
                                </p>
                              ),
                              choices: [{ value: 'delete', label: 'Delete', kind: 'danger' }],
                            });
                            if (choice !== 'delete') return;
                            void deleteSecret({ environmentId: saved.id, purpose: 'access-key-secret' });
                          })()
                        }
                      >
                        Delete
                      </button>
                    </div>
                  ) : (
                    <div className="secret-row">
                      <input
                        type="password"
                        aria-label="Key secret"
                        autoComplete="new-password"
                        placeholder="Paste the key secret (it is never shown again)"
                        value={secretInput}
                        onChange={(e) => setSecretInput(e.target.value)}
                      />
                      <button type="button" className="button small primary" disabled={secretInput === ''} onClick={() => void storeSecret()}>
                        Store secret
                      </button>
                      {replacing && (
                        <button type="button" className="button small" onClick={() => setReplacing(false)}>
                          Cancel
                        </button>
                      )}
                    </div>
                  )}
                </div>
              )}
            </>
          )}
        </>
      )}
      {(auth.mode === 'oauth2' || isSandbox) && (
        <div className="token-row">
          <button
            type="button"
            className="button small"
            disabled={authChanged}
            title={authChanged ? 'Save the environment first' : 'Fetch an access token now'}
            onClick={() => void getToken()}
          >
            Get token now
          </button>
          {token && (
            <span className="token-info" data-testid="token-info">
              {token.fromCache ? 'Cached' : 'New'} {token.tokenType} token from {token.tokenUrl} ·{' '}
              {remaining > 0
                ? `expires in ${Math.floor(remaining / 60)}:${String(remaining % 60).padStart(2, '0')}`
                : 'expired (a new one is fetched on the next request)'}
            </span>
          )}
          {tokenError && (
            <span className="field-error" role="alert" data-testid="token-error">
              {tokenError}
            </span>
          )}
        </div>
      )}
      {vault?.available && (
        <>
          <h4>Webhook secrets</h4>
          <p className="muted small">Used by the webhook inspector to check signatures. Name each after the webhook id or app id it belongs to.</p>
          <ul className="webhook-secrets">
            {secrets?.webhookSecrets.map((name) => (
              <li key={name}>
                <code>{name}</code> <span className="secret-set">stored ✓</span>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete webhook secret ${name}`}
                  onClick={() => void deleteSecret({ environmentId: saved.id, purpose: 'webhook-secret', name })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="secret-row">
            <input
              type="text"
              aria-label="Webhook secret name"
              placeholder="webhook id or app id"
              value={webhookName}
              onChange={(e) => setWebhookName(e.target.value)}
            />
            <input
              type="password"
              aria-label="Webhook secret"
              autoComplete="new-password"
              placeholder="secret"
              value={webhookSecret}
              onChange={(e) => setWebhookSecret(e.target.value)}
            />
            <button
              type="button"
              className="button small"
              disabled={webhookName.trim() === '' || webhookSecret === ''}
              onClick={() => {
                const value = webhookSecret;
                setWebhookSecret('');
                void store({ environmentId: saved.id, purpose: 'webhook-secret', name: webhookName.trim(), value }).then(
                  (stored) => stored && setWebhookName(''),
                );
              }}
            >
              Add
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function VaultBanner({
  vault,
  passphrase,
  setPassphrase,
  onUse,
}: {
  vault: VaultStatus | null;
  passphrase: string;
  setPassphrase: (p: string) => void;
  onUse: () => Promise<void>;
}) {
  if (!vault || (vault.available && !vault.locked)) return null;
  const unlocking = vault.locked;
  return (
    <div className="banner warn vault-banner" role="alert" data-testid="vault-banner">
      <div>
        <strong>{unlocking ? 'Your secrets file is locked.' : 'The OS keychain is not available.'}</strong> {vault.problem}
      </div>
      {vault.help && <div className="small">{vault.help}</div>}
      <div className="small">
        {unlocking
          ? 'Type its passphrase to unlock it for this session.'
          : 'The encrypted file uses AES-256-GCM with a key derived from your passphrase by scrypt. Secrets are never stored in plain text.'}
      </div>
      <div className="secret-row">
        <input
          type="password"
          aria-label="Passphrase"
          autoComplete="new-password"
          placeholder={unlocking ? 'Passphrase' : 'Choose a passphrase (8+ characters)'}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <button type="button" className="button small" disabled={passphrase.length === 0} onClick={() => void onUse()}>
          {unlocking ? 'Unlock' : vault.encryptedFileExists ? 'Unlock encrypted file' : 'Use an encrypted file'}
        </button>
      </div>
    </div>
  );
}
