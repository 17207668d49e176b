import type { ConversationEvent, ConversationMessage } from '../../../shared/conversation/resources';

/** A message or event as the sandbox keeps it: the resource plus the links its listings need. */

export interface StoredMessage {
  appId: string;
  correlationId: string;
  message: ConversationMessage;
}

export interface StoredEvent {
  appId: string;
  event: ConversationEvent;
}
