import { generateCode } from '../codegen/index';
import { prepareRequest, type PrepareDeps } from '../codegen/prepare';
import type { HandlerGroup } from '../context';

/** `codegen.*`: the Code panel's snippets, written here so credentials reach the page only when asked for. */
export function codegenHandlers(deps: PrepareDeps): HandlerGroup<'codegen'> {
  return {
    'codegen.generate': async ({ request, environmentId, collectionId, catalogId, language, includeSecrets }) => {
      const prepared = await prepareRequest(deps, { request, environmentId, collectionId, includeSecrets });
      const written = await generateCode(prepared, language, includeSecrets, catalogId);
      return { language, unresolved: prepared.unresolved, ...written };
    },
  };
}
