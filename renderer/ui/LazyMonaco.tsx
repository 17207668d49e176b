import { lazy, Suspense } from 'react';
import type { MonacoEditorProps } from './MonacoEditor';

const Editor = lazy(() => import('./MonacoEditor'));

export function LazyMonaco(props: MonacoEditorProps) {
  return (
    <Suspense fallback={<div className="monaco-host monaco-loading">Loading editor…</div>}>
      <Editor {...props} />
    </Suspense>
  );
}
