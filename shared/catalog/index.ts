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
import { BUILTIN_RUN_STEPS, expandRunOrder } from './runOrder';
import { BUILTIN_VARIABLES } from './variables';
import { flattenRequests } from '../model/collection';

export { BODY_SCHEMAS, type JsonSchema } from './schemas/index';
export { BUILTIN_VARIABLES, type BuiltinVariable } from './variables';
export { BUILTIN_RUN_STEPS, expandRunOrder, type RunStep } from './runOrder';

export const BUILTIN_COLLECTION_ID = 'builtin-sinch-conversation';

export const BUILTIN_COLLECTION: CollectionTree = {
  id: BUILTIN_COLLECTION_ID,
  name: 'Sinch Conversation API',
  description:
    'Every Conversation API operation, ready to send. Start with Apps › Create app, then Contacts › Create contact: ids are captured into variables for the requests that follow. Run as a whole (sinch-explorer run builtin), it goes in its run order: creates first, deletes last. Read-only: duplicate it to keep your own variants.',
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

/**
 * The catalog's example values as collection-scope defaults, so its requests send as they are
 * (the environment overrides any of them). Ids that requests capture are left out on purpose: an
 * example id would hide "create it first" behind a 404.
 */
const capturedNames = new Set(flattenRequests(BUILTIN_COLLECTION.items).flatMap(({ request }) => request.captures.map((c) => c.variable)));
BUILTIN_COLLECTION.variables = BUILTIN_VARIABLES.filter((v) => !capturedNames.has(v.key)).map((v) => ({ key: v.key, value: v.value, enabled: true }));

/**
 * Request ids of BUILTIN_COLLECTION in the order a whole run succeeds (see ./runOrder.ts): pass it
 * as the runner's `order`. Every request appears exactly once.
 */
export const BUILTIN_RUN_ORDER: readonly string[] = expandRunOrder(
  BUILTIN_RUN_STEPS,
  flattenRequests(BUILTIN_COLLECTION.items).map((r) => r.request),
);
