import { useStore } from '../../store';
import { selectActiveTab } from './requestSlice';

/** The request's name and description; read-only for the built-in catalog. */
export function RequestDocs() {
  const tab = useStore(selectActiveTab);
  const editRequest = useStore((s) => s.editRequest);
  const readOnly = tab.origin.kind === 'builtin';
  return (
    <div className="request-docs">
      <label className="field">
        <span>Name</span>
        <input type="text" aria-label="Request name" value={tab.request.name} onChange={(e) => editRequest((r) => ({ ...r, name: e.target.value }))} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea aria-label="Request description" rows={5} value={tab.request.description} readOnly={readOnly} onChange={(e) => editRequest((r) => ({ ...r, description: e.target.value }))} />
      </label>
      {readOnly && <p className="muted small">This request is part of the built-in Sinch catalog. Save it (Ctrl/Cmd+S) to keep your own copy in a collection.</p>}
    </div>
  );
}
