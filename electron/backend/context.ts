import type { MethodName } from '../../shared/contract';
import type { Services } from './services/app';
import type { Handlers } from './types';

/**
 * What the handler groups are given: the services createServices builds (./services/app.ts). Each
 * group takes only the part it uses (`Pick<BackendContext, …>`).
 */
export type BackendContext = Services;

/** What comes before the dot of a contract method: `app`, `history`, `sandbox`… one handler file each. */
export type MethodPrefix = MethodName extends `${infer Prefix}.${string}` ? Prefix : never;

/**
 * The handlers of every contract method whose name starts with `<prefix>.`: one group per file in
 * ./handlers, named for its prefix. A method left out, or one that is not in the contract, fails
 * the type-check; so does a prefix the contract does not have.
 */
export type HandlerGroup<Prefix extends MethodPrefix> = { [M in Extract<MethodName, `${Prefix}.${string}`>]: Handlers[M] };
