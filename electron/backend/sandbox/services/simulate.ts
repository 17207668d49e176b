import type { App, ChannelIdentity, Contact, ConversationEvent, ConversationMessage, JsonObject } from '../../../../shared/conversation/resources';
import { inboundEvent, inboundMessage } from '../../../../shared/conversation/callbacks';
import { nowIso, type SandboxContext } from '../context';
import { CHANNELS, CONSENT_LIST_TYPES, type Channel } from '../enums';
import { ApiError } from '../errors';
import { ulid } from '../../conversation/ulid';
import { Fields, isObject } from '../validate';
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

/** A choice's label as a user sees it: the quick reply's text, or the title of a URL, call, location… choice. */
function choiceLabel(choice: JsonObject): string {
  for (const [key, value] of Object.entries(choice)) {
    if (key === 'postback_data' || !isObject(value)) continue;
    const label = value['text'] ?? value['title'];
    if (typeof label === 'string') return label;
  }
  const title = choice['title'];
  return typeof title === 'string' ? title : '';
}

/** The first option of a choice, card, carousel or list message, as the user would tap it. */
function firstOption(appMessage: JsonObject): { label: string; postbackData?: string } | undefined {
  const choicesOf = (container: unknown): JsonObject[] => {
    const list = isObject(container) ? container['choices'] : undefined;
    return Array.isArray(list) ? list.filter(isObject) : [];
  };
  const candidates: JsonObject[] = [...choicesOf(appMessage['choice_message']), ...choicesOf(appMessage['card_message'])];
  const carousel = appMessage['carousel_message'];
  if (isObject(carousel)) {
    const cards = Array.isArray(carousel['cards']) ? carousel['cards'] : [];
    for (const card of cards) candidates.push(...choicesOf(card));
    candidates.push(...choicesOf(carousel));
  }
  const list = appMessage['list_message'];
  if (isObject(list) && Array.isArray(list['sections'])) {
    for (const section of list['sections']) {
      const items = isObject(section) && Array.isArray(section['items']) ? section['items'] : [];
      for (const item of items) if (isObject(item) && isObject(item['choice'])) candidates.push(item['choice']);
    }
  }
  const first = candidates[0];
  if (!first) return undefined;
  const postbackData = first['postback_data'];
  return { label: choiceLabel(first), ...(typeof postbackData === 'string' && postbackData !== '' ? { postbackData } : {}) };
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
    const usable = contact.channel_identities.filter((ci) => appChannels(app).includes(ci.channel) && (ci.app_id === '' || ci.app_id === app.id));
    const active = store.activeConversation(app.id, contact.id)?.active_channel;
    const pick = channel ?? usable.find((ci) => ci.channel === active)?.channel ?? usable[0]?.channel;
    const found = usable.find((ci) => ci.channel === pick);
    if (!found)
      throw ApiError.invalid(`contactId: contact ${contact.id} has no identity on a channel of app ${app.id}${channel ? ` for ${channel}` : ''}`, 'contactId');
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
      const typed = f.str('postbackData') ?? '';
      const choiceMessage = replyTo
        ? store.messages.get(replyTo)
        : store.messages
            .withIdentity(from.identity)
            .reverse()
            .find(
              (m) =>
                m.appId === app.id &&
                m.message.direction === 'TO_CONTACT' &&
                m.message.channel_identity.identity === from.identity &&
                CHOICE_CONTENT.some((k) => m.message.app_message?.[k] !== undefined),
            );
      const answered = replyTo ?? choiceMessage?.message.id ?? '';
      let postbackData = typed;
      if (postbackData === '') {
        // Empty answers the last choice message as a user tapping its first option would.
        const option = choiceMessage ? firstOption(choiceMessage.message.app_message ?? {}) : undefined;
        if (!choiceMessage || !option) {
          throw ApiError.invalid(
            `postbackData: no choice message was sent to ${from.identity} from app ${app.id}${replyTo ? ` (message ${replyTo} has no choices)` : ''}, so there is no choice to answer. Send a choice_message first, or type the postback data.`,
            'postbackData',
          );
        }
        postbackData = option.postbackData ?? `${choiceMessage.message.id}_${option.label}`;
      }
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
