import { buildScope, type VariableScope } from '../../../shared/variables';
import type { Environment } from '../../../shared/model/environment';
import type { StoreState } from '../../store';

export const selectActiveEnvironment = (s: StoreState): Environment | null =>
  s.environments.environments.find((e) => e.id === s.environments.activeId) ?? null;

let lastEnv: Environment | null | undefined;
let lastUrls: StoreState['sandbox']['urls'] | undefined;
let lastScope: VariableScope = new Map();

/** Memoised: the scope only changes when the active environment or the sandbox's address does. */
export const selectScope = (s: StoreState): VariableScope => {
  const env = selectActiveEnvironment(s);
  if (env !== lastEnv || s.sandbox.urls !== lastUrls) {
    lastEnv = env;
    lastUrls = s.sandbox.urls;
    lastScope = buildScope(env, s.sandbox.urls);
  }
  return lastScope;
};
