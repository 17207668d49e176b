import type { Channel, ConsentListType, Direction, ProcessingMode, Trigger } from '../apiEnums';

/**
 * The Conversation API's resources as it returns them (snake_case, reference §10): the sandbox
 * stores and serves them, the webhook samples and the callback builders put them in bodies. Pure,
 * so production code and the simulator share them without either borrowing from the other.
 */

/** A JSON object the API passes along whose fields we do not model one by one. */
export type JsonObject = Record<string, unknown>;

export interface App {
  id: string;
  display_name: string;
  channel_credentials: JsonObject[];
  conversation_metadata_report_view: string;
  processing_mode: ProcessingMode;
  retention_policy: JsonObject;
  dispatch_retention_policy: JsonObject;
  smart_conversation: JsonObject;
  callback_settings: JsonObject;
  message_retry_settings: JsonObject;
  delivery_report_based_fallback: JsonObject;
  rate_limits: { inbound: number; outbound: number; webhooks: number };
  queue_stats: { outbound_size: number; outbound_limit: number };
  persist_message_status: { enabled: boolean };
  message_search: { enabled: boolean };
}

export interface ChannelIdentity {
  channel: Channel;
  identity: string;
  app_id: string;
}

export interface Contact {
  id: string;
  channel_identities: ChannelIdentity[];
  channel_priority: Channel[];
  display_name: string;
  email: string;
  external_id: string;
  metadata: string;
  language: string;
}

export interface Conversation {
  id: string;
  app_id: string;
  contact_id: string;
  active: boolean;
  active_channel: Channel | 'CHANNEL_UNSPECIFIED';
  last_received: string;
  metadata: string;
  metadata_json: JsonObject;
  correlation_id: string;
}

export interface MessageStatus {
  status: string;
  event_time: string;
  reason?: JsonObject;
}

export interface ConversationMessage {
  id: string;
  direction: Direction;
  conversation_id: string;
  contact_id: string;
  channel_identity: ChannelIdentity;
  accept_time: string;
  metadata: string;
  injected: boolean;
  sender_id: string;
  processing_mode: ProcessingMode;
  app_message?: JsonObject;
  contact_message?: JsonObject;
  message_status?: MessageStatus;
}

export interface ConversationEvent {
  id: string;
  direction: Direction;
  channel_identity: ChannelIdentity;
  processing_mode: ProcessingMode;
  conversation_id: string;
  contact_id: string;
  accept_time: string;
  app_event?: JsonObject;
  contact_event?: JsonObject;
  contact_message_event?: JsonObject;
}

export interface Webhook {
  id: string;
  app_id: string;
  target: string;
  target_type: 'HTTP' | 'DISMISS';
  secret: string;
  triggers: Trigger[];
  client_credentials?: JsonObject;
}

export interface TemplateV2 extends JsonObject {
  id: string;
  version: number;
  translations: JsonObject[];
}

export interface TemplateV1 extends JsonObject {
  id: string;
}

export interface ConsentAuditRecord {
  origin: 'ORIGIN_API' | 'ORIGIN_MO';
  operation: 'OPERATION_INSERT' | 'OPERATION_UPDATE' | 'OPERATION_DELETE';
  list_type: ConsentListType;
  project_id: string;
  app_id: string;
  datetime: string;
}

export interface ProjectSettings {
  contact_settings: { unified_contact_id_enabled: boolean };
}
