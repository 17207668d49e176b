/**
 * What the Project view shows: the project of the active environment, its apps, their channels in
 * priority order, their webhooks, and the public URL callbacks can reach. Everything here goes to
 * the page, so none of it carries a secret: channel secrets, webhook secrets and tokens stay in the
 * backend (and the API, and the keychain).
 */
import { z } from 'zod';
import { CHANNELS, TRIGGERS } from '../apiEnums';
import type { TokenInfo } from '../contract';
import type { SinchRegion } from '../regions';
import { VERDICT_KINDS, type VerdictKind } from './webhookEvent';

/** Which field or step a problem belongs to, so the page can show it next to it. */
export const PROJECT_FIELDS = [
  'region',
  'projectId',
  'keyId',
  'keySecret',
  'tokenUrl',
  'app',
  'displayName',
  'channel',
  'order',
  'contact',
  'target',
  'triggers',
  'secret',
  'tunnel',
  'message',
  'network',
] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];

/** A call to the API that went wrong, in words, with the API's own answer one click away. */
export interface ApiProblem {
  /** What went wrong and what to do next, in a sentence or two. */
  message: string;
  field?: ProjectField;
  /** HTTP status of the API's answer; absent when nothing answered. */
  status?: number;
  /** The call, as the user would read it: `PATCH https://eu.conversation.api.sinch.com/v1/projects/…/apps/…?update_mask=…`. */
  request?: string;
  /** The API's own error body (secrets redacted), shown on demand. */
  body?: string;
}

export type ProjectResult<T> = { ok: true; value: T } | { ok: false; problem: ApiProblem };

/** One field of a channel's credential as the page may see it: secret values are never sent, only whether one is set. */
export interface ChannelFieldView {
  path: string;
  /** Non-secret values as the API has them; null for secret fields. */
  value: string | boolean | null;
  secret: boolean;
  /** For a secret field: the app has a value for it. */
  set: boolean;
}

export interface ProjectChannel {
  /** Stable within the app: the channel, with `#<credential_ordinal_number>` when the app has more than one of it. */
  key: string;
  channel: string;
  /** The form of shared/catalog/channelCredentials.ts it matches; null for a credential shape this app does not know. */
  formId: string | null;
  credentialKey: string | null;
  fields: ChannelFieldView[];
  /** As the API reports it (PENDING, ACTIVE, FAILING) with its description. */
  state: { status: string; description: string } | null;
  channelKnownId: string | null;
}

export interface ProjectApp {
  id: string;
  displayName: string;
  /** The region the app lives in (the environment's); an app cannot be moved to another region. */
  region: SinchRegion | 'sandbox' | 'custom';
  /** In priority order: the order of `channel_credentials`. */
  channels: ProjectChannel[];
  processingMode: string | null;
  /** Webhooks on this app (filled when listed with the app). */
  webhookCount: number | null;
}

/** A new app, which became the environment's App ID unless `appIdProblem` says why not (the app exists either way). */
export interface CreatedApp extends ProjectApp {
  appIdProblem?: string;
}

export interface ProjectContact {
  id: string;
  displayName: string;
  channelIdentities: { channel: string; identity: string; appId: string }[];
  /** The contact's own order; when not empty it overrides the app's. */
  channelPriority: string[];
}

/** One step of "which channel will a message use?", in the order the API applies them. */
export interface RoutingCandidate {
  channel: string;
  identity: string | null;
  source: 'active-conversation' | 'contact-priority' | 'app-order';
  /** False when the app has no credential for it or the contact no identity on it. */
  usable: boolean;
  /** Why, in words ("the contact has no WhatsApp identity"). */
  note: string;
}

export interface RoutingExplanation {
  contact: ProjectContact;
  appOrder: string[];
  activeConversation: { id: string; activeChannel: string } | null;
  /** Every channel considered, in order, with why it is or is not used. */
  candidates: RoutingCandidate[];
  /** The channel a message to this contact goes out on first; null when none can be used. */
  first: { channel: string; identity: string } | null;
  /** The rule, step by step, as the page shows it. */
  steps: string[];
}

export interface ProjectWebhook {
  id: string;
  appId: string;
  target: string;
  targetType: string;
  triggers: string[];
  /** The API says a secret is set on the webhook (null when it does not say). */
  secretOnServer: boolean | null;
  /** A secret for this webhook is in the keychain, so the inspector verifies its callbacks. */
  secretInKeychain: boolean;
  /** The target is this app's local listener or its public URL. */
  pointsAt: 'listener' | 'public-url' | 'elsewhere';
}

export const WEBHOOK_LIMITS = { perApp: 5, targetLength: 742 } as const;

/** A line on each trigger, for the checklist (reference §11.2). */
export const TRIGGER_HINTS: Readonly<Record<(typeof TRIGGERS)[number], string>> = {
  MESSAGE_INBOUND: 'A contact sent your app a message',
  MESSAGE_DELIVERY: 'A message you sent was queued, delivered, read or failed',
  MESSAGE_SUBMIT: 'A message you sent was handed to the channel',
  MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION: 'An inbound message with personal data redacted (Smart Conversations)',
  EVENT_INBOUND: 'A contact did something: typing, a reaction, a payment…',
  EVENT_DELIVERY: 'An event you sent was delivered or failed',
  CONVERSATION_START: 'A conversation began',
  CONVERSATION_STOP: 'A conversation was stopped',
  CONVERSATION_DELETE: 'A conversation was deleted',
  CONTACT_CREATE: 'A contact was created',
  CONTACT_UPDATE: 'A contact was changed',
  CONTACT_DELETE: 'A contact was deleted',
  CONTACT_MERGE: 'Two contacts were merged',
  CONTACT_IDENTITIES_DUPLICATION: 'The same identity was found on more than one contact',
  CAPABILITY: 'The answer to a capability query',
  OPT_IN: 'The result of an opt-in',
  OPT_OUT: 'The result of an opt-out',
  CHANNEL_EVENT: 'Something happened on a channel (e.g. a WhatsApp quality rating changed)',
  SMART_CONVERSATION: 'Smart Conversations analysis of a message',
  RECORD_NOTIFICATION: 'A record was stored',
  UNSUPPORTED: 'A channel callback the API does not map',
};

/** The public URL Sinch's cloud can reach, forwarded to the local listener. */
export interface TunnelState {
  /** `pasted`: a URL your own tunnel forwards; `ngrok`: started by the app. */
  mode: 'off' | 'pasted' | 'ngrok';
  status: 'idle' | 'starting' | 'online' | 'error';
  publicUrl: string | null;
  /** The listener URL the public URL forwards to; null while the listener is stopped. */
  forwardsTo: string | null;
  /** An ngrok authtoken is in the keychain (never its value). */
  hasAuthtoken: boolean;
  /** Why the tunnel is not online, in one line that says what to do. */
  error?: string;
}

/**
 * Said whenever a public URL is not https: the URL exists so Sinch's cloud can call the listener, which it does
 * over TLS, and every tunnel gives an https:// address. The sandbox needs none: it reaches the listener directly.
 */
export const PUBLIC_URL_HTTPS_MESSAGE =
  'A public URL must start with https://: Sinch calls webhooks over TLS, and tunnels (ngrok, cloudflared…) give an https:// address. The sandbox needs none: point its webhook at your listener.';

/** Why `url` cannot be the public URL (checked as it is typed and again by the backend), or null. */
export function publicUrlProblem(url: string): string | null {
  const text = url.trim();
  if (/^https:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i.test(text)) return null;
  if (/^http:\/\//i.test(text)) return PUBLIC_URL_HTTPS_MESSAGE;
  return 'Paste a full https:// URL.';
}

/** The guided first run: the getting-started guide's steps, in order. */
export const FIRST_RUN_STEPS = ['environment', 'access', 'app', 'channels', 'order', 'webhook', 'message', 'callback'] as const;
export type FirstRunStep = (typeof FIRST_RUN_STEPS)[number];

/** The delivery report the run waited for, as it was seen: kept so the run reads the same after a restart. */
export interface FirstRunDelivery {
  eventId: string;
  status: string;
  verdict: VerdictKind | null;
}

export interface FirstRunState {
  /** True once skipped or finished; reopened from the header. */
  dismissed: boolean;
  /** Steps done, remembered across restarts. */
  done: FirstRunStep[];
  environmentId: string | null;
  appId: string | null;
  /** The message sent at the `message` step, whose delivery callback ends the run. */
  messageId: string | null;
  /** Its latest delivery report (absent in files written before it was kept). */
  delivery?: FirstRunDelivery | null;
}

export const EMPTY_FIRST_RUN: FirstRunState = { dismissed: false, done: [], environmentId: null, appId: null, messageId: null };

// ---- inputs (checked by the backend before any handler runs) ----

const Id = z.string().min(1).max(128);
const ApiId = z.string().trim().min(1).max(200);

export const ChannelValueSchema = z.object({ path: z.string().min(1).max(100), value: z.union([z.string().max(8192), z.boolean()]) }).strict();

export const SaveChannelSchema = z
  .object({
    environmentId: Id,
    appId: ApiId,
    formId: z.string().min(1).max(60),
    /** The channel being edited (its key); absent to add one at the end of the order. */
    key: z.string().min(1).max(80).optional(),
    /** Field values by path; an empty secret when editing keeps the app's value. */
    values: z.array(ChannelValueSchema).max(20),
  })
  .strict();

export const WebhookSecretChoiceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('generate') }).strict(),
  z.object({ mode: z.literal('typed'), value: z.string().min(8, 'A webhook secret needs at least 8 characters').max(256) }).strict(),
  z.object({ mode: z.literal('keep') }).strict(),
  z.object({ mode: z.literal('none') }).strict(),
]);

export const SaveWebhookSchema = z
  .object({
    environmentId: Id,
    appId: ApiId,
    /** Absent to create one. */
    webhookId: ApiId.optional(),
    target: z
      .string()
      .trim()
      .min(1, 'A webhook needs a target URL')
      .max(WEBHOOK_LIMITS.targetLength, `A webhook target may have at most ${WEBHOOK_LIMITS.targetLength} characters`),
    triggers: z.array(z.enum(TRIGGERS)).min(1, 'Pick at least one trigger').max(TRIGGERS.length),
    secret: WebhookSecretChoiceSchema,
  })
  .strict();

export const ContactPrioritySchema = z
  .object({ environmentId: Id, contactId: ApiId, channelPriority: z.array(z.enum(CHANNELS)).max(CHANNELS.length) })
  .strict();

export const FirstRunSchema = z
  .object({
    dismissed: z.boolean(),
    done: z.array(z.enum(FIRST_RUN_STEPS)).max(FIRST_RUN_STEPS.length),
    environmentId: Id.nullable(),
    appId: ApiId.nullable(),
    messageId: ApiId.nullable(),
    delivery: z
      .object({ eventId: Id, status: z.string().max(200), verdict: z.enum(VERDICT_KINDS as unknown as [VerdictKind, ...VerdictKind[]]).nullable() })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

export type AccessCheck = {
  /** Null when the environment does not use OAuth2 (Basic sends the key with every call). */
  token: TokenInfo | null;
  /** Apps in the project: proves the project id and the key belong together. */
  appCount: number;
  region: string;
};
