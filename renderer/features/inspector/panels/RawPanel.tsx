import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

/** The request line, headers and body, as they came over the wire. */
function RawPanel({ event }: PanelProps) {
  return (
    <div className="raw-panel">
      <pre className="curl-text" data-testid="raw-request">
        {`${event.method} ${event.path}${event.query ? `?${event.query}` : ''}\n${event.headers.map((h) => `${h.name}: ${h.value}`).join('\n')}\n\n${event.bodyBase64 !== undefined ? `(binary, base64) ${event.bodyBase64}` : event.bodyText}`}
      </pre>
    </div>
  );
}

export const rawPanel: InspectorPanel = { id: 'raw', label: 'Raw', appliesTo: always, Component: RawPanel };
