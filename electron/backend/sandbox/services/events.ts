import { resolveChannelOrder } from '../channels';
import { nowIso, PROJECT_PATH, type SandboxContext } from '../context';
import { MESSAGE_QUEUES } from '../enums';
import { ApiError } from '../errors';
import type { Router } from '../http/router';
import { runEventLifecycle } from '../lifecycle';
import type { StoredEvent } from '../stored';
import { paginate, readPageSize } from '../paging';
import { ulid } from '../../conversation/ulid';
import { Fields } from '../validate';
import { appChannels } from './apps';
import { validateAppEvent } from './appMessage';
import { requireApp } from './lookups';
import { readChannelPriorityOrder, validateCallbackUrl } from './messages';
import { readRecipient } from './recipient';

export function registerEvents(router: Router, ctx: SandboxContext): void {
  const base = `${PROJECT_PATH}/events`;

  router.on('POST', `${base}:send`, (req) => {
    const store = ctx.store();
    const f = Fields.body(req.body);
    const app = requireApp(store, f.str('app_id', { required: true }) ?? '');
    const recipient = readRecipient(f, store, app.id);
    const event = f.obj_('event', { required: true });
    if (!event) throw new Error('unreachable: required event');
    validateAppEvent(event);
    const callbackUrl = validateCallbackUrl(f, 'callback_url');
    // Only the first channel of channel_priority_order is used for events (§7.2).
    const priority = readChannelPriorityOrder(f, app)?.slice(0, 1);
    const metadata = f.str('event_metadata') ?? '';
    f.enumOf('queue', MESSAGE_QUEUES);
    const conversation = recipient.contact && app.processing_mode === 'CONVERSATION' ? store.activeConversation(app.id, recipient.contact.id) : undefined;
    const active = conversation?.active_channel;
    const [first] = resolveChannelOrder({
      app,
      contact: recipient.contact,
      identities: recipient.identities,
      channelPriorityOrder: priority,
      activeChannel: active === 'CHANNEL_UNSPECIFIED' ? undefined : active,
    });
    if (!first) {
      throw ApiError.invalid(
        `recipient: has no channel identity on a channel usable by app ${app.id} (configured: ${appChannels(app).join(', ')})`,
        'recipient',
      );
    }
    const acceptTime = nowIso();
    const stored: StoredEvent = {
      appId: app.id,
      event: {
        id: ulid(),
        direction: 'TO_CONTACT',
        channel_identity: first,
        processing_mode: app.processing_mode,
        conversation_id: conversation?.id ?? '',
        contact_id: recipient.contact?.id ?? '',
        accept_time: acceptTime,
        app_event: structuredClone(event.obj),
      },
    };
    store.events.set(stored.event.id, stored);
    runEventLifecycle(ctx, stored, { callbackUrl, metadata });
    return { accepted_time: acceptTime, event_id: stored.event.id };
  });

  router.on('GET', base, (req) => {
    const q = req.query;
    const conversationId = q.get('conversation_id');
    const contactId = q.get('contact_id');
    if (conversationId === undefined && contactId === undefined) throw ApiError.invalid('one of conversation_id or contact_id is required');
    const all = [...ctx.store().events.values()]
      .filter(
        (e) => (conversationId === undefined || e.event.conversation_id === conversationId) && (contactId === undefined || e.event.contact_id === contactId),
      )
      .reverse();
    const page = paginate(
      all,
      { pageSize: readPageSize(q.get('page_size')), pageToken: q.get('page_token'), filterKey: q.filterKey() },
      {
        defaultSize: 10,
        maxSize: 20,
      },
    );
    return { events: page.items.map((e) => e.event), next_page_token: page.nextPageToken };
  });

  const requireEvent = (id: string): StoredEvent => {
    const stored = ctx.store().events.get(id);
    if (!stored) throw ApiError.notFound(`Event '${id}' not found in project ${ctx.projectId}`);
    return stored;
  };

  router.on('GET', `${base}/{event_id}`, (req) => requireEvent(req.params['event_id'] ?? '').event);

  router.on('DELETE', `${base}/{event_id}`, (req) => {
    ctx.store().events.delete(requireEvent(req.params['event_id'] ?? '').event.id);
    return {};
  });
}
