/**
 * The one contract between the page and the backend. Every call the renderer may make and every
 * event it may receive is declared here, with a runtime schema for its input (checked by the
 * backend before any handler runs, whichever transport carried it) and a type for its output.
 *
 * The preload and the browser host loop over `METHOD_NAMES` / `EVENT_NAMES`: adding a feature is a
 * line here, a handler in the backend, and a screen in the renderer.
 */
import { z } from 'zod';
import { EnvironmentSchema, VARIABLE_NAME_PATTERN, type Environment } from './model/environment';
import { HttpRequestDraftSchema, type SendResult } from './model/httpRequest';
import { CaptureSchema, REQUEST_AUTH_MODES, RequestTemplateSchema, type CollectionTree, type RequestSummary, type RequestTemplate } from './model/collection';
import type { HistoryEntry, HistorySummary } from './model/history';
import { VERDICT_KINDS, WEBHOOK_TRIGGERS, type JsonDiffEntry, type WebhookBatch, type WebhookEvent, type WebhookEventSummary } from './model/webhookEvent';
import type { KeyValue } from './model/keyValue';
import { KeyValueSchema } from './model/keyValue';
import { SessionSchema, type SessionLoad } from './model/session';
import { REGION_CHOICES } from './regions';
import type { ImportOutcome } from './formats/report';
import { BINDING_TARGETS } from './formats/sinchVariables';
import { CODE_LANGUAGES, type GeneratedCodeResult } from './formats/codegen';
import type { SandboxUrls } from './variables';
import {
  ContactPrioritySchema,
  FirstRunSchema,
  SaveChannelSchema,
  SaveWebhookSchema,
  type AccessCheck,
  type CreatedApp,
  type FirstRunState,
  type ProjectApp,
  type ProjectContact,
  type ProjectResult,
  type ProjectWebhook,
  type RoutingExplanation,
  type TunnelState,
} from './model/project';

const Id = z.string().min(1).max(128);
const NoInput = z.object({}).strict().optional();
/** Said in plain words wherever a listening port is checked. */
export const PORT_RULE = 'Port must be a whole number from 0 to 65535 (0 picks a free port).';

export interface FileProblem {
  /** Path of the file, as the user would find it on disk. */
  file: string;
  message: string;
}

export interface EnvironmentsState {
  environments: Environment[];
  activeId: string | null;
  /** Files that could not be read; they are left untouched on disk. */
  problems: FileProblem[];
}

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'browser';
  platform: string;
  dataDir: string;
  defaultTimeoutMs: number;
  /** The command that started the browser host, as typed (`npm start`, `npx sinch-explorer web`); null in Electron. */
  launchCommand: string | null;
}

export interface BodyChunk {
  /** Base64 of the bytes from `offset`, so binary bodies survive the trip. */
  base64: string;
  offset: number;
  totalBytes: number;
  done: boolean;
}

export interface SandboxStatus {
  running: boolean;
  urls: SandboxUrls | null;
  authUrl: string | null;
  /** The sandbox's public demo project and key id (its secret is public too, but never needed here). */
  demo: { projectId: string; keyId: string };
  /** The file its apps, contacts, messages… are kept in across restarts; null when kept in memory only. */
  statePath: string | null;
  /** Something the user should know about the saved state (restored partly, set aside, not saved); null when all is well. */
  notice: string | null;
}

export interface CollectionsState<R extends RequestSummary = RequestTemplate> {
  /** The user's collections in the workspace folder (the built-in catalog lives in shared/catalog). */
  collections: CollectionTree<R>[];
  problems: FileProblem[];
  workspaceDir: string;
}

/** The collections with every request cut down to its summary: what a page needs to show the sidebar. */
export type CollectionsOutline = CollectionsState<RequestSummary>;

/**
 * What changed in the workspace, instead of the whole of it (a 5,000-request workspace is
 * megabytes): whole collections that were added or reshaped, requests saved in place, collections
 * removed, then the sidebar order and the current problems (both small).
 */
export interface CollectionsPatch {
  workspaceDir: string;
  /** Added or reshaped collections, whole. */
  collections: CollectionTree[];
  /** Requests changed where they already were (same folder, same place), by collection. */
  requests: Array<{ collectionId: string; request: RequestTemplate }>;
  /** Ids of collections that no longer exist. */
  removed: string[];
  /** Every collection id, in sidebar order. */
  order: string[];
  problems: FileProblem[];
}

/** Where secrets are kept, and whether that works right now. Never carries a secret. */
export interface VaultStatus {
  backend: 'keychain' | 'encrypted-file' | 'none';
  available: boolean;
  /** The encrypted file is chosen but waits for its passphrase. */
  locked: boolean;
  /** What is wrong, in a sentence, and how to fix it on this OS. */
  problem?: string;
  help?: string;
  encryptedFileExists: boolean;
}

export const SECRET_PURPOSES = ['access-key-secret', 'webhook-secret'] as const;

/** Which secrets an environment has (names only, never values). */
export interface EnvironmentSecrets {
  accessKeySecret: boolean;
  /** Names of webhook secrets (a webhook id, an app id, or a label the user chose). */
  webhookSecrets: string[];
}

export interface TokenInfo {
  tokenUrl: string;
  keyId: string;
  tokenType: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  fromCache: boolean;
}

/**
 * A secret a sample callback can be signed with, named and never shown: one of the user's webhook secrets, a
 * padlocked variable (by environment and name) or a webhook of the built-in sandbox (by its id).
 */
export type SigningSecretRef = { environmentId: string; name: string; kind: 'webhook-secret' | 'variable' } | { sandboxWebhookId: string };

export interface SigningSecretChoice {
  ref: SigningSecretRef;
  /** "Sandbox › wh-orders", "Sandbox › {{webhook_secret}}", "sandbox webhook 01H… (app 01H…)". */
  label: string;
  kind: 'webhook-secret' | 'variable' | 'sandbox-webhook';
}

export interface ListenerState {
  listening: boolean;
  host: string;
  port: number;
  /** Where to point webhooks, e.g. http://127.0.0.1:3737/ (any path is accepted). */
  url: string;
  /** Set when the listener is reachable from other machines. */
  warning?: string;
  reply: { status: number; body: string; contentType: string; delayMs: number };
  maxBodyBytes: number;
  forwardTo: string | null;
  received: number;
  rejected: number;
  /** Why the last start failed (e.g. the port is taken), in a sentence that says what to do. */
  error?: string;
  /**
   * The built-in sandbox's webhooks whose target is this listener's URL: while it is stopped their callbacks
   * wait (the sandbox retries them), so the Requests view can say so.
   */
  pointedAtBy: { appId: string; webhookId: string }[];
}

/** How the listener was left, kept in the settings and restored at the next start. */
export interface ListenerChoice {
  running: boolean;
  port: number;
  host: '127.0.0.1' | '0.0.0.0';
}

const WebhookFilterSchema = z
  .object({
    triggers: z
      .array(z.enum([...WEBHOOK_TRIGGERS, 'SMART_CONVERSATIONS', 'UNKNOWN']))
      .max(30)
      .optional(),
    verdicts: z
      .array(z.enum(VERDICT_KINDS as unknown as [string, ...string[]]))
      .max(10)
      .optional(),
    appId: z.string().max(200).optional(),
    contactId: z.string().max(200).optional(),
    channel: z.string().max(40).optional(),
    status: z.string().max(60).optional(),
    text: z.string().max(500).optional(),
  })
  .strict();

/** The open request and the scopes its variables come from, as curl and the Code panel write it out. */
const WrittenRequest = {
  request: HttpRequestDraftSchema.extend({
    variables: z.array(KeyValueSchema).max(500).optional(),
    /** `none`: no Authorization is added, as when sending. */
    auth: z.enum(REQUEST_AUTH_MODES).optional(),
  }),
  environmentId: Id.nullable(),
  collectionId: Id.nullable().optional(),
};

const EnvOnly = z.object({ environmentId: Id }).strict();
const ApiId = z.string().trim().min(1).max(200);
const EnvApp = z.object({ environmentId: Id, appId: ApiId }).strict();

export const SIMULATED_INBOUND_KINDS = ['text', 'media', 'location', 'postback', 'composing', 'composing_end'] as const;

export const contract = {
  methods: {
    'app.info': { input: NoInput, output: {} as AppInfo },
    'environments.list': { input: NoInput, output: {} as EnvironmentsState },
    'environments.create': {
      input: z.object({ name: z.string().trim().min(1).max(200), region: z.enum(REGION_CHOICES).optional() }).strict(),
      output: {} as Environment,
    },
    'environments.update': { input: z.object({ environment: EnvironmentSchema }).strict(), output: {} as Environment },
    'environments.duplicate': { input: z.object({ id: Id }).strict(), output: {} as Environment },
    'environments.delete': { input: z.object({ id: Id }).strict(), output: {} as { deleted: boolean } },
    'environments.setActive': { input: z.object({ id: Id.nullable() }).strict(), output: {} as EnvironmentsState },
    'requests.send': {
      input: z
        .object({
          requestId: Id,
          request: HttpRequestDraftSchema.extend({
            /** Request-scope variables (the most specific scope). */
            variables: z.array(KeyValueSchema).max(500).optional(),
            captures: z.array(CaptureSchema).max(50).optional(),
            /** Shown in history. */
            name: z.string().max(300).optional(),
            /** `none` sends no Authorization; `inherit` (default) takes the environment's credentials. */
            auth: z.enum(REQUEST_AUTH_MODES).optional(),
          }),
          environmentId: Id.nullable(),
          /** The saved collection the request belongs to: its variables are in scope. */
          collectionId: Id.nullable().optional(),
          timeoutMs: z.number().int().min(100).max(600_000).optional(),
        })
        .strict(),
      output: {} as SendResult,
    },
    'requests.cancel': { input: z.object({ requestId: Id }).strict(), output: {} as { cancelled: boolean } },
    'responses.readBody': {
      input: z
        .object({
          responseId: Id,
          offset: z.number().int().min(0),
          length: z
            .number()
            .int()
            .min(1)
            .max(8 * 1024 * 1024),
        })
        .strict(),
      output: {} as BodyChunk,
    },
    'collections.list': { input: NoInput, output: {} as CollectionsState },
    /** The same, requests cut down to id, name and method: a page's first answer (a tenth of the size). */
    'collections.outline': { input: NoInput, output: {} as CollectionsOutline },
    'collections.create': { input: z.object({ name: z.string().trim().min(1).max(200) }).strict(), output: {} as CollectionTree },
    'collections.importBuiltin': { input: z.object({ name: z.string().trim().min(1).max(200).optional() }).strict(), output: {} as CollectionTree },
    'collections.rename': { input: z.object({ id: Id, name: z.string().trim().min(1).max(200) }).strict(), output: {} as CollectionsState },
    'collections.duplicate': { input: z.object({ id: Id }).strict(), output: {} as CollectionTree },
    'collections.delete': { input: z.object({ id: Id }).strict(), output: {} as CollectionsState },
    'collections.update': {
      input: z.object({ id: Id, description: z.string().max(4000).optional(), variables: z.array(KeyValueSchema).max(1000).optional() }).strict(),
      output: {} as CollectionsState,
    },
    'collections.createFolder': { input: z.object({ parentId: Id, name: z.string().trim().min(1).max(200) }).strict(), output: {} as CollectionsState },
    'collections.saveRequest': { input: z.object({ parentId: Id, request: RequestTemplateSchema }).strict(), output: {} as RequestTemplate },
    'collections.renameItem': { input: z.object({ id: Id, name: z.string().trim().min(1).max(300) }).strict(), output: {} as CollectionsState },
    'collections.duplicateItem': { input: z.object({ id: Id }).strict(), output: {} as CollectionsState },
    'collections.deleteItem': { input: z.object({ id: Id }).strict(), output: {} as CollectionsState },
    'collections.moveItem': { input: z.object({ id: Id, parentId: Id, index: z.number().int().min(0) }).strict(), output: {} as CollectionsState },
    'collections.export': {
      input: z.object({ id: Id }).strict(),
      output: {} as { fileName: string; text: string; placeholders: string[] },
    },
    /**
     * Imports a Postman collection (v1, v2.0, v2.1), environment or globals file, one of our own
     * exports, or a curl command (returned as a request to open, nothing written). All or nothing.
     */
    'transfer.import': {
      input: z
        .object({
          /** Checked against the import limit by the backend, which says so in words; this only bounds the message. */
          text: z.string().max(30 * 1024 * 1024),
          fileName: z.string().trim().min(1).max(500),
          /** Import under this name instead of the file's (a collection or environment name already taken is refused). */
          name: z.string().trim().min(1).max(200).optional(),
        })
        .strict(),
      output: {} as ImportOutcome,
    },
    /** Stores the secrets an import found (chosen by id) in an environment's keychain entries; optionally applies its access key settings. */
    'transfer.storeSecrets': {
      input: z.object({ importId: Id, environmentId: Id, secretIds: z.array(z.string().min(1).max(64)).max(200), applyAccessKey: z.boolean() }).strict(),
      output: {} as { stored: string[] },
    },
    /**
     * Binds a collection's Sinch-named variables to the environment (the report's offer): each becomes a
     * reference to the environment's own (`PROJECT_ID = {{project_id}}`), added if the collection lacks it.
     */
    'transfer.bindVariables': {
      input: z
        .object({
          collectionId: Id,
          bindings: z
            .array(z.object({ variable: z.string().trim().min(1).max(200).regex(VARIABLE_NAME_PATTERN), target: z.enum(BINDING_TARGETS) }).strict())
            .min(1)
            .max(100),
        })
        .strict(),
      output: {} as { variables: KeyValue[] },
    },
    /** A collection (or the built-in catalog) as a Postman v2.1 file, with placeholders for secrets. */
    'transfer.exportPostman': {
      input: z.object({ id: Id }).strict(),
      output: {} as { fileName: string; text: string; placeholders: string[] },
    },
    /** An environment as a Postman environment file (secret values left empty). */
    'transfer.exportEnvironment': {
      input: z.object({ id: Id }).strict(),
      output: {} as { fileName: string; text: string },
    },
    'workspace.set': { input: z.object({ dir: z.string().trim().min(1).max(4096) }).strict(), output: {} as CollectionsState },
    'settings.get': { input: NoInput, output: {} as { requestTimeoutMs: number } },
    'settings.set': { input: z.object({ requestTimeoutMs: z.number().int().min(1000).max(600_000) }).strict(), output: {} as { requestTimeoutMs: number } },
    /** The open tabs and unsaved drafts of the last run (secret values are never kept). */
    'session.load': { input: NoInput, output: {} as SessionLoad },
    /** Keeps the open tabs and drafts; the backend blanks secret values before anything is written. */
    'session.save': { input: SessionSchema, output: {} as { saved: boolean } },
    'globals.get': { input: NoInput, output: {} as KeyValue[] },
    'globals.set': { input: z.object({ variables: z.array(KeyValueSchema).max(1000) }).strict(), output: {} as KeyValue[] },
    'history.list': {
      input: z.object({ query: z.string().max(500).optional(), limit: z.number().int().min(1).max(500), offset: z.number().int().min(0) }).strict(),
      output: {} as { entries: HistorySummary[]; total: number },
    },
    'history.get': { input: z.object({ id: Id }).strict(), output: {} as HistoryEntry },
    'history.clear': { input: NoInput, output: {} as { cleared: number } },
    'requests.validateBody': {
      input: z.object({ schemaId: z.string().min(1).max(200), text: z.string().max(20 * 1024 * 1024) }).strict(),
      output: {} as { problems: { path: string; message: string }[] },
    },
    'requests.toCurl': {
      input: z
        .object({
          ...WrittenRequest,
          /**
           * True puts the real credentials in the command (the environment's token or Basic header,
           * padlocked variable values); false writes placeholders. Generated here, in the backend.
           */
          includeSecrets: z.boolean(),
        })
        .strict(),
      /** `warnings`: why the command may not run as is (no key secret stored, token refused…). */
      output: {} as { curl: string; unresolved: string[]; warnings: string[] },
    },
    /**
     * The request as code in one language (curl, HTTP calls in seven languages, the Sinch Node SDK
     * call), written here in the backend like `requests.toCurl`: credentials are read from the
     * environment in the code unless `includeSecrets` is true.
     */
    'codegen.generate': {
      input: z
        .object({
          ...WrittenRequest,
          /** The request's catalog operation id, when it came from the catalog (tells the template APIs apart). */
          catalogId: z.string().max(200).optional(),
          /** Omitted: the language picked last (kept in the app's settings); given: remembered as the last one. */
          language: z.enum(CODE_LANGUAGES).optional(),
          includeSecrets: z.boolean(),
        })
        .strict(),
      output: {} as GeneratedCodeResult,
    },
    'credentials.status': { input: NoInput, output: {} as VaultStatus },
    'credentials.useEncryptedFile': { input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(), output: {} as VaultStatus },
    'credentials.list': { input: z.object({ environmentId: Id }).strict(), output: {} as EnvironmentSecrets },
    'credentials.set': {
      input: z
        .object({
          environmentId: Id,
          purpose: z.enum(SECRET_PURPOSES),
          /** For webhook secrets: which webhook or app it belongs to. */
          name: z.string().trim().min(1).max(200).optional(),
          value: z.string().min(1, 'The secret is empty').max(4096),
        })
        .strict(),
      output: {} as EnvironmentSecrets,
    },
    'credentials.delete': {
      input: z.object({ environmentId: Id, purpose: z.enum(SECRET_PURPOSES), name: z.string().trim().min(1).max(200).optional() }).strict(),
      output: {} as EnvironmentSecrets,
    },
    'auth.getToken': { input: z.object({ environmentId: Id }).strict(), output: {} as TokenInfo },
    'webhooks.status': { input: NoInput, output: {} as ListenerState },
    'webhooks.start': {
      input: z
        .object({
          port: z.number({ error: PORT_RULE }).int(PORT_RULE).min(0, PORT_RULE).max(65535, PORT_RULE).optional(),
          host: z.enum(['127.0.0.1', '0.0.0.0']).optional(),
        })
        .strict(),
      output: {} as ListenerState,
    },
    'webhooks.stop': { input: NoInput, output: {} as ListenerState },
    'webhooks.configure': {
      input: z
        .object({
          reply: z
            .object({
              status: z.number().int().min(100).max(599),
              body: z.string().max(64 * 1024),
              contentType: z.string().max(200),
              delayMs: z.number().int().min(0).max(120_000),
            })
            .partial()
            .optional(),
          forwardTo: z.union([z.string().trim().url('Forward to needs a full http(s) URL'), z.null()]).optional(),
        })
        .strict(),
      output: {} as ListenerState,
    },
    'webhooks.query': {
      input: z.object({ filter: WebhookFilterSchema, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict(),
      output: {} as { events: WebhookEventSummary[]; total: number },
    },
    'webhooks.get': { input: z.object({ id: Id }).strict(), output: {} as WebhookEvent },
    'webhooks.clear': { input: NoInput, output: {} as { cleared: number } },
    'webhooks.timeline': {
      input: z.object({ messageId: z.string().max(200).optional(), conversationId: z.string().max(200).optional() }).strict(),
      output: {} as WebhookEventSummary[],
    },
    'webhooks.replay': {
      input: z
        .object({
          id: Id,
          /** 'listener' or a full URL. */
          target: z.string().trim().min(1).max(2048),
          /** Edited body; the stored bytes when absent. */
          body: z
            .string()
            .max(1024 * 1024)
            .optional(),
          /** Sign again with this webhook secret of the environment (by name). */
          resign: z
            .object({ environmentId: Id, name: z.string().min(1).max(200) })
            .strict()
            .optional(),
        })
        .strict(),
      output: {} as { status?: number; error?: string; timeMs: number },
    },
    'webhooks.fireSample': {
      input: z
        .object({
          trigger: z.enum(WEBHOOK_TRIGGERS),
          appId: z.string().max(200).optional(),
          /** Signed as Sinch signs, with this secret (a webhook secret when `kind` is left out); unsigned without. */
          sign: z
            .union([
              z.object({ environmentId: Id, name: z.string().min(1).max(200), kind: z.enum(['webhook-secret', 'variable']).optional() }).strict(),
              z.object({ sandboxWebhookId: Id }).strict(),
            ])
            .optional(),
        })
        .strict(),
      output: {} as { status?: number; error?: string; timeMs: number },
    },
    /** The secrets a sample may be signed with, by name (their values never reach the page). */
    'webhooks.signingSecrets': { input: NoInput, output: {} as SigningSecretChoice[] },
    'webhooks.diff': { input: z.object({ a: Id, b: Id }).strict(), output: {} as JsonDiffEntry[] },
    'sandbox.status': { input: NoInput, output: {} as SandboxStatus },
    'sandbox.start': { input: NoInput, output: {} as SandboxStatus },
    'sandbox.stop': { input: NoInput, output: {} as SandboxStatus },
    /** Empties the sandbox: every app, contact, conversation, message, webhook, template and consent. */
    'sandbox.reset': { input: NoInput, output: {} as SandboxStatus },
    'sandbox.dismissNotice': { input: NoInput, output: {} as SandboxStatus },
    'sandbox.simulateInbound': {
      input: z
        .object({
          appId: z.string().trim().min(1, 'Which app should receive it? Enter an app id.').max(200),
          contactId: z.string().max(200).optional(),
          channel: z.string().max(40).optional(),
          identity: z.string().max(200).optional(),
          kind: z.enum(SIMULATED_INBOUND_KINDS),
          text: z.string().max(4096).optional(),
          postbackData: z.string().max(1024).optional(),
          mediaUrl: z.string().max(2048).optional(),
        })
        .strict(),
      output: {} as { messageId?: string; eventId?: string },
    },
    /**
     * The Project view (getting started): each call goes to the environment's API (a real region or
     * the sandbox) with its credentials. A refusal from the API is a result, not a thrown error, so the
     * page can show it next to the field it belongs to, with the API's own body one click away.
     */
    /** Fetches a token (OAuth2) and lists the project's apps: proves region, project id and key belong together. */
    'project.check': { input: EnvOnly, output: {} as ProjectResult<AccessCheck> },
    'project.listApps': { input: EnvOnly, output: {} as ProjectResult<ProjectApp[]> },
    'project.getApp': { input: EnvApp, output: {} as ProjectResult<ProjectApp> },
    /** Creates the app and makes it the environment's App ID (`{{app_id}}`), as the catalog's *Create app* capture does. */
    'project.createApp': {
      input: z.object({ environmentId: Id, displayName: z.string().trim().min(1, 'An app needs a display name').max(200) }).strict(),
      output: {} as ProjectResult<CreatedApp>,
    },
    'project.renameApp': {
      input: z.object({ environmentId: Id, appId: ApiId, displayName: z.string().trim().min(1, 'An app needs a display name').max(200) }).strict(),
      output: {} as ProjectResult<ProjectApp>,
    },
    /**
     * Deletes the app (and forgets its webhooks' secrets). When it was the environment's App ID, that is
     * cleared (`clearedAppId`), so no request goes on using an app that is gone.
     */
    'project.deleteApp': { input: EnvApp, output: {} as ProjectResult<{ deleted: true; clearedAppId: boolean }> },
    /**
     * Makes the app the environment's App ID (`{{app_id}}`), saved to its file; every page hears it through
     * `environments.changed`. The Project view's app is always this one.
     */
    'project.useApp': { input: EnvApp, output: {} as { appId: string } },
    /** Adds a channel at the end of the order, or edits one in place (PATCH with `update_mask=channel_credentials`). */
    'project.saveChannel': { input: SaveChannelSchema, output: {} as ProjectResult<ProjectApp> },
    'project.removeChannel': {
      input: z.object({ environmentId: Id, appId: ApiId, key: z.string().min(1).max(80) }).strict(),
      output: {} as ProjectResult<ProjectApp>,
    },
    /** `order`: every channel key of the app, in the new order. Nothing else on the app changes. */
    'project.reorderChannels': {
      input: z.object({ environmentId: Id, appId: ApiId, order: z.array(z.string().min(1).max(80)).min(1).max(50) }).strict(),
      output: {} as ProjectResult<ProjectApp>,
    },
    'project.listContacts': {
      input: z.object({ environmentId: Id, pageToken: z.string().max(500).optional() }).strict(),
      output: {} as ProjectResult<{ contacts: ProjectContact[]; nextPageToken: string | null }>,
    },
    /** Which channel a message to this contact will use, and why. */
    'project.explainRouting': {
      input: z.object({ environmentId: Id, appId: ApiId, contactId: ApiId }).strict(),
      output: {} as ProjectResult<RoutingExplanation>,
    },
    'project.setContactPriority': { input: ContactPrioritySchema, output: {} as ProjectResult<ProjectContact> },
    'project.listWebhooks': { input: EnvApp, output: {} as ProjectResult<ProjectWebhook[]> },
    /** Creates or updates a webhook; a generated or typed secret goes to the API and to the keychain, tied to the webhook's id. */
    'project.saveWebhook': { input: SaveWebhookSchema, output: {} as ProjectResult<ProjectWebhook> },
    'project.deleteWebhook': {
      input: z.object({ environmentId: Id, appId: ApiId, webhookId: ApiId }).strict(),
      output: {} as ProjectResult<{ deleted: true }>,
    },
    /** Points the app's webhook at the public URL (creating it when there is none) with a fresh secret. */
    'project.usePublicUrl': { input: EnvApp, output: {} as ProjectResult<ProjectWebhook & { created: boolean }> },
    /** The guided run's last step: a text message to one identity, sent through the API. */
    'project.sendTestMessage': {
      input: z
        .object({
          environmentId: Id,
          appId: ApiId,
          channel: z.string().min(1).max(40),
          identity: z.string().trim().min(1, 'Whom should it go to? Enter a phone number or channel identity.').max(200),
          text: z.string().min(1).max(2000),
        })
        .strict(),
      output: {} as ProjectResult<{ messageId: string }>,
    },
    'firstRun.get': { input: NoInput, output: {} as FirstRunState },
    'firstRun.save': { input: FirstRunSchema, output: {} as FirstRunState },
    'tunnel.status': { input: NoInput, output: {} as TunnelState },
    /** Starts an ngrok tunnel to the running listener with the authtoken in the keychain. */
    'tunnel.start': { input: NoInput, output: {} as TunnelState },
    'tunnel.stop': { input: NoInput, output: {} as TunnelState },
    /** A URL your own tunnel forwards to the listener; null forgets it. */
    'tunnel.setPublicUrl': {
      input: z.object({ url: z.union([z.string().trim().url('Paste a full https:// URL').max(2048), z.null()]) }).strict(),
      output: {} as TunnelState,
    },
    'tunnel.setAuthtoken': {
      input: z.object({ value: z.string().trim().min(10, 'That does not look like an ngrok authtoken').max(512) }).strict(),
      output: {} as TunnelState,
    },
    'tunnel.deleteAuthtoken': { input: NoInput, output: {} as TunnelState },
  },
  events: {
    'tunnel.changed': {} as TunnelState,
    'environments.changed': {} as EnvironmentsState,
    'sandbox.changed': {} as SandboxStatus,
    'collections.changed': {} as CollectionsState,
    'collections.patched': {} as CollectionsPatch,
    'history.changed': {} as { total: number },
    'globals.changed': {} as KeyValue[],
    'credentials.changed': {} as VaultStatus,
    /** Coalesced: at most ~10 a second, each with the count and the newest summaries. */
    'webhooks.received': {} as WebhookBatch,
    /** Forward outcomes that came in since the last notice, coalesced the same way. */
    'webhooks.updated': {} as { events: WebhookEventSummary[] },
    'webhooks.state': {} as ListenerState,
  },
} as const;

type Methods = typeof contract.methods;
type Events = typeof contract.events;

export type MethodName = keyof Methods;
export type EventName = keyof Events;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M]['output'];
export type EventPayload<E extends EventName> = Events[E];

export const METHOD_NAMES = Object.keys(contract.methods) as MethodName[];
export const EVENT_NAMES = Object.keys(contract.events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract.methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract.events, name);
}

/** What a failed call carries back to the page, whatever the transport. */
export interface ContractErrorShape {
  code: 'INVALID_INPUT' | 'UNKNOWN_METHOD' | 'NOT_FOUND' | 'CONFLICT' | 'STORAGE' | 'AUTH' | 'INTERNAL';
  message: string;
}

/** The page-side view of the contract: one typed function per method, one subscription per event. */
export interface ContractClient {
  call<M extends MethodName>(method: M, ...input: undefined extends MethodInput<M> ? [MethodInput<M>?] : [MethodInput<M>]): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The channel names used on Electron's IPC. */
export const ipcChannel = (method: MethodName): string => `sce:call:${method}`;
export const ipcEventChannel = (event: EventName): string => `sce:event:${event}`;

/**
 * The browser host's WebSocket close code for a page whose launch token is not this launch's:
 * the app was restarted, so the page says to open the new link instead of reconnecting.
 */
export const STALE_TOKEN_CLOSE_CODE = 4401;

/** Messages on the browser host's WebSocket. */
export type WireRequest = { id: number; method: string; input?: unknown };
export type WireMessage =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ContractErrorShape } | { event: string; payload: unknown };
