import type { App, ChannelIdentity, Conversation, JsonObject } from '../../../../shared/conversation/resources';
import { conversationNotification } from '../../../../shared/conversation/callbacks';
import { nowIso, PROJECT_PATH, type SandboxContext } from '../context';
import { CHANNELS, DIRECTIONS, METADATA_UPDATE_STRATEGIES, ORDERS, PROCESSING_MODES } from '../enums';
import { ApiError } from '../errors';
import { applyPatch, readUpdateMask } from '../fieldMask';
import type { Router } from '../http/router';
import { paginate, readPageSize } from '../paging';
import { ulid } from '../../conversation/ulid';
import { checkEnum, Fields, parseTimestamp } from '../validate';
import { validateAppEvent, validateAppMessage, validateContactMessage } from './appMessage';
import { validateChannelIdentity } from './contacts';
import { mergePatch } from './conversationFlow';
import { requireApp, requireContact, requireConversation } from './lookups';

const UPDATABLE = ['active', 'active_channel', 'metadata', 'metadata_json', 'correlation_id'] as const;
const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;

function requireConversationApp(app: App): void {
  if (app.processing_mode !== 'CONVERSATION') {
    throw ApiError.failedPrecondition(`App ${app.id} uses DISPATCH processing mode; conversations exist only in CONVERSATION mode`);
  }
}

function readAcceptTime(f: Fields): string {
  const value = f.str('accept_time', { required: true }) ?? '';
  const t = parseTimestamp(value, f.at('accept_time'));
  if (t > Date.now() + 60_000 || t < Date.now() - THIRTY_DAYS_MS) {
    f.fail('accept_time', 'must be within the past 30 days');
  }
  return new Date(t).toISOString();
}

export function registerConversations(router: Router, ctx: SandboxContext): void {
  const base = `${PROJECT_PATH}/conversations`;

  router.on('POST', base, (req) => {
    const store = ctx.store();
    const f = Fields.body(req.body);
    const app = requireApp(store, f.str('app_id', { required: true }) ?? '');
    const contact = requireContact(store, f.str('contact_id', { required: true }) ?? '');
    requireConversationApp(app);
    const active = f.bool('active') ?? false;
    if (active && store.activeConversation(app.id, contact.id)) {
      throw ApiError.failedPrecondition(`Contact ${contact.id} already has an active conversation with app ${app.id}`);
    }
    const conversation: Conversation = {
      id: ulid(),
      app_id: app.id,
      contact_id: contact.id,
      active,
      active_channel: f.enumOf('active_channel', CHANNELS) ?? 'CHANNEL_UNSPECIFIED',
      last_received: '1970-01-01T00:00:00Z',
      metadata: f.str('metadata') ?? '',
      metadata_json: f.obj_('metadata_json')?.obj ?? {},
      correlation_id: f.str('correlation_id', { max: 128 }) ?? '',
    };
    store.conversations.set(conversation.id, conversation);
    if (active) ctx.notifier.emit(app.id, 'CONVERSATION_START', conversationNotification(conversation));
    return conversation;
  });

  router.on('GET', base, (req) => {
    const q = req.query;
    const appId = q.get('app_id');
    const contactId = q.get('contact_id');
    if (appId === undefined && contactId === undefined) throw ApiError.invalid('one of app_id or contact_id is required');
    const activeChannel = q.get('active_channel');
    if (activeChannel !== undefined) checkEnum(activeChannel, CHANNELS, 'active_channel');
    const onlyActive = q.get('only_active') === 'true';
    const all = [...ctx.store().conversations.values()].filter(
      (c) =>
        (appId === undefined || c.app_id === appId) &&
        (contactId === undefined || c.contact_id === contactId) &&
        (!onlyActive || c.active) &&
        (activeChannel === undefined || c.active_channel === activeChannel),
    );
    const page = paginate(
      all,
      { pageSize: readPageSize(q.get('page_size')), pageToken: q.get('page_token'), filterKey: q.filterKey() },
      {
        defaultSize: 10,
        maxSize: 20,
      },
    );
    return { conversations: page.items, next_page_token: page.nextPageToken, total_size: page.totalSize };
  });

  router.on('GET', `${PROJECT_PATH}/conversations:recent`, (req) => {
    const q = req.query;
    const appId = q.get('app_id');
    if (!appId) throw ApiError.invalid('app_id: required field is missing', 'app_id');
    const order = q.get('order') === undefined ? 'DESC' : checkEnum(q.get('order'), ORDERS, 'order');
    const onlyActive = q.get('only_active') === 'true';
    const store = ctx.store();
    const rows = [...store.conversations.values()]
      .filter((c) => c.app_id === appId && (!onlyActive || c.active))
      .map((c) => ({ conversation: c, last: store.messages.lastInConversation(c.id) }))
      .sort((a, b) => {
        const ta = a.last ? Date.parse(a.last.message.accept_time) : 0;
        const tb = b.last ? Date.parse(b.last.message.accept_time) : 0;
        return order === 'ASC' ? ta - tb : tb - ta;
      });
    const page = paginate(
      rows,
      { pageSize: readPageSize(q.get('page_size')), pageToken: q.get('page_token'), filterKey: q.filterKey() },
      {
        defaultSize: 10,
        maxSize: 50,
      },
    );
    return {
      conversations: page.items.map((r) => ({ conversation: r.conversation, ...(r.last ? { last_message: r.last.message } : {}) })),
      next_page_token: page.nextPageToken,
      total_size: page.totalSize,
    };
  });

  router.on('GET', `${base}/{conversation_id}`, (req) => requireConversation(ctx.store(), req.params['conversation_id'] ?? ''));

  router.on('PATCH', `${base}/{conversation_id}`, (req) => {
    const store = ctx.store();
    const current = requireConversation(store, req.params['conversation_id'] ?? '');
    const strategyRaw = req.query.get('metadata_update_strategy');
    const strategy = strategyRaw === undefined ? 'REPLACE' : checkEnum(strategyRaw, METADATA_UPDATE_STRATEGIES, 'metadata_update_strategy');
    const body = Fields.body(req.body);
    const mask = readUpdateMask(req.query);
    const merged = applyPatch(current as unknown as JsonObject, body.obj, mask, UPDATABLE);
    const f = new Fields(merged);
    const active = f.bool('active') ?? false;
    if (active && !current.active && store.activeConversation(current.app_id, current.contact_id)) {
      throw ApiError.failedPrecondition(`Contact ${current.contact_id} already has an active conversation with app ${current.app_id}`);
    }
    const patchJson = body.obj_('metadata_json')?.obj;
    const updated: Conversation = {
      ...current,
      active,
      active_channel: f.enumOf('active_channel', [...CHANNELS, 'CHANNEL_UNSPECIFIED'] as const) ?? 'CHANNEL_UNSPECIFIED',
      metadata: f.str('metadata') ?? '',
      metadata_json: strategy === 'MERGE_PATCH' && patchJson ? mergePatch(current.metadata_json, patchJson) : (f.obj_('metadata_json')?.obj ?? {}),
      correlation_id: f.str('correlation_id', { max: 128 }) ?? '',
    };
    store.conversations.set(updated.id, updated);
    return updated;
  });

  router.on('DELETE', `${base}/{conversation_id}`, (req) => {
    const store = ctx.store();
    const conversation = requireConversation(store, req.params['conversation_id'] ?? '');
    store.conversations.delete(conversation.id);
    for (const m of store.messages.inConversation(conversation.id)) store.messages.delete(m.message.id);
    for (const [id, e] of store.events) if (e.event.conversation_id === conversation.id) store.events.delete(id);
    ctx.notifier.emit(conversation.app_id, 'CONVERSATION_DELETE', conversationNotification(conversation));
    return {};
  });

  router.on('POST', `${base}/{conversation_id}:stop`, (req) => {
    const conversation = requireConversation(ctx.store(), req.params['conversation_id'] ?? '');
    if (!conversation.active) throw ApiError.failedPrecondition(`Conversation ${conversation.id} is not active`);
    conversation.active = false;
    ctx.notifier.emit(conversation.app_id, 'CONVERSATION_STOP', conversationNotification(conversation));
    return {};
  });

  router.on('POST', `${base}/{conversation_id}:inject-message`, (req) => {
    const store = ctx.store();
    const conversation = requireConversation(store, req.params['conversation_id'] ?? '');
    const f = Fields.body(req.body);
    const acceptTime = readAcceptTime(f);
    const identityFields = f.obj_('channel_identity', { required: true });
    if (!identityFields) throw new Error('unreachable: required channel_identity');
    const channelIdentity: ChannelIdentity = validateChannelIdentity(identityFields);
    const contactId = f.str('contact_id', { required: true }) ?? '';
    requireContact(store, contactId);
    const direction = f.enumOf('direction', DIRECTIONS, { required: true }) ?? 'TO_APP';
    const which = f.exactlyOne(['app_message', 'contact_message'] as const, 'message');
    const content = f.obj_(which, { required: true });
    if (!content) throw new Error('unreachable: required content');
    if (which === 'app_message') validateAppMessage(content);
    else validateContactMessage(content);
    const conversationId = f.str('conversation_id');
    if (conversationId && conversationId !== conversation.id) {
      f.fail('conversation_id', `does not match the conversation in the path (${conversation.id})`);
    }
    const id = ulid();
    store.messages.set(id, {
      appId: conversation.app_id,
      correlationId: '',
      message: {
        id,
        direction,
        conversation_id: conversation.id,
        contact_id: contactId,
        channel_identity: channelIdentity,
        accept_time: acceptTime,
        metadata: f.str('metadata') ?? '',
        injected: true,
        sender_id: f.str('sender_id') ?? '',
        processing_mode: f.enumOf('processing_mode', PROCESSING_MODES) ?? 'CONVERSATION',
        [which]: structuredClone(content.obj),
      },
    });
    return {};
  });

  router.on('POST', `${base}/{conversation_id}:inject-event`, (req) => {
    const store = ctx.store();
    const conversation = requireConversation(store, req.params['conversation_id'] ?? '');
    const f = Fields.body(req.body);
    const event = f.obj_('app_event', { required: true });
    if (!event) throw new Error('unreachable: required app_event');
    validateAppEvent(event);
    const acceptTime = readAcceptTime(f);
    const identityFields = f.obj_('channel_identity');
    const contactId = f.str('contact_id') || conversation.contact_id;
    const id = ulid();
    store.events.set(id, {
      appId: conversation.app_id,
      event: {
        id,
        direction: 'TO_CONTACT',
        channel_identity: identityFields
          ? validateChannelIdentity(identityFields)
          : { channel: conversation.active_channel === 'CHANNEL_UNSPECIFIED' ? 'SMS' : conversation.active_channel, identity: '', app_id: '' },
        processing_mode: f.enumOf('processing_mode', PROCESSING_MODES) ?? 'CONVERSATION',
        conversation_id: conversation.id,
        contact_id: contactId,
        accept_time: acceptTime,
        app_event: structuredClone(event.obj),
      },
    });
    return { event_id: id, accepted_time: nowIso() };
  });
}
