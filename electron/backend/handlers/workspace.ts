import { isAbsolute } from 'node:path';
import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';

/** `workspace.*`: the folder the user's collections live in, remembered across launches. */
export function workspaceHandlers({ collections, settings, emit }: Pick<BackendContext, 'collections' | 'settings' | 'emit'>): HandlerGroup<'workspace'> {
  return {
    'workspace.set': async ({ dir }) => {
      if (!isAbsolute(dir)) throw new BackendError('INVALID_INPUT', `"${dir}" is not an absolute path. Give the full path of the folder for your collections.`);
      const state = await collections.setWorkspace(dir);
      await settings.update({ workspaceDir: dir });
      emit('collections.changed', state);
      return state;
    },
  };
}
