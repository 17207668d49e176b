/**
 * Collections: what users save. A collection is a tree of folders and request templates; on disk
 * it is a folder of plain JSON files, one per request (see electron/backend/storage/collections/store.ts),
 * in memory and across the contract it is a `CollectionTree`.
 */
import { z } from 'zod';
import { KeyValueSchema } from './keyValue';
import { HttpRequestDraftSchema } from './httpRequest';

/** Where a captured value is read from in a response. */
export const CAPTURE_SOURCES = ['body', 'header', 'status'] as const;

/**
 * "Set variable X from response field Y": after a 2xx response, `variable` takes the value found
 * at `path` (a dotted path into the JSON body such as `id`, `message_id` or `contacts.0.id`;
 * a header name for `header`; ignored for `status`).
 */
export const CaptureSchema = z.object({
  variable: z.string().trim().min(1).max(200),
  from: z.enum(CAPTURE_SOURCES),
  path: z.string().max(500),
  enabled: z.boolean(),
});
export type Capture = z.infer<typeof CaptureSchema>;

export const REQUEST_AUTH_MODES = ['inherit', 'none'] as const;

/**
 * Scripts a request brought from Postman (pre-request, test). Kept as text so nothing is lost,
 * and never run: what they did that we understand became captures or the access key.
 */
export const RequestScriptsSchema = z.object({
  preRequest: z.string().max(200_000).optional(),
  test: z.string().max(200_000).optional(),
});
export type RequestScripts = z.infer<typeof RequestScriptsSchema>;

/** A saved example response (Postman's "examples"), kept beside the request for reading. */
export const ExampleResponseSchema = z.object({
  name: z.string().max(300),
  status: z.number().int().min(0).max(999),
  headers: z.array(KeyValueSchema).max(200),
  body: z.string().max(1024 * 1024),
});
export type ExampleResponse = z.infer<typeof ExampleResponseSchema>;

export const RequestTemplateSchema = HttpRequestDraftSchema.extend({
  id: z.string().min(1).max(128),
  name: z.string().trim().min(1, 'A request needs a name').max(300),
  description: z.string().max(4000),
  /** Request-scope variables: the most specific scope, overriding all others. */
  variables: z.array(KeyValueSchema).max(500),
  captures: z.array(CaptureSchema).max(50),
  /** `inherit` takes the environment's credentials (keychain work); `none` sends no Authorization. */
  auth: z.enum(REQUEST_AUTH_MODES),
  /** Id of the JSON Schema (shared/catalog) that describes this request's body, if any. */
  bodySchema: z.string().max(200).optional(),
  /** Imported scripts, shown (with a banner saying they are not run), exported back. */
  scripts: RequestScriptsSchema.optional(),
  /** Imported example responses. */
  examples: z.array(ExampleResponseSchema).max(50).optional(),
});
export type RequestTemplate = z.infer<typeof RequestTemplateSchema>;

/**
 * What the sidebar needs of a request: a workspace's first answer carries only this (an outline),
 * so opening a 5,000-request workspace does not move megabytes of bodies nobody looks at yet.
 */
export type RequestSummary = Pick<RequestTemplate, 'id' | 'name' | 'method'>;

/** `R` is what a request carries: the whole template (the default), or a summary in an outline. */
export interface RequestItem<R extends RequestSummary = RequestTemplate> {
  kind: 'request';
  request: R;
}

export interface FolderItem<R extends RequestSummary = RequestTemplate> {
  kind: 'folder';
  id: string;
  name: string;
  description: string;
  items: TreeItem<R>[];
}

export type TreeItem<R extends RequestSummary = RequestTemplate> = RequestItem<R> | FolderItem<R>;

export interface CollectionTree<R extends RequestSummary = RequestTemplate> {
  id: string;
  name: string;
  description: string;
  /** Collection-scope variables: override globals, overridden by the environment and the request. */
  variables: { key: string; value: string; enabled: boolean }[];
  items: TreeItem<R>[];
  /** True for the built-in Sinch catalog: it can be duplicated, not edited. */
  readOnly: boolean;
}

/** A collection whose requests are summaries (a full tree is one too). */
export type CollectionOutline = CollectionTree<RequestSummary>;

function outlineItems(items: readonly TreeItem[]): TreeItem<RequestSummary>[] {
  return items.map((item) =>
    item.kind === 'request'
      ? { kind: 'request', request: { id: item.request.id, name: item.request.name, method: item.request.method } }
      : { kind: 'folder', id: item.id, name: item.name, description: item.description, items: outlineItems(item.items) },
  );
}

/** The tree with every request cut down to its summary. */
export function outlineOf(tree: CollectionTree): CollectionOutline {
  return { id: tree.id, name: tree.name, description: tree.description, variables: tree.variables, items: outlineItems(tree.items), readOnly: tree.readOnly };
}

/** Every request of a tree in the order a runner sends them (depth first, as shown). */
export function flattenRequests(items: readonly TreeItem[], path: string[] = []): { request: RequestTemplate; folderPath: string[] }[] {
  const out: { request: RequestTemplate; folderPath: string[] }[] = [];
  for (const item of items) {
    if (item.kind === 'request') out.push({ request: item.request, folderPath: path });
    else out.push(...flattenRequests(item.items, [...path, item.name]));
  }
  return out;
}

export function newRequestTemplate(id: string, name: string): RequestTemplate {
  return {
    id,
    name,
    description: '',
    method: 'GET',
    url: '',
    params: [],
    headers: [],
    body: { mode: 'none', text: '' },
    variables: [],
    captures: [],
    auth: 'inherit',
  };
}
