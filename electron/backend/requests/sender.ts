import type { AuthSettings, AuthorizedSender } from '../auth/index';
import type { HttpExecutor } from '../http/executor';
import type { Sender } from '../runner/engine';

/** Where a request's credentials come from: the environment's (the app), the collection's or the shell's (`sinch-explorer run`). */
export type AuthSource = () => Promise<AuthSettings | { problem: string }>;

/** What puts requests on the wire with credentials: one of each per backend, shared by every send. */
export interface Transport {
  executor: HttpExecutor;
  authorized: AuthorizedSender;
}

/**
 * The last step of every send, the app's Send, the runner's and `sinch-explorer run`'s alike. A
 * request that says `auth: none`, or carries its own Authorization, goes as it is; any other goes
 * with the credentials `authFor` gives: Basic, or an OAuth2 token that is fetched again, and the
 * request sent once more, after a 401 (AuthorizedSender). When no credentials can be had the
 * request is not sent: the result is an AUTH failure that says why.
 */
export function authorizedSender(transport: Transport, authFor: AuthSource): Sender {
  return async (request, options) => {
    if (options.auth === 'none' || request.headers.some((h) => h.name.toLowerCase() === 'authorization')) return transport.executor.execute(request, options);
    let auth: AuthSettings | { problem: string };
    try {
      auth = await authFor();
    } catch (error) {
      return { ok: false, error: { code: 'AUTH', message: error instanceof Error ? error.message : String(error) } };
    }
    if ('problem' in auth) return { ok: false, error: { code: 'AUTH', message: auth.problem } };
    const sent = await transport.authorized.send(request, auth, options);
    if (sent.kind === 'token-error') return { ok: false, error: { code: 'AUTH', message: sent.error.message }, timeline: sent.timeline };
    return { ...sent.result, timeline: sent.timeline };
  };
}
