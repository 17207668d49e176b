import { tryParse } from '../../../../shared/model/webhookEvent';
import { LazyMonaco } from '../../../ui/LazyMonaco';
import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

/** Pretty JSON, or the text as it came when it is not JSON (or JSON nested too deep to print). */
function pretty(text: string): string {
  const parsed = tryParse(text);
  return parsed.ok ? JSON.stringify(parsed.value, null, 2) : text;
}

/** The body as received, pretty-printed when it is JSON. */
function BodyPanel({ event }: PanelProps) {
  if (event.bodyText === '') return <p className="empty-hint">Empty body.</p>;
  return <LazyMonaco value={pretty(event.bodyText)} language={event.json.ok ? 'json' : 'plaintext'} readOnly ariaLabel="Event body" testId="event-body" />;
}

export const bodyPanel: InspectorPanel = { id: 'body', label: 'Body', appliesTo: always, Component: BodyPanel };
