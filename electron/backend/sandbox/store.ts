import type { App, ConsentAuditRecord, Contact, Conversation, ProjectSettings, TemplateV1, TemplateV2, Webhook } from '../../../shared/conversation/resources';
import type { ConsentListType } from './enums';
import { ContactMap, ConversationMap, MessageMap } from './indexes';
import type { StoredEvent } from './stored';

/**
 * Everything one project holds, in memory. Maps keep insertion order, which with ULID ids is
 * creation order, so listings are stable without a sort.
 */
export class ProjectStore {
  readonly apps = new Map<string, App>();
  /** Indexed by identity and external id (see indexes.ts). */
  readonly contacts = new ContactMap();
  /** Indexed by app + contact. */
  readonly conversations = new ConversationMap();
  /** Indexed by conversation, contact and identity. */
  readonly messages = new MessageMap();
  readonly events = new Map<string, StoredEvent>();
  readonly webhooks = new Map<string, Webhook>();
  readonly templatesV2 = new Map<string, TemplateV2>();
  readonly templatesV1 = new Map<string, TemplateV1>();
  /** appId → list type → identities on that opt-out list. */
  readonly consentLists = new Map<string, Map<ConsentListType, Set<string>>>();
  /** `${appId}\n${identity}` → audit trail. */
  readonly consentAudit = new Map<string, ConsentAuditRecord[]>();
  settings: ProjectSettings | undefined;

  constructor(readonly projectId: string) {}

  webhooksOf(appId: string): Webhook[] {
    return [...this.webhooks.values()].filter((w) => w.app_id === appId);
  }

  activeConversation(appId: string, contactId: string): Conversation | undefined {
    return this.conversations.between(appId, contactId).find((c) => c.active);
  }

  findContactByIdentity(channel: string, identity: string, appId: string): Contact | undefined {
    return this.contacts
      .withIdentity(channel, identity)
      .find((c) => c.channel_identities.some((ci) => ci.channel === channel && ci.identity === identity && (ci.app_id === '' || ci.app_id === appId)));
  }

  optOutList(appId: string, list: ConsentListType): Set<string> {
    let lists = this.consentLists.get(appId);
    if (!lists) {
      lists = new Map();
      this.consentLists.set(appId, lists);
    }
    let set = lists.get(list);
    if (!set) {
      set = new Set();
      lists.set(list, set);
    }
    return set;
  }
}
