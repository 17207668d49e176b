/**
 * Our own collection export (Export collection… in the app, ./exportCollection.ts) read back:
 * validated item by item, since the file may have been edited since. Its secrets were replaced by
 * placeholders when it was written; the report names them.
 */
import { z } from 'zod';
import { RequestTemplateSchema, type CollectionTree, type TreeItem } from '../../model/collection';
import { KeyValueSchema } from '../../model/keyValue';
import { ImportRefusal, type CollectionImport, type ImportFormat, type ImportTools } from '../importFormat';
import { emptyCounts } from '../report';
import { EXPORT_FORMAT } from './exportCollection';

function readExport(record: Record<string, unknown>, fileName: string, tools: ImportTools): CollectionImport {
  const c = record.collection as Partial<CollectionTree> | undefined;
  if (!c || typeof c !== 'object' || typeof c.name !== 'string' || !Array.isArray(c.items))
    throw new ImportRefusal(`${fileName} is a Sinch Explorer export without a collection in it. Export the collection again.`);
  const counts = emptyCounts();
  const items = (list: unknown[], path: string): TreeItem[] =>
    list.map((raw, i) => {
      const item = raw as { kind?: unknown; request?: unknown; id?: unknown; name?: unknown; description?: unknown; items?: unknown };
      if (item.kind === 'request') {
        const parsed = RequestTemplateSchema.safeParse(item.request);
        if (!parsed.success)
          throw new ImportRefusal(
            `${fileName}: request ${i + 1} in ${path || 'the collection'} is not valid (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}).`,
          );
        counts.requests++;
        return { kind: 'request', request: parsed.data };
      }
      if (item.kind === 'folder' && typeof item.name === 'string' && Array.isArray(item.items)) {
        counts.folders++;
        return {
          kind: 'folder',
          id: typeof item.id === 'string' ? item.id : tools.newId(),
          name: item.name,
          description: typeof item.description === 'string' ? item.description : '',
          items: items(item.items, `${path}${item.name} / `),
        };
      }
      throw new ImportRefusal(`${fileName}: item ${i + 1} in ${path || 'the collection'} is neither a request nor a folder.`);
    });
  const variables = z
    .array(KeyValueSchema)
    .max(500)
    .safeParse(c.variables ?? []);
  const tree: CollectionTree = {
    id: String(c.id ?? tools.newId()),
    name: c.name,
    description: String(c.description ?? ''),
    variables: variables.success ? variables.data : [],
    items: items(c.items, ''),
    readOnly: false,
  };
  counts.variables = tree.variables.length;
  const placeholders = Array.isArray(record.placeholders) ? record.placeholders.filter((p): p is string => typeof p === 'string') : [];
  return {
    tree,
    report: {
      kind: 'collection',
      source: 'Sinch Conversation Explorer export',
      name: c.name,
      counts,
      notes:
        placeholders.length > 0
          ? [
              {
                path: '',
                level: 'converted',
                message: `Secrets were replaced by placeholders when it was exported: fill in ${placeholders.map((p) => `{{${p}}}`).join(', ')}.`,
              },
            ]
          : [],
      secrets: [],
      accessKey: null,
    },
    secretValues: [],
    auth: { kind: 'none' },
  };
}

export const explorerExportFormat: ImportFormat = {
  id: 'explorer-export',
  name: 'Sinch Explorer collection export',
  description: 'collections exported by this app',
  fileTypes: ['.json', 'application/json'],
  detect: (input) => input.object()?.format === EXPORT_FORMAT,
  async convert(input, tools) {
    return { kind: 'collection', imported: readExport(input.object() as Record<string, unknown>, input.fileName, tools) };
  },
};
