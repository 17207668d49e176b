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
        <textarea
          aria-label="Request description"
          rows={5}
          value={tab.request.description}
          readOnly={readOnly}
          onChange={(e) => editRequest((r) => ({ ...r, description: e.target.value }))}
        />
      </label>
      {readOnly && (
        <p className="muted small">This request is part of the built-in Sinch catalog. Save it (Ctrl/Cmd+S) to keep your own copy in a collection.</p>
      )}
      {(tab.request.scripts?.preRequest || tab.request.scripts?.test) && (
        <section className="imported-scripts" aria-label="Imported scripts">
          <p className="banner warn small" role="note">
            <span>
              Scripts imported from Postman are kept as text and are not run by this app. What they did that it understands became captures or the environment's
              access key; export to Postman keeps them.
            </span>
          </p>
          {tab.request.scripts.preRequest && (
            <label className="field">
              <span>Pre-request script (not run)</span>
              <textarea aria-label="Pre-request script (not run)" rows={6} readOnly value={tab.request.scripts.preRequest} spellCheck={false} />
            </label>
          )}
          {tab.request.scripts.test && (
            <label className="field">
              <span>Test script (not run)</span>
              <textarea aria-label="Test script (not run)" rows={6} readOnly value={tab.request.scripts.test} spellCheck={false} />
            </label>
          )}
        </section>
      )}
      {tab.request.examples && tab.request.examples.length > 0 && (
        <section className="examples" aria-label="Example responses">
          <h3 className="small">Example responses (from Postman)</h3>
          {tab.request.examples.map((example, i) => (
            <details key={i}>
              <summary>
                {example.status > 0 ? `${example.status} · ` : ''}
                {example.name}
              </summary>
              <pre className="example-body">{example.body}</pre>
            </details>
          ))}
        </section>
      )}
    </div>
  );
}
