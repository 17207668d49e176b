/**
 * The built-in "Sinch Conversation API" collection: a ready request for every operation of the
 * Conversation and Template Management APIs (reference §4), one send per message type and
 * channel-specific payload (§5), one per app event (§7.1), each with a JSON Schema for its body.
 * Pure data: it loads in the page and in Node alike.
 */
import type { CollectionTree } from '../model/collection';
import { appsFolder } from './folders/apps';
import { capabilityFolder } from './folders/capability';
import { consentsFolder } from './folders/consents';
import { contactsFolder } from './folders/contacts';
import { conversationsFolder } from './folders/conversations';
import { eventsFolder } from './folders/events';
import { messagesFolder } from './folders/messages';
import { settingsFolder } from './folders/settings';
import { templatesV1Folder, templatesV2Folder } from './folders/templates';
import { transcodingFolder } from './folders/transcoding';
import { webhooksFolder } from './folders/webhooks';

export { BODY_SCHEMAS, type JsonSchema } from './schemas/index';
export { BUILTIN_VARIABLES, type BuiltinVariable } from './variables';

export const BUILTIN_COLLECTION_ID = 'builtin-sinch-conversation';

export const BUILTIN_COLLECTION: CollectionTree = {
  id: BUILTIN_COLLECTION_ID,
  name: 'Sinch Conversation API',
  description:
    'Every Conversation API operation, ready to send. Start with Apps › Create app, then Contacts › Create contact: ids are captured into variables for the requests that follow. Read-only: duplicate it to keep your own variants.',
  variables: [],
  readOnly: true,
  items: [
    appsFolder,
    contactsFolder,
    conversationsFolder,
    messagesFolder,
    eventsFolder,
    webhooksFolder,
    transcodingFolder,
    capabilityFolder,
    templatesV2Folder,
    templatesV1Folder,
    consentsFolder,
    settingsFolder,
  ],
};
