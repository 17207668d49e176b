import type { BackendContext, HandlerGroup } from '../context';

/** `firstRun.*`: the guided first run's progress, remembered across restarts. */
export function firstRunHandlers({ firstRun }: Pick<BackendContext, 'firstRun'>): HandlerGroup<'firstRun'> {
  return {
    'firstRun.get': async () => firstRun.get(),
    'firstRun.save': (state) => firstRun.save(state),
  };
}
