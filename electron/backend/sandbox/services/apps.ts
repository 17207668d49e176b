import type { App, JsonObject } from '../../../../shared/conversation/resources';
import { PROJECT_PATH, type SandboxContext } from '../context';
import { CHANNELS, CREDENTIAL_KEYS, METADATA_REPORT_VIEWS, PROCESSING_MODES, RETENTION_TYPES, type Channel } from '../enums';
import { ApiError } from '../errors';
import { applyPatch, readUpdateMask } from '../fieldMask';
import type { Router } from '../http/router';
import { ulid } from '../../conversation/ulid';
import { Fields } from '../validate';
import { requireApp } from './lookups';

const REQUIRED_CREDENTIAL_FIELDS: Record<string, readonly string[]> = {
  static_bearer: ['claimed_identity', 'token'],
  static_token: ['token'],
  mms_credentials: ['account_id', 'api_key'],
  instagram_credentials: ['token'],
  telegram_credentials: ['token'],
  kakaotalk_credentials: ['kakaotalk_plus_friend_id', 'kakaotalk_sender_key'],
  kakaotalkchat_credentials: ['kakaotalk_plus_friend_id'],
  line_credentials: ['token', 'secret'],
  line_enterprise_credentials: [],
  wechat_credentials: ['app_id', 'app_secret', 'token', 'aes_key'],
  applebc_credentials: ['business_chat_account_id'],
};
const ALL_CREDENTIAL_KEYS = Object.keys(REQUIRED_CREDENTIAL_FIELDS);

const UPDATABLE = [
  'display_name',
  'channel_credentials',
  'conversation_metadata_report_view',
  'processing_mode',
  'retention_policy',
  'dispatch_retention_policy',
  'smart_conversation',
  'callback_settings',
  'message_retry_settings',
  'delivery_report_based_fallback',
] as const;

/** Channels of an app in credential order, which is the app's channel priority (§10.1). */
export function appChannels(app: App): Channel[] {
  return app.channel_credentials.map((c) => c['channel'] as Channel);
}

function validateCredential(f: Fields, index: number): JsonObject {
  const channel = f.enumOf('channel', CHANNELS, { required: true }) as Channel;
  const key = f.exactlyOne(ALL_CREDENTIAL_KEYS, 'credential');
  if (!CREDENTIAL_KEYS[channel].includes(key)) {
    f.fail(key, `not a credential for channel ${channel}; expected ${CREDENTIAL_KEYS[channel].join(' or ')}`);
  }
  const cred = f.obj_(key, { required: true });
  for (const field of REQUIRED_CREDENTIAL_FIELDS[key] ?? []) cred?.str(field, { required: true });
  if (cred && key === 'line_enterprise_credentials') {
    // LINE enterprise: one of the two regional credential pairs (reference §10.1).
    const region = cred.obj_(cred.exactlyOne(['line_japan', 'line_thailand'] as const, 'line region'), { required: true });
    region?.str('token', { required: true });
    region?.str('secret', { required: true });
    cred.bool('is_default');
  }
  f.str('callback_secret', { max: 256 });
  return {
    ...f.obj,
    channel,
    state: { status: 'ACTIVE', description: '' },
    channel_known_id: typeof f.obj['channel_known_id'] === 'string' ? f.obj['channel_known_id'] : '',
    credential_ordinal_number: f.int('credential_ordinal_number') ?? index,
  };
}

function validateApp(f: Fields, id: string, previous?: App): App {
  const displayName = f.str('display_name', { required: true }) ?? '';
  const credentials = (f.objects('channel_credentials', { required: true }) ?? []).map(validateCredential);
  const retention = f.obj_('retention_policy');
  retention?.enumOf('retention_type', RETENTION_TYPES);
  retention?.int('ttl_days', { min: 1, max: 3650 });
  const dispatchRetention = f.obj_('dispatch_retention_policy');
  dispatchRetention?.enumOf('retention_type', ['MESSAGE_EXPIRE_POLICY'] as const);
  dispatchRetention?.int('ttl_days', { min: 0, max: 7 });
  f.obj_('smart_conversation')?.bool('enabled');
  f.obj_('callback_settings')?.str('secret_for_overridden_callback_urls');
  f.obj_('message_retry_settings')?.int('retry_duration', { min: 30, max: 3600 });
  const fallback = f.obj_('delivery_report_based_fallback');
  fallback?.bool('enabled');
  fallback?.int('delivery_report_waiting_time', { min: 60, max: 259200 });
  return {
    id,
    display_name: displayName,
    channel_credentials: credentials,
    conversation_metadata_report_view: f.enumOf('conversation_metadata_report_view', METADATA_REPORT_VIEWS) ?? 'NONE',
    // The OpenAPI default; Sinch's skills docs call DISPATCH the default (reference §4.1).
    processing_mode: f.enumOf('processing_mode', PROCESSING_MODES) ?? 'CONVERSATION',
    retention_policy: { retention_type: 'MESSAGE_EXPIRE_POLICY', ttl_days: 180, ...(retention?.obj ?? {}) },
    dispatch_retention_policy: { retention_type: 'MESSAGE_EXPIRE_POLICY', ttl_days: 0, ...(dispatchRetention?.obj ?? {}) },
    smart_conversation: { enabled: false, ...(f.obj_('smart_conversation')?.obj ?? {}) },
    callback_settings: { secret_for_overridden_callback_urls: '', ...(f.obj_('callback_settings')?.obj ?? {}) },
    message_retry_settings: { retry_duration: 3600, ...(f.obj_('message_retry_settings')?.obj ?? {}) },
    delivery_report_based_fallback: { enabled: false, ...(fallback?.obj ?? {}) },
    rate_limits: previous?.rate_limits ?? { inbound: 25, outbound: 25, webhooks: 25 },
    queue_stats: previous?.queue_stats ?? { outbound_size: 0, outbound_limit: 500000 },
    persist_message_status: previous?.persist_message_status ?? { enabled: false },
    message_search: previous?.message_search ?? { enabled: false },
  };
}

export function registerApps(router: Router, ctx: SandboxContext): void {
  const base = `${PROJECT_PATH}/apps`;

  router.on('POST', base, (req) => {
    const app = validateApp(Fields.body(req.body), ulid());
    ctx.store().apps.set(app.id, app);
    return app;
  });

  router.on('GET', base, () => ({ apps: [...ctx.store().apps.values()] }));

  router.on('GET', `${base}/{app_id}`, (req) => requireApp(ctx.store(), req.params['app_id'] ?? ''));

  router.on('PATCH', `${base}/{app_id}`, (req) => {
    const store = ctx.store();
    const current = requireApp(store, req.params['app_id'] ?? '');
    const patch = Fields.body(req.body).obj;
    const merged = applyPatch(current as unknown as JsonObject, patch, readUpdateMask(req.query), UPDATABLE);
    const app = validateApp(new Fields(merged), current.id, current);
    store.apps.set(app.id, app);
    return app;
  });

  router.on('DELETE', `${base}/{app_id}`, (req) => {
    const store = ctx.store();
    const app = requireApp(store, req.params['app_id'] ?? '');
    store.apps.delete(app.id);
    // An app's webhooks, conversations and messages go with it.
    for (const [id, w] of store.webhooks) if (w.app_id === app.id) store.webhooks.delete(id);
    for (const [id, c] of store.conversations) if (c.app_id === app.id) store.conversations.delete(id);
    for (const [id, m] of store.messages) if (m.appId === app.id) store.messages.delete(id);
    for (const [id, e] of store.events) if (e.appId === app.id) store.events.delete(id);
    store.consentLists.delete(app.id);
    return {};
  });
}

export function assertChannelOnApp(app: App, channel: Channel, path: string): void {
  if (!appChannels(app).includes(channel)) {
    throw ApiError.invalid(`${path}: channel ${channel} is not configured on app ${app.id} (configured: ${appChannels(app).join(', ')})`, path);
  }
}
