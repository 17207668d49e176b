/**
 * The order in which running the whole built-in collection works, as a person working through it
 * would go: the project's settings and an app first, then the contacts and conversation the
 * sends need, templates before the sends that use them, reads after the writes they read, and
 * every delete at the end, the app last of all (deleting it removes everything it owns). The
 * display order groups requests by resource instead, which puts Apps › Delete app before every
 * message.
 */
import type { RequestTemplate } from '../model/collection';

/** A request id, or `prefix.*` for every request whose id starts with `prefix.` (in display order). */
export type RunStep = string;

export const BUILTIN_RUN_STEPS: readonly RunStep[] = [
  // Project-wide settings, then the app every other resource belongs to.
  'settings.create',
  'settings.get',
  'settings.update',
  'apps.create',
  'apps.list',
  'apps.get',
  'apps.update',
  // Callbacks wired before anything happens, so every trigger the run causes reaches the webhook.
  'webhooks.create',
  'webhooks.list',
  'webhooks.get',
  'webhooks.update',
  // Two contacts for one person: conflicts to list, then merged into {{contact_id}}.
  'contacts.create',
  'contacts.createDuplicate',
  'contacts.list',
  'contacts.get',
  'contacts.update',
  'contacts.identityConflicts',
  'contacts.merge',
  'contacts.getChannelProfile',
  'conversations.create',
  'conversations.list',
  'conversations.recent',
  'conversations.get',
  'conversations.update',
  // Templates before "Send template message", which sends {{template_id}}.
  'templatesV2.create',
  'templatesV2.list',
  'templatesV2.get',
  'templatesV2.update',
  'templatesV2.translations',
  'templatesV1.create',
  'templatesV1.list',
  'templatesV1.get',
  'templatesV1.update',
  'messages.send.*',
  'messages.list',
  'messages.get',
  'messages.update',
  'messages.fetchLastMessage',
  'messages.transcode',
  'capability.query',
  'events.send.*',
  'events.list',
  'events.get',
  'conversations.injectMessage',
  'conversations.injectEvent',
  // Opt-outs come from contacts answering STOP, so they are read after the messaging.
  'consents.list',
  'consents.auditRecords',
  // Deletes last; what others belong to after them.
  'messages.delete',
  'events.delete',
  'conversations.stop',
  'conversations.delete',
  'templatesV2.delete',
  'templatesV1.delete',
  'webhooks.delete',
  'contacts.delete',
  'settings.delete',
  'apps.delete',
];

/**
 * Request ids in run order. A step naming no request is an error (a renamed id must not silently
 * drop out of the run); requests no step names are appended in display order.
 */
export function expandRunOrder(steps: readonly RunStep[], requests: readonly Pick<RequestTemplate, 'id'>[]): string[] {
  const out: string[] = [];
  const add = (id: string): void => {
    if (!out.includes(id)) out.push(id);
  };
  for (const step of steps) {
    const matched = step.endsWith('.*') ? requests.filter((r) => r.id.startsWith(step.slice(0, -1))) : requests.filter((r) => r.id === step);
    if (matched.length === 0) throw new Error(`Run order step "${step}" names no request of the collection.`);
    for (const r of matched) add(r.id);
  }
  for (const r of requests) add(r.id);
  return out;
}
