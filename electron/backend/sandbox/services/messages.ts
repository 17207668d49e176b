import type { App, ConversationMessage, JsonObject } from '../../../../shared/conversation/resources';
import { resolveChannelOrder } from '../channels';
import { nowIso, PROJECT_PATH, type SandboxContext } from '../context';
import {
  CHANNELS,
  DIRECTIONS,
  MESSAGE_CONTENT_TYPES,
  MESSAGE_QUEUES,
  MESSAGE_SOURCES,
  MESSAGE_VIEWS,
  METADATA_UPDATE_STRATEGIES,
  PROCESSING_STRATEGIES,
  type Channel,
  type ConsentListType,
} from '../enums';
import { ApiError } from '../errors';
import type { Query, Router } from '../http/router';
import { runOutboundLifecycle } from '../lifecycle';
import type { StoredMessage } from '../stored';
import { paginate, paginateLazily, readPageSize } from '../paging';
import { ulid } from '../../conversation/ulid';
import { checkEnum, Fields, parseDuration, parseTimestamp } from '../validate';
import { appChannels, assertChannelOnApp } from './apps';
import { plainText, validateAppMessage } from './appMessage';
import { ensureActiveConversation, ensureContact } from './conversationFlow';
import { requireApp } from './lookups';
import { readRecipient } from './recipient';

type MessagesSource = (typeof MESSAGE_SOURCES)[number];

function sourceOf(stored: StoredMessage): MessagesSource {
  return stored.message.processing_mode === 'DISPATCH' ? 'DISPATCH_SOURCE' : 'CONVERSATION_SOURCE';
}

function readSource(query: Query, fallback: MessagesSource = 'CONVERSATION_SOURCE'): MessagesSource {
  const raw = query.get('messages_source');
  return raw === undefined ? fallback : checkEnum(raw, MESSAGE_SOURCES, 'messages_source');
}

function view(message: ConversationMessage, withMetadata: boolean): ConversationMessage {
  return withMetadata ? message : { ...message, metadata: '' };
}

export function validateCallbackUrl(f: Fields, key: string): string | undefined {
  const url = f.str(key, { max: 742 });
  if (url === undefined || url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return f.fail(key, `'${url}' is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') f.fail(key, 'must be an http(s) URL');
  return url;
}

function consentListFor(contentType: string | undefined): ConsentListType {
  if (contentType === 'CONTENT_MARKETING') return 'OPT_OUT_MARKETING';
  if (contentType === 'CONTENT_NOTIFICATION') return 'OPT_OUT_NOTIFICATION';
  return 'OPT_OUT_ALL';
}

export function readChannelPriorityOrder(f: Fields, app: App): Channel[] | undefined {
  const order = f.enumArray('channel_priority_order', CHANNELS);
  order?.forEach((channel, i) => assertChannelOnApp(app, channel, `${f.at('channel_priority_order')}[${i}]`));
  return order;
}

function transcode(message: JsonObject, channel: Channel): string {
  const text = plainText(message);
  switch (channel) {
    case 'SMS':
    case 'MMS':
      return text;
    case 'WHATSAPP':
      return JSON.stringify({ messaging_product: 'whatsapp', type: 'text', text: { body: text } });
    case 'MESSENGER':
    case 'INSTAGRAM':
      return JSON.stringify({ message: { text } });
    case 'TELEGRAM':
      return JSON.stringify({ text });
    default:
      return JSON.stringify({ type: 'text', text });
  }
}

export function registerMessages(router: Router, ctx: SandboxContext): void {
  const base = `${PROJECT_PATH}/messages`;

  router.on('POST', `${base}:send`, (req) => {
    const store = ctx.store();
    const f = Fields.body(req.body);
    const app = requireApp(store, f.str('app_id', { required: true }) ?? '');
    const recipient = readRecipient(f, store, app.id);
    const messageFields = f.obj_('message', { required: true });
    if (!messageFields) throw new Error('unreachable: required message');
    validateAppMessage(messageFields);
    const priorityOrder = readChannelPriorityOrder(f, app);
    const properties = f.obj_('channel_properties');
    if (properties) for (const key of Object.keys(properties.obj)) properties.str(key, { max: 1024 });
    const ttl = f.str('ttl');
    if (ttl !== undefined) {
      const seconds = parseDuration(ttl, 'ttl');
      if (seconds < 3 || seconds > 315576000000) throw ApiError.invalid(`ttl: must be between 3s and 315576000000s, got ${ttl}`, 'ttl');
    }
    const strategy = f.enumOf('processing_strategy', PROCESSING_STRATEGIES) ?? 'DEFAULT';
    f.enumOf('queue', MESSAGE_QUEUES);
    const metadata = f.str('message_metadata', { max: 1024 }) ?? '';
    const conversationMetadata = f.obj_('conversation_metadata');
    if (conversationMetadata && JSON.stringify(conversationMetadata.obj).length > 2048) {
      f.fail('conversation_metadata', 'must be at most 2048 characters when serialised');
    }
    const metadataStrategy = f.enumOf('conversation_metadata_update_strategy', METADATA_UPDATE_STRATEGIES);
    const correlationId = f.str('correlation_id', { max: 128 }) ?? '';
    const callbackUrl = validateCallbackUrl(f, 'callback_url');
    const contentType = f.enumOf('message_content_type', MESSAGE_CONTENT_TYPES);

    const dispatch = app.processing_mode === 'DISPATCH' || strategy === 'DISPATCH_ONLY';
    if (dispatch && recipient.contact) {
      throw ApiError.invalid('recipient: messages sent in DISPATCH mode must address the recipient with identified_by, not contact_id', 'recipient');
    }
    const activeChannel = recipient.contact && !dispatch ? store.activeConversation(app.id, recipient.contact.id)?.active_channel : undefined;
    const candidates = resolveChannelOrder({
      app,
      contact: recipient.contact,
      identities: recipient.identities,
      channelPriorityOrder: priorityOrder,
      activeChannel: activeChannel === 'CHANNEL_UNSPECIFIED' ? undefined : activeChannel,
    });
    const first = candidates[0];
    if (!first) {
      const who = recipient.contact ? `contact ${recipient.contact.id}` : 'identified_by.channel_identities';
      throw ApiError.invalid(
        `recipient: ${who} has no channel identity on a channel usable by app ${app.id} ` +
          `(configured: ${appChannels(app).join(', ')}${priorityOrder ? `; channel_priority_order: ${priorityOrder.join(', ')}` : ''})`,
        'recipient',
      );
    }
    let contactId = '';
    let conversationId = '';
    if (!dispatch) {
      const contact = recipient.contact ?? ensureContact(ctx, app, recipient.identities);
      const conversation = ensureActiveConversation(ctx, app, contact, first.channel, {
        correlationId,
        metadataJson: conversationMetadata?.obj,
        metadataStrategy: metadataStrategy,
      });
      contactId = contact.id;
      conversationId = conversation.id;
    }
    const acceptTime = nowIso();
    const stored: StoredMessage = {
      appId: app.id,
      correlationId,
      message: {
        id: ulid(),
        direction: 'TO_CONTACT',
        conversation_id: conversationId,
        contact_id: contactId,
        channel_identity: { ...first },
        accept_time: acceptTime,
        metadata,
        injected: false,
        sender_id: '',
        processing_mode: dispatch ? 'DISPATCH' : 'CONVERSATION',
        app_message: structuredClone(messageFields.obj),
        message_status: { status: 'QUEUED', event_time: acceptTime },
      },
    };
    store.messages.set(stored.message.id, stored);
    runOutboundLifecycle(ctx, stored, candidates, { callbackUrl, metadata, consentList: consentListFor(contentType) });
    return { accepted_time: acceptTime, message_id: stored.message.id };
  });

  router.on('GET', base, (req) => {
    const q = req.query;
    const source = readSource(q);
    const startTime = q.get('start_time');
    const endTime = q.get('end_time');
    const start = startTime ? parseTimestamp(startTime, 'start_time') : undefined;
    const end = endTime ? parseTimestamp(endTime, 'end_time') : undefined;
    const channel = q.get('channel');
    if (channel !== undefined) checkEnum(channel, CHANNELS, 'channel');
    const direction = q.get('direction');
    if (direction !== undefined) checkEnum(direction, DIRECTIONS, 'direction');
    const viewValue = q.get('view');
    if (viewValue !== undefined) checkEnum(viewValue, MESSAGE_VIEWS, 'view');
    const onlyRecipientOriginated = q.get('only_recipient_originated') === 'true';
    if (onlyRecipientOriginated && source !== 'DISPATCH_SOURCE') {
      throw ApiError.invalid('only_recipient_originated: only supported with messages_source DISPATCH_SOURCE', 'only_recipient_originated');
    }
    const filters: Array<[string, (m: StoredMessage) => boolean]> = [
      ['conversation_id', (m) => m.message.conversation_id === q.get('conversation_id')],
      ['contact_id', (m) => m.message.contact_id === q.get('contact_id')],
      ['app_id', (m) => m.appId === q.get('app_id')],
      ['channel_identity', (m) => m.message.channel_identity.identity === q.get('channel_identity')],
    ];
    const messages = ctx.store().messages;
    // Start from the narrowest index the filters allow; newest first (insertion order is acceptance order).
    const conversationId = q.get('conversation_id');
    const contactIdFilter = q.get('contact_id');
    const walk: Iterable<StoredMessage> =
      conversationId !== undefined
        ? messages.inConversation(conversationId).reverse()
        : contactIdFilter !== undefined
          ? messages.ofContact(contactIdFilter).reverse()
          : messages.newestFirst();
    const matches = (m: StoredMessage): boolean => {
      if (sourceOf(m) !== source) return false;
      if (!filters.every(([name, test]) => !q.has(name) || test(m))) return false;
      if (channel !== undefined && m.message.channel_identity.channel !== channel) return false;
      if (direction !== undefined && m.message.direction !== direction) return false;
      if (onlyRecipientOriginated && m.message.direction !== 'TO_APP') return false;
      const t = Date.parse(m.message.accept_time);
      return (start === undefined || t >= start) && (end === undefined || t <= end);
    };
    const page = paginateLazily(
      walk,
      matches,
      { pageSize: readPageSize(q.get('page_size')), pageToken: q.get('page_token'), filterKey: q.filterKey() },
      {
        defaultSize: 10,
        maxSize: 1000,
      },
    );
    return { messages: page.items.map((m) => view(m.message, viewValue !== 'WITHOUT_METADATA')), next_page_token: page.nextPageToken };
  });

  const requireMessage = (id: string, source: MessagesSource): StoredMessage => {
    const stored = ctx.store().messages.get(id);
    if (!stored || sourceOf(stored) !== source) {
      throw ApiError.notFound(`Message '${id}' not found in ${source} of project ${ctx.projectId}`);
    }
    return stored;
  };

  router.on('GET', `${base}/{message_id}`, (req) => requireMessage(req.params['message_id'] ?? '', readSource(req.query)).message);

  router.on('PATCH', `${base}/{message_id}`, (req) => {
    const stored = requireMessage(req.params['message_id'] ?? '', readSource(req.query));
    stored.message.metadata = Fields.body(req.body).str('metadata', { required: true, max: 1024 }) ?? '';
    return stored.message;
  });

  router.on('DELETE', `${base}/{message_id}`, (req) => {
    const stored = requireMessage(req.params['message_id'] ?? '', readSource(req.query));
    ctx.store().messages.delete(stored.message.id);
    return {};
  });

  router.on('POST', `${base}:fetch-last-message`, (req) => {
    const f = Fields.body(req.body);
    const identities = f.strArray('channel_identities');
    const contactIds = f.strArray('contact_ids');
    const source = f.enumOf('messages_source', MESSAGE_SOURCES) ?? 'DISPATCH_SOURCE';
    if (identities && contactIds) throw ApiError.invalid('set channel_identities or contact_ids, not both');
    if (!identities && !contactIds) throw ApiError.invalid('one of channel_identities or contact_ids is required');
    if (contactIds && source === 'DISPATCH_SOURCE') {
      throw ApiError.invalid('contact_ids: not supported with messages_source DISPATCH_SOURCE', 'contact_ids');
    }
    const appId = f.str('app_id');
    const viewValue = f.enumOf('view', MESSAGE_VIEWS);
    const startTime = f.str('start_time');
    const endTime = f.str('end_time');
    const start = startTime ? parseTimestamp(startTime, 'start_time') : undefined;
    const end = endTime ? parseTimestamp(endTime, 'end_time') : undefined;
    const channel = f.enumOf('channel', CHANNELS);
    const direction = f.enumOf('direction', DIRECTIONS);
    const messages = ctx.store().messages;
    const matches = (m: StoredMessage): boolean => {
      if (sourceOf(m) !== source || (appId !== undefined && m.appId !== appId)) return false;
      if (channel !== undefined && m.message.channel_identity.channel !== channel) return false;
      if (direction !== undefined && m.message.direction !== direction) return false;
      const t = Date.parse(m.message.accept_time);
      return (start === undefined || t >= start) && (end === undefined || t <= end);
    };
    const keys = identities ?? contactIds ?? [];
    // Each key's own messages from the index, newest first: the first match is its last message.
    const last = keys
      .map((key) => {
        const own = identities ? messages.withIdentity(key) : messages.ofContact(key);
        for (let i = own.length - 1; i >= 0; i--) {
          const m = own[i] as StoredMessage;
          if ((identities ? m.message.channel_identity.identity === key : m.message.contact_id === key) && matches(m)) return m;
        }
        return undefined;
      })
      .filter((m): m is StoredMessage => m !== undefined);
    const { page_token: _token, page_size: _size, ...filters } = f.obj;
    const page = paginate(
      last,
      {
        pageSize: readPageSize(f.obj['page_size']),
        pageToken: f.str('page_token') || undefined,
        filterKey: JSON.stringify(filters),
      },
      { defaultSize: 10, maxSize: 1000 },
    );
    return { messages: page.items.map((m) => view(m.message, viewValue !== 'WITHOUT_METADATA')), next_page_token: page.nextPageToken };
  });

  router.on('POST', `${base}:transcode`, (req) => {
    const f = Fields.body(req.body);
    requireApp(ctx.store(), f.str('app_id', { required: true }) ?? '');
    const message = f.obj_('app_message', { required: true });
    if (!message) throw new Error('unreachable: required app_message');
    validateAppMessage(message);
    const channels = f.enumArray('channels', CHANNELS, { required: true, min: 1 }) ?? [];
    f.str('from');
    f.str('to');
    const transcoded: Record<string, string> = {};
    for (const channel of channels) transcoded[channel] = transcode(message.obj, channel);
    return { transcoded_message: transcoded };
  });
}
