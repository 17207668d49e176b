/**
 * The variables a request sees, from every scope: global < collection < environment < request.
 * Memoised on its inputs, so components re-render only when a scope really changed.
 */
import { BUILTIN_COLLECTION } from '../shared/catalog';
import type { CollectionOutline } from '../shared/model/collection';
import type { KeyValue } from '../shared/model/keyValue';
import { buildScope, type VariableScope } from '../shared/variables';
import { selectActiveEnvironment } from './features/environments';
import type { StoreState } from './store';

let lastInputs: unknown[] = [];
let lastScope: VariableScope = new Map();

function activeCollection(s: StoreState): CollectionOutline | null {
  const tab = s.tabs.find((t) => t.id === s.activeTabId);
  if (tab?.origin.kind === 'builtin') return BUILTIN_COLLECTION;
  // A request reopened from history keeps the collection it was sent from.
  const id = tab?.origin.kind === 'collection' ? tab.origin.collectionId : tab?.origin.kind === 'history' ? tab.origin.collectionId : null;
  if (!id) return null;
  if (id === BUILTIN_COLLECTION.id) return BUILTIN_COLLECTION;
  return s.collections.collections.find((c) => c.id === id) ?? null;
}

export function selectScope(s: StoreState): VariableScope {
  const env = selectActiveEnvironment(s);
  const collection = activeCollection(s);
  const requestVariables: KeyValue[] | undefined = s.tabs.find((t) => t.id === s.activeTabId)?.request.variables;
  const inputs = [env, s.sandbox.urls, s.globals, collection?.variables, requestVariables];
  if (inputs.length !== lastInputs.length || inputs.some((value, i) => value !== lastInputs[i])) {
    lastInputs = inputs;
    lastScope = buildScope(env, s.sandbox.urls, { globals: s.globals, collection: collection?.variables, request: requestVariables });
  }
  return lastScope;
}

export function selectActiveCollection(s: StoreState): CollectionOutline | null {
  return activeCollection(s);
}
