/**
 * An app's `channel_credentials` (reference §10.1) as the page may see them, and the entries the
 * backend writes back. Secret values never leave here toward the page: a secret field is reduced
 * to "set or not". Writing always starts from the server's own entries (fetched just before), so
 * secrets the page never saw are passed back to the API unchanged.
 */
import {
  CALLBACK_SECRET_FIELD,
  channelForm,
  CHANNEL_CREDENTIAL_FORMS,
  type ChannelCredentialForm,
  type CredentialField,
} from '../../../shared/catalog/channelCredentials';
import type { ChannelFieldView, ProjectChannel } from '../../../shared/model/project';
import { hasOwn, isForbiddenKey, readPath as getPath, writePath as setPath } from '../../../shared/safeObject';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Credential keys the reference knows (§10.1); one of them sits in each entry. */
const CREDENTIAL_KEYS = [...new Set(CHANNEL_CREDENTIAL_FORMS.map((f) => f.credentialKey))];

/** Names whose values are secrets wherever they appear in a credential (also for shapes no form knows). */
const SECRET_NAMES = new Set([
  'token',
  'secret',
  'api_key',
  'password',
  'app_secret',
  'aes_key',
  'kakaotalk_sender_key',
  'apple_pay_certificate_password',
  'callback_secret',
  'client_secret',
]);

/** Fields the API reports but does not accept back (or recomputes): dropped before a PATCH. */
const OUTPUT_ONLY = ['state', 'channel_known_id'];

export function isSecretPath(path: string): boolean {
  const last = path.split('.').pop() ?? path;
  return SECRET_NAMES.has(last);
}

/** Object-valued members of an entry that are not a credential. */
const NOT_CREDENTIALS = new Set(['state']);

/** The entry's credential object's key: one the reference names, else (a newer shape) its one object member. */
export function credentialKeyOf(entry: JsonObject): string | null {
  const known = CREDENTIAL_KEYS.find((key) => hasOwn(entry, key) && isObject(entry[key]));
  if (known) return known;
  return Object.keys(entry).find((key) => !NOT_CREDENTIALS.has(key) && !isForbiddenKey(key) && isObject(entry[key])) ?? null;
}

/** The form an entry was written with; for LINE enterprise, Thailand when `line_thailand` is there. */
export function formOfEntry(entry: JsonObject): ChannelCredentialForm | undefined {
  const channel = typeof entry['channel'] === 'string' ? entry['channel'] : '';
  const key = credentialKeyOf(entry);
  if (!key) return undefined;
  const candidates = CHANNEL_CREDENTIAL_FORMS.filter((form) => form.channel === channel && form.credentialKey === key);
  if (key === 'line_enterprise_credentials') {
    const cred = entry[key];
    if (isObject(cred) && isObject(cred['line_thailand'])) return candidates.find((f) => f.id === 'LINE_ENTERPRISE_THAILAND') ?? candidates[0];
  }
  return candidates[0];
}

/** Stable keys within one app: the channel, with `#n` when the app has more than one of it. */
export function channelKeys(entries: readonly JsonObject[]): string[] {
  const channelOf = (e: JsonObject): string => (typeof e['channel'] === 'string' ? e['channel'] : 'UNKNOWN');
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(channelOf(e), (counts.get(channelOf(e)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const keys: string[] = [];
  for (const e of entries) {
    const channel = channelOf(e);
    const occurrence = seen.get(channel) ?? 0;
    seen.set(channel, occurrence + 1);
    if ((counts.get(channel) ?? 0) <= 1) {
      keys.push(channel);
      continue;
    }
    const ordinal = e['credential_ordinal_number'];
    const candidate = typeof ordinal === 'number' && Number.isInteger(ordinal) ? `${channel}#${ordinal}` : `${channel}#${occurrence}`;
    keys.push(keys.includes(candidate) ? `${channel}#${occurrence}:${keys.length}` : candidate);
  }
  return keys;
}

function fieldView(source: JsonObject, path: string, secret: boolean): ChannelFieldView {
  const value = getPath(source, path);
  if (secret) return { path, value: null, secret: true, set: typeof value === 'string' ? value !== '' : value !== undefined && value !== null };
  return {
    path,
    value: typeof value === 'string' || typeof value === 'boolean' ? value : typeof value === 'number' ? String(value) : null,
    secret: false,
    set: value !== undefined && value !== null && value !== '',
  };
}

/** Every leaf of a credential object no form describes, secrets reduced by name. */
function leafViews(obj: JsonObject, prefix = ''): ChannelFieldView[] {
  const out: ChannelFieldView[] = [];
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) out.push(...leafViews(value, path));
    else out.push({ ...fieldView(obj, key, isSecretPath(path)), path });
  }
  return out;
}

/** What the page sees of one entry. */
export function channelView(entry: JsonObject, key: string): ProjectChannel {
  const channel = typeof entry['channel'] === 'string' ? entry['channel'] : 'UNKNOWN';
  const credentialKey = credentialKeyOf(entry);
  const form = formOfEntry(entry);
  const held = credentialKey ? entry[credentialKey] : undefined;
  const cred: JsonObject = isObject(held) ? held : {};
  const fields: ChannelFieldView[] = form
    ? form.fields.map((f: CredentialField) => fieldView(cred, f.path, f.kind === 'secret' || isSecretPath(f.path)))
    : leafViews(cred);
  fields.push(fieldView(entry, CALLBACK_SECRET_FIELD.path, true));
  const state = entry['state'];
  return {
    key,
    channel,
    formId: form?.id ?? null,
    credentialKey,
    fields,
    state: isObject(state)
      ? {
          status: typeof state['status'] === 'string' ? state['status'] : '',
          description: typeof state['description'] === 'string' ? state['description'] : '',
        }
      : null,
    channelKnownId: typeof entry['channel_known_id'] === 'string' && entry['channel_known_id'] !== '' ? entry['channel_known_id'] : null,
  };
}

export function channelViews(entries: readonly JsonObject[]): ProjectChannel[] {
  const keys = channelKeys(entries);
  return entries.map((entry, i) => channelView(entry, keys[i] ?? String(i)));
}

/** An entry as it may be sent back: the server's own, without what only the server writes. */
export function writableEntry(entry: JsonObject): JsonObject {
  const copy = structuredClone(entry);
  for (const key of OUTPUT_ONLY) delete copy[key];
  return copy;
}

export type EntryBuild = { ok: true; entry: JsonObject; sentSecrets: string[] } | { ok: false; message: string };

/**
 * The entry a channel form's values make. Editing starts from the server's entry, so an empty
 * secret keeps the app's value and fields no form shows stay as they are.
 */
export function buildEntry(formId: string, values: readonly { path: string; value: string | boolean }[], existing: JsonObject | undefined): EntryBuild {
  const form = channelForm(formId);
  if (!form) return { ok: false, message: `Unknown channel form "${formId}".` };
  const known = new Map<string, CredentialField>([...form.fields, CALLBACK_SECRET_FIELD].map((f) => [f.path, f]));
  const byPath = new Map<string, string | boolean>();
  for (const v of values) {
    if (!known.has(v.path)) return { ok: false, message: `${form.label} has no field "${v.path}".` };
    byPath.set(v.path, v.value);
  }
  if (existing && existing['channel'] !== form.channel) {
    return { ok: false, message: `This entry is a ${String(existing['channel'])} channel; a ${form.label} channel is added as a new one.` };
  }
  const sameShape = existing !== undefined && credentialKeyOf(existing) === form.credentialKey && formOfEntry(existing)?.id === form.id;
  const entry: JsonObject = existing ? writableEntry(existing) : { channel: form.channel };
  const previousCred = sameShape && isObject(entry[form.credentialKey]) ? (entry[form.credentialKey] as JsonObject) : {};
  // A different credential shape replaces the old one whole: an entry holds exactly one.
  const oldKey = existing ? credentialKeyOf(existing) : null;
  if (oldKey) delete entry[oldKey];
  for (const key of CREDENTIAL_KEYS) delete entry[key];
  const cred: JsonObject = structuredClone(previousCred);
  const sentSecrets: string[] = [];
  for (const field of form.fields) {
    const given = byPath.get(field.path);
    if (field.kind === 'boolean') {
      if (typeof given === 'boolean') setPath(cred, field.path, given);
      continue;
    }
    const text = typeof given === 'string' ? given.trim() : '';
    if (field.kind === 'secret') {
      if (text !== '') {
        setPath(cred, field.path, text);
        sentSecrets.push(text);
      } else if (field.required && typeof getPath(cred, field.path) !== 'string') {
        return { ok: false, message: `${form.label}: ${field.label} is required.` };
      }
      continue;
    }
    if (text !== '') setPath(cred, field.path, text);
    else if (given !== undefined) setPath(cred, field.path, undefined);
    if (field.required && typeof getPath(cred, field.path) !== 'string') return { ok: false, message: `${form.label}: ${field.label} is required.` };
  }
  entry[form.credentialKey] = cred;
  const callback = byPath.get(CALLBACK_SECRET_FIELD.path);
  if (typeof callback === 'string' && callback.trim() !== '') {
    if (callback.trim().length > 256) return { ok: false, message: 'The callback secret may have at most 256 characters.' };
    entry['callback_secret'] = callback.trim();
    sentSecrets.push(callback.trim());
  }
  return { ok: true, entry, sentSecrets };
}

/** Every secret-looking string value inside entries: redacted from anything shown. */
export function secretsIn(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return isSecretPath(path) && value !== '' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => secretsIn(v, path));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => secretsIn(v, k));
  return [];
}
