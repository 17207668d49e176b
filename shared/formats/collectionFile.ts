/**
 * The on-disk format of a collection, Bruno-like and git-friendly:
 *
 *   <workspace>/<collection-dir>/collection.json          collection: { id, name, description, variables, order }
 *   <workspace>/<collection-dir>/<slug>.request.json      request: RequestTemplate
 *   <workspace>/<collection-dir>/<folder-dir>/folder.json folder: { id, name, description, order }
 *
 * File and folder names are slugs of the display names (readable in a file browser and in diffs);
 * identity is the `id` inside the file, so a move or a rename keeps it. `order` lists child entry
 * names (`<slug>.request.json` or `<folder-dir>`); entries added by hand that it does not list
 * come last, by name. Pure: the reading and writing live in electron/backend/storage.
 */
import { z } from 'zod';
import type { RequestTemplate } from '../model/collection';
import { KeyValueSchema, type KeyValue } from '../model/keyValue';

export const COLLECTION_FORMAT = 'sinch-explorer/collection';
export const FOLDER_FORMAT = 'sinch-explorer/folder';
export const REQUEST_FORMAT = 'sinch-explorer/request';
export const COLLECTION_FORMAT_VERSION = 1;
export const FOLDER_FORMAT_VERSION = 1;
export const REQUEST_FORMAT_VERSION = 1;

export const COLLECTION_FILE = 'collection.json';
export const FOLDER_FILE = 'folder.json';
export const REQUEST_SUFFIX = '.request.json';

const EntryName = z.string().min(1).max(255);

export const CollectionMetaSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().trim().min(1, 'A collection needs a name').max(300),
  description: z.string().max(4000).default(''),
  variables: z.array(KeyValueSchema).max(500).default([]),
  order: z.array(EntryName).max(10_000).default([]),
});
export type CollectionMeta = z.infer<typeof CollectionMetaSchema>;

export const FolderMetaSchema = z.object({
  id: z.string().min(1).max(128),
  name: z.string().trim().min(1, 'A folder needs a name').max(300),
  description: z.string().max(4000).default(''),
  order: z.array(EntryName).max(10_000).default([]),
});
export type FolderMeta = z.infer<typeof FolderMetaSchema>;

function variablesInOrder(rows: readonly KeyValue[]): KeyValue[] {
  return rows.map((v) => ({ key: v.key, value: v.value, enabled: v.enabled }));
}

/** Each file's text: fixed key order, two-space indent, trailing newline, so diffs stay small. */
export function collectionFileText(meta: CollectionMeta): string {
  const collection = { id: meta.id, name: meta.name, description: meta.description, variables: variablesInOrder(meta.variables), order: [...meta.order] };
  return toText({ format: COLLECTION_FORMAT, version: COLLECTION_FORMAT_VERSION, collection });
}

export function folderFileText(meta: FolderMeta): string {
  const folder = { id: meta.id, name: meta.name, description: meta.description, order: [...meta.order] };
  return toText({ format: FOLDER_FORMAT, version: FOLDER_FORMAT_VERSION, folder });
}

export function requestFileText(request: RequestTemplate): string {
  return toText({ format: REQUEST_FORMAT, version: REQUEST_FORMAT_VERSION, request: requestInOrder(request) });
}

/** Only the RequestTemplate's own fields, in a fixed order: nothing else (no secrets) reaches the file. */
export function requestInOrder(r: RequestTemplate): RequestTemplate {
  const out: RequestTemplate = {
    id: r.id,
    name: r.name,
    description: r.description,
    method: r.method,
    url: r.url,
    params: variablesInOrder(r.params),
    headers: variablesInOrder(r.headers),
    body: { mode: r.body.mode, text: r.body.text },
    variables: variablesInOrder(r.variables),
    captures: r.captures.map((c) => ({ variable: c.variable, from: c.from, path: c.path, enabled: c.enabled })),
    auth: r.auth,
  };
  if (r.bodySchema !== undefined) out.bodySchema = r.bodySchema;
  if (r.scripts && (r.scripts.preRequest || r.scripts.test)) {
    out.scripts = {
      ...(r.scripts.preRequest ? { preRequest: r.scripts.preRequest } : {}),
      ...(r.scripts.test ? { test: r.scripts.test } : {}),
    };
  }
  if (r.examples && r.examples.length > 0) {
    out.examples = r.examples.map((e) => ({ name: e.name, status: e.status, headers: variablesInOrder(e.headers), body: e.body }));
  }
  return out;
}

function toText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

/**
 * A file-name-safe form of a display name: lower case ASCII letters, digits and dashes, at most
 * 60 characters ("Send a text message!" → "send-a-text-message"). Lower case keeps names distinct
 * on case-insensitive file systems (macOS, Windows).
 */
export function slugify(name: string, fallback = 'untitled'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  if (slug === '') return fallback;
  return WINDOWS_RESERVED.test(slug) ? `${slug}-1` : slug;
}

/** `slug`, or `slug-2`, `slug-3`… whichever is free (case-insensitively) among `taken` entry names. */
export function uniqueEntryName(slug: string, suffix: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  if (!used.has(`${slug}${suffix}`.toLowerCase())) return `${slug}${suffix}`;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Children in the saved order: entries named by `order` that exist (each once), then any others
 * (added by hand or by git) sorted by `nameOf` and then by entry name.
 */
export function orderEntries(order: readonly string[], present: readonly string[], nameOf: (entry: string) => string = (e) => e): string[] {
  const exists = new Set(present);
  const out: string[] = [];
  for (const entry of order) if (exists.has(entry) && !out.includes(entry)) out.push(entry);
  const listed = new Set(out);
  const rest = present.filter((e) => !listed.has(e));
  rest.sort((a, b) => nameOf(a).localeCompare(nameOf(b), undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0));
  return [...out, ...rest];
}
