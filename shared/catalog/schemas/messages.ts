/**
 * The schemas that hold one message of any type (AppMessage, ContactMessage, AppEvent), built
 * from the table of message types so their "exactly one of" lists cannot drift from it.
 */
import { APP_EVENT_TYPES, APP_MESSAGE_TYPES, CHANNEL_SPECIFIC_MESSAGE_TYPES, CONTACT_MESSAGE_TYPES, type AppMessageContentKey } from '../messageTypes';
import { appEventSchema, appMessageSchema, channelSpecificMessageSchema, contactMessageSchema } from './content';
import type { JsonSchema } from './types';

/** Content key → schema of every app message content type. */
export const CONTENT_SCHEMAS = Object.fromEntries(APP_MESSAGE_TYPES.map((t) => [t.key, t.schema])) as Record<AppMessageContentKey, JsonSchema>;

export const channelSpecificMessage: JsonSchema = channelSpecificMessageSchema(CHANNEL_SPECIFIC_MESSAGE_TYPES);

/** AppMessage (§5.2): exactly one content field plus optional extras. */
export const appMessage: JsonSchema = appMessageSchema(APP_MESSAGE_TYPES, channelSpecificMessage);

/** ContactMessage (§6): what a contact sends; used by inject-message. */
export const contactMessage: JsonSchema = contactMessageSchema(CONTACT_MESSAGE_TYPES);

/** AppEvent (§7.1): exactly one event. */
export const appEvent: JsonSchema = appEventSchema(APP_EVENT_TYPES);
