import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';

/** `history.*`: the requests sent, newest first (written by `requests.send`, read and cleared here). */
export function historyHandlers({ history, emit }: Pick<BackendContext, 'history' | 'emit'>): HandlerGroup<'history'> {
  return {
    'history.list': async ({ query, limit, offset }) => {
      const page = await history.list({ ...(query !== undefined ? { query } : {}), limit, offset });
      return { entries: page.entries, total: page.total };
    },
    'history.get': async ({ id }) => {
      const entry = await history.get(id);
      if (!entry) throw new BackendError('NOT_FOUND', 'That history entry is gone (history keeps the newest 1000 requests).');
      return entry;
    },
    'history.clear': async () => {
      const cleared = await history.clear();
      emit('history.changed', { total: 0 });
      return { cleared };
    },
  };
}
