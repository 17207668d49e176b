import type { App, ConsentAuditRecord, Contact, Conversation, ProjectSettings, TemplateV1, TemplateV2, Webhook } from '../../../shared/conversation/resources';
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { toJsonFile, writeFileAtomic } from '../storage/atomicFile';
import { readVersionedJson } from '../storage/jsonFile';
import { SerialQueue } from '../storage/serialQueue';
import { CONSENT_LIST_TYPES, type ConsentListType } from './enums';
import type { StoredEvent, StoredMessage } from './stored';
import { ProjectStore } from './store';
import type { PendingCallback } from './callbacks/deliveryQueue';

export const SANDBOX_STATE_FORMAT = 'sinch-explorer/sandbox-state';
export const SANDBOX_STATE_VERSION = 1;

/**
 * Where the sandbox keeps the values that must never reach a file (webhook secrets, channel
 * tokens, OAuth client secrets): the app's keychain, one entry for the whole sandbox.
 */
export interface SandboxSecretKeeper {
  read(): Promise<string | null>;
  write(value: string): Promise<void>;
  clear(): Promise<void>;
}

/** The file's `state`: every resource of the project, in creation order, secret values left out. */
export interface SandboxSnapshot {
  apps: App[];
  contacts: Contact[];
  conversations: Conversation[];
  messages: StoredMessage[];
  events: StoredEvent[];
  webhooks: Webhook[];
  templatesV2: TemplateV2[];
  templatesV1: TemplateV1[];
  /** appId → list type → identities. */
  consentLists: Record<string, Partial<Record<ConsentListType, string[]>>>;
  consentAudit: Record<string, ConsentAuditRecord[]>;
  settings: ProjectSettings | null;
}

const withId = z.looseObject({ id: z.string().min(1) });
const snapshotSchema = z.object({
  apps: z.array(withId),
  contacts: z.array(withId),
  conversations: z.array(withId),
  messages: z.array(z.looseObject({ appId: z.string(), correlationId: z.string(), message: withId })),
  events: z.array(z.looseObject({ appId: z.string(), event: withId })),
  webhooks: z.array(withId),
  templatesV2: z.array(withId),
  templatesV1: z.array(withId),
  consentLists: z.record(z.string(), z.partialRecord(z.enum(CONSENT_LIST_TYPES), z.array(z.string()))),
  consentAudit: z.record(z.string(), z.array(z.looseObject({ app_id: z.string() }))),
  settings: z.looseObject({}).nullable(),
});

const attemptSchema = z.object({ at: z.string(), status: z.number().int().optional(), error: z.string().optional() });
const signerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), webhookId: z.string().min(1) }),
  z.object({ kind: z.literal('callback-url'), appId: z.string().min(1) }),
]);
/** Callbacks not delivered when the sandbox stopped: bodies and where to sign them from, never a secret. */
const pendingSchema = z.array(
  z.object({
    url: z.string().min(1),
    body: z.string(),
    trigger: z.string(),
    webhookId: z.string().optional(),
    signer: signerSchema.optional(),
    orderKey: z.string().optional(),
    attempts: z.array(attemptSchema),
    firstTriedAt: z.number().optional(),
  }),
);

const fileSchema = z.object({ state: snapshotSchema, secretFields: z.array(z.string()), pendingCallbacks: pendingSchema.optional() });

/** What the file keeps: the project, and the callbacks still to deliver. */
export interface SandboxSaved {
  store: ProjectStore;
  pendingCallbacks: PendingCallback[];
}

/** Key names whose string values are credentials: kept in the keychain, never in the state file. */
const SECRET_KEY = /secret|token|password|passwd|api_?key|private_?key|sender_?key|aes_?key/i;

/** Resource collections whose records are split by id, so a secret finds its record again. */
const KEYED: ReadonlyArray<keyof SandboxSnapshot> = ['apps', 'contacts', 'webhooks', 'templatesV2', 'templatesV1'];

export function snapshotOf(store: ProjectStore): SandboxSnapshot {
  const consentLists: SandboxSnapshot['consentLists'] = {};
  for (const [appId, lists] of store.consentLists) {
    const out: Partial<Record<ConsentListType, string[]>> = {};
    for (const [list, set] of lists) if (set.size > 0) out[list] = [...set];
    consentLists[appId] = out;
  }
  return structuredClone({
    apps: [...store.apps.values()],
    contacts: [...store.contacts.values()],
    conversations: [...store.conversations.values()],
    messages: [...store.messages.values()],
    events: [...store.events.values()],
    webhooks: [...store.webhooks.values()],
    templatesV2: [...store.templatesV2.values()],
    templatesV1: [...store.templatesV1.values()],
    consentLists,
    consentAudit: Object.fromEntries(store.consentAudit),
    settings: store.settings ?? null,
  });
}

export function storeFrom(projectId: string, snapshot: SandboxSnapshot): ProjectStore {
  const store = new ProjectStore(projectId);
  for (const app of snapshot.apps) store.apps.set(app.id, app);
  for (const contact of snapshot.contacts) store.contacts.set(contact.id, contact);
  for (const conversation of snapshot.conversations) store.conversations.set(conversation.id, conversation);
  for (const message of snapshot.messages) store.messages.set(message.message.id, message);
  for (const event of snapshot.events) store.events.set(event.event.id, event);
  for (const webhook of snapshot.webhooks) store.webhooks.set(webhook.id, webhook);
  for (const template of snapshot.templatesV2) store.templatesV2.set(template.id, template);
  for (const template of snapshot.templatesV1) store.templatesV1.set(template.id, template);
  for (const [appId, lists] of Object.entries(snapshot.consentLists)) {
    for (const list of CONSENT_LIST_TYPES) for (const identity of lists[list] ?? []) store.optOutList(appId, list).add(identity);
  }
  for (const [key, records] of Object.entries(snapshot.consentAudit)) store.consentAudit.set(key, records);
  store.settings = snapshot.settings ?? undefined;
  return store;
}

/**
 * Moves every secret-named string out of the snapshot (in place) and returns them by location:
 * "webhooks/<id>/secret", "apps/<id>/channel_credentials/0/static_bearer/token".
 */
export function extractSecrets(snapshot: SandboxSnapshot): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}/${i}`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) {
      const at = `${path}/${encodeURIComponent(key)}`;
      if (typeof child === 'string' && child !== '' && SECRET_KEY.test(key)) {
        found[at] = child;
        record[key] = '';
      } else {
        walk(child, at);
      }
    }
  };
  for (const kind of KEYED) {
    for (const record of snapshot[kind] as Array<{ id: string }>) walk(record, `${kind}/${encodeURIComponent(record.id)}`);
  }
  return found;
}

/** Puts secrets back where extractSecrets found them; returns how many had nowhere to go. */
export function restoreSecrets(snapshot: SandboxSnapshot, secrets: Record<string, string>): number {
  const byId = new Map<string, unknown>();
  for (const kind of KEYED) for (const record of snapshot[kind] as Array<{ id: string }>) byId.set(`${kind}/${encodeURIComponent(record.id)}`, record);
  let lost = 0;
  for (const [location, value] of Object.entries(secrets)) {
    const [kind, id, ...rest] = location.split('/');
    let target = byId.get(`${kind}/${id}`);
    const last = rest.pop();
    for (const part of rest) target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[decodeURIComponent(part)] : undefined;
    const key = last === undefined ? undefined : decodeURIComponent(last);
    if (key !== undefined && typeof target === 'object' && target !== null && Object.hasOwn(target, key) && (target as Record<string, unknown>)[key] === '') {
      (target as Record<string, unknown>)[key] = value;
    } else {
      lost++;
    }
  }
  return lost;
}

export interface LoadedState {
  store: ProjectStore | null;
  /** Callbacks that were still to be delivered when the sandbox last stopped. */
  pendingCallbacks?: PendingCallback[];
  /** A sentence for the user when something could not be restored as it was. */
  notice?: string;
}

export interface SandboxStateFileOptions {
  path: string;
  projectId: string;
  secrets?: SandboxSecretKeeper;
  /** Writes are coalesced: at most one per this many ms while changes keep coming. Default 250. */
  debounceMs?: number;
  log?: (line: string) => void;
  /** Told when a write fails or secrets cannot be kept, so the page can say so. */
  onProblem?: (message: string) => void;
}

/** A keychain may wait on an unlock prompt or a bus that never answers: the sandbox does not wait forever. */
const KEYCHAIN_TIMEOUT_MS = 10_000;

async function bounded<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s while ${what}`)), KEYCHAIN_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function problemText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The sandbox's state on disk: one pretty-printed, format-versioned JSON file under the app's
 * data folder, written atomically, a few hundred milliseconds after the last change. A file that
 * cannot be read is renamed aside (never deleted) and named in the notice.
 */
export class SandboxStateFile {
  private readonly queue = new SerialQueue();
  private timer: NodeJS.Timeout | undefined;
  private pending: (() => SandboxSaved) | undefined;
  private lastSecrets: string | undefined;

  constructor(private readonly options: SandboxStateFileOptions) {}

  get path(): string {
    return this.options.path;
  }

  async load(): Promise<LoadedState> {
    const { path } = this.options;
    const read = await readVersionedJson(path, SANDBOX_STATE_FORMAT, SANDBOX_STATE_VERSION, fileSchema, (file) => ({
      state: file['state'],
      secretFields: file['secretFields'] ?? [],
      pendingCallbacks: file['pendingCallbacks'],
    }));
    if (!read.ok) {
      if (read.message === 'cannot be read: ENOENT') {
        this.lastSecrets = '{}';
        return { store: null };
      }
      const aside = join(dirname(path), `${basename(path, '.json')}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      let moved = true;
      await rename(path, aside).catch(() => {
        moved = false;
      });
      return {
        store: null,
        notice: `The saved sandbox state ${path} ${read.message} ${moved ? `It was set aside as ${aside} and the sandbox started empty.` : 'The sandbox started empty; the file was left where it is and will be replaced by the next change.'}`,
      };
    }
    const snapshot = read.value.state as unknown as SandboxSnapshot;
    let notice: string | undefined;
    const expected = read.value.secretFields.length;
    if (expected === 0) this.lastSecrets = '{}';
    else {
      let text: string | null = null;
      try {
        text = this.options.secrets ? await bounded(this.options.secrets.read(), 'reading the sandbox secrets') : null;
      } catch (error) {
        notice = `${expected} secret value${expected === 1 ? '' : 's'} of the sandbox (webhook secrets, channel tokens) could not be read back from the keychain (${problemText(error)}); they are empty now.`;
      }
      if (text !== null) {
        this.lastSecrets = text;
        let parsed: Record<string, string> = {};
        try {
          const value = JSON.parse(text) as unknown;
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            parsed = Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
          }
        } catch {
          /* counted below as missing */
        }
        const wanted = Object.fromEntries(read.value.secretFields.filter((f) => parsed[f] !== undefined).map((f) => [f, parsed[f] ?? '']));
        const missing = expected - Object.keys(wanted).length + restoreSecrets(snapshot, wanted);
        if (missing > 0)
          notice = `${missing} secret value${missing === 1 ? '' : 's'} of the sandbox (webhook secrets, channel tokens) were not found in the keychain; they are empty now.`;
      } else if (!notice) {
        notice = `${expected} secret value${expected === 1 ? '' : 's'} of the sandbox (webhook secrets, channel tokens) were not kept (no keychain was available when they were saved); they are empty now.`;
      }
    }
    const pendingCallbacks = (read.value.pendingCallbacks ?? []) as PendingCallback[];
    return { store: storeFrom(this.options.projectId, snapshot), pendingCallbacks, ...(notice ? { notice } : {}) };
  }

  /** Asks for a write soon; many changes in a burst make one write. */
  schedule(current: () => SandboxSaved): void {
    this.pending = current;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.debounceMs ?? 250);
    this.timer.unref?.();
  }

  /** Writes now whatever is pending, and waits for every write so far. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const current = this.pending;
    this.pending = undefined;
    if (current) await this.queue.run(() => this.write(current()));
    else await this.queue.run(async () => undefined);
  }

  private async write({ store, pendingCallbacks }: SandboxSaved): Promise<void> {
    const snapshot = snapshotOf(store);
    const secrets = extractSecrets(snapshot);
    const secretsText = JSON.stringify(secrets);
    // Secrets first: a file that names a secret the keychain does not hold yet would restore it empty.
    if (secretsText !== this.lastSecrets && this.options.secrets) {
      try {
        if (Object.keys(secrets).length === 0) await bounded(this.options.secrets.clear(), 'removing the sandbox secrets');
        else await bounded(this.options.secrets.write(secretsText), 'saving the sandbox secrets');
        this.lastSecrets = secretsText;
      } catch (error) {
        this.options.onProblem?.(`The sandbox's secret values (webhook secrets, channel tokens) cannot be kept across restarts: ${problemText(error)}`);
      }
    }
    try {
      await writeFileAtomic(
        this.options.path,
        toJsonFile({
          format: SANDBOX_STATE_FORMAT,
          version: SANDBOX_STATE_VERSION,
          savedAt: new Date().toISOString(),
          // Where secret values were taken out (kept in the keychain): names only, never values.
          secretFields: Object.keys(secrets),
          state: snapshot,
          // Retried at the next start, signed then with the secret the webhook has (the keychain keeps it).
          pendingCallbacks,
        }),
      );
    } catch (error) {
      this.options.log?.(`sandbox state not saved: ${problemText(error)}`);
      this.options.onProblem?.(`The sandbox state could not be saved to ${this.options.path}: ${problemText(error)}`);
    }
  }
}
