import { REQUEST_SCHEMAS } from './requests';
import type { JsonSchema } from './types';

export type { JsonSchema } from './types';
export * as SCHEMA_PARTS from './content';
export { CHANNELS, TRIGGERS, CONTACT_LANGUAGES } from './enums';
export { APP_MESSAGE_CONTENT_KEYS, CHOICE_KEYS, APP_EVENT_KEYS, CHANNEL_SPECIFIC_TYPES } from '../messageTypes';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/**
 * JSON Schema (draft-07) of every request body, by id. Each is self-contained (shared parts are
 * inlined objects, no $ref), so Monaco and ajv can take one without the others.
 */
export const BODY_SCHEMAS: Record<string, JsonSchema> = Object.fromEntries(
  Object.entries(REQUEST_SCHEMAS).map(([id, schema]) => [id, { $schema: DRAFT_07, $id: `urn:sinch-conversation-explorer:schema:${id}`, title: id, ...schema }]),
);
