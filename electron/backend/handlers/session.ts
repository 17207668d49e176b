import type { HandlerGroup } from '../context';
import type { SessionStore } from '../storage/session';

/** `session.*`: the open tabs and unsaved drafts, kept across restarts (secret values never written). */
export function sessionHandlers(store: SessionStore): HandlerGroup<'session'> {
  return {
    'session.load': () => store.load(),
    'session.save': async (session) => {
      await store.save(session);
      return { saved: true };
    },
  };
}
