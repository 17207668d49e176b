import { contract, isMethodName, type ContractErrorShape } from '../../shared/contract';
import type { Handlers } from './index';
import { toErrorShape } from './errors';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ContractErrorShape };

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
      return { ok: true, result: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  };
}
