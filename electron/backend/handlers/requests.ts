import { MAX_JSON_DEPTH, nestingBeyond } from '../../../shared/safeObject';
import { validateBody } from '../catalog/validateBody';
import { generateCode } from '../codegen/index';
import type { BackendContext, HandlerGroup } from '../context';

/** Bodies checked against an operation's schema before sending; larger ones go to the API unchecked. */
const VALIDATE_MAX_CHARS = 1024 * 1024;

/** `requests.*`: sending requests (the RequestService's use case), and what the editor asks about a request. */
export function requestHandlers({ requests }: Pick<BackendContext, 'requests'>): HandlerGroup<'requests'> {
  return {
    'requests.send': (input) => requests.send(input),
    'requests.cancel': async ({ requestId }) => ({ cancelled: requests.cancel(requestId) }),
    'requests.validateBody': async ({ schemaId, text }) => {
      // A Conversation API body is a few kilobytes: a larger one (a paste) is left to the API to
      // judge rather than parsed and walked here, which held the backend up for half a second at 20 MB.
      if (text.length > VALIDATE_MAX_CHARS || nestingBeyond(text, MAX_JSON_DEPTH) >= 0) return { problems: [] };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { problems: [] };
      }
      const result = validateBody(schemaId, value);
      return { problems: result.ok ? [] : result.problems };
    },
    'requests.toCurl': async ({ request, environmentId, collectionId, includeSecrets }) => {
      // The Code panel's curl is this same command: one preparation (electron/backend/codegen).
      const prepared = await requests.prepare({ request, environmentId, collectionId, includeSecrets });
      const { code, warnings } = await generateCode(prepared, 'curl', includeSecrets);
      return { curl: code, unresolved: prepared.unresolved, warnings };
    },
  };
}
