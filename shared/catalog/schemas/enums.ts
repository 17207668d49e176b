/** Enum values exactly as the Conversation API spells them (reference §8, §9, §11.2). */
import { CHANNELS, CONTACT_LANGUAGES, TRIGGERS } from '../../apiEnums';
import { enumOf, type JsonSchema } from './types';

// Message content keys, choice kinds and channel-specific types are not here: they come from the
// one table of message types, shared/catalog/messageTypes.ts.
export { CHANNELS, CONTACT_LANGUAGES, TRIGGERS };

export const channel: JsonSchema = enumOf('A Conversation API channel (§8).', CHANNELS);
export const trigger: JsonSchema = enumOf('A webhook trigger (§11.2): which callbacks this webhook receives.', TRIGGERS);
export const contactLanguage: JsonSchema = enumOf('Contact language (ContactLanguage enum).', CONTACT_LANGUAGES);
export const processingMode: JsonSchema = enumOf(
  'CONVERSATION keeps contacts and conversations; DISPATCH only sends and reports (no contacts, no conversations).',
  ['CONVERSATION', 'DISPATCH'],
);
export const processingStrategy: JsonSchema = enumOf("DEFAULT uses the app's processing mode; DISPATCH_ONLY sends this one request in DISPATCH mode.", [
  'DEFAULT',
  'DISPATCH_ONLY',
]);
export const queue: JsonSchema = enumOf('Outbound queue priority.', ['NORMAL_PRIORITY', 'HIGH_PRIORITY']);
export const direction: JsonSchema = enumOf('TO_APP: sent by the contact; TO_CONTACT: sent by the app.', ['TO_APP', 'TO_CONTACT']);
export const messagesSource: JsonSchema = enumOf('CONVERSATION_SOURCE: messages of CONVERSATION-mode apps; DISPATCH_SOURCE: messages of DISPATCH-mode apps.', [
  'CONVERSATION_SOURCE',
  'DISPATCH_SOURCE',
]);
export const messagesView: JsonSchema = enumOf('Whether message metadata is included.', ['WITH_METADATA', 'WITHOUT_METADATA']);
export const metadataUpdateStrategy: JsonSchema = enumOf(
  'REPLACE overwrites the conversation metadata; MERGE_PATCH merges it as an RFC 7396 JSON merge patch.',
  ['REPLACE', 'MERGE_PATCH'],
);
export const agentType: JsonSchema = enumOf('Who the agent is.', ['UNKNOWN_AGENT_TYPE', 'HUMAN', 'BOT']);
export const messageContentType: JsonSchema = enumOf(
  'Consent category: CONTENT_MARKETING checks the marketing opt-out list, CONTENT_NOTIFICATION the notification list, unset/CONTENT_UNKNOWN the OPT_OUT_ALL list.',
  ['CONTENT_UNKNOWN', 'CONTENT_MARKETING', 'CONTENT_NOTIFICATION'],
);
