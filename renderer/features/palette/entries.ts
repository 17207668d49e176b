import type { CollectionTree, RequestTemplate } from '../../../shared/model/collection';
import { allRequests } from '../collections';
import { prepareEntry, type PreparedEntry } from './fuzzy';

export interface PaletteItem {
  request: RequestTemplate;
  collection: CollectionTree;
  /** Collection and folder names, " / "-separated. */
  path: string;
}

/** Every request of every collection, with what the palette searches (name, method, URL, path, description, body). */
export function paletteEntries(collections: readonly CollectionTree[]): { item: PaletteItem; prepared: PreparedEntry }[] {
  return allRequests(collections).map((item) => ({
    item,
    prepared: prepareEntry({
      name: item.request.name,
      method: item.request.method,
      url: item.request.url,
      path: item.path,
      description: item.request.description,
      body: item.request.body.mode === 'none' ? '' : item.request.body.text,
    }),
  }));
}
