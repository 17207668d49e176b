import type { ComponentType } from 'react';
import type { WebhookEvent } from '../../../../shared/model/webhookEvent';

export interface PanelProps {
  event: WebhookEvent;
}

/** One tab of an event's details. Adding a panel = one file exporting one of these + one entry in INSPECTOR_PANELS. */
export interface InspectorPanel {
  /** Unique among the panels; also the tab's React key. */
  id: string;
  /** The tab's text (what users and the e2e tests click). */
  label: string;
  /** Whether the tab is offered for this event. */
  appliesTo(event: WebhookEvent): boolean;
  Component: ComponentType<PanelProps>;
}

/** For panels that every event has. */
export const always = (): boolean => true;
