import type { CollectionTree, RequestTemplate, TreeItem } from '../../model/collection';
import type { KeyValue } from '../../model/keyValue';
import { isSecretName } from '../secrets';

export const EXPORT_FORMAT = 'sinch-explorer/collection-export';
export const EXPORT_VERSION = 1;

/** A value made only of variable references holds no secret. */
const ONLY_VARIABLES = /^\s*([A-Za-z]+\s+)?(\{\{\s*[^{}\s]+\s*\}\}\s*)+$/;

function placeholderName(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'secret'
  );
}

/**
 * One file that holds a whole collection, safe to share: every value that looks like a credential
 * (a header, query parameter, JSON member or variable with a secret-like name) is replaced by a
 * `{{placeholder}}` named after it, and the placeholders are listed so whoever imports the file
 * knows what to fill in. Values that are already `{{variables}}` are kept.
 */
export function exportCollection(tree: CollectionTree, exportedAt: Date = new Date()): { text: string; placeholders: string[] } {
  const placeholders = new Set<string>();
  const hide = (name: string, value: string): string => {
    if (value === '' || ONLY_VARIABLES.test(value) || !isSecretName(name)) return value;
    const placeholder = placeholderName(name);
    placeholders.add(placeholder);
    const scheme = /^(Bearer|Basic)\s+/i.exec(value)?.[0] ?? '';
    return `${scheme}{{${placeholder}}}`;
  };
  const rows = (list: readonly KeyValue[]): KeyValue[] => list.map((row) => ({ ...row, value: hide(row.key, row.value) }));
  const text = (body: string): string =>
    body
      .replace(/("([^"\\]{1,200})"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, lead: string, name: string, value: string) => {
        const hidden = hide(name, value);
        return hidden === value ? whole : `${lead}"${hidden}"`;
      })
      .replace(/(^|[?&])([^=&#?\s"]+)=([^&#\s"]*)/g, (whole, lead: string, name: string, value: string) => {
        const hidden = hide(name, value);
        return hidden === value ? whole : `${lead}${name}=${hidden}`;
      });
  const request = (r: RequestTemplate): RequestTemplate => ({
    ...r,
    url: text(r.url),
    params: rows(r.params),
    headers: rows(r.headers),
    variables: rows(r.variables),
    body: { ...r.body, text: text(r.body.text) },
  });
  const items = (list: readonly TreeItem[]): TreeItem[] =>
    list.map((item) => (item.kind === 'request' ? { kind: 'request', request: request(item.request) } : { ...item, items: items(item.items) }));
  const collection: CollectionTree = { ...tree, readOnly: false, variables: rows(tree.variables), items: items(tree.items) };
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    placeholders: [...placeholders].sort(),
    collection,
  };
  return { text: `${JSON.stringify(file, null, 2)}\n`, placeholders: file.placeholders };
}
