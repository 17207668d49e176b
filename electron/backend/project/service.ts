import { randomBytes } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import {
  WEBHOOK_LIMITS,
  type AccessCheck,
  type ApiProblem,
  type CreatedApp,
  type ProjectApp,
  type ProjectContact,
  type ProjectResult,
  type ProjectWebhook,
  type RoutingCandidate,
  type RoutingExplanation,
} from '../../../shared/model/project';
import { GLOBAL_AUTH_URL, isSinchRegion } from '../../../shared/regions';
import { TokenError, type TokenManager } from '../auth/index';
import { accountFor, type SecretVault } from '../secrets/index';
import type { EnvironmentStore } from '../storage/environments';
import type { WebhookService } from '../webhooks/service';
import { tokenProblem, type ApiAnswer, type ProjectApi } from './apiClient';
import { buildEntry, channelKeys, channelViews, isObject, secretsIn, writableEntry, type JsonObject } from './channels';

/** Triggers a webhook made by "Use my public URL" listens to: what the getting-started journey shows. */
export const PUBLIC_URL_TRIGGERS = [
  'MESSAGE_INBOUND',
  'MESSAGE_DELIVERY',
  'MESSAGE_SUBMIT',
  'EVENT_INBOUND',
  'EVENT_DELIVERY',
  'CONVERSATION_START',
  'CONVERSATION_STOP',
] as const;

/** A fresh webhook secret: 32 random bytes, base64url (43 characters). */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

const fail = <T>(problem: ApiProblem): ProjectResult<T> => ({ ok: false, problem });
const enc = encodeURIComponent;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function toContact(json: unknown): ProjectContact {
  const c = isObject(json) ? json : {};
  const identities = Array.isArray(c['channel_identities']) ? c['channel_identities'].filter(isObject) : [];
  return {
    id: str(c['id']),
    displayName: str(c['display_name']),
    channelIdentities: identities.map((ci) => ({ channel: str(ci['channel']), identity: str(ci['identity']), appId: str(ci['app_id']) })),
    channelPriority: strings(c['channel_priority']),
  };
}

/** Whether `url` is `base` or below it (localhost and 127.0.0.1 are the same machine). */
export function sameBase(url: string, base: string | null): boolean {
  if (!base) return false;
  try {
    const a = new URL(url);
    const b = new URL(base);
    const host = (h: string): string => (h === 'localhost' || h === '[::1]' ? '127.0.0.1' : h.toLowerCase());
    if (a.protocol !== b.protocol || host(a.hostname) !== host(b.hostname) || a.port !== b.port) return false;
    const basePath = b.pathname.replace(/\/+$/, '');
    return a.pathname === basePath || a.pathname.startsWith(`${basePath}/`) || basePath === '';
  } catch {
    return false;
  }
}

/** Why a target cannot be a webhook target (reference §11.1), or null. */
export function targetProblem(target: string): string | null {
  if (target.length > WEBHOOK_LIMITS.targetLength)
    return `A webhook target may have at most ${WEBHOOK_LIMITS.targetLength} characters (this one has ${target.length}).`;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `"${target.slice(0, 100)}" is not a URL. A target starts with https:// (or http://).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'A webhook target must be an http:// or https:// URL.';
  const host = url.hostname.toLowerCase();
  if (/^conversation-api\..*\.sinch\.com$/.test(host) || /(^|\.)conversation\.api\.sinch\.com$/.test(host)) {
    return 'Sinch refuses its own Conversation API hosts as webhook targets: point the webhook at your server, your tunnel or the listener.';
  }
  return null;
}

interface Deps {
  api: ProjectApi;
  environments: EnvironmentStore;
  tokens: TokenManager;
  vault: SecretVault;
  hooks: WebhookService;
  /** The tunnel's public URL (pasted or ngrok), when there is one. */
  publicUrl: () => string | null;
  /** An environment was changed here (its App ID): the page is told at once. */
  environmentChanged: () => void;
}

/**
 * The Project view's backend: apps, their channels and order, routing, webhooks with secrets
 * kept in the keychain. Every call goes to the environment's API with its credentials; what the
 * page receives never holds a secret.
 */
export class ProjectService {
  constructor(private readonly deps: Deps) {}

  private env(id: string): Environment {
    return this.deps.environments.get(id);
  }

  private region(env: Environment): ProjectApp['region'] {
    return isSinchRegion(env.region) ? env.region : env.region === 'sandbox' ? 'sandbox' : 'custom';
  }

  private toApp(env: Environment, json: unknown): ProjectApp {
    const a = isObject(json) ? json : {};
    const entries = Array.isArray(a['channel_credentials']) ? a['channel_credentials'].filter(isObject) : [];
    return {
      id: str(a['id']),
      displayName: str(a['display_name']),
      region: this.region(env),
      channels: channelViews(entries),
      processingMode: typeof a['processing_mode'] === 'string' ? a['processing_mode'] : null,
      webhookCount: null,
    };
  }

  private appMissing(env: Environment, appId: string): { message: string; field: 'app' } {
    return {
      message: `No app ${appId} in this project's ${env.region} region. An app lives in the region it was created in${isSinchRegion(env.region) ? ' — is it in another region?' : '.'}`,
      field: 'app',
    };
  }

  async check(environmentId: string): Promise<ProjectResult<AccessCheck>> {
    const env = this.env(environmentId);
    const target = await this.deps.api.target(env);
    if ('problem' in target) return fail(target.problem);
    let token: AccessCheck['token'] = null;
    if (target.auth.mode === 'oauth2') {
      const tokenUrl = target.auth.tokenUrl.trim() || GLOBAL_AUTH_URL;
      try {
        const t = await this.deps.tokens.getToken({
          tokenUrl,
          keyId: target.auth.keyId,
          keySecret: target.auth.keySecret,
          signal: AbortSignal.timeout(30_000),
        });
        token = { tokenUrl, keyId: target.auth.keyId, tokenType: t.tokenType, expiresAt: t.expiresAt, fromCache: t.fromCache };
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        return fail(tokenProblem(error, target.auth, [target.auth.keySecret]));
      }
    }
    const apps = await this.listApps(environmentId);
    if (!apps.ok) return apps;
    return { ok: true, value: { token, appCount: apps.value.length, region: env.region } };
  }

  async listApps(environmentId: string): Promise<ProjectResult<ProjectApp[]>> {
    const env = this.env(environmentId);
    const answer = await this.deps.api.call(env, {
      method: 'GET',
      path: '/apps',
      refusals: {
        404: {
          message: isSinchRegion(env.region)
            ? `No such project in the ${env.region} region — is the project id right, or is it in another region (${['us', 'eu', 'br'].filter((r) => r !== env.region).join(', ')})?`
            : 'No such project here: is the project id right?',
          field: isSinchRegion(env.region) ? 'region' : 'projectId',
        },
        400: { message: 'The API did not accept the project id.', field: 'projectId' },
      },
    });
    if (!answer.ok) return answer;
    const apps = isObject(answer.json) && Array.isArray(answer.json['apps']) ? answer.json['apps'] : [];
    return { ok: true, value: apps.map((a) => this.toApp(env, a)) };
  }

  /** The app as the server has it, raw (for writes) and as shown. */
  private async fetchApp(env: Environment, appId: string): Promise<{ ok: true; raw: JsonObject; app: ProjectApp } | { ok: false; problem: ApiProblem }> {
    const answer = await this.deps.api.call(env, {
      method: 'GET',
      path: `/apps/${enc(appId)}`,
      refusals: { 404: this.appMissing(env, appId), 400: this.appMissing(env, appId) },
    });
    if (!answer.ok) return answer;
    const raw = isObject(answer.json) ? answer.json : {};
    return { ok: true, raw, app: this.toApp(env, raw) };
  }

  async getApp(environmentId: string, appId: string): Promise<ProjectResult<ProjectApp>> {
    const env = this.env(environmentId);
    const got = await this.fetchApp(env, appId);
    if (!got.ok) return got;
    const hooks = await this.deps.api.call(env, { method: 'GET', path: `/apps/${enc(appId)}/webhooks` });
    const count = hooks.ok && isObject(hooks.json) && Array.isArray(hooks.json['webhooks']) ? hooks.json['webhooks'].length : null;
    return { ok: true, value: { ...got.app, webhookCount: count } };
  }

  /**
   * Makes `appId` the environment's App ID (`{{app_id}}`): written to its file, so the catalog's requests use
   * it at once, and told to the page, so the editor, the variables and open tabs show it.
   */
  async useApp(environmentId: string, appId: string): Promise<{ appId: string }> {
    const env = this.env(environmentId);
    if (env.appId !== appId) {
      await this.deps.environments.update({ ...env, appId });
      this.deps.environmentChanged();
    }
    return { appId };
  }

  async createApp(environmentId: string, displayName: string): Promise<ProjectResult<CreatedApp>> {
    const env = this.env(environmentId);
    const answer = await this.deps.api.call(env, {
      method: 'POST',
      path: '/apps',
      body: { display_name: displayName, channel_credentials: [] },
      refusals: {
        400: { message: 'The API did not accept the new app.', field: 'displayName' },
        404: { message: 'No such project here: is the project id right, and the region?', field: 'projectId' },
      },
    });
    const created = this.appAnswer(env, answer);
    if (!created.ok || created.value.id === '') return created;
    // The app the guided setup made is the one the user's requests go on to use.
    try {
      await this.useApp(environmentId, created.value.id);
      return created;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return {
        ok: true,
        value: {
          ...created.value,
          appIdProblem: `The app was created, but the environment's App ID could not be set to it (${why}). Pick the app under Apps to try again.`,
        },
      };
    }
  }

  async renameApp(environmentId: string, appId: string, displayName: string): Promise<ProjectResult<ProjectApp>> {
    const env = this.env(environmentId);
    const answer = await this.deps.api.call(env, {
      method: 'PATCH',
      path: `/apps/${enc(appId)}`,
      query: { update_mask: 'display_name' },
      body: { display_name: displayName },
      refusals: { 404: this.appMissing(env, appId), 400: { message: 'The API did not accept the name.', field: 'displayName' } },
    });
    return this.appAnswer(env, answer);
  }

  async deleteApp(environmentId: string, appId: string): Promise<ProjectResult<{ deleted: true; clearedAppId: boolean }>> {
    const env = this.env(environmentId);
    // Its webhooks go with it: their secrets should not outlive them in the keychain.
    const hooks = await this.deps.api.call(env, { method: 'GET', path: `/apps/${enc(appId)}/webhooks` });
    const answer = await this.deps.api.call(env, { method: 'DELETE', path: `/apps/${enc(appId)}`, refusals: { 404: this.appMissing(env, appId) } });
    if (!answer.ok) return answer;
    if (hooks.ok && isObject(hooks.json) && Array.isArray(hooks.json['webhooks'])) {
      for (const w of hooks.json['webhooks'].filter(isObject)) await this.forgetSecret(env.id, str(w['id']));
    }
    // Requests must not go on using an app that is gone: {{app_id}} is emptied, and the page says so.
    const clearedAppId =
      this.env(environmentId).appId === appId &&
      (await this.useApp(environmentId, '').then(
        () => true,
        () => false,
      ));
    return { ok: true, value: { deleted: true, clearedAppId } };
  }

  private appAnswer(env: Environment, answer: ApiAnswer): ProjectResult<ProjectApp> {
    if (!answer.ok) return answer;
    return { ok: true, value: this.toApp(env, answer.json) };
  }

  /** PATCHes only `channel_credentials`, so nothing else on the app changes. */
  private async writeChannels(
    env: Environment,
    appId: string,
    entries: JsonObject[],
    secrets: readonly string[],
    field: 'channel' | 'order' = 'channel',
  ): Promise<ProjectResult<ProjectApp>> {
    const answer = await this.deps.api.call(env, {
      method: 'PATCH',
      path: `/apps/${enc(appId)}`,
      query: { update_mask: 'channel_credentials' },
      body: { channel_credentials: entries },
      refusals: {
        400: {
          message: field === 'order' ? "The API did not accept the new order; the order shown is the server's." : 'The API did not accept the channel.',
          field,
        },
        404: this.appMissing(env, appId),
      },
      secrets: [...secrets, ...secretsIn(entries)],
    });
    return this.appAnswer(env, answer);
  }

  private entriesOf(raw: JsonObject): JsonObject[] {
    return Array.isArray(raw['channel_credentials']) ? raw['channel_credentials'].filter(isObject) : [];
  }

  async saveChannel(input: ParsedInput<'project.saveChannel'>): Promise<ProjectResult<ProjectApp>> {
    const env = this.env(input.environmentId);
    const got = await this.fetchApp(env, input.appId);
    if (!got.ok) return got;
    const entries = this.entriesOf(got.raw);
    const keys = channelKeys(entries);
    const index = input.key === undefined ? -1 : keys.indexOf(input.key);
    if (input.key !== undefined && index < 0) {
      return fail({ message: `The app has no ${input.key} channel any more; reloaded.`, field: 'channel' });
    }
    const built = buildEntry(input.formId, input.values, index >= 0 ? entries[index] : undefined);
    if (!built.ok) return fail({ message: built.message, field: 'channel' });
    const next = entries.map(writableEntry);
    if (index >= 0) next[index] = built.entry;
    else {
      // A second credential of the same channel (LINE) is told apart by its ordinal number.
      const same = entries.filter((e) => e['channel'] === built.entry['channel']);
      if (same.length > 0 && built.entry['credential_ordinal_number'] === undefined) {
        const ordinals = same.map((e) => (typeof e['credential_ordinal_number'] === 'number' ? e['credential_ordinal_number'] : 0));
        built.entry['credential_ordinal_number'] = Math.max(...ordinals, entries.length - 1) + 1;
      }
      next.push(built.entry);
    }
    return this.writeChannels(env, input.appId, next, built.sentSecrets);
  }

  async removeChannel(environmentId: string, appId: string, key: string): Promise<ProjectResult<ProjectApp>> {
    const env = this.env(environmentId);
    const got = await this.fetchApp(env, appId);
    if (!got.ok) return got;
    const entries = this.entriesOf(got.raw);
    const index = channelKeys(entries).indexOf(key);
    if (index < 0) return fail({ message: `The app has no ${key} channel any more; reloaded.`, field: 'channel' });
    return this.writeChannels(env, appId, entries.filter((_, i) => i !== index).map(writableEntry), []);
  }

  async reorderChannels(environmentId: string, appId: string, order: readonly string[]): Promise<ProjectResult<ProjectApp>> {
    const env = this.env(environmentId);
    const got = await this.fetchApp(env, appId);
    if (!got.ok) return got;
    const entries = this.entriesOf(got.raw);
    const keys = channelKeys(entries);
    const byKey = new Map(keys.map((k, i) => [k, entries[i] as JsonObject]));
    if (order.length !== keys.length || new Set(order).size !== order.length || order.some((k) => !byKey.has(k))) {
      return fail({ message: "The app's channels changed since they were shown; reloaded.", field: 'order' });
    }
    return this.writeChannels(
      env,
      appId,
      order.map((k) => writableEntry(byKey.get(k) as JsonObject)),
      [],
      'order',
    );
  }

  async listContacts(
    environmentId: string,
    pageToken: string | undefined,
  ): Promise<ProjectResult<{ contacts: ProjectContact[]; nextPageToken: string | null }>> {
    const env = this.env(environmentId);
    const answer = await this.deps.api.call(env, {
      method: 'GET',
      path: '/contacts',
      query: { page_size: '20', ...(pageToken ? { page_token: pageToken } : {}) },
    });
    if (!answer.ok) return answer;
    const json = isObject(answer.json) ? answer.json : {};
    const contacts = Array.isArray(json['contacts']) ? json['contacts'].map(toContact) : [];
    const next = str(json['next_page_token']);
    return { ok: true, value: { contacts, nextPageToken: next === '' ? null : next } };
  }

  async explainRouting(environmentId: string, appId: string, contactId: string): Promise<ProjectResult<RoutingExplanation>> {
    const env = this.env(environmentId);
    const contactAnswer = await this.deps.api.call(env, {
      method: 'GET',
      path: `/contacts/${enc(contactId)}`,
      refusals: { 404: { message: `No contact ${contactId} in this project.`, field: 'contact' } },
    });
    if (!contactAnswer.ok) return contactAnswer;
    const contact = toContact(contactAnswer.json);
    const got = await this.fetchApp(env, appId);
    if (!got.ok) return got;
    const configured = this.entriesOf(got.raw).map((e) => str(e['channel']));
    const appOrder = [...new Set(configured)];
    // A DISPATCH app has no conversations (the API refuses the query): then there is none active.
    const conversations = await this.deps.api.call(env, {
      method: 'GET',
      path: '/conversations',
      query: { app_id: appId, contact_id: contactId, only_active: 'true' },
    });
    let activeConversation: RoutingExplanation['activeConversation'] = null;
    if (conversations.ok && isObject(conversations.json) && Array.isArray(conversations.json['conversations'])) {
      const active = conversations.json['conversations'].filter(isObject).find((c) => c['active'] !== false && str(c['active_channel']) !== '');
      if (active) activeConversation = { id: str(active['id']), activeChannel: str(active['active_channel']) };
    }
    const ordered: { channel: string; source: RoutingCandidate['source'] }[] = [];
    const add = (channel: string, source: RoutingCandidate['source']): void => {
      if (channel !== '' && !ordered.some((o) => o.channel === channel)) ordered.push({ channel, source });
    };
    if (activeConversation) add(activeConversation.activeChannel, 'active-conversation');
    for (const c of contact.channelPriority) add(c, 'contact-priority');
    for (const c of appOrder) add(c, 'app-order');
    let first: RoutingExplanation['first'] = null;
    const candidates: RoutingCandidate[] = ordered.map(({ channel, source }) => {
      const identities = contact.channelIdentities.filter((ci) => ci.channel === channel);
      const mine = identities.find((ci) => ci.appId === '' || ci.appId === appId);
      const from = source === 'active-conversation' ? 'the active conversation' : source === 'contact-priority' ? "the contact's priority" : "the app's order";
      let note: string;
      let usable = false;
      if (!configured.includes(channel)) note = `Skipped: the app has no ${channel} channel (from ${from}).`;
      else if (!mine)
        note =
          identities.length > 0 ? `Skipped: the contact's ${channel} identity belongs to another app.` : `Skipped: the contact has no ${channel} identity.`;
      else {
        usable = true;
        note = first ? `Fallback if the channels before it fail (from ${from}).` : `Used first: ${mine.identity} (from ${from}).`;
        first ??= { channel, identity: mine.identity };
      }
      return { channel, identity: mine?.identity ?? null, source, usable, note };
    });
    const steps = [
      activeConversation
        ? `1. The contact has an active conversation with this app on ${activeConversation.activeChannel}: that channel comes first.`
        : '1. No active conversation between this app and the contact.',
      contact.channelPriority.length > 0
        ? `2. The contact's own channel priority comes next: ${contact.channelPriority.join(' → ')}.`
        : "2. The contact has no channel priority of its own, so the app's order decides.",
      `3. Then the app's channel order: ${appOrder.length > 0 ? appOrder.join(' → ') : '(the app has no channels)'}.`,
      '4. Only channels the app has credentials for and the contact has an identity on are used; a failed delivery switches to the next one.',
      '(A message that names channel_priority_order, or addresses identities directly with identified_by, follows that order instead.)',
    ];
    return { ok: true, value: { contact, appOrder, activeConversation, candidates, first, steps } };
  }

  async setContactPriority(input: ParsedInput<'project.setContactPriority'>): Promise<ProjectResult<ProjectContact>> {
    const env = this.env(input.environmentId);
    const answer = await this.deps.api.call(env, {
      method: 'PATCH',
      path: `/contacts/${enc(input.contactId)}`,
      query: { update_mask: 'channel_priority' },
      body: { channel_priority: input.channelPriority },
      refusals: {
        404: { message: `No contact ${input.contactId} in this project.`, field: 'contact' },
        400: { message: 'The API did not accept the channel priority.', field: 'contact' },
      },
    });
    if (!answer.ok) return answer;
    return { ok: true, value: toContact(answer.json) };
  }

  // ---- webhooks ----

  private async secretInKeychain(environmentId: string, webhookId: string): Promise<boolean> {
    try {
      return await this.deps.vault.has(accountFor(environmentId, 'webhook-secret', webhookId));
    } catch {
      return false;
    }
  }

  private async toWebhook(environmentId: string, json: unknown): Promise<ProjectWebhook> {
    const w = isObject(json) ? json : {};
    const id = str(w['id']);
    const target = str(w['target']);
    const listener = this.deps.hooks.state();
    return {
      id,
      appId: str(w['app_id']),
      target,
      targetType: str(w['target_type']) || 'HTTP',
      triggers: strings(w['triggers']),
      // The value is never passed on: only whether the API reports one.
      secretOnServer: typeof w['secret'] === 'string' ? w['secret'] !== '' : null,
      secretInKeychain: id !== '' && (await this.secretInKeychain(environmentId, id)),
      pointsAt: sameBase(target, this.deps.publicUrl()) ? 'public-url' : sameBase(target, listener.url) ? 'listener' : 'elsewhere',
    };
  }

  private async fetchWebhooks(env: Environment, appId: string): Promise<{ ok: true; raw: JsonObject[] } | { ok: false; problem: ApiProblem }> {
    const answer = await this.deps.api.call(env, { method: 'GET', path: `/apps/${enc(appId)}/webhooks`, refusals: { 404: this.appMissing(env, appId) } });
    if (!answer.ok) return answer;
    const raw = isObject(answer.json) && Array.isArray(answer.json['webhooks']) ? answer.json['webhooks'].filter(isObject) : [];
    return { ok: true, raw };
  }

  async listWebhooks(environmentId: string, appId: string): Promise<ProjectResult<ProjectWebhook[]>> {
    const env = this.env(environmentId);
    const got = await this.fetchWebhooks(env, appId);
    if (!got.ok) return got;
    const value: ProjectWebhook[] = [];
    for (const w of got.raw) value.push(await this.toWebhook(env.id, w));
    return { ok: true, value };
  }

  private async keepSecret(environmentId: string, webhookId: string, secret: string | null): Promise<string | null> {
    try {
      if (secret === null) await this.deps.vault.delete(accountFor(environmentId, 'webhook-secret', webhookId));
      else await this.deps.vault.set(accountFor(environmentId, 'webhook-secret', webhookId), secret);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      // The inspector must try the new secret on the very next callback.
      this.deps.hooks.invalidateSecrets();
    }
  }

  private async forgetSecret(environmentId: string, webhookId: string): Promise<void> {
    if (webhookId !== '') await this.keepSecret(environmentId, webhookId, null);
  }

  async saveWebhook(input: ParsedInput<'project.saveWebhook'>): Promise<ProjectResult<ProjectWebhook>> {
    const env = this.env(input.environmentId);
    const target = input.target.trim();
    const bad = targetProblem(target);
    if (bad) return fail({ message: bad, field: 'target' });
    const existing = await this.fetchWebhooks(env, input.appId);
    if (!existing.ok) return existing;
    const others = existing.raw.filter((w) => str(w['id']) !== input.webhookId);
    if (input.webhookId !== undefined && others.length === existing.raw.length) {
      return fail({ message: `The app has no webhook ${input.webhookId} any more; reloaded.`, field: 'target' });
    }
    if (input.webhookId === undefined && existing.raw.length >= WEBHOOK_LIMITS.perApp) {
      return fail({
        message: `This app already has ${existing.raw.length} webhooks, the most Sinch allows per app (${WEBHOOK_LIMITS.perApp}). Delete one or edit an existing one.`,
        field: 'target',
      });
    }
    const clash = others.find((w) => str(w['target']) === target);
    if (clash) return fail({ message: `Webhook ${str(clash['id'])} of this app already has this target; a target may be used once per app.`, field: 'target' });

    const secret =
      input.secret.mode === 'generate'
        ? generateWebhookSecret()
        : input.secret.mode === 'typed'
          ? input.secret.value
          : input.secret.mode === 'none'
            ? ''
            : null;
    if (secret) {
      // Asked before the API is: a webhook signed with a secret nobody kept could never be verified.
      const vault = await this.deps.vault
        .status()
        .catch((error: unknown) => ({ available: false, problem: error instanceof Error ? error.message : String(error), help: undefined }));
      if (!vault.available) {
        return fail({
          message: `The secret could not be kept: ${vault.problem ?? 'no keychain is available.'} ${vault.help ?? ''} Or save the webhook without a secret.`
            .replace(/\s+/g, ' ')
            .trim(),
          field: 'secret',
        });
      }
    }
    const secrets = secret ? [secret] : [];
    const refusals = { 400: { message: 'The API did not accept the webhook.', field: 'target' as const }, 404: this.appMissing(env, input.appId) };
    let answer: ApiAnswer;
    if (input.webhookId === undefined) {
      answer = await this.deps.api.call(env, {
        method: 'POST',
        path: '/webhooks',
        body: { app_id: input.appId, target, target_type: 'HTTP', triggers: input.triggers, ...(secret ? { secret } : {}) },
        refusals,
        secrets,
      });
    } else {
      const mask = ['target', 'triggers', ...(secret !== null ? ['secret'] : [])];
      answer = await this.deps.api.call(env, {
        method: 'PATCH',
        path: `/webhooks/${enc(input.webhookId)}`,
        query: { update_mask: mask.join(',') },
        body: { target, triggers: input.triggers, ...(secret !== null ? { secret } : {}) },
        refusals: { ...refusals, 404: { message: `No webhook ${input.webhookId} in this project any more.`, field: 'target' } },
        secrets,
      });
    }
    if (!answer.ok) return answer;
    const webhook = await this.afterWrite(env.id, answer.json, secret);
    return webhook;
  }

  /** Stores (or forgets) the secret under the webhook's id, then describes the webhook. */
  private async afterWrite(environmentId: string, json: unknown, secret: string | null): Promise<ProjectResult<ProjectWebhook>> {
    const id = isObject(json) ? str(json['id']) : '';
    if (id !== '' && secret !== null) {
      const failed = await this.keepSecret(environmentId, id, secret === '' ? null : secret);
      if (failed && secret !== '') {
        return fail({
          message: `The webhook was saved with its secret, but the secret could not be kept in the keychain, so its callbacks cannot be verified here: ${failed} Generate a new secret once the keychain works.`,
          field: 'secret',
        });
      }
    }
    return { ok: true, value: await this.toWebhook(environmentId, json) };
  }

  async deleteWebhook(environmentId: string, appId: string, webhookId: string): Promise<ProjectResult<{ deleted: true }>> {
    const env = this.env(environmentId);
    const answer = await this.deps.api.call(env, {
      method: 'DELETE',
      path: `/webhooks/${enc(webhookId)}`,
      refusals: { 404: { message: `No webhook ${webhookId} in this project any more.`, field: 'target' } },
    });
    if (!answer.ok && answer.problem.status !== 404) return answer;
    void appId;
    await this.forgetSecret(env.id, webhookId);
    return { ok: true, value: { deleted: true } };
  }

  async usePublicUrl(environmentId: string, appId: string): Promise<ProjectResult<ProjectWebhook & { created: boolean }>> {
    const env = this.env(environmentId);
    const publicUrl = this.deps.publicUrl();
    if (!publicUrl)
      return fail({ message: 'There is no public URL yet: paste the URL your tunnel forwards to the listener, or start ngrok.', field: 'tunnel' });
    const bad = targetProblem(publicUrl);
    if (bad) return fail({ message: bad, field: 'tunnel' });
    const existing = await this.fetchWebhooks(env, appId);
    if (!existing.ok) return existing;
    const listenerUrl = this.deps.hooks.state().url;
    const mine =
      existing.raw.find((w) => sameBase(str(w['target']), publicUrl)) ??
      existing.raw.find((w) => sameBase(str(w['target']), listenerUrl)) ??
      (existing.raw.length === 1 ? existing.raw[0] : undefined);
    if (mine) {
      const triggers = strings(mine['triggers']);
      const saved = await this.saveWebhook({
        environmentId,
        appId,
        webhookId: str(mine['id']),
        target: publicUrl,
        triggers: (triggers.length > 0 ? triggers : [...PUBLIC_URL_TRIGGERS]) as ParsedInput<'project.saveWebhook'>['triggers'],
        secret: { mode: 'generate' },
      });
      return saved.ok ? { ok: true, value: { ...saved.value, created: false } } : saved;
    }
    const created = await this.saveWebhook({ environmentId, appId, target: publicUrl, triggers: [...PUBLIC_URL_TRIGGERS], secret: { mode: 'generate' } });
    return created.ok ? { ok: true, value: { ...created.value, created: true } } : created;
  }

  async sendTestMessage(input: ParsedInput<'project.sendTestMessage'>): Promise<ProjectResult<{ messageId: string }>> {
    const env = this.env(input.environmentId);
    const answer = await this.deps.api.call(env, {
      method: 'POST',
      path: '/messages:send',
      body: {
        app_id: input.appId,
        recipient: { identified_by: { channel_identities: [{ channel: input.channel, identity: input.identity }] } },
        message: { text_message: { text: input.text } },
      },
      refusals: { 400: { message: 'The API did not accept the message.', field: 'message' }, 404: this.appMissing(env, input.appId) },
    });
    if (!answer.ok) return answer;
    const id = isObject(answer.json) ? str(answer.json['message_id']) : '';
    return { ok: true, value: { messageId: id } };
  }
}
