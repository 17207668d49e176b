/**
 * The Conversation API's enumerations that more than one part of the app needs (reference §5, §9,
 * §10, §11.2): the sandbox validates with them, the catalog's JSON Schemas offer them, the webhook
 * inspector classifies by them, the resource shapes of shared/conversation/ are typed by them. One
 * list each, here.
 */

export const CHANNELS = [
  'WHATSAPP',
  'RCS',
  'SMS',
  'MESSENGER',
  'VIBERBM',
  'MMS',
  'INSTAGRAM',
  'TELEGRAM',
  'KAKAOTALK',
  'KAKAOTALKCHAT',
  'LINE',
  'WECHAT',
  'APPLEBC',
  'VIBER',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const TRIGGERS = [
  'MESSAGE_INBOUND',
  'MESSAGE_DELIVERY',
  'MESSAGE_SUBMIT',
  'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION',
  'EVENT_INBOUND',
  'EVENT_DELIVERY',
  'CONVERSATION_START',
  'CONVERSATION_STOP',
  'CONVERSATION_DELETE',
  'CONTACT_CREATE',
  'CONTACT_UPDATE',
  'CONTACT_DELETE',
  'CONTACT_MERGE',
  'CONTACT_IDENTITIES_DUPLICATION',
  'CAPABILITY',
  'OPT_IN',
  'OPT_OUT',
  'CHANNEL_EVENT',
  'SMART_CONVERSATION',
  'RECORD_NOTIFICATION',
  'UNSUPPORTED',
] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const PROCESSING_MODES = ['CONVERSATION', 'DISPATCH'] as const;
export type ProcessingMode = (typeof PROCESSING_MODES)[number];
export const DIRECTIONS = ['TO_APP', 'TO_CONTACT'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const CONSENT_LIST_TYPES = ['OPT_OUT_ALL', 'OPT_OUT_MARKETING', 'OPT_OUT_NOTIFICATION'] as const;
export type ConsentListType = (typeof CONSENT_LIST_TYPES)[number];

export const CONTACT_LANGUAGES = (
  'AF SQ AR AZ BN BG CA ZH ZH_CN ZH_HK ZH_TW HR CS DA NL EN EN_GB EN_US ET FIL FI FR DE EL GU HA HE HI HU ID GA IT JA KN KK ' +
  'KO LO LV LT MK MS ML MR NB FA PL PT PT_BR PT_PT PA RO RU SR SK SL ES ES_AR ES_ES ES_MX SW SV TA TE TH TR UK UR UZ VI ZU UNSPECIFIED'
).split(' ');

// Message content keys, contact message keys and app event keys live in one table with their
// schemas, catalog examples and labels: shared/catalog/messageTypes.ts.
