/**
 * The credential shapes of an app's channels (reference §10.1), one form each. The Project view
 * builds its channel forms from this table and the backend writes `channel_credentials` entries
 * with it, so a channel is described once.
 *
 * A field's `path` is where it goes inside the credential object (`basic_auth.username` is nested).
 * `secret` fields are typed by the user, sent to the API and never kept by the app: when a channel
 * is edited, an empty secret field means "keep what the app has".
 */
import type { CHANNELS } from '../apiEnums';

export type ChannelName = (typeof CHANNELS)[number];

export interface CredentialField {
  path: string;
  label: string;
  kind: 'text' | 'secret' | 'boolean';
  required: boolean;
  /** One line under the field: what it is and where to find it. */
  hint?: string;
}

export interface ChannelCredentialForm {
  /** Stable id of the form (a channel may have more than one credential shape, e.g. LINE). */
  id: string;
  channel: ChannelName;
  /** The key of the credential object inside a `channel_credentials` entry. */
  credentialKey: string;
  label: string;
  fields: CredentialField[];
}

const claimed = (hint: string): CredentialField => ({ path: 'claimed_identity', label: 'Sender identity', kind: 'text', required: true, hint });
const token = (hint: string): CredentialField => ({ path: 'token', label: 'Token', kind: 'secret', required: true, hint });

export const CHANNEL_CREDENTIAL_FORMS: readonly ChannelCredentialForm[] = [
  {
    id: 'SMS',
    channel: 'SMS',
    credentialKey: 'static_bearer',
    label: 'SMS',
    fields: [claimed('The SMS service plan id from the Sinch portal'), token("The SMS service plan's API token")],
  },
  {
    id: 'WHATSAPP',
    channel: 'WHATSAPP',
    credentialKey: 'static_bearer',
    label: 'WhatsApp',
    fields: [claimed('The WhatsApp sender id (bot id) from the Sinch portal'), token("The sender's bearer token")],
  },
  {
    id: 'RCS',
    channel: 'RCS',
    credentialKey: 'static_bearer',
    label: 'RCS',
    fields: [claimed('The RCS agent id'), token("The agent's bearer token")],
  },
  {
    id: 'VIBERBM',
    channel: 'VIBERBM',
    credentialKey: 'static_bearer',
    label: 'Viber Business Messages',
    fields: [claimed('The Viber BM service id'), token("The service's bearer token")],
  },
  { id: 'MESSENGER', channel: 'MESSENGER', credentialKey: 'static_token', label: 'Facebook Messenger', fields: [token('The page access token')] },
  { id: 'VIBER', channel: 'VIBER', credentialKey: 'static_token', label: 'Viber (legacy bot)', fields: [token('The Viber bot token')] },
  {
    id: 'MMS',
    channel: 'MMS',
    credentialKey: 'mms_credentials',
    label: 'MMS',
    fields: [
      { path: 'account_id', label: 'Account id', kind: 'text', required: true },
      { path: 'api_key', label: 'API key', kind: 'secret', required: true },
      { path: 'basic_auth.username', label: 'Basic auth user', kind: 'text', required: false },
      { path: 'basic_auth.password', label: 'Basic auth password', kind: 'secret', required: false },
      { path: 'default_sender', label: 'Default sender', kind: 'text', required: false },
    ],
  },
  {
    id: 'INSTAGRAM',
    channel: 'INSTAGRAM',
    credentialKey: 'instagram_credentials',
    label: 'Instagram',
    fields: [token('The Instagram access token'), { path: 'business_account_id', label: 'Business account id', kind: 'text', required: false }],
  },
  { id: 'TELEGRAM', channel: 'TELEGRAM', credentialKey: 'telegram_credentials', label: 'Telegram', fields: [token('The bot token from @BotFather')] },
  {
    id: 'KAKAOTALK',
    channel: 'KAKAOTALK',
    credentialKey: 'kakaotalk_credentials',
    label: 'KakaoTalk',
    fields: [
      { path: 'kakaotalk_plus_friend_id', label: 'Plus Friend id', kind: 'text', required: true },
      { path: 'kakaotalk_sender_key', label: 'Sender key', kind: 'secret', required: true },
    ],
  },
  {
    id: 'KAKAOTALKCHAT',
    channel: 'KAKAOTALKCHAT',
    credentialKey: 'kakaotalkchat_credentials',
    label: 'KakaoTalk Chat',
    fields: [
      { path: 'kakaotalk_plus_friend_id', label: 'Plus Friend id', kind: 'text', required: true },
      { path: 'api_key', label: 'API key', kind: 'secret', required: false },
    ],
  },
  {
    id: 'LINE',
    channel: 'LINE',
    credentialKey: 'line_credentials',
    label: 'LINE',
    fields: [
      token('The channel access token'),
      { path: 'secret', label: 'Channel secret', kind: 'secret', required: true },
      { path: 'is_default', label: 'Default LINE credential', kind: 'boolean', required: false },
    ],
  },
  {
    id: 'LINE_ENTERPRISE_JAPAN',
    channel: 'LINE',
    credentialKey: 'line_enterprise_credentials',
    label: 'LINE enterprise (Japan)',
    fields: [
      { path: 'line_japan.token', label: 'Token', kind: 'secret', required: true },
      { path: 'line_japan.secret', label: 'Secret', kind: 'secret', required: true },
      { path: 'is_default', label: 'Default LINE credential', kind: 'boolean', required: false },
    ],
  },
  {
    id: 'LINE_ENTERPRISE_THAILAND',
    channel: 'LINE',
    credentialKey: 'line_enterprise_credentials',
    label: 'LINE enterprise (Thailand)',
    fields: [
      { path: 'line_thailand.token', label: 'Token', kind: 'secret', required: true },
      { path: 'line_thailand.secret', label: 'Secret', kind: 'secret', required: true },
      { path: 'is_default', label: 'Default LINE credential', kind: 'boolean', required: false },
    ],
  },
  {
    id: 'WECHAT',
    channel: 'WECHAT',
    credentialKey: 'wechat_credentials',
    label: 'WeChat',
    fields: [
      { path: 'app_id', label: 'App id', kind: 'text', required: true },
      { path: 'app_secret', label: 'App secret', kind: 'secret', required: true },
      { path: 'token', label: 'Token', kind: 'secret', required: true },
      { path: 'aes_key', label: 'AES key', kind: 'secret', required: true },
    ],
  },
  {
    id: 'APPLEBC',
    channel: 'APPLEBC',
    credentialKey: 'applebc_credentials',
    label: 'Apple Messages for Business',
    fields: [
      { path: 'business_chat_account_id', label: 'Business chat account id', kind: 'text', required: true },
      { path: 'merchant_id', label: 'Merchant id', kind: 'text', required: false },
      { path: 'apple_pay_certificate_reference', label: 'Apple Pay certificate reference', kind: 'text', required: false },
      { path: 'apple_pay_certificate_password', label: 'Apple Pay certificate password', kind: 'secret', required: false },
    ],
  },
];

/** Optional on every entry: verifies channel → Sinch callbacks for channels Sinch does not manage. */
export const CALLBACK_SECRET_FIELD: CredentialField = {
  path: 'callback_secret',
  label: 'Callback secret',
  kind: 'secret',
  required: false,
  hint: 'Only for channels you manage yourself; at most 256 characters',
};

export function channelForm(id: string): ChannelCredentialForm | undefined {
  return CHANNEL_CREDENTIAL_FORMS.find((form) => form.id === id);
}

/** The form a `channel_credentials` entry was written with, from its channel and credential key. */
export function formFor(channel: string, credentialKey: string): ChannelCredentialForm | undefined {
  const candidates = CHANNEL_CREDENTIAL_FORMS.filter((form) => form.channel === channel && form.credentialKey === credentialKey);
  return candidates[0];
}
