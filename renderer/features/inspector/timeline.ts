import type { MethodInput } from '../../../shared/contract';
import type { WebhookEvent } from '../../../shared/model/webhookEvent';

/** The message id an event's timeline follows: its own, or the one it answers. */
export function followedMessageId(event: WebhookEvent): string | undefined {
  return event.correlation.messageId ?? event.correlation.replyToMessageId;
}

/** What to ask `webhooks.timeline` for; null when the event carries no id to follow. */
export function timelineQueryOf(event: WebhookEvent): MethodInput<'webhooks.timeline'> | null {
  const messageId = followedMessageId(event);
  if (messageId) return { messageId };
  const { conversationId } = event.correlation;
  return conversationId ? { conversationId } : null;
}
