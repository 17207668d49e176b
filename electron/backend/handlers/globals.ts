import type { BackendContext, HandlerGroup } from '../context';

/** `globals.*`: variables every request sees, whatever the environment or collection. */
export function globalsHandlers({ globals, emit }: Pick<BackendContext, 'globals' | 'emit'>): HandlerGroup<'globals'> {
  return {
    'globals.get': async () => globals.get(),
    'globals.set': async ({ variables }) => {
      const saved = await globals.save(variables);
      emit('globals.changed', saved);
      return saved;
    },
  };
}
