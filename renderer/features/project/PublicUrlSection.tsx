import { useState } from 'react';
import { publicUrlProblem, type ProjectApp } from '../../../shared/model/project';
import { useStore } from '../../store';
import { ProblemNote } from './Problem';

/**
 * A public URL for real callbacks: Sinch's cloud cannot reach 127.0.0.1. Paste a URL your own tunnel
 * forwards to the listener, or start one with ngrok (its authtoken stays in the keychain); then one
 * click points the app's webhook at it with a fresh secret.
 */
export function PublicUrlSection({ app }: { app: ProjectApp | null }) {
  const tunnel = useStore((s) => s.tunnel);
  const listener = useStore((s) => s.listener);
  const problem = useStore((s) => s.project.problems.tunnel);
  const busy = useStore((s) => s.project.busy);
  const { setPublicUrl, setTunnelAuthtoken, deleteTunnelAuthtoken, startTunnel, stopTunnel, pointWebhookAtPublicUrl, startListener } = useStore.getState();
  const [pasted, setPasted] = useState('');
  const [authtoken, setAuthtoken] = useState('');
  const online = tunnel?.publicUrl && (tunnel.mode === 'pasted' || tunnel.status === 'online');
  // Said while typing, before anything is kept: an http:// URL is refused, never shown as online.
  const pastedProblem = pasted.trim() === '' ? null : publicUrlProblem(pasted);

  return (
    <section className="project-card public-url-card" aria-label="Public URL">
      <header className="card-header">
        <h3>A public URL for real callbacks</h3>
      </header>
      <p className="muted small">
        Sinch’s cloud cannot reach this computer’s listener{listener?.listening ? ` (${listener.url})` : ''}. Give it a public URL that forwards to the
        listener.
      </p>
      {!listener?.listening && (
        <p className="small">
          The listener is stopped.{' '}
          <button type="button" className="link-button" onClick={() => void startListener()}>
            Start it
          </button>
        </p>
      )}
      <div className="public-url-status" role="status" data-testid="tunnel-status">
        {online ? (
          <>
            <span className="dot ok" /> <code>{tunnel?.publicUrl}</code>{' '}
            {tunnel?.forwardsTo ? <span className="muted small">→ {tunnel.forwardsTo}</span> : <span className="muted small">(the listener is stopped)</span>}
          </>
        ) : tunnel?.status === 'starting' ? (
          'Starting the tunnel…'
        ) : (
          <span className="muted">No public URL yet.</span>
        )}
      </div>
      {tunnel?.error && <p className="field-error">{tunnel.error}</p>}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void setPublicUrl(pasted.trim()).then((ok) => ok && setPasted(''));
        }}
      >
        <input
          type="text"
          aria-label="Public URL"
          spellCheck={false}
          placeholder="Paste the https:// URL your tunnel forwards to the listener"
          aria-invalid={pastedProblem !== null}
          aria-describedby={pastedProblem ? 'public-url-problem' : undefined}
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
        />
        <button type="submit" className="button small" disabled={pasted.trim() === '' || pastedProblem !== null}>
          Use this URL
        </button>
        {tunnel?.mode === 'pasted' && (
          <button type="button" className="button small" onClick={() => void setPublicUrl(null)}>
            Forget it
          </button>
        )}
      </form>
      {pastedProblem && (
        <p className="field-error" id="public-url-problem" data-testid="public-url-problem">
          {pastedProblem}
        </p>
      )}
      <div className="ngrok-row">
        <span className="field-label">Or start one with ngrok</span>
        {tunnel?.hasAuthtoken ? (
          <div className="inline-form">
            <span className="secret-set small">ngrok authtoken in the keychain ✓</span>
            <button type="button" className="button small" onClick={() => void deleteTunnelAuthtoken()}>
              Remove authtoken
            </button>
            <span className="spacer" />
            {tunnel.mode === 'ngrok' && (tunnel.status === 'online' || tunnel.status === 'starting') ? (
              <button type="button" className="button small" onClick={() => void stopTunnel()}>
                Stop tunnel
              </button>
            ) : (
              <button
                type="button"
                className="button small primary"
                disabled={busy.tunnel === true || !listener?.listening}
                title={listener?.listening ? undefined : 'Start the listener first'}
                onClick={() => void startTunnel()}
              >
                Start ngrok tunnel
              </button>
            )}
          </div>
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const value = authtoken;
              setAuthtoken('');
              void setTunnelAuthtoken(value);
            }}
          >
            <input
              type="password"
              aria-label="ngrok authtoken"
              autoComplete="new-password"
              placeholder="ngrok authtoken (dashboard.ngrok.com › Your Authtoken)"
              value={authtoken}
              onChange={(e) => setAuthtoken(e.target.value)}
            />
            <button type="submit" className="button small" disabled={authtoken.trim() === ''}>
              Keep in keychain
            </button>
          </form>
        )}
      </div>
      <ProblemNote problem={problem} testId="tunnel-problem" />
      <div className="card-actions">
        <button
          type="button"
          className="button small primary"
          disabled={!online || !app || busy.usePublicUrl === true}
          onClick={() => void pointWebhookAtPublicUrl()}
        >
          {app ? `Point the webhook of ${app.displayName} here (fresh secret)` : 'Pick an app to point its webhook here'}
        </button>
      </div>
    </section>
  );
}
