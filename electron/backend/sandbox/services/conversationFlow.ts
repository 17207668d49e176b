import type { App, ChannelIdentity, Contact, Conversation, JsonObject } from '../../../../shared/conversation/resources';
import { contactNotification, conversationNotification } from '../../../../shared/conversation/callbacks';
import { nowIso, type SandboxContext } from '../context';
import type { Channel } from '../enums';
import { ulid } from '../../conversation/ulid';

/**
 * In CONVERSATION mode the API keeps contacts and conversations for you: a message to (or from)
 * an unknown identity creates a contact, and the first message opens an active conversation.
 */
export function ensureContact(ctx: SandboxContext, app: App, identities: ChannelIdentity[]): Contact {
  const store = ctx.store();
  for (const ci of identities) {
    const existing = store.findContactByIdentity(ci.channel, ci.identity, app.id);
    if (existing) return existing;
  }
  const contact: Contact = {
    id: ulid(),
    channel_identities: identities.map((ci) => ({ ...ci })),
    channel_priority: [],
    display_name: 'Unknown',
    email: '',
    external_id: '',
    metadata: '',
    language: 'UNSPECIFIED',
  };
  store.contacts.set(contact.id, contact);
  ctx.notifier.emitToAllApps('CONTACT_CREATE', contactNotification(contact));
  return contact;
}

export function ensureActiveConversation(
  ctx: SandboxContext,
  app: App,
  contact: Contact,
  channel: Channel,
  extras: { correlationId?: string; metadataJson?: JsonObject; metadataStrategy?: 'REPLACE' | 'MERGE_PATCH' } = {},
): Conversation {
  const store = ctx.store();
  let conversation = store.activeConversation(app.id, contact.id);
  if (!conversation) {
    conversation = {
      id: ulid(),
      app_id: app.id,
      contact_id: contact.id,
      active: true,
      active_channel: channel,
      last_received: '1970-01-01T00:00:00Z',
      metadata: '',
      metadata_json: {},
      correlation_id: '',
    };
    store.conversations.set(conversation.id, conversation);
    ctx.notifier.emit(app.id, 'CONVERSATION_START', conversationNotification(conversation));
  }
  if (extras.correlationId) conversation.correlation_id = extras.correlationId;
  if (extras.metadataJson) {
    conversation.metadata_json = extras.metadataStrategy === 'MERGE_PATCH' ? mergePatch(conversation.metadata_json, extras.metadataJson) : extras.metadataJson;
  }
  return conversation;
}

/** RFC 7396 JSON merge patch: null deletes, objects merge, anything else replaces. */
export function mergePatch(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (typeof value === 'object' && !Array.isArray(value) && typeof out[key] === 'object' && out[key] !== null && !Array.isArray(out[key])) {
      out[key] = mergePatch(out[key] as JsonObject, value as JsonObject);
    } else out[key] = value;
  }
  return out;
}

export function touchConversation(ctx: SandboxContext, conversationId: string): void {
  const conversation = ctx.store().conversations.get(conversationId);
  if (conversation) conversation.last_received = nowIso();
}
