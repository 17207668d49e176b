import type { Environment } from './model/environment';
import { isSinchRegion, sinchHosts } from './regions';
import type { HttpRequestDraft } from './model/httpRequest';
import type { KeyValue } from './model/keyValue';
import { getOwn } from './safeObject';

/** Matches `{{name}}`, allowing spaces inside the braces as Postman does. */
const VARIABLE_PATTERN = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const MAX_DEPTH = 8;
/**
 * Variable uses one text may resolve, nested ones included, and the characters their values may
 * add to it. Values that use other variables many times over multiply: ten levels of
 * `{{a}}{{a}}…` twenty times over is 20^8 copies, which ran the backend out of memory after minutes
 * (and the page computes the same to show a URL's preview). No real request comes near either.
 */
export const MAX_VARIABLE_USES = 50_000;
export const MAX_EXPANDED_CHARS = 32 * 1024 * 1024;

export type VariableSource = 'global' | 'collection' | 'environment' | 'environment field' | 'sandbox' | 'captured' | 'request';

/** Extra scopes around the environment, least specific first: global < collection < environment < request. */
export interface ScopeLayers {
  globals?: readonly KeyValue[];
  collection?: readonly KeyValue[];
  /** Values captured from responses while no environment was active (kept for the session). */
  captured?: readonly KeyValue[];
  request?: readonly KeyValue[];
}

export interface ScopedValue {
  value: string;
  source: VariableSource;
  /** Kept in the keychain: shown masked, never echoed. */
  secret?: boolean;
}

/** Every variable visible to a request, by name. */
export type VariableScope = ReadonlyMap<string, ScopedValue>;

export interface SandboxUrls {
  conversationUrl: string;
  templateUrl: string;
}

export interface VariableToken {
  name: string;
  /** Offsets of the whole `{{…}}` in the text. */
  start: number;
  end: number;
}

export function findVariables(text: string): VariableToken[] {
  const tokens: VariableToken[] = [];
  for (const match of text.matchAll(VARIABLE_PATTERN)) {
    const name = match[1] ?? '';
    tokens.push({ name, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/**
 * The base URLs an environment's region stands for. Empty strings when they cannot be known
 * yet (a sandbox that is not running, a custom region without a URL): `{{base_url}}` then stays
 * unresolved and blocks sending with its name.
 */
export function environmentHosts(env: Environment, sandbox: SandboxUrls | null): { conversation: string; template: string } {
  if (isSinchRegion(env.region)) return sinchHosts(env.region);
  if (env.region === 'sandbox') {
    return sandbox ? { conversation: sandbox.conversationUrl, template: sandbox.templateUrl } : { conversation: '', template: '' };
  }
  const base = trimSlash(env.customBaseUrl.trim());
  const template = trimSlash(env.customTemplateUrl.trim()) || base;
  return { conversation: base, template };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function buildScope(env: Environment | null, sandbox: SandboxUrls | null = null, layers: ScopeLayers = {}): VariableScope {
  const scope = new Map<string, ScopedValue>();
  const add = (rows: readonly KeyValue[] | undefined, source: VariableSource): void => {
    for (const variable of rows ?? []) {
      const name = variable.key.trim();
      if (variable.enabled && name !== '') scope.set(name, { value: variable.value, source, ...(variable.secret ? { secret: true } : {}) });
    }
  };
  add(layers.globals, 'global');
  add(layers.collection, 'collection');
  add(layers.captured, 'captured');
  if (!env) {
    add(layers.request, 'request');
    return scope;
  }
  add(env.variables, 'environment');
  const hosts = environmentHosts(env, sandbox);
  const fieldSource: VariableSource = env.region === 'sandbox' ? 'sandbox' : 'environment field';
  const fields: Record<string, string> = {
    base_url: hosts.conversation,
    template_base_url: hosts.template,
    region: env.region,
    project_id: env.projectId.trim(),
    app_id: env.appId.trim(),
  };
  for (const [name, value] of Object.entries(fields)) {
    // An empty field is "not set": resolving to '' would send a broken path silently.
    if (value !== '') scope.set(name, { value, source: fieldSource });
  }
  add(layers.request, 'request');
  return scope;
}

export interface Resolution {
  text: string;
  /** Names with no value, in order of first use, each once. */
  unresolved: string[];
  /** Set when resolving stopped at MAX_VARIABLE_USES or MAX_EXPANDED_CHARS: what went over, in words; the rest is left as typed. */
  tooLarge?: string;
}

/**
 * Values made fresh at each resolution, as in Postman: `{{$timestamp}}` (Unix seconds),
 * `{{$isoTimestamp}}`, `{{$randomUUID}}`, `{{$randomInt}}` (0–1000).
 */
export const DYNAMIC_VARIABLES: Record<string, () => string> = {
  $timestamp: () => String(Math.floor(Date.now() / 1000)),
  $isoTimestamp: () => new Date().toISOString(),
  $randomUUID: () =>
    'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
      const r = Math.floor(Math.random() * 16);
      return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
    }),
  $randomInt: () => String(Math.floor(Math.random() * 1001)),
};

/** Whether `{{name}}` will resolve: defined in a scope, or one of the dynamic variables. */
export function isDefined(scope: VariableScope, name: string): boolean {
  return scope.has(name) || Object.prototype.hasOwnProperty.call(DYNAMIC_VARIABLES, name);
}

/**
 * How `{{name}}` stands in a scope: `defined` (it resolves to some text, or is made fresh when sent),
 * `empty` (it is defined, but resolves to nothing: the request would send nothing in its place) or
 * `missing` (neither it, nor a variable its value names, is defined). A padlocked value is never
 * seen here (the page gets it empty), so it counts as defined.
 */
export type VariableState = 'defined' | 'empty' | 'missing';

export function variableState(scope: VariableScope, name: string): VariableState {
  const entry = scope.get(name);
  if (!entry) return isDefined(scope, name) ? 'defined' : 'missing';
  if (entry.secret) return 'defined';
  const resolved = resolveText(`{{${name}}}`, scope);
  if (resolved.unresolved.length > 0) return 'missing';
  return resolved.text.trim() === '' ? 'empty' : 'defined';
}

const SOURCE_WORDS: Record<VariableSource, string> = {
  global: 'in the globals',
  collection: "in the collection's variables",
  environment: 'in the active environment',
  'environment field': "in the active environment's fields",
  sandbox: 'by the sandbox',
  captured: 'captured from a response',
  request: "in this request's Variables",
};

/** Where `{{name}}` gets its value, in words ("in the collection's variables"); '' when it is not defined. */
export function describeSource(scope: VariableScope, name: string): string {
  const entry = scope.get(name);
  return entry ? SOURCE_WORDS[entry.source] : '';
}

/** The names of variables in a URL's path (before `?` and `#`) that are defined but empty: the path would have a gap. */
export function emptyInPath(url: string, scope: VariableScope): string[] {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  return [...new Set(findVariables(path).map((t) => t.name))].filter((name) => variableState(scope, name) === 'empty');
}

/** Replaces every `{{name}}`, following variables whose values contain variables, up to a fixed depth. */
export function resolveText(text: string, scope: VariableScope): Resolution {
  const unresolved: string[] = [];
  const note = (name: string): void => {
    if (!unresolved.includes(name)) unresolved.push(name);
  };
  let uses = 0;
  let added = 0;
  let tooLarge: string | undefined;
  const valueOf = (whole: string, name: string, depth: number, chain: readonly string[]): string => {
    const dynamic = getOwn(DYNAMIC_VARIABLES, name);
    if (dynamic && !scope.has(name)) return dynamic();
    const entry = scope.get(name);
    if (!entry || depth >= MAX_DEPTH || chain.includes(name)) {
      note(name);
      return whole;
    }
    if (added + entry.value.length > MAX_EXPANDED_CHARS) {
      tooLarge = `{{${name}}} makes it longer than ${MAX_EXPANDED_CHARS / 1024 / 1024} MB`;
      return whole;
    }
    const value = expand(entry.value, depth + 1, [...chain, name]);
    added += value.length;
    return value;
  };
  // A loop rather than String.replace: past a limit it stops at once and keeps the rest as typed
  // (the caller refuses the text), instead of calling back for each of a million more uses.
  const expand = (input: string, depth: number, chain: readonly string[]): string => {
    const pattern = new RegExp(VARIABLE_PATTERN.source, 'g');
    const parts: string[] = [];
    let at = 0;
    for (let match = pattern.exec(input); match !== null; match = pattern.exec(input)) {
      if (tooLarge !== undefined) break;
      if (++uses > MAX_VARIABLE_USES) {
        tooLarge = `it uses more than ${MAX_VARIABLE_USES.toLocaleString('en-US')} variables, counting the variables inside variables`;
        break;
      }
      parts.push(input.slice(at, match.index), valueOf(match[0], match[1] as string, depth, chain));
      at = match.index + match[0].length;
    }
    if (at === 0) return input;
    parts.push(input.slice(at));
    return parts.join('');
  };
  const resolved = expand(text, 0, []);
  return tooLarge === undefined ? { text: resolved, unresolved } : { text: resolved, unresolved, tooLarge };
}

export interface ResolvedRequest {
  method: HttpRequestDraft['method'];
  url: string;
  headers: { name: string; value: string }[];
  body: string | null;
  unresolved: string[];
  /** Set when a part went over the variable limits (see Resolution): the request must not be sent. */
  tooLarge?: string;
}

/** Resolves everything that is sent: URL (query included), enabled headers, and the body. */
export function resolveRequest(draft: HttpRequestDraft, scope: VariableScope): ResolvedRequest {
  const unresolved: string[] = [];
  let tooLarge: string | undefined;
  const take = (text: string): string => {
    const result = resolveText(text, scope);
    for (const name of result.unresolved) if (!unresolved.includes(name)) unresolved.push(name);
    tooLarge ??= result.tooLarge;
    return result.text;
  };
  const url = take(draft.url.trim());
  const headers = draft.headers.filter((h) => h.enabled && h.key.trim() !== '').map((h) => ({ name: take(h.key.trim()), value: take(h.value) }));
  const body = draft.body.mode === 'none' || draft.method === 'GET' || draft.method === 'HEAD' ? null : take(draft.body.text);
  return { method: draft.method, url, headers, body, unresolved, ...(tooLarge !== undefined ? { tooLarge } : {}) };
}

/** What the user is told when a request goes over the variable limits. */
export function describeTooLarge(reason: string): string {
  return `This request cannot be prepared: ${reason}. Variables whose values use other variables many times over multiply; check their values.`;
}

/** Why a request with an empty variable in its URL path was held back, naming where each is defined. */
export function describeEmpty(names: readonly string[], scope: VariableScope): string {
  const list = names.map((n) => `{{${n}}} (${describeSource(scope, n)})`).join(', ');
  return `${names.length === 1 ? 'Variable' : 'Variables'} ${list} ${names.length === 1 ? 'is' : 'are'} empty, so the URL path would have a gap (such as /projects//apps) and the server would answer 404. Give ${names.length === 1 ? 'it a value' : 'them values'} (or bind ${names.length === 1 ? 'it' : 'them'} to the environment), or send anyway.`;
}

export function describeUnresolved(names: readonly string[]): string {
  const list = names.map((n) => `{{${n}}}`).join(', ');
  return names.length === 1
    ? `Variable ${list} is not defined in the active environment. Define it, or pick another environment, before sending.`
    : `Variables ${list} are not defined in the active environment. Define them, or pick another environment, before sending.`;
}
