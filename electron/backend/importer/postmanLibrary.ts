// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; this brings ours to every project that compiles this file
/// <reference path="./transformer.d.ts" />
/**
 * The Postman libraries' part of an import: `postman-collection-transformer` turns a v1 collection
 * into v2.1, and `postman-collection` reads v2.0 and v2.1 (string or object URLs, object- or
 * array-form auth, string or object descriptions) into one normalised v2.1 JSON shape, which the
 * pure converter in shared/formats/postman reads. Only here because the libraries' types pull in
 * Node's, and shared/ stays free of them.
 */
import type postmanCollection from 'postman-collection';
import type transformerModule from 'postman-collection-transformer';
import type { PostmanCollection, PostmanItem } from '../../../shared/formats/postman/types';
import { BackendError } from '../errors';
import { lazyRequire } from '../lazyRequire';

// Required on the first Postman import, not at every launch: together they take ~150 ms to load.
const collectionLibrary = lazyRequire<typeof postmanCollection>('postman-collection');
const transformerLibrary = lazyRequire<typeof transformerModule>('postman-collection-transformer');

export type PostmanVersion = 'v1' | 'v2.0' | 'v2.1';

/** Any Postman collection version → normalised v2.1 JSON. */
export async function normalisePostmanCollection(value: unknown, version: PostmanVersion): Promise<PostmanCollection> {
  const { Collection } = collectionLibrary();
  const transformer = transformerLibrary();
  let v2 = value;
  if (version === 'v1') {
    v2 = await new Promise<unknown>((resolve, reject) => {
      transformer.convert(value, { inputVersion: '1.0.0', outputVersion: '2.1.0', retainIds: true }, (error, result) => (error ? reject(error) : resolve(result)));
    }).catch((error: unknown) => {
      throw new BackendError('INVALID_INPUT', `This Postman v1 collection could not be converted (${error instanceof Error ? error.message : String(error)}). Export it from Postman as Collection v2.1 and import that file.`);
    });
  }
  let json: PostmanCollection;
  try {
    json = new Collection(v2 as ConstructorParameters<typeof Collection>[0]).toJSON() as unknown as PostmanCollection;
  } catch (error) {
    throw new BackendError('INVALID_INPUT', `This Postman collection could not be read (${error instanceof Error ? error.message : String(error)}). Export it again from Postman as Collection v2.1.`);
  }
  if (!json.info || typeof json.info.name !== 'string') json.info = { ...(json.info ?? {}), name: 'Imported collection', schema: '' };
  fillRawUrls(json.item ?? []);
  return json;
}

/** `toJSON()` keeps URLs as parts; the converter reads `raw`, which the library writes from them. */
function fillRawUrls(items: PostmanItem[]): void {
  const { Url } = collectionLibrary();
  for (const item of items) {
    if (Array.isArray(item.item)) fillRawUrls(item.item);
    const request = item.request;
    if (!request || typeof request === 'string') continue;
    if (typeof request.url === 'string') request.url = { raw: request.url };
    else if (request.url) request.url = { ...request.url, raw: new Url(request.url as ConstructorParameters<typeof Url>[0]).toString() };
  }
}
