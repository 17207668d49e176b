import { useState } from 'react';
import { TRIGGERS } from '../../../shared/apiEnums';
import { TRIGGER_HINTS, WEBHOOK_LIMITS, type ProjectApp, type ProjectWebhook } from '../../../shared/model/project';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { ProblemNote } from './Problem';

type Trigger = (typeof TRIGGERS)[number];
type SecretMode = 'generate' | 'typed' | 'keep' | 'none';

const POINTS_AT: Record<ProjectWebhook['pointsAt'], string> = { listener: 'your listener', 'public-url': 'your public URL', elsewhere: 'elsewhere' };
const DEFAULT_TRIGGERS: Trigger[] = ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY', 'EVENT_INBOUND', 'EVENT_DELIVERY'];

/** The app's webhooks: target, triggers, and a secret kept in the keychain so the inspector verifies every callback. */
export function WebhooksSection({ app }: { app: ProjectApp }) {
  const webhooks = useStore((s) => s.project.webhooks);
  const problem = useStore((s) => s.project.problems.target);
  const { deleteWebhook } = useStore.getState();
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const full = (webhooks?.length ?? 0) >= WEBHOOK_LIMITS.perApp;

  return (
    <section className="project-card webhooks-card" aria-label="Webhooks">
      {confirmDialog}
      <header className="card-header">
        <h3>Webhooks</h3>
        <span className="muted small">
          {webhooks?.length ?? 0} of {WEBHOOK_LIMITS.perApp}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="button small primary"
          disabled={editing !== null || full}
          title={full ? `An app has at most ${WEBHOOK_LIMITS.perApp} webhooks: delete one first` : undefined}
          onClick={() => setEditing({ id: null })}
        >
          Add webhook
        </button>
      </header>
      {full && !editing && (
        <p className="muted small">This app has {WEBHOOK_LIMITS.perApp} webhooks, the most the API allows: edit or delete one to point callbacks elsewhere.</p>
      )}
      {webhooks && webhooks.length === 0 && !editing && (
        <p className="empty-hint">No webhooks: the app’s callbacks go nowhere. Add one pointed at your listener.</p>
      )}
      <ul className="webhook-list" aria-label="Webhooks of the app">
        {webhooks?.map((hook) => (
          <li key={hook.id} className="webhook-row">
            <div className="webhook-target">
              <code title={hook.target}>{hook.target}</code>
              <span className="muted small">
                {hook.triggers.length} trigger{hook.triggers.length === 1 ? '' : 's'} · points at {POINTS_AT[hook.pointsAt]}
              </span>
            </div>
            <span className={hook.secretInKeychain ? 'secret-set small' : 'muted small'} data-testid="webhook-secret-state">
              {hook.secretInKeychain ? 'Secret in keychain ✓ verified' : hook.secretOnServer ? 'Signed, secret not here: not verified' : 'No secret: unsigned'}
            </span>
            <button
              type="button"
              className="button small"
              aria-label={`Edit webhook ${hook.id}`}
              onClick={() => setEditing({ id: hook.id })}
              disabled={editing !== null}
            >
              Edit
            </button>
            <button
              type="button"
              className="button small danger"
              aria-label={`Delete webhook ${hook.id}`}
              onClick={() =>
                void ask({
                  title: 'Delete this webhook?',
                  message: <p>Callbacks stop going to {hook.target}. Its secret is removed from the keychain too.</p>,
                  choices: [{ value: 'delete', label: 'Delete webhook', kind: 'danger' }],
                }).then((choice) => choice === 'delete' && deleteWebhook(hook.id))
              }
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      {editing ? (
        <WebhookForm
          key={editing.id ?? 'new'}
          appName={app.displayName}
          webhook={webhooks?.find((w) => w.id === editing.id) ?? null}
          onDone={() => setEditing(null)}
        />
      ) : (
        <ProblemNote problem={problem} testId="webhook-problem" />
      )}
    </section>
  );
}

function WebhookForm({ webhook, appName, onDone }: { webhook: ProjectWebhook | null; appName: string; onDone: () => void }) {
  const problems = useStore((s) => s.project.problems);
  const saving = useStore((s) => s.project.busy.saveWebhook === true);
  const listener = useStore((s) => s.listener);
  const tunnel = useStore((s) => s.tunnel);
  const { saveWebhook, startListener, clearProblem } = useStore.getState();
  const [target, setTarget] = useState(webhook?.target ?? '');
  const [triggers, setTriggers] = useState<Trigger[]>(
    webhook?.triggers.filter((t): t is Trigger => (TRIGGERS as readonly string[]).includes(t)) ?? DEFAULT_TRIGGERS,
  );
  const [mode, setMode] = useState<SecretMode>(webhook ? 'keep' : 'generate');
  const [typed, setTyped] = useState('');
  const tooLong = target.length > WEBHOOK_LIMITS.targetLength;
  const typedShort = mode === 'typed' && typed.length < 8;

  const fillWithListener = async (): Promise<void> => {
    // The usual port first (webhooks keep working after a restart); a free one when it is taken.
    if (!listener?.listening) await startListener();
    if (!useStore.getState().listener?.listening) await startListener(0);
    const url = useStore.getState().listener;
    if (url?.listening) setTarget(url.url);
  };

  const submit = async (): Promise<void> => {
    const secret = mode === 'typed' ? ({ mode, value: typed } as const) : ({ mode } as const);
    setTyped('');
    const saved = await saveWebhook({ ...(webhook ? { webhookId: webhook.id } : {}), target: target.trim(), triggers, secret });
    if (saved) onDone();
  };

  return (
    <form
      className="webhook-form"
      aria-label={webhook ? 'Edit webhook' : 'Add a webhook'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>{webhook ? 'Edit webhook' : `Add a webhook to ${appName}`}</h4>
      <label className="field">
        <span>Target URL</span>
        <input
          type="text"
          aria-label="Target URL"
          spellCheck={false}
          placeholder="https://your-server.example.com/sinch"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
      </label>
      <div className="inline-form">
        <button type="button" className="button small" onClick={() => void fillWithListener()}>
          {listener?.listening ? 'Use my listener' : 'Start my listener and use it'}
        </button>
        {tunnel?.publicUrl && (
          <button type="button" className="button small" onClick={() => setTarget(tunnel.publicUrl ?? '')}>
            Use my public URL
          </button>
        )}
        <span className="spacer" />
        <span className={tooLong ? 'field-error' : 'muted small'}>
          {target.length}/{WEBHOOK_LIMITS.targetLength}
        </span>
      </div>
      {listener?.listening && target === listener.url && (
        <p className="muted small">
          The listener is on this computer: the sandbox reaches it, Sinch’s cloud does not. For a real region use a public URL (below).
        </p>
      )}
      {tooLong && <p className="field-error">A webhook target may have at most {WEBHOOK_LIMITS.targetLength} characters: shorten the URL.</p>}
      <ProblemNote problem={problems.target} testId="webhook-problem" />
      <fieldset className="trigger-list">
        <legend>
          Triggers{' '}
          <button type="button" className="link-button small" onClick={() => setTriggers([...TRIGGERS])}>
            all
          </button>
          <button type="button" className="link-button small" onClick={() => setTriggers([])}>
            none
          </button>
        </legend>
        {TRIGGERS.map((t) => (
          <label key={t} className="trigger-option">
            <input
              type="checkbox"
              checked={triggers.includes(t)}
              onChange={(e) => setTriggers(e.target.checked ? TRIGGERS.filter((x) => x === t || triggers.includes(x)) : triggers.filter((x) => x !== t))}
            />
            <span>
              <code>{t}</code>
              <span className="muted small"> {TRIGGER_HINTS[t]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {triggers.length === 0 && <p className="field-error">Pick at least one trigger.</p>}
      <ProblemNote problem={problems.triggers} testId="triggers-problem" />
      <fieldset className="secret-choice">
        <legend>Secret (signs every callback; kept in the keychain for this webhook)</legend>
        <label className="checkbox">
          <input type="radio" name="secret" checked={mode === 'generate'} onChange={() => setMode('generate')} /> Generate one for me
        </label>
        {mode === 'generate' && (
          <span className="muted small secret-hint">A long random secret goes to the API and to the keychain; it is never shown or written to disk.</span>
        )}
        <label className="checkbox">
          <input type="radio" name="secret" checked={mode === 'typed'} onChange={() => setMode('typed')} /> Type my own
        </label>
        {mode === 'typed' && (
          <input
            type="password"
            aria-label="Webhook secret"
            autoComplete="new-password"
            placeholder="At least 8 characters"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        )}
        {webhook && (
          <label className="checkbox">
            <input type="radio" name="secret" checked={mode === 'keep'} onChange={() => setMode('keep')} /> Keep the current secret
          </label>
        )}
        <label className="checkbox">
          <input type="radio" name="secret" checked={mode === 'none'} onChange={() => setMode('none')} /> No secret (callbacks are not signed)
        </label>
      </fieldset>
      <ProblemNote problem={problems.secret} testId="secret-problem" />
      <div className="card-actions">
        <button type="submit" className="button small primary" disabled={saving || target.trim() === '' || tooLong || triggers.length === 0 || typedShort}>
          {saving ? 'Saving…' : webhook ? 'Save webhook' : 'Create webhook'}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => {
            clearProblem('target');
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
