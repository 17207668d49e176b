import type { ChannelIdentity, Contact, JsonObject } from '../../../../shared/conversation/resources';
import { contactMergeNotification, contactNotification, duplicatedIdentitiesNotification } from '../../../../shared/conversation/callbacks';
import { PROJECT_PATH, type SandboxContext } from '../context';
import { APP_SCOPED_CHANNELS, CHANNELS, CONTACT_LANGUAGES, PROFILE_CHANNELS, type Channel } from '../enums';
import { ApiError } from '../errors';
import { applyPatch, readUpdateMask } from '../fieldMask';
import type { Router } from '../http/router';
import { identityKey } from '../indexes';
import { paginate, readPageSize } from '../paging';
import type { ProjectStore } from '../store';
import { ulid } from '../../conversation/ulid';
import { Fields } from '../validate';
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
  return store.contacts.conflicts().map(({ key, ids }) => {
    const [channel = '', identity = ''] = key.split('\n');
    return { identity, channels: [channel], contact_ids: ids };
  });
}

/** The conflicts one contact takes part in, from the identity index (no walk over every contact). */
function conflictsOf(store: ProjectStore, contact: Contact): Array<{ channel: string; contact_ids: string[] }> {
  const seen = new Set<string>();
  const out: Array<{ channel: string; contact_ids: string[] }> = [];
  for (const ci of contact.channel_identities) {
    const key = identityKey(ci.channel, ci.identity, ci.app_id);
    if (seen.has(key)) continue;
    seen.add(key);
    const ids = store.contacts.holdersOf(key);
    if (ids.length > 1) out.push({ channel: ci.channel, contact_ids: ids });
  }
  return out;
}

export function registerContacts(router: Router, ctx: SandboxContext): void {
  const base = `${PROJECT_PATH}/contacts`;

  const announceDuplicates = (contact: Contact): void => {
    const dupes = conflictsOf(ctx.store(), contact);
    if (dupes.length === 0) return;
    ctx.notifier.emitToAllApps('CONTACT_IDENTITIES_DUPLICATION', duplicatedIdentitiesNotification(dupes));
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
    const contacts = ctx.store().contacts;
    const all =
      externalId !== undefined
        ? contacts.withExternalId(externalId)
        : channel !== undefined
          ? contacts.withIdentity(channel, identity ?? '')
          : [...contacts.values()];
    const page = paginate(
      all,
      { pageSize: readPageSize(q.get('page_size')), pageToken: q.get('page_token'), filterKey: q.filterKey() },
      {
        defaultSize: 10,
        maxSize: 20,
      },
    );
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
    for (const c of store.conversations.ofContact(contact.id)) store.conversations.delete(c.id);
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
    for (const c of store.conversations.ofContact(source.id)) {
      c.contact_id = merged.id;
      store.conversations.set(c.id, c);
    }
    for (const m of store.messages.ofContact(source.id)) {
      m.message.contact_id = merged.id;
      store.messages.refile(m.message.id, m);
    }
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
    const page = paginate(
      identityConflicts(ctx.store()),
      {
        pageSize: readPageSize(q.get('page_size')),
        pageToken: q.get('page_token'),
        filterKey: q.filterKey(),
      },
      { defaultSize: 10, maxSize: 20 },
    );
    return { conflicts: page.items, next_page_token: page.nextPageToken };
  });
}
