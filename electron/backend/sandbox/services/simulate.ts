import { inboundEvent, inboundMessage } from '../callbacks/payloads';
import { nowIso, type SandboxContext } from '../context';
import { CHANNELS, CONSENT_LIST_TYPES, type Channel } from '../enums';
import { ApiError } from '../errors';
import type { App, ChannelIdentity, Contact, ConversationEvent, ConversationMessage } from '../models';
import { ulid } from '../ulid';
import { Fields, isObject, type JsonObject } from '../validate';
import { appChannels, assertChannelOnApp } from './apps';
import { recordConsent } from './consents';
import { ensureActiveConversation, ensureContact, touchConversation } from './conversationFlow';
import { requireApp, requireContact } from './lookups';

export const INBOUND_KINDS = ['text', 'media', 'location', 'postback', 'composing', 'composing_end'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

export interface SimulateInboundInput {
  appId: string;
  /** Who sends; alternatively give channel + identity (a new contact is created in CONVERSATION mode). */
  contactId?: string;
  channel?: string;
  identity?: string;
  kind: InboundKind;
  text?: string;
  /** For 'postback': the choice's postback_data. */
  postbackData?: string;
  /** For 'postback' (the choice message answered) or any kind (reply_to). Defaults to the last choice sent. */
  replyToMessageId?: string;
  /** For 'media'. */
  mediaUrl?: string;
}

export interface SimulateInboundResult {
  messageId?: string;
  eventId?: string;
}

const OPT_OUT_WORDS = ['STOP', 'UNSUBSCRIBE', 'STOPALL'];
const CHOICE_CONTENT = ['choice_message', 'card_message', 'carousel_message', 'list_message'];

function claimedIdentity(app: App, channel: Channel): string {
  const cred = app.channel_credentials.find((c) => c['channel'] === channel);
  const bearer = cred?.['static_bearer'];
  return isObject(bearer) && typeof bearer['claimed_identity'] === 'string' ? bearer['claimed_identity'] : '';
}

/** Makes a contact "send" something to an app, with the callbacks the real API would make. */
export function simulateInbound(ctx: SandboxContext, raw: unknown): SimulateInboundResult {
  const store = ctx.store();
  const f = Fields.body(raw);
  const app = requireApp(store, f.str('appId', { required: true }) ?? '');
  const kind = f.enumOf('kind', INBOUND_KINDS, { required: true }) as InboundKind;
  let channel = f.enumOf('channel', CHANNELS);
  let contact: Contact | undefined;
  let from: ChannelIdentity;
  const contactId = f.str('contactId');
  if (contactId) {
    contact = requireContact(store, contactId);
    const usable = contact.channel_identities.filter(
      (ci) => appChannels(app).includes(ci.channel) && (ci.app_id === '' || ci.app_id === app.id),
    );
    const active = store.activeConversation(app.id, contact.id)?.active_channel;
    const pick = channel ?? usable.find((ci) => ci.channel === active)?.channel ?? usable[0]?.channel;
    const found = usable.find((ci) => ci.channel === pick);
    if (!found) throw ApiError.invalid(`contactId: contact ${contact.id} has no identity on a channel of app ${app.id}${channel ? ` for ${channel}` : ''}`, 'contactId');
    from = { ...found };
    channel = found.channel;
  } else {
    channel = f.enumReq('channel', CHANNELS);
    from = { channel, identity: f.str('identity', { required: true }) ?? '', app_id: '' };
  }
  assertChannelOnApp(app, channel, 'channel');
  const conversationMode = app.processing_mode === 'CONVERSATION';
  if (conversationMode && !contact) contact = ensureContact(ctx, app, [from]);
  const conversation = conversationMode && contact ? ensureActiveConversation(ctx, app, contact, channel) : undefined;
  if (conversation) touchConversation(ctx, conversation.id);
  const envelope = {
    correlationId: conversation?.correlation_id ?? '',
    messageMetadata: conversation && Object.keys(conversation.metadata_json).length > 0 ? JSON.stringify(conversation.metadata_json) : '',
  };
  const acceptTime = nowIso();
  const base = {
    id: ulid(),
    direction: 'TO_APP' as const,
    channel_identity: from,
    conversation_id: conversation?.id ?? '',
    contact_id: contact?.id ?? '',
    accept_time: acceptTime,
    processing_mode: app.processing_mode,
  };

  if (kind === 'composing' || kind === 'composing_end') {
    const event: ConversationEvent = { ...base, contact_event: { [kind === 'composing' ? 'composing_event' : 'composing_end_event']: {} } };
    store.events.set(event.id, { appId: app.id, event });
    ctx.notifier.emit(app.id, 'EVENT_INBOUND', inboundEvent(event), envelope);
    return { eventId: event.id };
  }

  const replyTo = f.str('replyToMessageId');
  let content: JsonObject;
  switch (kind) {
    case 'text': {
      const text = f.str('text', { required: true }) ?? '';
      content = { text_message: { text } };
      if (OPT_OUT_WORDS.includes(text.trim().toUpperCase())) {
        recordConsent(store, app.id, from.identity, CONSENT_LIST_TYPES[0], 'insert', 'ORIGIN_MO');
      }
      break;
    }
    case 'media':
      content = { media_message: { url: f.str('mediaUrl') || 'https://example.com/sandbox/image.jpg' } };
      break;
    case 'location':
      content = { location_message: { coordinates: { latitude: 59.3293, longitude: 18.0686 }, title: f.str('text') || 'Shared location', label: '' } };
      break;
    case 'postback': {
      const postbackData = f.str('postbackData', { required: true }) ?? '';
      const answered =
        replyTo ??
        [...store.messages.values()]
          .reverse()
          .find(
            (m) =>
              m.appId === app.id &&
              m.message.direction === 'TO_CONTACT' &&
              m.message.channel_identity.identity === from.identity &&
              CHOICE_CONTENT.some((k) => m.message.app_message?.[k] !== undefined),
          )?.message.id ??
        '';
      content = { choice_response_message: { message_id: answered, postback_data: postbackData } };
      break;
    }
  }
  if (replyTo && kind !== 'postback') content = { ...content, reply_to: { message_id: replyTo } };
  const message: ConversationMessage = {
    ...base,
    metadata: '',
    injected: false,
    sender_id: claimedIdentity(app, channel),
    contact_message: content,
  };
  store.messages.set(message.id, { appId: app.id, correlationId: envelope.correlationId, message });
  ctx.notifier.emit(app.id, 'MESSAGE_INBOUND', inboundMessage(message), envelope);
  return { messageId: message.id };
}
