import { useEffect, useState } from 'react';
import { RESTARTED_MESSAGE, stillRunningQuestion } from './api';
import { useStore } from './store';

/**
 * What the page says when it loses its backend (browser host only): retrying, with the attempt
 * and a countdown; given up, with a button; or, when the host answered that this page is from an
 * earlier launch, that the app was restarted and where the new link is.
 */
export function ConnectionBanner() {
  const connection = useStore((s) => s.connection);
  const detail = useStore((s) => s.connectionDetail);
  const retryConnection = useStore((s) => s.retryConnection);
  // How this launch was started (`npm start`, `npx sinch-explorer web`…): named as the user typed it.
  const command = useStore((s) => s.info?.launchCommand ?? null);
  const [now, setNow] = useState(() => Date.now());
  // The countdown starts from the moment the state changed.
  useEffect(() => setNow(Date.now()), [connection, detail]);
  const counting = connection === 'lost' && detail.nextAttemptAt !== null;
  useEffect(() => {
    if (!counting) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [counting]);
  if (connection === 'restarted') {
    return (
      <div className="banner error connection-banner" role="alert" data-testid="connection-banner">
        <strong>{RESTARTED_MESSAGE}</strong> This page belongs to an earlier launch of the app, so it can no longer talk to it.
      </div>
    );
  }
  if (connection === 'lost') {
    const seconds = detail.nextAttemptAt === null ? 0 : Math.max(0, Math.ceil((detail.nextAttemptAt - now) / 1000));
    return (
      <div className="banner error connection-banner" role="alert" data-testid="connection-banner">
        Lost the connection to the app backend. {stillRunningQuestion(command)} Reconnecting {seconds > 0 ? `in ${seconds} s ` : ''}(attempt {detail.attempt} of{' '}
        {detail.maxAttempts})…{' '}
        <button type="button" className="link-button" onClick={retryConnection}>
          Retry now
        </button>
      </div>
    );
  }
  if (connection === 'unreachable') {
    return (
      <div className="banner error connection-banner" role="alert" data-testid="connection-banner">
        The app backend is not reachable at {location.host} after {detail.maxAttempts} attempts.{' '}
        {command ? `Start it again with “${command}” and open` : 'If you restarted the app, open'} the new link printed in the terminal.{' '}
        <button type="button" className="link-button" onClick={retryConnection}>
          Try again
        </button>
      </div>
    );
  }
  return null;
}
