/**
 * A Postman collection as parsed from the file, checked before anything else reads it (the
 * `postman-collection` library included, which trips over some values, e.g. an auth of type
 * `__proto__`, with an internal TypeError). What cannot be read is taken out with a note naming the
 * item and the field; what is too large to be worth reading (a multi-megabyte script) is taken out
 * before any pattern runs over it; a file with more items than an import may hold is refused.
 * Iterative and linear in the number of items. Pure.
 */
import { hasOwn } from '../../safeObject';
import type { ImportNote } from '../report';

/** More items than this in one import is a workspace, not a collection: refused before reading (it would take minutes). */
export const MAX_IMPORT_ITEMS = 10_000;
/** What a request keeps of a script (RequestScriptsSchema): a larger one is not read at all. */
export const MAX_SCRIPT_CHARS = 200_000;

/** Auth types Postman writes (collection schema v2.1, and the newer jwt, asap and akamai). */
export const POSTMAN_AUTH_TYPES: readonly string[] = [
  'noauth',
  'basic',
  'bearer',
  'apikey',
  'digest',
  'oauth1',
  'oauth2',
  'hawk',
  'awsv4',
  'ntlm',
  'edgegrid',
  'akamai',
  'jwt',
  'asap',
];
/** Body modes Postman writes (collection schema v2.1). */
const BODY_MODES: readonly unknown[] = ['raw', 'urlencoded', 'formdata', 'file', 'graphql'];
const VARIABLE_TYPES: readonly string[] = ['string', 'boolean', 'number', 'array', 'object', 'any', 'default', 'secret', 'json'];

export class TooManyItemsError extends Error {
  constructor(readonly count: number) {
    super(`it holds more than ${MAX_IMPORT_ITEMS.toLocaleString('en-US')} requests and folders`);
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a number`, `an object`, `a list`… for messages about a value of the wrong kind. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

function nameOf(item: Json, folder: boolean): string {
  const raw = item.name;
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
  return text.slice(0, 300) || (folder ? 'Folder' : 'Request');
}

function scriptLength(event: unknown): number {
  if (!isObject(event) || !isObject(event.script)) return 0;
  const exec = event.script.exec;
  if (typeof exec === 'string') return exec.length;
  if (!Array.isArray(exec)) return 0;
  let total = 0;
  for (const line of exec) total += typeof line === 'string' ? line.length + 1 : 0;
  return total;
}

function megabytes(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`;
}

/**
 * Checks (and, where a field cannot be read, changes) the parsed collection in place; returns the
 * notes to add to the report. Throws TooManyItemsError before changing anything when it is too large.
 */
export function guardPostmanCollection(collection: Json): ImportNote[] {
  countItems(collection.item);
  const notes: ImportNote[] = [];
  const checkAuth = (holder: Json, key: 'auth', path: string, what: string): void => {
    if (!hasOwn(holder, key)) return;
    const auth = holder[key];
    if (auth === null || auth === undefined) return;
    const fix = (problem: string): void => {
      delete holder[key];
      notes.push({
        path,
        level: 'skipped',
        message: `${what} ${problem}: it was left out${path === '' ? " (requests use the environment's access key)" : ', so it uses the auth of its folder or of the collection'}.`,
      });
    };
    if (!isObject(auth)) return fix(`is ${kindOf(auth)}, not an auth object`);
    const type = auth.type;
    if (typeof type !== 'string') return fix(`has auth.type ${kindOf(type)}, where the name of an auth type (basic, bearer, oauth2…) belongs`);
    if (!POSTMAN_AUTH_TYPES.includes(type))
      return fix(`has auth.type "${type.slice(0, 40)}", which is not an auth type Postman knows (${POSTMAN_AUTH_TYPES.join(', ')})`);
  };
  const checkVariables = (holder: Json, path: string): void => {
    const list = holder.variable;
    if (!Array.isArray(list)) return;
    for (const v of list) {
      if (!isObject(v) || !hasOwn(v, 'type') || v.type === undefined) continue;
      if (typeof v.type === 'string' && VARIABLE_TYPES.includes(v.type.toLowerCase())) continue;
      const name = typeof v.key === 'string' ? v.key.slice(0, 100) : '(unnamed)';
      notes.push({
        path,
        level: 'converted',
        message: `Variable ${name} has type ${typeof v.type === 'string' ? `"${v.type.slice(0, 40)}"` : kindOf(v.type)}, which is not a Postman variable type: it was read as a string.`,
      });
      delete v.type;
    }
  };
  const checkEvents = (holder: Json, path: string, whose: string): void => {
    const events = holder.event;
    if (!Array.isArray(events)) return;
    holder.event = events.filter((event) => {
      const length = scriptLength(event);
      if (length <= MAX_SCRIPT_CHARS) return true;
      const listen = isObject(event) && event.listen === 'prerequest' ? 'pre-request' : 'test';
      notes.push({
        path,
        level: 'skipped',
        message: `${whose} ${listen} script is ${megabytes(length)}; scripts over ${MAX_SCRIPT_CHARS.toLocaleString('en-US')} characters are not kept or read: it was left out. Check what it did in Postman.`,
      });
      return false;
    });
  };

  checkAuth(collection, 'auth', '', "The collection's auth");
  checkVariables(collection, '');
  checkEvents(collection, '', "The collection's");
  const stack: { items: unknown; path: string[] }[] = [{ items: collection.item, path: [] }];
  while (stack.length > 0) {
    const { items, path } = stack.pop() as { items: unknown; path: string[] };
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (!isObject(item)) continue;
      const folder = Array.isArray(item.item);
      if (item.name !== undefined && item.name !== null && typeof item.name === 'object') {
        notes.push({
          path: [...path, folder ? 'Folder' : 'Request'].join(' / '),
          level: 'converted',
          message: `An item's name is ${kindOf(item.name)}, not text: it is called "${folder ? 'Folder' : 'Request'}".`,
        });
        delete item.name;
      }
      const here = [...path, nameOf(item, folder)];
      const where = here.join(' / ');
      if (isObject(item.request) && isObject(item.request.body) && item.request.body.mode !== undefined && !BODY_MODES.includes(item.request.body.mode)) {
        const mode = item.request.body.mode;
        notes.push({
          path: where,
          level: 'skipped',
          message: `The request's body has ${typeof mode === 'string' ? `the mode "${mode.slice(0, 40)}"` : `a mode that is ${kindOf(mode)}`}, not one of ${BODY_MODES.join(', ')}: the body was left out.`,
        });
        delete item.request.body;
      }
      if (isObject(item.request) && item.request.method !== undefined && typeof item.request.method !== 'string') {
        notes.push({
          path: where,
          level: 'skipped',
          message: `The request's method is ${kindOf(item.request.method)}, not text (GET, POST…): it was imported as GET.`,
        });
        delete item.request.method;
      }
      const whose = folder ? "This folder's" : "This request's";
      checkAuth(item, 'auth', where, folder ? "The folder's auth" : "The request's auth");
      if (isObject(item.request)) checkAuth(item.request, 'auth', where, "The request's auth");
      checkVariables(item, where);
      checkEvents(item, where, whose);
      if (folder) stack.push({ items: item.item, path: here });
    }
  }
  return notes;
}

function countItems(root: unknown): void {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const items = stack.pop();
    if (!Array.isArray(items)) continue;
    count += items.length;
    if (count > MAX_IMPORT_ITEMS) throw new TooManyItemsError(count);
    for (const item of items) if (isObject(item) && Array.isArray(item.item)) stack.push(item.item);
  }
}
