/**
 * How a contact is named in a picker. Sinch names a contact created without a display name "Unknown" (the
 * sandbox does the same), and a list of "Unknown (WHATSAPP)" cannot be told apart: such a contact reads by
 * its identities instead ("+46700000001 (WHATSAPP, SMS)"), and by its id when it has none. Ids and numbers
 * are never cut.
 */

export interface LabelledContact {
  id: string;
  displayName: string;
  channelIdentities: readonly { channel: string; identity: string }[];
}

/** Sinch's display name for a contact created without one. */
const NO_NAME = new Set(['', 'unknown']);

/** "+46700000001 (WHATSAPP, SMS), alice@example.com (MESSENGER)": each identity once, with its channels. */
export function identitiesLabel(identities: LabelledContact['channelIdentities']): string {
  const channels = new Map<string, string[]>();
  for (const { channel, identity } of identities) channels.set(identity, [...(channels.get(identity) ?? []), channel]);
  return [...channels].map(([identity, on]) => `${identity} (${on.join(', ')})`).join(', ');
}

export function contactLabel(contact: LabelledContact): string {
  const name = contact.displayName.trim();
  const channels = [...new Set(contact.channelIdentities.map((i) => i.channel))];
  if (!NO_NAME.has(name.toLowerCase())) return `${name} (${channels.join(', ') || 'no identities'})`;
  if (contact.channelIdentities.length > 0) return identitiesLabel(contact.channelIdentities);
  return contact.id;
}
