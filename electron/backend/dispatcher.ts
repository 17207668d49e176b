import { contract, isMethodName, type ContractErrorShape } from '../../shared/contract';
import { valueDeeperThan } from '../../shared/safeObject';
import type { Handlers } from './types';
import { toErrorShape } from './errors';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ContractErrorShape };

/**
 * Deepest nesting an answer or an event may have to be sent to the page. Both transports recurse
 * to serialise (JSON.stringify, Electron's structured clone) and overflow the stack on a value
 * thousands of levels deep, which a callback, a response or a file can bring. Real answers nest a
 * few levels around JSON the app already caps at 64.
 */
export const WIRE_MAX_DEPTH = 256;

/** Why a value cannot be sent to the page, or null when it can. */
export function wireProblem(value: unknown): string | null {
  return valueDeeperThan(value, WIRE_MAX_DEPTH) ? `it is nested deeper than ${WIRE_MAX_DEPTH} levels` : null;
}

/** The error answered in place of a result the transport cannot carry. */
export function unsendable(method: string, why: string): { ok: false; error: ContractErrorShape } {
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `${method}: the answer could not be sent to the page (${why}). Nothing else is affected; try another item, or report this with what you opened.`,
    },
  };
}

/**
 * The one gate every call passes, whichever transport carried it (Electron IPC or the browser
 * host's WebSocket): the method must exist in the contract and its input must match the schema.
 */
export function createDispatcher(handlers: Handlers): (method: unknown, input: unknown) => Promise<DispatchResult> {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${JSON.stringify(method)}.` } };
    }
    const parsed = contract.methods[method].input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${where}${issue?.message ?? 'invalid input'}` } };
    }
    try {
      const handler = handlers[method] as (value: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      const problem = wireProblem(result);
      return problem === null ? { ok: true, result } : unsendable(method, problem);
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  };
}
