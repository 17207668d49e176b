// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; this brings ours to every project that compiles this file
/// <reference path="./transformer.d.ts" />
/**
 * The Postman libraries' part of an import: `postman-collection-transformer` turns a v1 collection
 * into v2.1, and `postman-collection` reads v2.0 and v2.1 (string or object URLs, object- or
 * array-form auth, string or object descriptions) into one normalised v2.1 JSON shape, which the
 * pure converter in shared/formats/postman reads (./read.ts hands it to the converter as
 * ImportTools.normalisePostmanCollection). Only here because the libraries' types pull in Node's,
 * and shared/ stays free of them.
 */
import type postmanCollection from 'postman-collection';
import type transformerModule from 'postman-collection-transformer';
import { guardPostmanCollection } from '../../../shared/formats/postman/guard';
import type { ImportNote } from '../../../shared/formats/report';
import type { PostmanCollection, PostmanItem, PostmanVersion } from '../../../shared/formats/postman/types';
import { BackendError } from '../errors';
import { lazyRequire } from '../lazyRequire';
import { nextTurn } from '../nextTurn';

// Required on the first Postman import, not at every launch: together they take ~150 ms to load.
const collectionLibrary = lazyRequire<typeof postmanCollection>('postman-collection');
const transformerLibrary = lazyRequire<typeof transformerModule>('postman-collection-transformer');

/** Work done between two turns of the event loop: the backend also serves the listener, the sandbox and the page. */
const SLICE_MS = 25;

/** Calls `nextTurn` once `SLICE_MS` of work has been done since the last one. */
function slicer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await nextTurn();
    since = performance.now();
  };
}

/**
 * Any Postman collection version → normalised v2.1 JSON. Item by item, with turns of the event loop
 * in between: the library's own `new Collection(all).toJSON()` takes seconds for a large file (its
 * lists check every insert against every member), all of it blocking the backend.
 */
export async function normalisePostmanCollection(value: unknown, version: PostmanVersion): Promise<{ collection: PostmanCollection; notes: ImportNote[] }> {
  const { Collection } = collectionLibrary();
  const transformer = transformerLibrary();
  let v2 = value;
  if (version === 'v1') {
    v2 = await new Promise<unknown>((resolve, reject) => {
      transformer.convert(value, { inputVersion: '1.0.0', outputVersion: '2.1.0', retainIds: true }, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    }).catch((error: unknown) => {
      throw new BackendError(
        'INVALID_INPUT',
        `This Postman v1 collection could not be converted (${error instanceof Error ? error.message : String(error)}). Export it from Postman as Collection v2.1 and import that file.`,
      );
    });
  }
  const raw = (v2 && typeof v2 === 'object' ? v2 : {}) as Record<string, unknown>;
  // Before the library sees it: fields it would trip over, and scripts too large to read, are taken out (with notes).
  const notes = guardPostmanCollection(raw);
  let json: PostmanCollection;
  try {
    json = new Collection({ ...raw, item: [] }).toJSON() as unknown as PostmanCollection;
    json.item = await normaliseItems(raw.item, slicer());
  } catch (error) {
    throw new BackendError(
      'INVALID_INPUT',
      `This Postman collection could not be read (${error instanceof Error ? error.message : String(error)}). Export it again from Postman as Collection v2.1.`,
    );
  }
  if (!json.info || typeof json.info.name !== 'string') json.info = { ...(json.info ?? {}), name: 'Imported collection', schema: '' };
  return { collection: json, notes };
}

/**
 * A list of items as the library reads it (a folder is anything with `item`, as in its
 * ItemGroup), each normalised on its own; a folder's children likewise, depth first.
 */
async function normaliseItems(list: unknown, pause: () => Promise<void>): Promise<PostmanItem[]> {
  const { Item, ItemGroup } = collectionLibrary();
  const items = list === undefined || list === null ? [] : Array.isArray(list) ? (list as unknown[]) : [list];
  const out: PostmanItem[] = [];
  for (const raw of items) {
    // As the library's lists do: nothing is made of a missing item.
    if (raw === null || raw === undefined || Number.isNaN(raw)) continue;
    await pause();
    const definition = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    if (definition.item) {
      const folder = new ItemGroup({ ...definition, item: [] }).toJSON() as unknown as PostmanItem;
      folder.item = await normaliseItems(definition.item, pause);
      out.push(folder);
    } else {
      const item = new Item(raw).toJSON() as unknown as PostmanItem;
      fillRawUrl(item);
      out.push(item);
    }
  }
  return out;
}

/** `toJSON()` keeps URLs as parts; the converter reads `raw`, which the library writes from them. */
function fillRawUrl(item: PostmanItem): void {
  const { Url } = collectionLibrary();
  const request = item.request;
  if (!request || typeof request === 'string') return;
  if (typeof request.url === 'string') request.url = { raw: request.url };
  else if (request.url) request.url = { ...request.url, raw: new Url(request.url as ConstructorParameters<typeof Url>[0]).toString() };
}
