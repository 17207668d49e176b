import { useEffect } from 'react';
import { displayText } from '../../../../shared/displayText';
import { summaryWithWholeIds } from '../../../../shared/model/webhookEvent';
import { useStore } from '../../../store';
import { followedMessageId, timelineQueryOf } from '../timeline';
import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

/** Every event about the same message (or conversation), and the request that sent it. */
function TimelinePanel({ event }: PanelProps) {
  const timeline = useStore((s) => s.eventTimeline);
  const { selectEvent, loadEventTimeline, openRequestThatSent } = useStore.getState();
  const key = followedMessageId(event);
  const followable = timelineQueryOf(event) !== null;
  useEffect(() => {
    void loadEventTimeline(event);
  }, [event, loadEventTimeline]);
  if (!followable) return <p className="empty-hint">This event carries no message or conversation id to follow.</p>;
  const items = timeline?.eventId === event.id ? timeline.items : [];
  return (
    <div>
      <div className="row-actions">
        {key && (
          <button type="button" className="button small" onClick={() => void openRequestThatSent(key)}>
            Open the request that sent message {key}
          </button>
        )}
      </div>
      <ol className="timeline" aria-label="Event timeline">
        {items.map((item) => (
          <li key={item.id} className={item.id === event.id ? 'current' : ''}>
            <span className="muted">{new Date(item.receivedAt).toLocaleTimeString()}</span>
            <button type="button" className="link-button" onClick={() => selectEvent(item.id)}>
              {item.trigger}
            </button>
            <span>{displayText(summaryWithWholeIds(item))}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export const timelinePanel: InspectorPanel = { id: 'timeline', label: 'Timeline', appliesTo: always, Component: TimelinePanel };
