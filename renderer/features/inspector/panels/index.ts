import { bodyPanel } from './BodyPanel';
import { diffPanel } from './DiffPanel';
import { rawPanel } from './RawPanel';
import { replayPanel } from './ReplayPanel';
import { signaturePanel } from './SignaturePanel';
import { timelinePanel } from './TimelinePanel';
import type { InspectorPanel } from './types';
import type { WebhookEvent } from '../../../../shared/model/webhookEvent';

export type { InspectorPanel, PanelProps } from './types';

/** The tabs of an event's details, in the order they are shown; the first that applies opens first. */
export const INSPECTOR_PANELS: readonly InspectorPanel[] = [signaturePanel, bodyPanel, rawPanel, timelinePanel, replayPanel, diffPanel];

/** The panels offered for this event, in order. */
export function panelsFor(event: WebhookEvent, panels: readonly InspectorPanel[] = INSPECTOR_PANELS): InspectorPanel[] {
  return panels.filter((panel) => panel.appliesTo(event));
}
