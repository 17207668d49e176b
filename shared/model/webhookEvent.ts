/**
 * A callback the webhook listener received, and the pure helpers the inspector page and the
 * backend share to read one: trigger classification (reference §11.2), a one-line summary,
 * correlation ids, filtering and a JSON-aware diff. No Node built-ins: this loads in the page.
 */

import { TRIGGERS } from '../apiEnums';
import { getOwn, MAX_JSON_DEPTH, nestingBeyond } from '../safeObject';

/** Every trigger of §11.2, in the reference's order. */
export const WEBHOOK_TRIGGERS = TRIGGERS;
export type CallbackTrigger = (typeof WEBHOOK_TRIGGERS)[number];

/**
 * What the inspector can say a callback is. `SMART_CONVERSATIONS` is the Node SDK's spelling
 * (§11.2 conflict): accepted in filters and samples, while classification answers the API's
 * `SMART_CONVERSATION`. `UNKNOWN` = no known payload key (or not a JSON object at all).
 */
export type WebhookTrigger = CallbackTrigger | 'SMART_CONVERSATIONS' | 'UNKNOWN';

/** Payload key in a callback body → trigger (§11.2). A body carries no trigger field. */
export const PAYLOAD_KEY_TRIGGER: Readonly<Record<string, CallbackTrigger>> = {
  message: 'MESSAGE_INBOUND',
  message_delivery_report: 'MESSAGE_DELIVERY',
  message_submit_notification: 'MESSAGE_SUBMIT',
  message_redaction: 'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION',
  event: 'EVENT_INBOUND',
  event_delivery_report: 'EVENT_DELIVERY',
  conversation_start_notification: 'CONVERSATION_START',
  conversation_stop_notification: 'CONVERSATION_STOP',
  conversation_delete_notification: 'CONVERSATION_DELETE',
  contact_create_notification: 'CONTACT_CREATE',
  contact_update_notification: 'CONTACT_UPDATE',
  contact_delete_notification: 'CONTACT_DELETE',
  contact_merge_notification: 'CONTACT_MERGE',
  duplicated_contact_identities_notification: 'CONTACT_IDENTITIES_DUPLICATION',
  // The Node SDK's parser maps this shorter key too; accept it rather than show UNKNOWN.
  duplicated_identities: 'CONTACT_IDENTITIES_DUPLICATION',
  capability_notification: 'CAPABILITY',
  opt_in_notification: 'OPT_IN',
  opt_out_notification: 'OPT_OUT',
  channel_event_notification: 'CHANNEL_EVENT',
  smart_conversation_notification: 'SMART_CONVERSATION',
  record_notification: 'RECORD_NOTIFICATION',
  unsupported_callback: 'UNSUPPORTED',
};

/** Canonical payload key of each trigger (the first key of the table above that maps to it). */
export const TRIGGER_PAYLOAD_KEYS: Readonly<Record<CallbackTrigger, string>> = (() => {
  const out: Partial<Record<CallbackTrigger, string>> = {};
  for (const [key, trigger] of Object.entries(PAYLOAD_KEY_TRIGGER)) out[trigger] ??= key;
  return out as Record<CallbackTrigger, string>;
})();

/** `SMART_CONVERSATIONS` → `SMART_CONVERSATION`; everything else unchanged. */
export function normalizeTrigger(trigger: WebhookTrigger): Exclude<WebhookTrigger, 'SMART_CONVERSATIONS'> {
  return trigger === 'SMART_CONVERSATIONS' ? 'SMART_CONVERSATION' : trigger;
}

export type VerdictKind = 'valid' | 'invalid' | 'unsigned' | 'unknown_secret' | 'stale' | 'replayed' | 'malformed_headers';
export const VERDICT_KINDS: readonly VerdictKind[] = ['valid', 'invalid', 'unsigned', 'unknown_secret', 'stale', 'replayed', 'malformed_headers'];

export interface SignatureVerdict {
  kind: VerdictKind;
  /** Label of the secret that matched (valid/stale/replayed) or, when none did, the first one tried. */
  secretLabel?: string;
  details: {
    receivedSignature?: string;
    /** What the signature should be with `secretLabel`'s secret. */
    computedSignature?: string;
    algorithm?: string;
    nonce?: string;
    timestamp?: string;
    /** Receiver time minus signing time, in seconds (positive = signed in the past). */
    skewSeconds?: number;
    /** Bytes of `<raw body>.<nonce>.<timestamp>`. */
    signedStringLength?: number;
    /** Bytes of each part of the signed string. */
    signedStringParts?: { bodyBytes: number; nonce: number; timestamp: number };
    nonceSeenBefore: boolean;
    /** Labels of every secret tried, in order. */
    triedSecrets?: string[];
    /** Accepted skew window, seconds. */
    toleranceSeconds?: number;
    /** Plain-words explanation for the page (which header is missing, and so on). */
    note?: string;
  };
}

export type RejectReason = 'too_large' | 'timeout' | 'method' | 'aborted';

export interface WebhookCorrelation {
  appId?: string;
  projectId?: string;
  contactId?: string;
  conversationId?: string;
  messageId?: string;
  eventId?: string;
  channel?: string;
  identity?: string;
  status?: string;
  /** `contact_message.reply_to.message_id` of an inbound reply: links it to the app message. */
  replyToMessageId?: string;
  /** `reason.code` of a report that carries one (FAILED, SWITCHING_CHANNEL…): RECIPIENT_NOT_REACHABLE… */
  reasonCode?: string;
  /** `reason.description`, as Sinch words it. */
  reasonDescription?: string;
}

export interface WebhookHeader {
  name: string;
  value: string;
}

export interface ForwardOutcome {
  target: string;
  /** HTTP status the target answered; absent when it could not be reached. */
  status?: number;
  error?: string;
  timeMs: number;
}

export interface WebhookEvent {
  /** ULID: sorts by arrival. */
  id: string;
  receivedAt: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  query: string;
  /** As received: original casing and order, duplicates kept. */
  headers: WebhookHeader[];
  /** UTF-8 text of the raw bytes ('' for an empty or rejected body). */
  bodyText: string;
  /** Base64 of the raw bytes, only when they are not valid UTF-8. */
  bodyBase64?: string;
  /** Bytes received (for a body rejected as too large: its declared or counted size). */
  sizeBytes: number;
  contentType: string;
  /** What the listener answered. */
  responseStatus: number;
  rejected: null | { reason: RejectReason; message: string };
  json: { ok: true } | { ok: false; error: string };
  trigger: WebhookTrigger;
  summary: string;
  correlation: WebhookCorrelation;
  verdict: SignatureVerdict;
  forwarded?: ForwardOutcome;
  /** Set on events the explorer itself sent again (replay), to tell them apart. */
  replayOf?: string;
}

/** A list row: everything but the body and headers. */
export type WebhookEventSummary = Omit<WebhookEvent, 'headers' | 'bodyText' | 'bodyBase64'>;

/**
 * Callbacks that arrived since the last notice. The backend sends one at most every
 * WEBHOOK_BATCH_INTERVAL_MS however fast callbacks come, so the page re-reads its list a bounded
 * number of times a second instead of once per callback.
 */
export interface WebhookBatch {
  /** How many arrived: all of them, including those not in `events`. */
  count: number;
  /** The newest of them (at most WEBHOOK_BATCH_EVENTS), oldest first. */
  events: WebhookEventSummary[];
}

export const WEBHOOK_BATCH_EVENTS = 50;
export const WEBHOOK_BATCH_INTERVAL_MS = 100;
/**
 * The interval while callbacks come faster than a notice can carry (more than WEBHOOK_BATCH_EVENTS
 * in one interval): the page then re-reads its list on every notice, and four reads a second keep
 * a flood live to the eye at less than half the cost to the listener of ten.
 */
export const WEBHOOK_FLOOD_INTERVAL_MS = 250;

export function summaryOfEvent(event: WebhookEvent): WebhookEventSummary {
  const { headers: _h, bodyText: _b, bodyBase64: _b64, ...rest } = event;
  return rest;
}

export interface WebhookFilter {
  /** Either smart-conversation spelling matches both. */
  triggers?: WebhookTrigger[];
  verdicts?: VerdictKind[];
  appId?: string;
  contactId?: string;
  channel?: string;
  status?: string;
  /** Case-insensitive substring of the summary, trigger, path or a value in the body (of a non-JSON body: its text). */
  text?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Which trigger a parsed callback body belongs to, by its payload key. */
export function classifyTrigger(json: unknown): WebhookTrigger {
  if (!isObject(json)) return 'UNKNOWN';
  for (const key of Object.keys(json)) {
    const trigger = getOwn(PAYLOAD_KEY_TRIGGER, key);
    if (trigger && isObject(json[key])) return trigger;
  }
  return 'UNKNOWN';
}

function payloadOf(json: Json): Json {
  for (const key of Object.keys(json)) {
    const value = json[key];
    if (getOwn(PAYLOAD_KEY_TRIGGER, key) && isObject(value)) return value;
  }
  return {};
}

/** The ids a callback carries, wherever its trigger keeps them (§12.2). */
export function correlationOf(json: unknown): WebhookCorrelation {
  if (!isObject(json)) return {};
  const p = payloadOf(json);
  const out: WebhookCorrelation = {};
  const set = (key: keyof WebhookCorrelation, value: unknown): void => {
    const s = str(value);
    if (s !== undefined && out[key] === undefined) out[key] = s;
  };
  set('appId', json['app_id']);
  set('projectId', json['project_id']);
  const identity = p['channel_identity'];
  if (isObject(identity)) {
    set('channel', identity['channel']);
    set('identity', identity['identity']);
    set('appId', identity['app_id']);
  } else {
    // smart_conversation_notification carries channel_identity as a plain string.
    set('identity', identity);
  }
  set('channel', p['channel']);
  set('identity', p['identity']);
  set('contactId', p['contact_id']);
  set('conversationId', p['conversation_id']);
  set('messageId', p['message_id']);
  set('eventId', p['event_id']);
  set('status', p['status']);
  set('status', p['capability_status']);
  set('status', p['record_status']);
  const trigger = classifyTrigger(json);
  if (trigger === 'MESSAGE_INBOUND' || trigger === 'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION') {
    set('messageId', p['id']);
    const contactMessage = p['contact_message'];
    const replyTo = isObject(contactMessage) ? contactMessage['reply_to'] : undefined;
    if (isObject(replyTo)) set('replyToMessageId', replyTo['message_id']);
  }
  if (trigger === 'EVENT_INBOUND') set('eventId', p['id']);
  if (trigger === 'UNSUPPORTED') set('messageId', p['id']);
  const reason = p['reason'];
  if (isObject(reason)) {
    set('reasonCode', reason['code']);
    set('reasonDescription', reason['description']);
  }
  const conversation = p['conversation'];
  if (isObject(conversation)) {
    set('conversationId', conversation['id']);
    set('contactId', conversation['contact_id']);
    set('channel', conversation['active_channel'] === 'CHANNEL_UNSPECIFIED' ? undefined : conversation['active_channel']);
  }
  const contact = p['contact'] ?? p['preserved_contact'];
  if (isObject(contact)) {
    set('contactId', contact['id']);
    const first = Array.isArray(contact['channel_identities']) ? (contact['channel_identities'][0] as unknown) : undefined;
    if (isObject(first)) {
      set('channel', first['channel']);
      set('identity', first['identity']);
    }
  }
  const channelEvent = p['channel_event'];
  if (isObject(channelEvent)) {
    set('channel', channelEvent['channel']);
    set('status', channelEvent['event_type']);
  }
  return out;
}

/**
 * The ids a one-line summary ends with, whole ("SMS", "+46700000001", "msg 01M994…" in full): the list's
 * rows have the room, and cut ids could not be told apart or searched for.
 */
function summaryTail(c: WebhookCorrelation): string[] {
  const parts: string[] = [];
  if (c.channel) parts.push(c.channel);
  if (c.identity) parts.push(c.identity);
  if (c.messageId) parts.push(`msg ${c.messageId}`);
  else if (c.eventId) parts.push(`event ${c.eventId}`);
  else if (c.conversationId) parts.push(`conv ${c.conversationId}`);
  else if (c.contactId) parts.push(`contact ${c.contactId}`);
  return parts;
}

/**
 * An event's summary with its ids whole. Events stored before ids were kept whole have summaries ending
 * "+4670… · msg 01HXYZ…": their ends are rebuilt from the correlation ids, which were always kept whole.
 */
export function summaryWithWholeIds(event: { summary: string; correlation: WebhookCorrelation }): string {
  if (!event.summary.includes('…')) return event.summary;
  const tail = summaryTail(event.correlation);
  const parts = event.summary.split(' · ');
  if (tail.length === 0 || parts.length < tail.length) return event.summary;
  const stored = parts.slice(parts.length - tail.length);
  const matches = stored.every((part, i) => {
    const whole = tail[i] ?? '';
    return part === whole || (part.endsWith('…') && whole.startsWith(part.slice(0, -1)));
  });
  return matches ? [...parts.slice(0, parts.length - tail.length), ...tail].join(' · ') : event.summary;
}

function firstKey(value: unknown): string | undefined {
  return isObject(value) ? Object.keys(value)[0] : undefined;
}

/** One line for the list: "DELIVERED · SMS · +46701234567 · msg 01HMESSAGE00000000000000000". */
export function summarize(json: unknown, trigger: WebhookTrigger, correlation?: WebhookCorrelation): string {
  if (!isObject(json)) return trigger === 'UNKNOWN' ? 'not a JSON object' : trigger;
  // The caller's, when it has worked it out already (the listener does, for every callback).
  const c = correlation ?? correlationOf(json);
  const p = payloadOf(json);
  const parts: string[] = [];
  const what = ((): string | undefined => {
    switch (normalizeTrigger(trigger)) {
      case 'MESSAGE_INBOUND':
      case 'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION': {
        const cm = p['contact_message'];
        const kind = isObject(cm) ? Object.keys(cm).find((k) => k !== 'reply_to') : undefined;
        const text = isObject(cm) && isObject(cm['text_message']) ? str(cm['text_message']['text']) : undefined;
        const label = trigger === 'MESSAGE_INBOUND' ? 'INBOUND' : 'REDACTED';
        return text !== undefined ? `${label} "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"` : `${label} ${kind ?? 'message'}`;
      }
      case 'EVENT_INBOUND':
        return `EVENT ${firstKey(p['contact_event']) ?? firstKey(p['contact_message_event']) ?? ''}`.trim();
      case 'CONVERSATION_START':
        return 'CONVERSATION STARTED';
      case 'CONVERSATION_STOP':
        return 'CONVERSATION STOPPED';
      case 'CONVERSATION_DELETE':
        return 'CONVERSATION DELETED';
      case 'CONTACT_CREATE':
        return 'CONTACT CREATED';
      case 'CONTACT_UPDATE':
        return 'CONTACT UPDATED';
      case 'CONTACT_DELETE':
        return 'CONTACT DELETED';
      case 'CONTACT_MERGE':
        return 'CONTACTS MERGED';
      case 'CONTACT_IDENTITIES_DUPLICATION': {
        const list = p['duplicated_identities'];
        return `DUPLICATED IDENTITIES ×${Array.isArray(list) ? list.length : 0}`;
      }
      case 'MESSAGE_SUBMIT':
        return 'SUBMITTED';
      case 'CHANNEL_EVENT':
        return c.status ?? 'CHANNEL EVENT';
      case 'SMART_CONVERSATION':
        return 'SMART CONVERSATION';
      case 'UNSUPPORTED':
        return 'UNSUPPORTED CALLBACK';
      case 'UNKNOWN':
        return 'UNKNOWN callback';
      default:
        // Delivery reports: a failure's reason is what the user came to read.
        return c.status ? (c.reasonCode ? `${c.status} ${c.reasonCode}` : c.status) : trigger;
    }
  })();
  if (what) parts.push(what);
  parts.push(...summaryTail(c));
  return parts.join(' · ');
}

export interface EventFailure {
  status: string;
  code?: string;
  description?: string;
}

/**
 * The failure an event reports, if it reports one: a delivery that FAILED (with its reason), an
 * opt-in or opt-out that failed. SWITCHING_CHANNEL is not a failure: the message goes on.
 */
export function failureOf(event: { correlation: WebhookCorrelation }): EventFailure | undefined {
  const { status, reasonCode, reasonDescription } = event.correlation;
  if (status === undefined || !(status === 'FAILED' || status.endsWith('_FAILED'))) return undefined;
  return { status, ...(reasonCode ? { code: reasonCode } : {}), ...(reasonDescription ? { description: reasonDescription } : {}) };
}

/** Whether an event passes every condition given; text is matched case-insensitively. */
export function matchesFilter(event: WebhookEventSummary & { bodyText?: string }, filter: WebhookFilter): boolean {
  if (filter.triggers && filter.triggers.length > 0) {
    const wanted = normalizeTrigger(event.trigger);
    if (!filter.triggers.some((t) => normalizeTrigger(t) === wanted)) return false;
  }
  if (filter.verdicts && filter.verdicts.length > 0 && !filter.verdicts.includes(event.verdict.kind)) return false;
  const c = event.correlation;
  if (filter.appId && c.appId !== filter.appId) return false;
  if (filter.contactId && c.contactId !== filter.contactId) return false;
  if (filter.channel && c.channel !== filter.channel) return false;
  if (filter.status && c.status !== filter.status) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    const head = `${event.summary} ${event.trigger} ${event.path} ${Object.values(c).join(' ')}`.toLowerCase();
    if (!head.includes(needle) && !(event.bodyText ?? '').toLowerCase().includes(needle)) return false;
  }
  return true;
}

export interface JsonDiffEntry {
  /** JSON Pointer-like path: "/message_delivery_report/status"; "" for the whole body. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

function pointerPart(key: string | number): string {
  return `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Structural diff of two JSON values: objects by key, arrays by index, everything else by value.
 * Iterative (an explicit stack, entries in the order a recursive walk gives them), so no nesting
 * overflows it; bodies are parsed with a depth limit before they get here anyway.
 */
export function diffJson(before: unknown, after: unknown, path = ''): JsonDiffEntry[] {
  const out: JsonDiffEntry[] = [];
  type Step = { compare: true; before: unknown; after: unknown; path: string } | { compare: false; entry: JsonDiffEntry };
  const stack: Step[] = [{ compare: true, before, after, path }];
  while (stack.length > 0) {
    const step = stack.pop() as Step;
    if (!step.compare) {
      out.push(step.entry);
      continue;
    }
    const { before: b, after: a, path: at } = step;
    // Pushed in reverse, so they come off the stack in order.
    const next: Step[] = [];
    if (Array.isArray(b) && Array.isArray(a)) {
      const n = Math.max(b.length, a.length);
      for (let i = 0; i < n; i++) {
        const p = at + pointerPart(i);
        if (i >= b.length) next.push({ compare: false, entry: { path: p, kind: 'added', after: a[i] as unknown } });
        else if (i >= a.length) next.push({ compare: false, entry: { path: p, kind: 'removed', before: b[i] as unknown } });
        else next.push({ compare: true, before: b[i] as unknown, after: a[i] as unknown, path: p });
      }
    } else if (isObject(b) && isObject(a)) {
      for (const key of Object.keys(b)) {
        const p = at + pointerPart(key);
        if (!Object.hasOwn(a, key)) next.push({ compare: false, entry: { path: p, kind: 'removed', before: b[key] } });
        else next.push({ compare: true, before: b[key], after: a[key], path: p });
      }
      for (const key of Object.keys(a)) {
        if (!Object.hasOwn(b, key)) next.push({ compare: false, entry: { path: at + pointerPart(key), kind: 'added', after: a[key] } });
      }
    } else if (b !== a && !(typeof b === 'number' && typeof a === 'number' && Number.isNaN(b) && Number.isNaN(a))) {
      next.push({ compare: false, entry: { path: at, kind: 'changed', before: b, after: a } });
    }
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Step);
  }
  return out;
}

/** Diff refused because a body is JSON too deep to compare: `side` says which ('a' or 'b'). */
export class DiffRefusal extends Error {
  constructor(
    readonly side: 'a' | 'b',
    readonly reason: string,
  ) {
    super(`The ${side === 'a' ? 'first' : 'second'} body cannot be compared: ${reason}`);
    this.name = 'DiffRefusal';
  }
}

/**
 * Diff of two events' bodies. JSON bodies are compared structurally (key order and whitespace do
 * not count); when either is not JSON the texts are compared whole. A body nested deeper than
 * MAX_JSON_DEPTH is refused (DiffRefusal): no callback comes close, and its text would be no diff.
 */
export function diffEvents(a: Pick<WebhookEvent, 'bodyText'>, b: Pick<WebhookEvent, 'bodyText'>): JsonDiffEntry[] {
  const left = tryParse(a.bodyText);
  const right = tryParse(b.bodyText);
  if (!left.ok && left.tooDeep) throw new DiffRefusal('a', left.error);
  if (!right.ok && right.tooDeep) throw new DiffRefusal('b', right.error);
  if (left.ok && right.ok) return diffJson(left.value, right.value);
  return a.bodyText === b.bodyText ? [] : [{ path: '', kind: 'changed', before: a.bodyText, after: b.bodyText }];
}

/** The shared name asked for by the inspector: `diff(a, b)`. */
export const diff = diffEvents;

const BLANK = /^\s*$/;
const LOOKS_JSON = /^\s*[[{]/;

export type BodyParse = { ok: true; value: unknown } | { ok: false; error: string; tooDeep?: true };

/**
 * A callback body parsed for reading (list, Body, Diff, Replay), or why it is not JSON. Nesting
 * deeper than MAX_JSON_DEPTH is refused before parsing, as everywhere else the app parses JSON it
 * did not write: `[[[…]]]` 20 000 deep is 40 KB, and every recursive reader of it overflows.
 */
export function tryParse(text: string): BodyParse {
  // A test, not trim(): that would copy a whole body only to compare it with ''.
  if (BLANK.test(text)) return { ok: false, error: 'empty body' };
  // Only text that starts as JSON would: a plain-text body may hold brackets of its own.
  const deep = LOOKS_JSON.test(text) ? nestingBeyond(text, MAX_JSON_DEPTH) : -1;
  if (deep >= 0) return { ok: false, error: `JSON nested deeper than ${MAX_JSON_DEPTH} levels (at character ${deep})`, tooDeep: true };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
