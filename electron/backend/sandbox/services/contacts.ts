import {
  contactMergeNotification, contactNotification, duplicatedIdentitiesNotification,
} from '../callbacks/payloads';
import { PROJECT_PATH, type SandboxContext } from '../context';
import { APP_SCOPED_CHANNELS, CHANNELS, CONTACT_LANGUAGES, PROFILE_CHANNELS, type Channel } from '../enums';
import { ApiError } from '../errors';
import { applyPatch, readUpdateMask } from '../fieldMask';
import type { Router } from '../http/router';
import type { ChannelIdentity, Contact } from '../models';
import { paginate, readPageSize } from '../paging';
import type { ProjectStore } from '../store';
import { ulid } from '../ulid';
import { Fields, type JsonObject } from '../validate';
import { requireApp, requireContact } from './lookups';
import { readRecipient } from './recipient';

const UPDATABLE = ['channel_identities', 'channel_priority', 'display_name', 'email', 'external_id', 'metadata', 'language'] as const;

export function validateChannelIdentity(f: Fields): ChannelIdentity {
  const channel = f.enumOf('channel', CHANNELS, { required: true }) as Channel;
  const identity = f.str('identity', { required: true }) ?? '';
  const appId = f.str('app_id') ?? '';
  if (APP_SCOPED_CHANNELS.includes(channel) && appId === '') {
    f.fail('app_id', `required for ${channel}, whose identities are scoped to one app`);
  }
  return { channel, identity, app_id: appId };
}

function validateContact(f: Fields, id: string): Contact {
  const identities = (f.objects('channel_identities', { required: true, min: 1 }) ?? []).map(validateChannelIdentity);
  return {
    id,
    channel_identities: identities,
    channel_priority: f.enumArray('channel_priority', CHANNELS) ?? [],
    display_name: f.str('display_name') || 'Unknown',
    email: f.str('email') ?? '',
    external_id: f.str('external_id') ?? '',
    metadata: f.str('metadata', { max: 1024 }) ?? '',
    language: f.enumOf('language', CONTACT_LANGUAGES, { required: true }) ?? 'UNSPECIFIED',
  };
}

/** Identities (channel + identity + app scope) held by more than one contact. */
export function identityConflicts(store: ProjectStore): Array<{ identity: string; channels: string[]; contact_ids: string[] }> {
  const byKey = new Map<string, { identity: string; channel: string; ids: Set<string> }>();
  for (const contact of store.contacts.values()) {
    for (const ci of contact.channel_identities) {
      const key = `${ci.channel}\n${ci.identity}\n${ci.app_id}`;
      const entry = byKey.get(key) ?? { identity: ci.identity, channel: ci.channel, ids: new Set<string>() };
      entry.ids.add(contact.id);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()]
    .filter((e) => e.ids.size > 1)
    .map((e) => ({ identity: e.identity, channels: [e.channel], contact_ids: [...e.ids] }));
}

export function registerContacts(router: Router, ctx: SandboxContext): void {
  const base = `${PROJECT_PATH}/contacts`;

  const announceDuplicates = (contact: Contact): void => {
    const dupes = identityConflicts(ctx.store()).filter((c) => c.contact_ids.includes(contact.id));
    if (dupes.length === 0) return;
    ctx.notifier.emitToAllApps(
      'CONTACT_IDENTITIES_DUPLICATION',
      duplicatedIdentitiesNotification(dupes.map((d) => ({ channel: d.channels[0] ?? '', contact_ids: d.contact_ids }))),
    );
  };

  router.on('POST', base, (req) => {
    const contact = validateContact(Fields.body(req.body), ulid());
    ctx.store().contacts.set(contact.id, contact);
    ctx.notifier.emitToAllApps('CONTACT_CREATE', contactNotification(contact));
    announceDuplicates(contact);
    return contact;
  });

  router.on('GET', base, (req) => {
    const q = req.query;
    const externalId = q.get('external_id');
    const channel = q.get('channel');
    const identity = q.get('identity');
    if (externalId !== undefined && (channel !== undefined || identity !== undefined)) {
      throw ApiError.invalid('external_id cannot be combined with channel or identity');
    }
    if ((channel === undefined) !== (identity === undefined)) {
      throw ApiError.invalid('channel and identity must be given together');
    }
    if (channel !== undefined && !(CHANNELS as readonly string[]).includes(channel)) {
      throw ApiError.invalid(`channel: '${channel}' is not one of ${CHANNELS.join(', ')}`, 'channel');
    }
    const all = [...ctx.store().contacts.values()].filter((c) => {
      if (externalId !== undefined) return c.external_id === externalId;
      if (channel !== undefined) return c.channel_identities.some((ci) => ci.channel === channel && ci.identity === identity);
      return true;
    });
    const page = paginate(all, { pageSize: readPageSize(q.get('page_size')), pageToken: q.get('page_token'), filterKey: q.filterKey() }, {
      defaultSize: 10,
      maxSize: 20,
    });
    return { contacts: page.items, next_page_token: page.nextPageToken };
  });

  router.on('GET', `${base}/{contact_id}`, (req) => requireContact(ctx.store(), req.params['contact_id'] ?? ''));

  router.on('PATCH', `${base}/{contact_id}`, (req) => {
    const store = ctx.store();
    const current = requireContact(store, req.params['contact_id'] ?? '');
    const merged = applyPatch(current as unknown as JsonObject, Fields.body(req.body).obj, readUpdateMask(req.query), UPDATABLE);
    const contact = validateContact(new Fields(merged), current.id);
    store.contacts.set(contact.id, contact);
    ctx.notifier.emitToAllApps('CONTACT_UPDATE', contactNotification(contact));
    announceDuplicates(contact);
    return contact;
  });

  router.on('DELETE', `${base}/{contact_id}`, (req) => {
    const store = ctx.store();
    const contact = requireContact(store, req.params['contact_id'] ?? '');
    store.contacts.delete(contact.id);
    for (const [id, c] of store.conversations) if (c.contact_id === contact.id) store.conversations.delete(id);
    ctx.notifier.emitToAllApps('CONTACT_DELETE', contactNotification(contact));
    return {};
  });

  router.on('POST', `${base}/{contact_id}:merge`, (req) => {
    const store = ctx.store();
    const f = Fields.body(req.body);
    const destination = requireContact(store, req.params['contact_id'] ?? '');
    const sourceId = f.str('source_id', { required: true }) ?? '';
    f.enumOf('strategy', ['MERGE'] as const);
    if (sourceId === destination.id) throw ApiError.invalid('source_id: must differ from the destination contact', 'source_id');
    const source = requireContact(store, sourceId);
    const identities = [...destination.channel_identities];
    for (const ci of source.channel_identities) {
      if (!identities.some((x) => x.channel === ci.channel && x.identity === ci.identity && x.app_id === ci.app_id)) identities.push(ci);
    }
    const merged: Contact = {
      ...destination,
      channel_identities: identities,
      channel_priority: [...new Set([...destination.channel_priority, ...source.channel_priority])],
      email: destination.email || source.email,
      external_id: destination.external_id || source.external_id,
      metadata: destination.metadata || source.metadata,
    };
    store.contacts.set(merged.id, merged);
    store.contacts.delete(source.id);
    // The source's history now belongs to the destination.
    for (const c of store.conversations.values()) if (c.contact_id === source.id) c.contact_id = merged.id;
    for (const m of store.messages.values()) if (m.message.contact_id === source.id) m.message.contact_id = merged.id;
    for (const e of store.events.values()) if (e.event.contact_id === source.id) e.event.contact_id = merged.id;
    ctx.notifier.emitToAllApps('CONTACT_MERGE', contactMergeNotification(merged, source));
    return merged;
  });

  router.on('POST', `${PROJECT_PATH}/contacts:getChannelProfile`, (req) => {
    const store = ctx.store();
    const f = Fields.body(req.body);
    const app = requireApp(store, f.str('app_id', { required: true }) ?? '');
    const channel = f.enumOf('channel', PROFILE_CHANNELS, { required: true }) as Channel;
    const recipient = readRecipient(f, store, app.id);
    const identity = recipient.contact
      ? recipient.contact.channel_identities.find((ci) => ci.channel === channel && (ci.app_id === '' || ci.app_id === app.id))
      : recipient.identities.find((ci) => ci.channel === channel);
    if (!identity) {
      throw ApiError.invalid(`recipient: has no ${channel} identity for app ${app.id}`, 'recipient');
    }
    const name = recipient.contact && recipient.contact.display_name !== 'Unknown' ? recipient.contact.display_name : `Sandbox User ${identity.identity}`;
    return { profile_name: name };
  });

  router.on('GET', `${PROJECT_PATH}/contacts:identityConflicts`, (req) => {
    const q = req.query;
    const page = paginate(identityConflicts(ctx.store()), {
      pageSize: readPageSize(q.get('page_size')),
      pageToken: q.get('page_token'),
      filterKey: q.filterKey(),
    }, { defaultSize: 10, maxSize: 20 });
    return { conflicts: page.items, next_page_token: page.nextPageToken };
  });
}
