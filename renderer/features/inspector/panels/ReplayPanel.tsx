import { useEffect, useMemo, useState } from 'react';
import { MAX_JSON_DEPTH, nestingBeyond } from '../../../../shared/safeObject';
import { useStore } from '../../../store';
import { LazyMonaco } from '../../../ui/LazyMonaco';
import { selectActiveEnvironment } from '../../environments';
import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

/** Send the event again, as received or edited, to the listener or another URL, optionally signed again. */
function ReplayPanel({ event }: PanelProps) {
  const env = useStore(selectActiveEnvironment);
  const replaySecrets = useStore((s) => s.replaySecrets);
  const { loadReplaySecrets, replayEvent } = useStore.getState();
  const [target, setTarget] = useState<'listener' | 'url'>('listener');
  const [url, setUrl] = useState('');
  const [body, setBody] = useState(event.bodyText);
  const [resign, setResign] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  // A body nested deeper than the app parses is edited as text: the editor's JSON tooling recurses.
  const deep = useMemo(() => nestingBeyond(event.bodyText, MAX_JSON_DEPTH) >= 0, [event.bodyText]);
  useEffect(() => {
    if (env) void loadReplaySecrets(env.id);
  }, [env, loadReplaySecrets]);
  const secrets = env && replaySecrets?.environmentId === env.id ? replaySecrets.secrets : null;
  const send = async (): Promise<void> => {
    setOutcome(null);
    const result = await replayEvent({
      id: event.id,
      target: target === 'listener' ? 'listener' : url.trim(),
      ...(body !== event.bodyText ? { body } : {}),
      ...(resign && env ? { resign: { environmentId: env.id, name: resign } } : {}),
    });
    if (result) setOutcome(result.error ? `Failed: ${result.error}` : `Answered ${result.status ?? '?'} in ${result.timeMs} ms`);
  };
  return (
    <div className="replay-panel">
      <div className="secret-row">
        <label className="checkbox small">
          <input type="radio" checked={target === 'listener'} onChange={() => setTarget('listener')} /> to the listener
        </label>
        <label className="checkbox small">
          <input type="radio" checked={target === 'url'} onChange={() => setTarget('url')} /> to
        </label>
        <input
          type="text"
          aria-label="Replay target URL"
          placeholder="http://localhost:8080/hook"
          value={url}
          disabled={target !== 'url'}
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <div className="secret-row">
        <span className="small muted">Sign again with</span>
        <select aria-label="Re-sign with" value={resign} onChange={(e) => setResign(e.target.value)}>
          <option value="">(keep the original signature)</option>
          {secrets?.webhookSecrets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" className="button small primary" onClick={() => void send()}>
          {body !== event.bodyText ? 'Replay edited' : 'Replay'}
        </button>
        {outcome && (
          <span className="small" data-testid="replay-outcome">
            {outcome}
          </span>
        )}
      </div>
      <LazyMonaco value={body} language={deep ? 'plaintext' : 'json'} onChange={setBody} ariaLabel="Replay body" modelId={`replay-${event.id}`} />
    </div>
  );
}

export const replayPanel: InspectorPanel = { id: 'replay', label: 'Replay', appliesTo: always, Component: ReplayPanel };
