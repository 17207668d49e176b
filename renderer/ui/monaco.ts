/**
 * Monaco from the local package, never a CDN: its workers are bundled by Vite (`?worker`), so the
 * editor works offline and under the app's CSP. Imported lazily: start-up does not pay for it.
 *
 * Only what the app shows: the editor API with its editing features (find, hover, suggest,
 * folding…), the JSON language service and its worker, and the XML and HTML colouring (response
 * bodies) as light tokenizers with no worker. Importing 'monaco-editor' whole would bundle every
 * language and the TypeScript/CSS/HTML workers (ts.worker alone is 6.8 MB).
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import 'monaco-editor/languages/definitions/xml/register';
import 'monaco-editor/languages/definitions/html/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import type { VariableScope } from '../../shared/variables';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

monaco.editor.defineTheme('sce-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: { 'editor.background': '#1b1d23' },
});

/** JSON Schemas by model: each body editor registers the schema of its request, if any. */
const schemaByModel = new Map<string, { id: string; schema: object }>();

function applySchemas(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: 'warning',
    schemas: [...schemaByModel.entries()].map(([uri, { id, schema }]) => ({
      uri: `sce://schemas/${id}-${encodeURIComponent(uri)}.json`,
      fileMatch: [uri],
      schema,
    })),
  });
}

export function setModelSchema(modelUri: string, schema: { id: string; schema: object } | undefined): void {
  if (schema) schemaByModel.set(modelUri, schema);
  else schemaByModel.delete(modelUri);
  applySchemas();
}

/** Variables in scope per model, for `{{` completion. */
const scopeByModel = new Map<string, VariableScope>();

export function setModelScope(modelUri: string, scope: VariableScope | undefined): void {
  if (scope) scopeByModel.set(modelUri, scope);
  else scopeByModel.delete(modelUri);
}

const variableCompletion: monaco.languages.CompletionItemProvider = {
  triggerCharacters: ['{'],
  provideCompletionItems(model, position) {
    const scope = scopeByModel.get(model.uri.toString());
    if (!scope) return { suggestions: [] };
    const before = model.getValueInRange({
      startLineNumber: position.lineNumber,
      startColumn: 1,
      endLineNumber: position.lineNumber,
      endColumn: position.column,
    });
    const match = /\{\{\s*([^{}\s]*)$/.exec(before);
    if (!match) return { suggestions: [] };
    const typed = match[1] ?? '';
    const after = model.getValueInRange({
      startLineNumber: position.lineNumber,
      startColumn: position.column,
      endLineNumber: position.lineNumber,
      endColumn: position.column + 2,
    });
    const range = new monaco.Range(position.lineNumber, position.column - typed.length, position.lineNumber, position.column + (after === '}}' ? 2 : 0));
    return {
      suggestions: [...scope.entries()].map(([name, entry]) => ({
        label: { label: name, description: entry.source },
        kind: monaco.languages.CompletionItemKind.Variable,
        insertText: `${name}}}`,
        detail: entry.secret ? '•••••• (secret)' : entry.value,
        documentation: `From the ${entry.source} scope`,
        range,
        sortText: name,
      })),
    };
  },
};
monaco.languages.registerCompletionItemProvider('json', variableCompletion);
monaco.languages.registerCompletionItemProvider('plaintext', variableCompletion);

export { monaco };
