/**
 * The collection runner the app and `sinch-explorer run` share: sends a collection's requests in
 * order (display order, or a run order such as the built-in catalog's) through the one engine
 * (./engine.ts, which the editor's Send uses too) and the sender it is given (the app's
 * authorized sender, ../requests/sender.ts, for a token fetched again after a 401), resolving
 * each with the same scopes as the editor (global < collection < environment < request), and
 * feeds captured values into the environment in memory so later requests see them. It never
 * writes the environment file: the caller decides.
 */
import { applyToEnvironment, type CapturedValue } from '../../../shared/captures';
import { flattenRequests, type CollectionTree, type FolderItem, type RequestTemplate, type TreeItem } from '../../../shared/model/collection';
import type { Environment } from '../../../shared/model/environment';
import type { HttpMethod } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import { buildScope, type ResolvedRequest, type SandboxUrls, type VariableScope } from '../../../shared/variables';
import { BackendError } from '../errors';
import { isSuccess, sendRequest, type EngineOutcome, type Sender } from './engine';

export { sendRequest, isSuccess, type EngineOptions, type EngineOutcome, type EngineRequest, type Sender, type SendOptions } from './engine';

export interface RunResult {
  id: string;
  name: string;
  /** Folder names from the collection root down to the request. */
  folderPath: string[];
  method: HttpMethod;
  /** The URL sent (resolved), or as written when it could not be resolved. */
  url: string;
  /** HTTP status, when a response came back. */
  status?: number;
  timeMs: number;
  /** True for a 2xx response. */
  ok: boolean;
  /** Why it failed, in a sentence: the API's own error message, unresolved variables, a timeout… */
  error?: string;
  /** Machine-readable failure: an executor code (UNRESOLVED_VARIABLES, TIMEOUT…) or HTTP_STATUS. */
  errorCode?: string;
  /** For UNRESOLVED_VARIABLES: the names. */
  unresolved?: string[];
  /** For HTTP_STATUS: the start of the response body, so a report can show the API's whole answer. */
  responseBody?: string;
  captured: CapturedValue[];
  missed: { variable: string; reason: string }[];
}

export interface RunOptions {
  tree: CollectionTree;
  /** Runs only this folder: a name, or a path such as `Messages/Choice`. */
  folder?: string;
  /**
   * Request ids in the order to send them (e.g. BUILTIN_RUN_ORDER: create before use, delete
   * last). Requests it leaves out run afterwards in display order. `folder` still filters.
   */
  order?: readonly string[];
  environment: Environment | null;
  globals?: readonly KeyValue[];
  /**
   * Puts each request on the wire: authorizedSender (../requests/sender.ts) with the run's
   * credentials, as the app sends; `executor.execute.bind(executor)` to send them as they are.
   */
  send: Sender;
  /** Stop at the first failing request. */
  bail?: boolean;
  timeoutMs?: number;
  /** Where a `sandbox` region environment points, when the sandbox is running. */
  sandboxUrls?: SandboxUrls | null;
  /** The Authorization header value for a request that inherits auth, or null to send none. */
  authorize?: (request: ResolvedRequest) => string | null | Promise<string | null>;
  signal?: AbortSignal;
  /**
   * Awaited before each request is sent, with the variables it will be resolved with: a chance to
   * prepare something the API has no call for (see sandboxPreparation in ./sandboxSteps.ts).
   */
  beforeRequest?: (request: { id: string; name: string; folderPath: string[] }, scope: VariableScope) => void | Promise<void>;
  /** Called before each request is sent (for "running…" progress). */
  onStart?: (request: { id: string; name: string; folderPath: string[]; index: number; total: number }) => void;
  /** Called as soon as each request has its result, so progress shows as it goes. */
  onResult?: (result: RunResult) => void;
}

export interface RunSummary {
  results: RunResult[];
  passed: number;
  failed: number;
  /** Requests not sent because of --bail or cancellation. */
  skipped: number;
  cancelled: boolean;
  /** The environment after captures (null when the run had none). */
  environment: Environment | null;
  /** Values captured while no environment was active (they would otherwise be lost). */
  sessionVariables: KeyValue[];
}

export async function runCollection(options: RunOptions): Promise<RunSummary> {
  const selected = selectItems(options.tree, options.folder);
  const requests = inRunOrder(flattenRequests(selected.items, selected.path), options.order);
  let environment = options.environment ? structuredClone(options.environment) : null;
  let session: KeyValue[] = [];
  const results: RunResult[] = [];
  const signal = options.signal ?? new AbortController().signal;
  let cancelled = false;

  for (const [index, { request, folderPath }] of requests.entries()) {
    if (signal.aborted) {
      cancelled = true;
      break;
    }
    const scope = buildScope(environment, options.sandboxUrls ?? null, {
      globals: options.globals,
      collection: options.tree.variables,
      captured: environment ? undefined : session,
      request: request.variables,
    });
    await options.beforeRequest?.({ id: request.id, name: request.name, folderPath }, scope);
    options.onStart?.({ id: request.id, name: request.name, folderPath, index, total: requests.length });
    const outcome = await sendRequest(request, {
      scope,
      send: options.send,
      authorize: options.authorize,
      timeoutMs: options.timeoutMs,
      signal,
    });
    const result = toRunResult(request, folderPath, outcome);
    if (result.captured.length > 0) {
      if (environment) environment = applyToEnvironment(environment, result.captured);
      else session = mergeSession(session, result.captured);
    }
    results.push(result);
    options.onResult?.(result);
    if (result.errorCode === 'CANCELLED') {
      cancelled = true;
      break;
    }
    if (!result.ok && options.bail) break;
  }
  const passed = results.filter((r) => r.ok).length;
  return {
    results,
    passed,
    failed: results.length - passed,
    skipped: requests.length - results.length,
    cancelled,
    environment,
    sessionVariables: session,
  };
}

/**
 * The requests sorted by their place in `order` (request ids); requests it does not name keep
 * their display order and run after the named ones. Without `order`, display order.
 */
export function inRunOrder<T extends { request: { id: string } }>(requests: readonly T[], order: readonly string[] | undefined): T[] {
  if (!order || order.length === 0) return [...requests];
  const rank = new Map(order.map((id, i) => [id, i]));
  return requests
    .map((entry, i) => ({ entry, key: rank.get(entry.request.id) ?? order.length + i }))
    .sort((a, b) => a.key - b.key)
    .map(({ entry }) => entry);
}

function toRunResult(request: RequestTemplate, folderPath: string[], outcome: EngineOutcome): RunResult {
  const { resolved, result: sent } = outcome;
  const base = { id: request.id, name: request.name, folderPath, method: request.method, url: resolved.url, captured: [], missed: [] };
  if (!sent.ok) {
    return {
      ...base,
      ok: false,
      timeMs: sent.error.timeMs ?? 0,
      errorCode: sent.error.code,
      error: sent.error.message,
      ...(sent.error.variables ? { unresolved: sent.error.variables } : {}),
    };
  }
  const response = sent.response;
  const ok = isSuccess(sent);
  return {
    ...base,
    url: response.url,
    status: response.status,
    timeMs: response.timeMs,
    ok,
    ...(ok
      ? {}
      : {
          errorCode: 'HTTP_STATUS',
          error: reasonOf(response.status, response.statusText, response.body.preview),
          responseBody: response.body.preview.slice(0, 4096),
        }),
    captured: outcome.captures.captured,
    missed: outcome.captures.missed,
  };
}

/** The API's own words when it sent a Sinch (or OAuth) error body; the status text otherwise. */
export function reasonOf(status: number, statusText: string, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown; message?: unknown };
    if (parsed.error && typeof parsed.error === 'object') {
      const error = parsed.error as { message?: unknown; status?: unknown };
      if (typeof error.message === 'string' && error.message !== '')
        return typeof error.status === 'string' ? `${error.status}: ${error.message}` : error.message;
    }
    if (typeof parsed.error_description === 'string') return parsed.error_description;
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    /* not JSON */
  }
  const text = body.trim().slice(0, 200);
  return statusText !== '' ? `${status} ${statusText}${text ? `: ${text}` : ''}` : `HTTP ${status}${text ? `: ${text}` : ''}`;
}

function mergeSession(session: KeyValue[], values: readonly CapturedValue[]): KeyValue[] {
  const next = session.map((v) => ({ ...v }));
  for (const { variable, value } of values) {
    const existing = next.find((v) => v.key === variable);
    if (existing) existing.value = value;
    else next.push({ key: variable, value, enabled: true });
  }
  return next;
}

/**
 * The items to run: the whole collection, or one folder found by name or by a `/` path
 * (case-sensitive first, then case-insensitive). An unknown folder is an error listing the choices.
 */
export function selectItems(tree: CollectionTree, folder: string | undefined): { items: TreeItem[]; path: string[] } {
  if (folder === undefined || folder.trim() === '') return { items: tree.items, path: [] };
  const parts = folder
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const byPath = findPath(tree.items, parts, []);
  if (byPath) return byPath;
  if (parts.length === 1) {
    // A bare name may be a folder at any depth, as long as only one folder has it.
    const all = allFolders(tree.items, []);
    const exact = all.filter((f) => f.folder.name === parts[0]);
    const loose = exact.length > 0 ? exact : all.filter((f) => f.folder.name.toLowerCase() === (parts[0] ?? '').toLowerCase());
    if (loose.length === 1 && loose[0]) return { items: loose[0].folder.items, path: [...loose[0].path, loose[0].folder.name] };
    if (loose.length > 1) {
      throw new BackendError(
        'INVALID_INPUT',
        `More than one folder is called "${folder}" (${loose.map((f) => [...f.path, f.folder.name].join('/')).join(', ')}). Give its path instead.`,
      );
    }
  }
  const choices = allFolders(tree.items, []).map((f) => [...f.path, f.folder.name].join('/'));
  throw new BackendError(
    'NOT_FOUND',
    choices.length === 0
      ? `The collection "${tree.name}" has no folders, so there is no folder "${folder}". Run it without --folder.`
      : `No folder "${folder}" in "${tree.name}". Folders: ${choices.join(', ')}.`,
  );
}

function findPath(items: readonly TreeItem[], parts: readonly string[], path: string[]): { items: TreeItem[]; path: string[] } | null {
  const [head, ...rest] = parts;
  if (head === undefined) return null;
  const folders = items.filter((i): i is FolderItem => i.kind === 'folder');
  const match = folders.find((f) => f.name === head) ?? folders.find((f) => f.name.toLowerCase() === head.toLowerCase());
  if (!match) return null;
  if (rest.length === 0) return { items: match.items, path: [...path, match.name] };
  return findPath(match.items, rest, [...path, match.name]);
}

function allFolders(items: readonly TreeItem[], path: string[]): { folder: FolderItem; path: string[] }[] {
  const out: { folder: FolderItem; path: string[] }[] = [];
  for (const item of items) {
    if (item.kind !== 'folder') continue;
    out.push({ folder: item, path });
    out.push(...allFolders(item.items, [...path, item.name]));
  }
  return out;
}
