import type { ChannelIdentity, Contact } from '../../../../shared/conversation/resources';
import { APP_SCOPED_CHANNELS, CHANNELS, type Channel } from '../enums';
import type { ProjectStore } from '../store';
import type { Fields } from '../validate';
import { requireContact } from './lookups';

export interface Recipient {
  /** Set when the request named a contact_id. */
  contact?: Contact;
  /** `identified_by.channel_identities`, in request order (their order is a channel priority). */
  identities: ChannelIdentity[];
}

/** `recipient: { contact_id } | { identified_by: { channel_identities: [...] } }` (§5.1). */
export function readRecipient(f: Fields, store: ProjectStore, appId: string, key = 'recipient'): Recipient {
  const r = f.obj_(key, { required: true });
  if (!r) throw new Error('unreachable: required recipient');
  const which = r.exactlyOne(['contact_id', 'identified_by'] as const, 'recipient kind');
  if (which === 'contact_id') {
    return { contact: requireContact(store, r.str('contact_id', { required: true }) ?? ''), identities: [] };
  }
  const by = r.obj_('identified_by', { required: true });
  const identities = (by?.objects('channel_identities', { required: true, min: 1 }) ?? []).map((ci) => {
    const channel = ci.enumOf('channel', CHANNELS, { required: true }) as Channel;
    const identity = ci.str('identity', { required: true }) ?? '';
    const scoped = APP_SCOPED_CHANNELS.includes(channel);
    return { channel, identity, app_id: scoped ? ci.str('app_id') || appId : (ci.str('app_id') ?? '') };
  });
  return { identities };
}
