import { useState, type ReactNode } from 'react';
import { FIRST_RUN_STEPS, type FirstRunStep } from '../../../shared/model/project';
import { REGION_LABELS, type RegionChoice } from '../../../shared/regions';
import type { VerdictKind } from '../../../shared/model/webhookEvent';
import { useStore } from '../../store';
import { FIRST_RUN_STEP_TABLE, currentStep } from './firstRunSteps';
import { ProblemNote } from './Problem';

const VERDICT_WORDS: Record<VerdictKind, string> = {
  valid: 'valid: signed with the webhook’s secret',
  invalid: 'invalid: the signature does not match the secret in the keychain',
  unsigned: 'unsigned: the webhook has no secret',
  unknown_secret: 'not checked: no secret in the keychain for it',
  stale: 'stale: signed too long ago',
  replayed: 'replayed: this nonce was seen before',
  malformed_headers: 'malformed signature headers',
};

/** The getting-started guide as a checklist: one step at a time, remembered across restarts, skippable. */
export function FirstRunChecklist() {
  const run = useStore((s) => s.firstRun);
  const step = currentStep(run);
  const done = run?.done ?? [];
  const channelCount = useStore((s) => s.project.apps?.find((a) => a.id === s.project.selectedAppId)?.channels.length ?? 0);
  const { skipFirstRun } = useStore.getState();
  // One channel is enough to go on (the step is ticked at the first); the title counts them, since more can be
  // added under Channels at any time, and the order step says when there is nothing to order yet.
  const title = (s: FirstRunStep): string =>
    s === 'channels' && channelCount > 0 ? `${FIRST_RUN_STEP_TABLE[s].title} (${channelCount} added)` : FIRST_RUN_STEP_TABLE[s].title;

  return (
    <aside className="first-run" aria-label="Getting started">
      <header className="card-header">
        <h3>Getting started</h3>
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => void skipFirstRun()}>
          {step === null ? 'Close' : 'Skip'}
        </button>
      </header>
      <p className="muted small">
        The steps of Sinch’s getting-started guide, done here without writing JSON. Reopen this list any time with the ? button in the header.
      </p>
      <ol className="first-run-steps">
        {FIRST_RUN_STEPS.map((s, i) => {
          const isDone = done.includes(s);
          const isCurrent = s === step;
          return (
            <li
              key={s}
              className={`first-run-step ${isDone ? 'done' : ''} ${isCurrent ? 'current' : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
              data-testid={`step-${s}`}
            >
              <div className="step-title">
                <span className="step-mark" aria-hidden="true">
                  {isDone ? '✓' : i + 1}
                </span>
                <span>{title(s)}</span>
                {isDone && <span className="sr-only">(done)</span>}
              </div>
              {(isCurrent || (s === 'callback' && isDone)) && <div className="step-body">{STEP_BODIES[s]()}</div>}
            </li>
          );
        })}
      </ol>
      {step === null && (
        <p className="first-run-finished">
          All done: your app sends messages and its callbacks are verified. The catalog (Requests) has every other call of the API.
        </p>
      )}
    </aside>
  );
}

/** What each step shows while it is the current one (one entry per step: a new step without one fails typecheck). */
const STEP_BODIES: { readonly [S in FirstRunStep]: () => ReactNode } = {
  environment: () => <EnvironmentStep />,
  access: () => <AccessStep />,
  app: () => <AppStep />,
  channels: () => (
    <p className="small">
      Under Channels, press Add channel and fill in the credentials from the Sinch portal (in the sandbox any values do). One is enough to go on; add a second
      to see priority at work.
    </p>
  ),
  order: () => <OrderStep />,
  webhook: () => <WebhookStep />,
  message: () => <MessageStep />,
  callback: () => <CallbackStep />,
};

function EnvironmentStep() {
  const environments = useStore((s) => s.environments);
  const active = environments.environments.find((e) => e.id === environments.activeId) ?? null;
  const problem = useStore((s) => s.project.problems.region);
  const { createFirstEnvironment, firstRunReached } = useStore.getState();
  const [region, setRegion] = useState<RegionChoice>('sandbox');
  const [name, setName] = useState('');
  const [projectId, setProjectId] = useState('');
  const [creating, setCreating] = useState(false);
  const isSandbox = region === 'sandbox';
  return (
    <>
      {active && (
        <p className="small">
          <button type="button" className="button small" onClick={() => void firstRunReached({ kind: 'environmentChosen', environmentId: active.id })}>
            Use “{active.name}”
          </button>{' '}
          or create another:
        </p>
      )}
      <form
        className="step-form"
        aria-label="Create an environment"
        onSubmit={(e) => {
          e.preventDefault();
          setCreating(true);
          void createFirstEnvironment(name.trim() || (isSandbox ? 'Sandbox' : `Sinch ${region.toUpperCase()}`), region, projectId).finally(() =>
            setCreating(false),
          );
        }}
      >
        <label className="field">
          <span>Where</span>
          <select aria-label="Where to work" value={region} onChange={(e) => setRegion(e.target.value as RegionChoice)}>
            {(['sandbox', 'us', 'eu', 'br'] as const).map((r) => (
              <option key={r} value={r}>
                {REGION_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small">
          {isSandbox
            ? 'Everything runs on this computer, offline, with signed callbacks: nothing to sign up for.'
            : 'Your Sinch project in that region. An app created there stays there: it cannot be migrated.'}
        </p>
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            aria-label="Environment name"
            placeholder={isSandbox ? 'Sandbox' : `Sinch ${region.toUpperCase()}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {!isSandbox && (
          <label className="field">
            <span>Project ID</span>
            <input
              type="text"
              aria-label="Project ID of the new environment"
              placeholder="From the Sinch portal"
              value={projectId}
              onChange={(e) => setProjectId(e.target.value)}
            />
          </label>
        )}
        <ProblemNote problem={problem} />
        <button type="submit" className="button small primary" disabled={creating || (!isSandbox && projectId.trim() === '')}>
          {creating ? 'Creating…' : 'Create environment'}
        </button>
      </form>
    </>
  );
}

function AccessStep() {
  const checking = useStore((s) => s.project.access.checking);
  const sandbox = useStore((s) => s.environments.environments.find((e) => e.id === s.environments.activeId)?.region === 'sandbox');
  const { checkAccess } = useStore.getState();
  return (
    <>
      <p className="small">
        {sandbox
          ? 'The sandbox has its own demo key. Check fetches a token with it and lists the project’s apps.'
          : 'Under Access, paste the key ID and secret of an access key (Sinch portal › Settings › Access keys); the secret goes to the keychain. Then Check.'}
      </p>
      <button type="button" className="button small primary" disabled={checking} onClick={() => void checkAccess()}>
        {checking ? 'Checking…' : 'Check access'}
      </button>
    </>
  );
}

function AppStep() {
  const app = useStore((s) => s.project.apps?.find((a) => a.id === s.project.selectedAppId) ?? null);
  const { firstRunReached } = useStore.getState();
  return (
    <>
      <p className="small">Under Apps, name an app and press Create app. It is created in the environment’s region.</p>
      {app && (
        <button type="button" className="button small" onClick={() => void firstRunReached({ kind: 'appChosen', appId: app.id })}>
          Use “{app.displayName}”
        </button>
      )}
    </>
  );
}

/** Names the listener button as it reads now: it says "Start my listener and use it" while the listener is stopped. */
function WebhookStep() {
  const listening = useStore((s) => s.listener?.listening ?? false);
  return (
    <p className="small">
      Under Webhooks, press Add webhook, then {listening ? 'Use my listener' : 'Start my listener and use it'}. A secret is generated for you and kept in the
      keychain, so the inspector checks every callback’s signature.
    </p>
  );
}

function OrderStep() {
  const { firstRunReached } = useStore.getState();
  const count = useStore((s) => s.project.apps?.find((a) => a.id === s.project.selectedAppId)?.channels.length ?? 0);
  return (
    <>
      <p className="small">
        {count < 2
          ? 'With one channel there is nothing to order yet: add another under Channels to see priority at work, or keep going.'
          : 'The order of the channels is the order the API tries them in. Drag a row, or focus it and press Alt+↑/↓; each change is saved at once.'}
      </p>
      <button type="button" className="button small" onClick={() => void firstRunReached({ kind: 'channelsOrdered' })}>
        Keep this order
      </button>
    </>
  );
}

function MessageStep() {
  const app = useStore((s) => s.project.apps?.find((a) => a.id === s.project.selectedAppId) ?? null);
  const problem = useStore((s) => s.project.problems.message);
  const sending = useStore((s) => s.project.busy.send === true);
  const { sendTestMessage } = useStore.getState();
  const channels = app?.channels.map((c) => c.channel) ?? [];
  const [channel, setChannel] = useState('');
  const [identity, setIdentity] = useState('');
  const [text, setText] = useState('Hello from Sinch Conversation Explorer!');
  const chosen = channel || channels[0] || '';
  if (!app) return <p className="small">Pick an app under Apps first.</p>;
  return (
    <form
      className="step-form"
      aria-label="Send a first message"
      onSubmit={(e) => {
        e.preventDefault();
        void sendTestMessage({ channel: chosen, identity: identity.trim(), text });
      }}
    >
      <label className="field">
        <span>Channel</span>
        <select aria-label="Channel of the first message" value={chosen} onChange={(e) => setChannel(e.target.value)}>
          {channels.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>To</span>
        <input
          type="text"
          aria-label="Recipient"
          placeholder="+46700000000 (the phone number or channel identity)"
          value={identity}
          onChange={(e) => setIdentity(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Text</span>
        <input type="text" aria-label="Message text" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <ProblemNote problem={problem} testId="message-problem" />
      <button type="submit" className="button small primary" disabled={sending || chosen === '' || identity.trim() === '' || text === ''}>
        {sending ? 'Sending…' : 'Send message'}
      </button>
    </form>
  );
}

function CallbackStep() {
  const sent = useStore((s) => s.project.sent);
  const delivery = useStore((s) => s.project.delivery);
  const arrived = useStore((s) => s.firstRun?.done.includes('callback') ?? false);
  const listening = useStore((s) => s.listener?.listening ?? false);
  const { setView, selectEvent, startListener } = useStore.getState();
  if (!sent) return <p className="small">Send a message first.</p>;
  return (
    <div className="small" data-testid="first-run-callback">
      <p>
        Message <code>{sent.messageId}</code> sent. {/* Once the step is done it says so, also after a restart that no longer has the report in memory. */}
        {!delivery &&
          (arrived ? (
            'Its delivery callback arrived: see Webhooks.'
          ) : listening ? (
            'Waiting for its MESSAGE_DELIVERY callback…'
          ) : (
            <>
              The listener is stopped: the callback is retried until it runs.{' '}
              <button type="button" className="button small" onClick={() => void startListener()}>
                Start listener
              </button>
            </>
          ))}
      </p>
      {delivery && (
        <>
          <p role="status">
            Delivery callback: <strong>{delivery.status}</strong> · signature{' '}
            <span className={delivery.verdict === 'valid' ? 'sig-ok' : 'sig-bad'} data-testid="first-run-verdict">
              {delivery.verdict ? VERDICT_WORDS[delivery.verdict] : 'not checked'}
            </span>
          </p>
          <button
            type="button"
            className="button small"
            onClick={() => {
              setView('webhooks');
              selectEvent(delivery.eventId);
            }}
          >
            Open it in the inspector
          </button>
        </>
      )}
    </div>
  );
}
