import type { RequestTemplate } from '../../../shared/model/collection';
import type { KeyValue } from '../../../shared/model/keyValue';
import { DYNAMIC_VARIABLES, findVariables } from '../../../shared/variables';

/** Every variable name a request sends with: URL, enabled headers, the body, its own variables' values. */
function namesUsedBy(request: Pick<RequestTemplate, 'url' | 'headers' | 'body' | 'variables' | 'method'>): string[] {
  const texts = [
    request.url,
    ...request.headers.filter((h) => h.enabled).flatMap((h) => [h.key, h.value]),
    request.body.mode === 'none' ? '' : request.body.text,
    ...request.variables.filter((v) => v.enabled).map((v) => v.value),
  ];
  return texts.flatMap((t) => findVariables(t).map((v) => v.name));
}

/**
 * The variables of `source` (the collection a request came from, e.g. the catalog's defaults) that
 * the request uses, directly or through another variable's value, and that are not already
 * defined where it is going: in the target collection (any row, so a row the user switched off
 * stays off), in globals, or in the request itself. What is returned is added to the target
 * collection's variables, so the saved copy sends as the original did.
 */
export function variablesToCarry(
  request: Pick<RequestTemplate, 'url' | 'headers' | 'body' | 'variables' | 'method'>,
  source: readonly KeyValue[],
  defined: { target: readonly KeyValue[]; globals: readonly KeyValue[] },
): KeyValue[] {
  const available = new Map(source.filter((v) => v.enabled && !v.secret && v.key.trim() !== '').map((v) => [v.key.trim(), v]));
  const own = new Set(request.variables.filter((v) => v.enabled).map((v) => v.key.trim()));
  const targetKeys = new Set(defined.target.map((v) => v.key.trim()));
  const globalKeys = new Set(defined.globals.filter((v) => v.enabled).map((v) => v.key.trim()));
  const carried: KeyValue[] = [];
  const seen = new Set<string>();
  const queue = namesUsedBy(request);
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    if (Object.prototype.hasOwnProperty.call(DYNAMIC_VARIABLES, name) || own.has(name) || targetKeys.has(name) || globalKeys.has(name)) continue;
    const variable = available.get(name);
    if (!variable) continue;
    carried.push({ key: variable.key.trim(), value: variable.value, enabled: true });
    queue.push(...findVariables(variable.value).map((v) => v.name));
  }
  return carried;
}
