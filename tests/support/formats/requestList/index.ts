/**
 * A throwaway import format, for tests only: a text file whose first line is `# request list`
 * and whose other lines are `METHOD URL`. It is what adding a format takes (this module, and one
 * line in the list of formats the test hands to ImportService), with nothing else edited: the
 * importer, the Import dialog's text and `import --help` pick it up from that list.
 */
import { ImportRefusal, type ImportFormat } from '../../../../shared/formats/importFormat';
import { emptyCounts } from '../../../../shared/formats/report';
import { newRequestTemplate, type RequestTemplate, type TreeItem } from '../../../../shared/model/collection';

const HEADER = /^# request list[ \t]*\r?\n/;
const METHODS = new Set<RequestTemplate['method']>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export const requestListFormat: ImportFormat = {
  id: 'request-list',
  name: 'request list',
  description: 'request lists (.txt)',
  fileTypes: ['.txt'],
  // By content, as the real formats: the file's name never decides.
  detect: (input) => HEADER.test(input.text),
  async convert(input, tools) {
    const lines = input.text
      .replace(HEADER, '')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '');
    const items: TreeItem[] = lines.map((line, i) => {
      const [method = '', url = ''] = line.trim().split(/\s+/);
      if (!METHODS.has(method as RequestTemplate['method']) || url === '') throw new ImportRefusal(`${input.fileName}: line ${i + 2} is not "METHOD URL".`);
      return { kind: 'request', request: { ...newRequestTemplate(tools.newId(), `${method} ${url}`), method: method as RequestTemplate['method'], url } };
    });
    const name = input.fileName.replace(/\.txt$/i, '') || 'Request list';
    return {
      kind: 'collection',
      imported: {
        tree: { id: tools.newId(), name, description: '', variables: [], items, readOnly: false },
        report: {
          kind: 'collection',
          source: 'request list',
          name,
          counts: { ...emptyCounts(), requests: items.length },
          notes: [],
          secrets: [],
          accessKey: null,
        },
        secretValues: [],
        auth: { kind: 'none' },
      },
    };
  },
};
