/** Enum values exactly as the Conversation API spells them (reference §8, §9, §11.2). */

export const CHANNELS = [
  'WHATSAPP', 'RCS', 'SMS', 'MESSENGER', 'VIBERBM', 'MMS', 'INSTAGRAM', 'TELEGRAM',
  'KAKAOTALK', 'KAKAOTALKCHAT', 'LINE', 'WECHAT', 'APPLEBC', 'VIBER',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels whose identities are scoped to one app (PSIDs and the like), so need `app_id`. */
export const APP_SCOPED_CHANNELS: readonly Channel[] = ['MESSENGER', 'INSTAGRAM', 'LINE', 'WECHAT', 'VIBER'];

export const CREDENTIAL_KEYS: Record<Channel, readonly string[]> = {
  SMS: ['static_bearer'],
  WHATSAPP: ['static_bearer'],
  RCS: ['static_bearer'],
  VIBERBM: ['static_bearer'],
  MESSENGER: ['static_token'],
  VIBER: ['static_token'],
  MMS: ['mms_credentials'],
  INSTAGRAM: ['instagram_credentials'],
  TELEGRAM: ['telegram_credentials'],
  KAKAOTALK: ['kakaotalk_credentials'],
  KAKAOTALKCHAT: ['kakaotalkchat_credentials'],
  LINE: ['line_credentials', 'line_enterprise_credentials'],
  WECHAT: ['wechat_credentials'],
  APPLEBC: ['applebc_credentials'],
};

export const TRIGGERS = [
  'MESSAGE_INBOUND', 'MESSAGE_DELIVERY', 'MESSAGE_SUBMIT', 'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION',
  'EVENT_INBOUND', 'EVENT_DELIVERY', 'CONVERSATION_START', 'CONVERSATION_STOP', 'CONVERSATION_DELETE',
  'CONTACT_CREATE', 'CONTACT_UPDATE', 'CONTACT_DELETE', 'CONTACT_MERGE', 'CONTACT_IDENTITIES_DUPLICATION',
  'CAPABILITY', 'OPT_IN', 'OPT_OUT', 'CHANNEL_EVENT', 'SMART_CONVERSATION', 'RECORD_NOTIFICATION', 'UNSUPPORTED',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

/** Payload key of each trigger in a callback body (reference §11.2). */
export const TRIGGER_PAYLOAD_KEY: Record<Trigger, string> = {
  MESSAGE_INBOUND: 'message',
  MESSAGE_DELIVERY: 'message_delivery_report',
  MESSAGE_SUBMIT: 'message_submit_notification',
  MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION: 'message_redaction',
  EVENT_INBOUND: 'event',
  EVENT_DELIVERY: 'event_delivery_report',
  CONVERSATION_START: 'conversation_start_notification',
  CONVERSATION_STOP: 'conversation_stop_notification',
  CONVERSATION_DELETE: 'conversation_delete_notification',
  CONTACT_CREATE: 'contact_create_notification',
  CONTACT_UPDATE: 'contact_update_notification',
  CONTACT_DELETE: 'contact_delete_notification',
  CONTACT_MERGE: 'contact_merge_notification',
  CONTACT_IDENTITIES_DUPLICATION: 'duplicated_contact_identities_notification',
  CAPABILITY: 'capability_notification',
  OPT_IN: 'opt_in_notification',
  OPT_OUT: 'opt_out_notification',
  CHANNEL_EVENT: 'channel_event_notification',
  SMART_CONVERSATION: 'smart_conversation_notification',
  RECORD_NOTIFICATION: 'record_notification',
  UNSUPPORTED: 'unsupported_callback',
};

export const PROCESSING_MODES = ['CONVERSATION', 'DISPATCH'] as const;
export type ProcessingMode = (typeof PROCESSING_MODES)[number];
export const PROCESSING_STRATEGIES = ['DEFAULT', 'DISPATCH_ONLY'] as const;
export const MESSAGE_QUEUES = ['NORMAL_PRIORITY', 'HIGH_PRIORITY'] as const;
export const DIRECTIONS = ['TO_APP', 'TO_CONTACT'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const MESSAGE_SOURCES = ['CONVERSATION_SOURCE', 'DISPATCH_SOURCE'] as const;
export const MESSAGE_VIEWS = ['WITH_METADATA', 'WITHOUT_METADATA'] as const;
export const METADATA_UPDATE_STRATEGIES = ['REPLACE', 'MERGE_PATCH'] as const;
export const METADATA_REPORT_VIEWS = ['NONE', 'FULL'] as const;
export const RETENTION_TYPES = ['MESSAGE_EXPIRE_POLICY', 'CONVERSATION_EXPIRE_POLICY', 'PERSIST_RETENTION_POLICY'] as const;
export const WEBHOOK_TARGET_TYPES = ['HTTP', 'DISMISS'] as const;
export const TOKEN_REQUEST_TYPES = ['BASIC', 'FORM'] as const;
export const MESSAGE_CONTENT_TYPES = ['CONTENT_UNKNOWN', 'CONTENT_MARKETING', 'CONTENT_NOTIFICATION'] as const;
export const CONSENT_LIST_TYPES = ['OPT_OUT_ALL', 'OPT_OUT_MARKETING', 'OPT_OUT_NOTIFICATION'] as const;
export type ConsentListType = (typeof CONSENT_LIST_TYPES)[number];
export const ORDERS = ['ASC', 'DESC'] as const;
export const AGENT_TYPES = ['UNKNOWN_AGENT_TYPE', 'HUMAN', 'BOT'] as const;
export const CARD_HEIGHTS = ['UNSPECIFIED_HEIGHT', 'SHORT', 'MEDIUM', 'TALL'] as const;
export const PROFILE_CHANNELS: readonly Channel[] = ['MESSENGER', 'INSTAGRAM', 'VIBER', 'LINE'];
export const TEMPLATE_V1_CHANNELS = [
  'UNSPECIFIED', 'CONVERSATION', 'MESSENGER', 'WHATSAPP', 'RCS', 'SMS', 'VIBERBM', 'TELEGRAM', 'INSTAGRAM', 'KAKAOTALK', 'APPLEBC',
] as const;

export const CONTACT_LANGUAGES = (
  'AF SQ AR AZ BN BG CA ZH ZH_CN ZH_HK ZH_TW HR CS DA NL EN EN_GB EN_US ET FIL FI FR DE EL GU HA HE HI HU ID GA IT JA KN KK ' +
  'KO LO LV LT MK MS ML MR NB FA PL PT PT_BR PT_PT PA RO RU SR SK SL ES ES_AR ES_ES ES_MX SW SV TA TE TH TR UK UR UZ VI ZU UNSPECIFIED'
).split(' ');

export const APP_MESSAGE_CONTENT_KEYS = [
  'text_message', 'media_message', 'choice_message', 'card_message', 'carousel_message', 'location_message',
  'list_message', 'template_message', 'contact_info_message',
] as const;

export const APP_EVENT_KEYS = [
  'composing_event', 'composing_end_event', 'comment_reply_event', 'agent_joined_event', 'agent_left_event', 'generic_event',
] as const;

export const CONTACT_MESSAGE_KEYS = [
  'text_message', 'media_message', 'location_message', 'choice_response_message', 'media_card_message',
  'fallback_message', 'product_response_message', 'channel_specific_message',
] as const;
