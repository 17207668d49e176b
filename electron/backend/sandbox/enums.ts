/** Enum values exactly as the Conversation API spells them (reference §8, §9, §11.2). */

import {
  CHANNELS,
  CONSENT_LIST_TYPES,
  CONTACT_LANGUAGES,
  DIRECTIONS,
  PROCESSING_MODES,
  TRIGGERS,
  type Channel,
  type ConsentListType,
  type Direction,
  type ProcessingMode,
  type Trigger,
} from '../../../shared/apiEnums';
import {
  APP_EVENT_KEYS,
  APP_MESSAGE_CONTENT_KEYS,
  CHANNEL_SPECIFIC_TYPES,
  CHOICE_KEYS,
  CONTACT_MESSAGE_KEYS,
  type AppEventKey,
  type AppMessageContentKey,
  type ChannelSpecificMessageType,
  type ChoiceKey,
  type ContactMessageKey,
} from '../../../shared/catalog/messageTypes';

// The enumerations the resource shapes (shared/conversation/) are typed by live beside CHANNELS.
export { CHANNELS, CONSENT_LIST_TYPES, CONTACT_LANGUAGES, DIRECTIONS, PROCESSING_MODES, TRIGGERS };
export type { Channel, ConsentListType, Direction, ProcessingMode, Trigger };
// Message types come from the one table in shared/catalog/messageTypes.ts; services/appMessage.ts
// keys a validator by each of these key types.
export { APP_EVENT_KEYS, APP_MESSAGE_CONTENT_KEYS, CHANNEL_SPECIFIC_TYPES, CHOICE_KEYS, CONTACT_MESSAGE_KEYS };
export type { AppEventKey, AppMessageContentKey, ChannelSpecificMessageType, ChoiceKey, ContactMessageKey };

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

export const PROCESSING_STRATEGIES = ['DEFAULT', 'DISPATCH_ONLY'] as const;
export const MESSAGE_QUEUES = ['NORMAL_PRIORITY', 'HIGH_PRIORITY'] as const;
export const MESSAGE_SOURCES = ['CONVERSATION_SOURCE', 'DISPATCH_SOURCE'] as const;
export const MESSAGE_VIEWS = ['WITH_METADATA', 'WITHOUT_METADATA'] as const;
export const METADATA_UPDATE_STRATEGIES = ['REPLACE', 'MERGE_PATCH'] as const;
export const METADATA_REPORT_VIEWS = ['NONE', 'FULL'] as const;
export const RETENTION_TYPES = ['MESSAGE_EXPIRE_POLICY', 'CONVERSATION_EXPIRE_POLICY', 'PERSIST_RETENTION_POLICY'] as const;
export const WEBHOOK_TARGET_TYPES = ['HTTP', 'DISMISS'] as const;
export const TOKEN_REQUEST_TYPES = ['BASIC', 'FORM'] as const;
export const MESSAGE_CONTENT_TYPES = ['CONTENT_UNKNOWN', 'CONTENT_MARKETING', 'CONTENT_NOTIFICATION'] as const;
export const ORDERS = ['ASC', 'DESC'] as const;
export const AGENT_TYPES = ['UNKNOWN_AGENT_TYPE', 'HUMAN', 'BOT'] as const;
export const CARD_HEIGHTS = ['UNSPECIFIED_HEIGHT', 'SHORT', 'MEDIUM', 'TALL'] as const;
export const PROFILE_CHANNELS: readonly Channel[] = ['MESSENGER', 'INSTAGRAM', 'VIBER', 'LINE'];
export const TEMPLATE_V1_CHANNELS = [
  'UNSPECIFIED',
  'CONVERSATION',
  'MESSENGER',
  'WHATSAPP',
  'RCS',
  'SMS',
  'VIBERBM',
  'TELEGRAM',
  'INSTAGRAM',
  'KAKAOTALK',
  'APPLEBC',
] as const;
