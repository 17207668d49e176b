import { LazyMonaco } from '../../../ui/LazyMonaco';
import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The body as received, pretty-printed when it is JSON. */
function BodyPanel({ event }: PanelProps) {
  if (event.bodyText === '') return <p className="empty-hint">Empty body.</p>;
  return <LazyMonaco value={pretty(event.bodyText)} language={event.json.ok ? 'json' : 'plaintext'} readOnly ariaLabel="Event body" testId="event-body" />;
}

export const bodyPanel: InspectorPanel = { id: 'body', label: 'Body', appliesTo: always, Component: BodyPanel };
