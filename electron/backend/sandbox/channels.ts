import type { App, ChannelIdentity, Contact } from '../../../shared/conversation/resources';
import type { Channel } from './enums';

/**
 * Which channels a message is tried on, in order (reference §5.1):
 * `channel_priority_order` if given; otherwise for `identified_by` the order of the listed
 * identities; for a contact the active conversation's channel, then the contact's
 * `channel_priority`, then the app's credential order. Only channels the app has credentials
 * for and the recipient has an identity on survive.
 */
export function resolveChannelOrder(input: {
  app: App;
  contact?: Contact;
  identities: ChannelIdentity[];
  channelPriorityOrder?: Channel[];
  activeChannel?: Channel;
}): ChannelIdentity[] {
  const configured = input.app.channel_credentials.map((c) => c['channel'] as Channel);
  const usable = (input.contact ? input.contact.channel_identities : input.identities).filter(
    (ci) => configured.includes(ci.channel) && (ci.app_id === '' || ci.app_id === input.app.id),
  );
  let order: Channel[];
  if (input.channelPriorityOrder && input.channelPriorityOrder.length > 0) {
    order = input.channelPriorityOrder;
  } else if (!input.contact) {
    order = usable.map((ci) => ci.channel);
  } else {
    order = [...(input.activeChannel ? [input.activeChannel] : []), ...input.contact.channel_priority, ...configured];
  }
  const result: ChannelIdentity[] = [];
  for (const channel of new Set(order)) {
    const identity = usable.find((ci) => ci.channel === channel);
    if (identity) result.push({ ...identity });
  }
  return result;
}

export type RecipientBehaviour = 'deliver' | 'read' | 'fail';

/**
 * Sandbox convention for simulating outcomes by recipient identity (see README): identities
 * containing "fail" or ending in 9999 cannot be reached; ending in 7777 also read the message.
 */
export function recipientBehaviour(identity: string): RecipientBehaviour {
  if (/fail/i.test(identity) || identity.endsWith('9999')) return 'fail';
  if (identity.endsWith('7777')) return 'read';
  return 'deliver';
}
