import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { DYNAMIC_VARIABLES, describeSource, findVariables, variableState, type VariableScope } from '../../shared/variables';
import { monaco, setModelSchema, setModelScope } from './monaco';

export interface MonacoEditorProps {
  value: string;
  language: 'json' | 'plaintext' | 'xml' | 'html' | 'shell' | 'javascript' | 'python' | 'java' | 'csharp' | 'go' | 'php' | 'ruby';
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** When given, `{{variables}}` are highlighted and unresolved ones marked. */
  scope?: VariableScope;
  ariaLabel: string;
  /** Ctrl/Cmd+Enter inside the editor. */
  onSubmit?: () => void;
  testId?: string;
  /** A stable id for the model (one per request tab), so schema and completions attach to it. */
  modelId?: string;
  /** JSON Schema for validation, hover docs and completion. */
  schema?: { id: string; schema: object };
}

/** A thin wrapper: one editor, one model; no feature logic here. */
let anonymous = 0;

export default function MonacoEditor({ value, language, onChange, readOnly = false, scope, ariaLabel, onSubmit, testId, modelId, schema }: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);
  const callbacks = useRef({ onChange, onSubmit });
  callbacks.current = { onChange, onSubmit };

  useEffect(() => {
    if (!host.current) return;
    const uri = monaco.Uri.parse(`inmemory://sce/${modelId ?? `anonymous-${anonymous++}`}.${language === 'json' ? 'json' : 'txt'}`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(value, language, uri);
    const editor = monaco.editor.create(host.current, {
      model,
      readOnly,
      theme: 'sce-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      wordWrap: readOnly ? 'on' : 'off',
      ariaLabel,
      fixedOverflowWidgets: true,
      renderValidationDecorations: 'on',
    });
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    const sub = editor.onDidChangeModelContent(() => callbacks.current.onChange?.(editor.getValue()));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onSubmit?.());
    return () => {
      sub.dispose();
      setModelSchema(uri.toString(), undefined);
      setModelScope(uri.toString(), undefined);
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
    // The editor is created once; later prop changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== value) {
      editor.getModel()?.setValue(value);
    }
  }, [value]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, language);
  }, [language]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  useEffect(() => {
    const uri = editorRef.current?.getModel()?.uri.toString();
    if (uri) setModelSchema(uri, schema);
  }, [schema]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    setModelScope(model.uri.toString(), scope);
    const apply = (): void => {
      if (!scope) {
        decorations.current?.clear();
        monaco.editor.setModelMarkers(model, 'variables', []);
        return;
      }
      const tokens = findVariables(model.getValue());
      const markers: Monaco.editor.IMarkerData[] = [];
      decorations.current?.set(
        tokens.map((token) => {
          const start = model.getPositionAt(token.start);
          const end = model.getPositionAt(token.end);
          const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
          const entry = scope.get(token.name) ?? (token.name in DYNAMIC_VARIABLES ? { value: '(made fresh when sent)', source: 'dynamic' } : undefined);
          if (!entry) {
            markers.push({
              severity: monaco.MarkerSeverity.Warning,
              message: `{{${token.name}}} is not defined in the active environment`,
              startLineNumber: range.startLineNumber,
              startColumn: range.startColumn,
              endLineNumber: range.endLineNumber,
              endColumn: range.endColumn,
            });
          }
          // Defined but empty is marked apart: it would send nothing there.
          const empty = entry !== undefined && variableState(scope, token.name) === 'empty';
          return {
            range,
            options: {
              inlineClassName: !entry ? 'monaco-var-missing' : empty ? 'monaco-var-empty' : 'monaco-var-ok',
              hoverMessage: {
                value: !entry
                  ? `\`${token.name}\` is not defined`
                  : empty
                    ? `\`${token.name}\` is empty (defined ${describeSource(scope, token.name)} with no value)`
                    : `\`${token.name}\` = \`${'secret' in entry && entry.secret ? '••••••' : entry.value}\` (${entry.source})`,
              },
            },
          };
        }),
      );
      monaco.editor.setModelMarkers(model, 'variables', markers);
    };
    apply();
    const sub = editor.onDidChangeModelContent(apply);
    return () => sub.dispose();
  }, [scope]);

  return <div className="monaco-host" ref={host} data-testid={testId} />;
}
