import { generateCode } from '../codegen/index';
import type { BackendContext, HandlerGroup } from '../context';

/** `codegen.*`: the Code panel's snippets, written here so credentials reach the page only when asked for. */
export function codegenHandlers({ requests, settings }: Pick<BackendContext, 'requests' | 'settings'>): HandlerGroup<'codegen'> {
  return {
    'codegen.generate': async ({ request, environmentId, collectionId, catalogId, language: asked, includeSecrets }) => {
      // The panel opens with the language picked last, also after a restart.
      const saved = settings.get().codeLanguage;
      const language = asked ?? saved ?? 'node-fetch';
      if (asked && asked !== saved) {
        await settings.update({ codeLanguage: asked }).catch((error: unknown) => {
          console.error(`Could not keep the Code panel's language: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
      // The request as Send would send it: the same preparation (RequestService.prepare).
      const prepared = await requests.prepare({ request, environmentId, collectionId, includeSecrets, fetchToken: language !== 'node-sdk' });
      const written = await generateCode(prepared, language, includeSecrets, catalogId);
      return { language, unresolved: prepared.unresolved, ...written };
    },
  };
}
