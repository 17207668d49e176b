import { useState } from 'react';
import { useStore } from '../../store';

/**
 * In the Requests view: the active sandbox environment's app has a webhook pointing at this app's listener,
 * and the listener is stopped, so its callbacks wait (the sandbox retries them). Says so, with the button
 * that fixes it; a start that failed (the port is taken) is said here too.
 */
export function StoppedListenerNotice() {
  const listener = useStore((s) => s.listener);
  const env = useStore((s) => s.environments.environments.find((e) => e.id === s.environments.activeId) ?? null);
  const [starting, setStarting] = useState(false);
  const { startListener } = useStore.getState();
  const appId = env?.region === 'sandbox' ? env.appId.trim() : '';
  const hooks = listener && !listener.listening && appId !== '' ? listener.pointedAtBy.filter((p) => p.appId === appId) : [];
  if (!listener || hooks.length === 0) return null;
  return (
    <div className="banner warn stopped-listener-notice" role="status" data-testid="stopped-listener-notice">
      <span>
        {hooks.length === 1 ? `Webhook ${hooks[0]?.webhookId ?? ''}` : `${hooks.length} webhooks`} of your app ({'{{app_id}}'}){' '}
        {hooks.length === 1 ? 'sends' : 'send'} callbacks to your listener at <code>{listener.url}</code>, which is stopped: the sandbox retries them and they
        arrive once it runs.
        {listener.error ? ` ${listener.error}` : ''}
      </span>
      <button
        type="button"
        className="button small primary"
        disabled={starting}
        onClick={() => {
          setStarting(true);
          void startListener().finally(() => setStarting(false));
        }}
      >
        Start listener
      </button>
    </div>
  );
}
