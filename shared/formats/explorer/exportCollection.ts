import type { CollectionTree, TreeItem } from '../../model/collection';
import { ExportPlaceholders } from '../exportSecrets';

export const EXPORT_FORMAT = 'sinch-explorer/collection-export';
export const EXPORT_VERSION = 1;

/**
 * One file that holds a whole collection, safe to share: every value that looks like a credential
 * (a header, query parameter, URL user info, body field, saved example or variable with a
 * secret-like name) is replaced by a `{{placeholder}}` named after it (../exportSecrets.ts), and the
 * placeholders are listed so whoever imports the file knows what to fill in. Values that are
 * already `{{variables}}` are kept.
 */
export function exportCollection(tree: CollectionTree, exportedAt: Date = new Date()): { text: string; placeholders: string[] } {
  const secrets = new ExportPlaceholders();
  const items = (list: readonly TreeItem[]): TreeItem[] =>
    list.map((item) => (item.kind === 'request' ? { kind: 'request', request: secrets.request(item.request) } : { ...item, items: items(item.items) }));
  const collection: CollectionTree = { ...tree, readOnly: false, variables: secrets.variables(tree.variables), items: items(tree.items) };
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    placeholders: secrets.list(),
    collection,
  };
  return { text: `${JSON.stringify(file, null, 2)}\n`, placeholders: file.placeholders };
}
