import type { Trigger } from '../apiEnums';
import { TRIGGER_PAYLOAD_KEYS } from '../model/webhookEvent';
import type { ChannelIdentity, Contact, Conversation, ConversationEvent, ConversationMessage, JsonObject } from './resources';

/**
 * Pure builders for callback bodies (reference §12). No I/O and no clock unless passed in: the
 * sandbox sends what they build, and the webhook inspector's samples are built with them too, so
 * the two never drift apart. The payload key of each trigger comes from the table the inspector
 * classifies received callbacks by.
 */

export interface EnvelopeContext {
  appId: string;
  projectId: string;
  acceptedTime: string;
  eventTime?: string;
  messageMetadata?: string;
  correlationId?: string;
}

export type CallbackBody = JsonObject;

/** Common envelope + exactly one payload key, in the key order Sinch sends. */
export function buildCallback(trigger: Trigger, ctx: EnvelopeContext, payload: JsonObject): CallbackBody {
  return {
    app_id: ctx.appId,
    accepted_time: ctx.acceptedTime,
    event_time: ctx.eventTime ?? ctx.acceptedTime,
    project_id: ctx.projectId,
    [TRIGGER_PAYLOAD_KEYS[trigger]]: payload,
    message_metadata: ctx.messageMetadata ?? '',
    correlation_id: ctx.correlationId ?? '',
  };
}

export interface Reason {
  code: string;
  description: string;
  sub_code: string;
  channel_code?: string;
}

export function reason(code: string, description: string): Reason {
  return { code, description, sub_code: 'UNSPECIFIED_SUB_CODE' };
}

/** What a message's and an event's delivery reports share. */
interface DeliveryReportInput {
  contactId: string;
  channelIdentity: ChannelIdentity;
  status: string;
  metadata: string;
  processingMode: string;
  reason?: Reason;
}

/** The fields after the report's own ids, in the order Sinch sends them. */
function deliveryReportFields(input: DeliveryReportInput): JsonObject {
  return {
    status: input.status,
    channel_identity: input.channelIdentity,
    contact_id: input.contactId,
    ...(input.reason ? { reason: input.reason } : {}),
    metadata: input.metadata,
    processing_mode: input.processingMode,
  };
}

export function messageDeliveryReport(input: DeliveryReportInput & { messageId: string; conversationId: string }): JsonObject {
  return { message_id: input.messageId, conversation_id: input.conversationId, ...deliveryReportFields(input) };
}

export function messageSubmitNotification(input: {
  messageId: string;
  conversationId: string;
  contactId: string;
  channelIdentity: ChannelIdentity;
  submittedMessage: JsonObject;
  metadata: string;
  processingMode: string;
}): JsonObject {
  return {
    message_id: input.messageId,
    conversation_id: input.conversationId,
    channel_identity: input.channelIdentity,
    contact_id: input.contactId,
    submitted_message: input.submittedMessage,
    metadata: input.metadata,
    processing_mode: input.processingMode,
  };
}

/** MESSAGE_INBOUND payload: the stored inbound message as the API describes it. */
export function inboundMessage(message: ConversationMessage): JsonObject {
  return {
    id: message.id,
    direction: message.direction,
    contact_message: message.contact_message ?? {},
    channel_identity: message.channel_identity,
    conversation_id: message.conversation_id,
    contact_id: message.contact_id,
    metadata: message.metadata,
    accept_time: message.accept_time,
    sender_id: message.sender_id,
    processing_mode: message.processing_mode,
    injected: message.injected,
  };
}

export function inboundEvent(event: ConversationEvent): JsonObject {
  return {
    id: event.id,
    direction: event.direction,
    ...(event.contact_event ? { contact_event: event.contact_event } : {}),
    ...(event.contact_message_event ? { contact_message_event: event.contact_message_event } : {}),
    channel_identity: event.channel_identity,
    contact_id: event.contact_id,
    conversation_id: event.conversation_id,
    accept_time: event.accept_time,
    processing_mode: event.processing_mode,
  };
}

export function eventDeliveryReport(input: DeliveryReportInput & { eventId: string }): JsonObject {
  return { event_id: input.eventId, ...deliveryReportFields(input) };
}

export function conversationNotification(conversation: Conversation): JsonObject {
  return { conversation };
}

export function contactNotification(contact: Contact): JsonObject {
  return { contact };
}

export function contactMergeNotification(preserved: Contact, deleted: Contact): JsonObject {
  return { preserved_contact: preserved, deleted_contact: deleted };
}

export function duplicatedIdentitiesNotification(duplicates: Array<{ channel: string; contact_ids: string[] }>): JsonObject {
  return { duplicated_identities: duplicates };
}

export function capabilityNotification(input: {
  requestId: string;
  contactId: string;
  channel: string;
  identity: string;
  status: 'CAPABILITY_FULL' | 'CAPABILITY_PARTIAL' | 'NO_CAPABILITY' | 'CAPABILITY_UNKNOWN';
  channelCapabilities?: string[];
  reason?: Reason;
}): JsonObject {
  return {
    contact_id: input.contactId,
    identity: input.identity,
    channel: input.channel,
    capability_status: input.status,
    request_id: input.requestId,
    channel_capabilities: input.channelCapabilities ?? [],
    ...(input.reason ? { reason: input.reason } : {}),
  };
}

export function optOutNotification(input: { requestId: string; contactId: string; channel: string; identity: string; processingMode: string }): JsonObject {
  return {
    request_id: input.requestId,
    contact_id: input.contactId,
    channel: input.channel,
    identity: input.identity,
    status: 'OPT_OUT_SUCCEEDED',
    processing_mode: input.processingMode,
  };
}
