/**
 * Maps that keep their own secondary indexes, so lookups by identity, conversation or contact
 * cost the size of the answer, not of the project (10,000 contacts and 100,000 messages stay
 * fast). They are drop-in `Map`s: every `set` and `delete` keeps the indexes right, so callers
 * that only use the Map API need no change. A record changed in place must be `set` again.
 */
import type { Contact, Conversation } from '../../../shared/conversation/resources';
import type { StoredMessage } from './stored';

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) {
    ids = new Set();
    index.set(key, ids);
  }
  ids.add(id);
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}

/** Channel + identity + app scope: the key two contacts must not share. */
export function identityKey(channel: string, identity: string, appId: string): string {
  return `${channel}\n${identity}\n${appId}`;
}

export class ContactMap extends Map<string, Contact> {
  /** identityKey → contact ids holding it. */
  private readonly byIdentityKey = new Map<string, Set<string>>();
  /** channel + identity (any app scope) → contact ids. */
  private readonly byIdentity = new Map<string, Set<string>>();
  private readonly byExternalId = new Map<string, Set<string>>();

  override set(id: string, contact: Contact): this {
    const previous = super.get(id);
    if (previous) this.unindex(previous);
    super.set(id, contact);
    // Map's constructor calls set before the fields exist.
    if (this.byIdentityKey) this.index(contact);
    return this;
  }

  override delete(id: string): boolean {
    const previous = super.get(id);
    if (previous) this.unindex(previous);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.byIdentityKey.clear();
    this.byIdentity.clear();
    this.byExternalId.clear();
  }

  /** Contacts with this channel identity (any app scope), in creation (id) order. */
  withIdentity(channel: string, identity: string): Contact[] {
    return this.resolve(this.byIdentity.get(`${channel}\n${identity}`));
  }

  withExternalId(externalId: string): Contact[] {
    return this.resolve(this.byExternalId.get(externalId));
  }

  /** Ids of contacts sharing exactly this identity key. */
  holdersOf(key: string): string[] {
    return [...(this.byIdentityKey.get(key) ?? [])].sort();
  }

  /** Identity keys held by more than one contact, with their holders. */
  conflicts(): Array<{ key: string; ids: string[] }> {
    const out: Array<{ key: string; ids: string[] }> = [];
    for (const [key, ids] of this.byIdentityKey) if (ids.size > 1) out.push({ key, ids: [...ids].sort() });
    return out;
  }

  private resolve(ids: Set<string> | undefined): Contact[] {
    if (!ids) return [];
    return [...ids].sort().flatMap((id) => {
      const contact = super.get(id);
      return contact ? [contact] : [];
    });
  }

  private index(contact: Contact): void {
    for (const ci of contact.channel_identities) {
      addTo(this.byIdentityKey, identityKey(ci.channel, ci.identity, ci.app_id), contact.id);
      addTo(this.byIdentity, `${ci.channel}\n${ci.identity}`, contact.id);
    }
    if (contact.external_id) addTo(this.byExternalId, contact.external_id, contact.id);
  }

  private unindex(contact: Contact): void {
    for (const ci of contact.channel_identities) {
      removeFrom(this.byIdentityKey, identityKey(ci.channel, ci.identity, ci.app_id), contact.id);
      removeFrom(this.byIdentity, `${ci.channel}\n${ci.identity}`, contact.id);
    }
    if (contact.external_id) removeFrom(this.byExternalId, contact.external_id, contact.id);
  }
}

export class ConversationMap extends Map<string, Conversation> {
  /** app + contact → conversation ids, and the key each id was filed under. */
  private readonly byAppContact = new Map<string, Set<string>>();
  private readonly byContact = new Map<string, Set<string>>();
  private readonly keyOf = new Map<string, string>();

  override set(id: string, conversation: Conversation): this {
    super.set(id, conversation);
    if (!this.byAppContact) return this;
    const old = this.keyOf.get(id);
    const key = `${conversation.app_id}\n${conversation.contact_id}`;
    if (old !== key) {
      this.unfile(id);
      addTo(this.byAppContact, key, id);
      addTo(this.byContact, conversation.contact_id, id);
      this.keyOf.set(id, key);
    }
    return this;
  }

  override delete(id: string): boolean {
    this.unfile(id);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.byAppContact.clear();
    this.byContact.clear();
    this.keyOf.clear();
  }

  /** Every conversation of a contact, whatever the app. */
  ofContact(contactId: string): Conversation[] {
    return [...(this.byContact.get(contactId) ?? [])].flatMap((id) => {
      const c = super.get(id);
      return c && c.contact_id === contactId ? [c] : [];
    });
  }

  private unfile(id: string): void {
    const old = this.keyOf.get(id);
    if (old === undefined) return;
    removeFrom(this.byAppContact, old, id);
    removeFrom(this.byContact, old.slice(old.indexOf('\n') + 1), id);
    this.keyOf.delete(id);
  }

  /** Conversations between an app and a contact (any state). */
  between(appId: string, contactId: string): Conversation[] {
    const ids = this.byAppContact.get(`${appId}\n${contactId}`);
    if (!ids) return [];
    // A conversation moved to another contact in place is re-filed when set again; check anyway.
    return [...ids].flatMap((id) => {
      const c = super.get(id);
      return c && c.app_id === appId && c.contact_id === contactId ? [c] : [];
    });
  }
}

/**
 * Messages in acceptance order with indexes by conversation, contact and identity, each also in
 * acceptance order, so "newest first" pages and "last message of" answers walk only what they return.
 */
export class MessageMap extends Map<string, StoredMessage> {
  private readonly byConversation = new Map<string, Set<string>>();
  private readonly byContact = new Map<string, Set<string>>();
  private readonly byIdentity = new Map<string, Set<string>>();
  private readonly filed = new Map<string, { conversation: string; contact: string; identity: string }>();
  /** Ids in insertion order (deleted ones stay until compacted), and each live id's slot in it. */
  private order: string[] = [];
  private readonly slot = new Map<string, number>();

  override set(id: string, stored: StoredMessage): this {
    const isNew = !super.has(id);
    super.set(id, stored);
    if (!this.byConversation) return this;
    if (isNew) {
      this.slot.set(id, this.order.length);
      this.order.push(id);
    }
    this.refile(id, stored);
    return this;
  }

  override delete(id: string): boolean {
    this.unfile(id);
    this.slot.delete(id);
    const deleted = super.delete(id);
    // Compact once most of the order is deleted ids.
    if (this.order.length > 64 && this.slot.size < this.order.length / 2) {
      this.order = this.order.filter((x, i) => this.slot.get(x) === i);
      this.order.forEach((x, i) => this.slot.set(x, i));
    }
    return deleted;
  }

  override clear(): void {
    super.clear();
    this.order = [];
    this.slot.clear();
    this.byConversation.clear();
    this.byContact.clear();
    this.byIdentity.clear();
    this.filed.clear();
  }

  /** Re-files a message whose contact or conversation was changed in place. */
  refile(id: string, stored: StoredMessage): void {
    const m = stored.message;
    const next = { conversation: m.conversation_id, contact: m.contact_id, identity: m.channel_identity.identity };
    const old = this.filed.get(id);
    if (old && old.conversation === next.conversation && old.contact === next.contact && old.identity === next.identity) return;
    this.unfile(id);
    if (next.conversation) addTo(this.byConversation, next.conversation, id);
    if (next.contact) addTo(this.byContact, next.contact, id);
    if (next.identity) addTo(this.byIdentity, next.identity, id);
    this.filed.set(id, next);
  }

  inConversation(conversationId: string): StoredMessage[] {
    return this.resolve(this.byConversation.get(conversationId));
  }

  ofContact(contactId: string): StoredMessage[] {
    return this.resolve(this.byContact.get(contactId));
  }

  withIdentity(identity: string): StoredMessage[] {
    return this.resolve(this.byIdentity.get(identity));
  }

  /** The newest message of a conversation, without walking the others. */
  lastInConversation(conversationId: string): StoredMessage | undefined {
    const ids = this.byConversation.get(conversationId);
    if (!ids) return undefined;
    let last: string | undefined;
    for (const id of ids) last = id;
    return last === undefined ? undefined : super.get(last);
  }

  /** Newest first, lazily: a page stops walking once it is full (no copy of every message). */
  *newestFirst(): Generator<StoredMessage> {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const id = this.order[i] as string;
      if (this.slot.get(id) !== i) continue;
      const m = super.get(id);
      if (m) yield m;
    }
  }

  private resolve(ids: Set<string> | undefined): StoredMessage[] {
    if (!ids) return [];
    return [...ids].flatMap((id) => {
      const m = super.get(id);
      return m ? [m] : [];
    });
  }

  private unfile(id: string): void {
    const old = this.filed.get(id);
    if (!old) return;
    if (old.conversation) removeFrom(this.byConversation, old.conversation, id);
    if (old.contact) removeFrom(this.byContact, old.contact, id);
    if (old.identity) removeFrom(this.byIdentity, old.identity, id);
    this.filed.delete(id);
  }
}
