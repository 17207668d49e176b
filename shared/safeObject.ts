/**
 * Guards for every place a key chosen by someone else (a request body, a field mask, a variable
 * name, a capture path, a callback, a file on disk) is used to read or write an object property.
 * `obj[key]` with key `__proto__` reaches Object.prototype, and `constructor` or `toString` read
 * inherited functions: a write can change every object in the process, a read finds values the
 * data never had. Pure: loads in the page and in Node alike.
 */

/** Property names that lead off an object's own data into its prototype chain. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** JSON deeper than this is refused: no real payload comes close, and deep values overflow recursive code. */
export const MAX_JSON_DEPTH = 64;

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.includes(key);
}

export function hasOwn(obj: object, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** `record[key]` when the record itself holds `key`, never an inherited value. */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasOwn(record, key) ? record[key] : undefined;
}

/** A dictionary without a prototype: any key, `__proto__` included, is plain data. */
export function dictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The first segment of a dotted path that is a forbidden key, or undefined when the path is safe. */
export function forbiddenSegment(path: string, separator = '.'): string | undefined {
  return path.split(separator).find(isForbiddenKey);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string; path?: string };

/**
 * The deepest nesting of arrays and objects in JSON text, scanned without parsing (strings and
 * escapes respected), stopping as soon as `limit` is passed. Returns the character offset where
 * the limit was crossed, or -1.
 */
export function nestingBeyond(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/**
 * Whether a value (already parsed or built) nests arrays and objects deeper than `limit`. Iterative,
 * so any depth is safe to ask about; stops at the first branch past the limit (a cycle counts as
 * too deep). JSON.stringify and structured clone recurse, and overflow the stack on such a value.
 */
export function valueDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/**
 * The path (`a.b[0].__proto__`) of the first own `__proto__` key in a parsed JSON value, or null.
 * JSON.parse keeps such a key as plain data, but any later copy by assignment (`Object.assign`,
 * `out[key] = value`, a merge) turns it into a prototype change. Iterative, so depth is no risk;
 * the path is put together only for the key found (one string per node took longer than the walk).
 */
export function findProtoKey(value: unknown): string | null {
  interface Frame {
    node: Record<string, unknown> | unknown[];
    keys: string[] | null;
    next: number;
  }
  const frame = (node: object): Frame =>
    Array.isArray(node) ? { node, keys: null, next: 0 } : { node: node as Record<string, unknown>, keys: Object.keys(node), next: 0 };
  if (typeof value !== 'object' || value === null) return null;
  const stack: Frame[] = [frame(value)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const length = top.keys ? top.keys.length : (top.node as unknown[]).length;
    if (top.next >= length) {
      stack.pop();
      continue;
    }
    const at = top.next++;
    const key = top.keys ? (top.keys[at] as string) : at;
    if (key === '__proto__') return pathOf(stack);
    const child = (top.node as Record<string | number, unknown>)[key];
    if (typeof child === 'object' && child !== null) stack.push(frame(child));
  }
  return null;
}

function pathOf(stack: readonly { keys: string[] | null; next: number }[]): string {
  let path = '';
  for (const { keys, next } of stack) {
    const at = next - 1;
    path = keys ? (path === '' ? (keys[at] as string) : `${path}.${keys[at] as string}`) : `${path}[${at}]`;
  }
  return path;
}

/**
 * JSON.parse for text from outside: refuses nesting deeper than `maxDepth` (before parsing) and
 * any `__proto__` key (naming where it is), so the value is safe to copy, merge and clone.
 */
export function parseUntrustedJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonParse {
  const deep = nestingBeyond(text, maxDepth);
  if (deep >= 0) return { ok: false, error: `JSON is nested deeper than ${maxDepth} levels (at character ${deep}).` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'syntax error' };
  }
  // A `__proto__` key is written as such, or with \u escapes: text with neither needs no walk.
  const proto = text.includes('__proto__') || text.includes('\\u') ? findProtoKey(value) : null;
  if (proto !== null) return { ok: false, error: `${proto}: the key "__proto__" is not allowed.`, path: proto };
  return { ok: true, value };
}

type PathObject = Record<string, unknown>;
const isPlainObject = (value: unknown): value is PathObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path (`basic_auth.username`), read through own properties only. */
export function readPath(obj: PathObject, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isPlainObject(cur) || !hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/**
 * Sets (or, with `undefined`, deletes) the value at a dotted path, creating the objects on the way.
 * A path with `__proto__`, `constructor` or `prototype` in it is refused, whoever chose it.
 */
export function writePath(obj: PathObject, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some(isForbiddenKey)) throw new TypeError(`"${path}" is not a field name`);
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    const child = hasOwn(cur, key) ? cur[key] : undefined;
    if (isPlainObject(child)) cur = child;
    else {
      const created: PathObject = {};
      cur[key] = created;
      cur = created;
    }
  }
  const last = keys[keys.length - 1] ?? path;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}
