import type { BackendContext, HandlerGroup } from '../context';

/** `settings.*`: the app-wide preferences the page may change. */
export function settingsHandlers({ settings }: Pick<BackendContext, 'settings'>): HandlerGroup<'settings'> {
  return {
    'settings.get': async () => ({ requestTimeoutMs: settings.get().requestTimeoutMs }),
    'settings.set': async ({ requestTimeoutMs }) => ({ requestTimeoutMs: (await settings.update({ requestTimeoutMs })).requestTimeoutMs }),
  };
}
