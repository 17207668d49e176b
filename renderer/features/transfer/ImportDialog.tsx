import { lazy, Suspense } from 'react';
import { useStore } from '../../store';

// The body lists the import registry's formats, and the registry brings every format's converter:
// loaded when Import… first opens, not with the page (about 30 kB less to parse at start).
const ImportDialogBody = lazy(() => import('./ImportDialogBody'));

/** Import…: mounted while the dialog is open; see ./ImportDialogBody.tsx. */
export function ImportDialog() {
  const open = useStore((s) => s.dialog?.kind === 'import');
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <ImportDialogBody />
    </Suspense>
  );
}
