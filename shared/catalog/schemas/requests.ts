/** Request body schemas, one per operation that takes a body (reference §4). */
import {
  channel,
  contactLanguage,
  direction,
  messageContentType,
  messagesSource,
  messagesView,
  metadataUpdateStrategy,
  processingMode,
  processingStrategy,
  queue,
  trigger,
} from './enums';
import { channelIdentity, recipient, templateReference } from './content';
import { appEvent, appMessage, CONTENT_SCHEMAS, contactMessage } from './messages';
import { anyObject, arr, bool, enumOf, exactlyOneOf, int, map, obj, str, type JsonSchema } from './types';

const appId = str('Id of the app.');
const ttl = str('Time to live, a protobuf duration: whole seconds followed by "s" (3s … 315576000000s). No channel failover after expiry.', {
  pattern: '^(\\d+s|.*\\{\\{.+\\}\\}.*)$',
});
const callbackUrl = str("Receives this request's delivery reports instead of the webhooks; signed with the app's secret_for_overridden_callback_urls.", {
  maxLength: 742,
});
const channelPriorityOrder = arr('Channels to try, in order; each must be configured on the app.', channel);
const acceptTime = str('When the message was accepted, RFC 3339; must lie within the past 30 days.');
const timestamp = (what: string): JsonSchema => str(`${what}, RFC 3339 (e.g. 2025-01-31T12:00:00Z).`);

/* ---- Apps (§4.1, §10) ---- */

const staticBearer = obj(
  'Sinch-managed SMS/WhatsApp/RCS/Viber Business credential.',
  {
    claimed_identity: str('Sender identity (e.g. the SMS service plan id or WhatsApp sender id).'),
    token: str('API token for that sender.'),
  },
  ['claimed_identity', 'token'],
);

const channelCredential: JsonSchema = obj(
  "One channel of the app: channel plus exactly one credential object. Array order is the app's channel priority.",
  {
    channel,
    static_bearer: staticBearer,
    static_token: obj('Messenger (and legacy Viber) token.', { token: str('Page access token.') }, ['token']),
    mms_credentials: obj(
      'MMS credentials.',
      {
        account_id: str('MMS account id.'),
        api_key: str('MMS API key.'),
        basic_auth: obj('Basic auth for MMS.', { username: str('User name.'), password: str('Password.') }),
        default_sender: str('Default sender number.'),
      },
      ['account_id', 'api_key'],
    ),
    instagram_credentials: obj('Instagram credentials.', { token: str('Access token.'), business_account_id: str('Business account id.') }, ['token']),
    telegram_credentials: obj('Telegram credentials.', { token: str('Bot token.') }, ['token']),
    kakaotalk_credentials: obj(
      'KakaoTalk credentials.',
      {
        kakaotalk_plus_friend_id: str('Plus friend id.'),
        kakaotalk_sender_key: str('Sender key.'),
      },
      ['kakaotalk_plus_friend_id', 'kakaotalk_sender_key'],
    ),
    kakaotalkchat_credentials: obj(
      'KakaoTalk chat credentials.',
      {
        kakaotalk_plus_friend_id: str('Plus friend id.'),
        api_key: str('API key.'),
      },
      ['kakaotalk_plus_friend_id'],
    ),
    line_credentials: obj(
      'LINE credentials.',
      { token: str('Channel access token.'), secret: str('Channel secret.'), is_default: bool('Default LINE credential.') },
      ['token', 'secret'],
    ),
    line_enterprise_credentials: obj('LINE enterprise credentials: one of line_japan / line_thailand.', {
      is_default: bool('Default LINE credential.'),
      line_japan: obj('LINE Japan.', { token: str('Token.'), secret: str('Secret.') }),
      line_thailand: obj('LINE Thailand.', { token: str('Token.'), secret: str('Secret.') }),
    }),
    wechat_credentials: obj(
      'WeChat credentials.',
      {
        app_id: str('WeChat app id.'),
        app_secret: str('WeChat app secret.'),
        token: str('Token.'),
        aes_key: str('AES key.'),
      },
      ['app_id', 'app_secret', 'token', 'aes_key'],
    ),
    applebc_credentials: obj(
      'Apple Messages for Business credentials.',
      {
        business_chat_account_id: str('Business chat account id.'),
        merchant_id: str('Apple Pay merchant id.'),
        apple_pay_certificate_reference: str('Apple Pay certificate reference.'),
        apple_pay_certificate_password: str('Apple Pay certificate password.'),
      },
      ['business_chat_account_id'],
    ),
    callback_secret: str('Verifies channel→Sinch callbacks for channels Sinch does not manage.', { maxLength: 256 }),
    credential_ordinal_number: int('Only meaningful for several LINE credentials.'),
  },
  ['channel'],
  {
    oneOf: exactlyOneOf([
      'static_bearer',
      'static_token',
      'mms_credentials',
      'instagram_credentials',
      'telegram_credentials',
      'kakaotalk_credentials',
      'kakaotalkchat_credentials',
      'line_credentials',
      'line_enterprise_credentials',
      'wechat_credentials',
      'applebc_credentials',
    ]),
  },
);

const appFields: Record<string, JsonSchema> = {
  display_name: str('Name of the app.'),
  channel_credentials: arr('Channels of the app with their credentials; order = channel priority.', channelCredential, { minItems: 1 }),
  conversation_metadata_report_view: enumOf('How much conversation metadata is echoed in callbacks.', ['NONE', 'FULL']),
  processing_mode: processingMode,
  retention_policy: obj('How long messages are kept.', {
    retention_type: enumOf('Retention kind.', ['MESSAGE_EXPIRE_POLICY', 'CONVERSATION_EXPIRE_POLICY', 'PERSIST_RETENTION_POLICY']),
    ttl_days: int('Days to keep (default 180).', { minimum: 1, maximum: 3650 }),
  }),
  dispatch_retention_policy: obj('How long DISPATCH-mode messages are kept.', {
    retention_type: enumOf('Retention kind.', ['MESSAGE_EXPIRE_POLICY']),
    ttl_days: int('Days to keep; 0 (default) stores nothing.', { minimum: 0, maximum: 7 }),
  }),
  smart_conversation: obj('Smart Conversations (analysis of inbound messages).', { enabled: bool('Enable it.') }),
  callback_settings: obj('Callback settings.', {
    secret_for_overridden_callback_urls: str('Signs callbacks sent to a per-message callback_url.'),
  }),
  message_retry_settings: obj('Retries of undelivered messages.', {
    retry_duration: int('Seconds to keep retrying (default 3600).', { minimum: 30, maximum: 3600 }),
  }),
  delivery_report_based_fallback: obj('Fall back to the next channel when no delivery report arrives in time (paid feature).', {
    enabled: bool('Enable it.'),
    delivery_report_waiting_time: int('Seconds to wait for a delivery report.', { minimum: 60, maximum: 259200 }),
  }),
};

const appCreate = obj('Create an app (AppCreateRequest).', appFields, ['display_name', 'channel_credentials']);
const appUpdate = obj('Update an app: any fields of the app; with update_mask only the listed ones change.', appFields, [], { minProperties: 1 });

/* ---- Contacts (§4.2) ---- */

const contactFields: Record<string, JsonSchema> = {
  channel_identities: arr('Identities of the contact, at least one.', channelIdentity, { minItems: 1 }),
  language: contactLanguage,
  channel_priority: arr('Channels to try for this contact, first tried first.', channel),
  display_name: str('Name of the contact (defaults to Unknown).'),
  email: str('Email address.'),
  external_id: str('Your own id for the contact.'),
  metadata: str('Free metadata.', { maxLength: 1024 }),
};

const contactCreate = obj('Create a contact (ContactCreateRequest).', contactFields, ['channel_identities', 'language']);
const contactUpdate = obj('Update a contact: fields to change; with update_mask only the listed ones change.', contactFields, [], { minProperties: 1 });
const contactMerge = obj(
  'Merge a contact into the destination contact in the path.',
  {
    source_id: str('Contact to fold into the destination; it is removed.'),
    strategy: enumOf('Merge strategy.', ['MERGE']),
  },
  ['source_id'],
);
const channelProfile = obj(
  "Look up a contact's profile name on a channel.",
  {
    app_id: appId,
    recipient,
    channel: enumOf('Channel to ask (MESSENGER, INSTAGRAM, VIBER, LINE).', ['MESSENGER', 'INSTAGRAM', 'VIBER', 'LINE']),
  },
  ['app_id', 'recipient', 'channel'],
);

/* ---- Conversations (§4.3) ---- */

const conversationFields: Record<string, JsonSchema> = {
  active: bool('Whether the conversation is active (one active conversation per app and contact).'),
  active_channel: channel,
  metadata: str('Deprecated string metadata; use metadata_json.'),
  metadata_json: anyObject('Conversation metadata as a JSON object (≤ 2048 chars serialised).'),
  correlation_id: str('Propagated to related callbacks.', { maxLength: 128 }),
};

const conversationCreate = obj(
  'Create a conversation (CONVERSATION-mode apps only).',
  {
    app_id: appId,
    contact_id: str('Id of the contact.'),
    ...conversationFields,
  },
  ['app_id', 'contact_id'],
);
const conversationUpdate = obj('Update a conversation.', conversationFields, [], { minProperties: 1 });

const injectMessage = obj(
  "Inject a message into a conversation's history (nothing is sent).",
  {
    accept_time: acceptTime,
    channel_identity: channelIdentity,
    contact_id: str('Id of the contact.'),
    direction,
    app_message: appMessage,
    contact_message: contactMessage,
    conversation_id: str('Must match the conversation in the path.'),
    sender_id: str('Number or short code the contact wrote to.'),
    processing_mode: processingMode,
    metadata: str('Message metadata.'),
  },
  ['accept_time', 'channel_identity', 'contact_id', 'direction'],
  { oneOf: exactlyOneOf(['app_message', 'contact_message']) },
);

const injectEvent = obj(
  "Inject an app event into a conversation's history.",
  {
    app_event: appEvent,
    accept_time: acceptTime,
    conversation_id: str('Must match the conversation in the path.'),
    contact_id: str('Id of the contact.'),
    channel_identity: channelIdentity,
    processing_mode: processingMode,
  },
  ['app_event', 'accept_time'],
);

/* ---- Messages (§4.4, §5.1) ---- */

const messageSend = obj(
  'Send a message (§5.1).',
  {
    app_id: appId,
    recipient,
    message: appMessage,
    channel_priority_order: channelPriorityOrder,
    channel_properties: map(
      'Channel property → string value (§5.5), e.g. SMS_SENDER, MESSENGER_MESSAGING_TYPE.',
      { type: 'string', maxLength: 1024 },
      {
        propertyNames: { type: 'string' },
        examples: [{ SMS_SENDER: '+46700000000' }],
      },
    ),
    ttl,
    processing_strategy: processingStrategy,
    queue,
    message_metadata: str('Echoed as metadata in delivery reports.', { maxLength: 1024 }),
    conversation_metadata: anyObject('JSON object (≤ 2048 chars) attached to the conversation or the recipient identities; echoed on later inbound callbacks.'),
    conversation_metadata_update_strategy: metadataUpdateStrategy,
    correlation_id: str('Propagated to related callbacks.', { maxLength: 128 }),
    callback_url: callbackUrl,
    message_content_type: messageContentType,
  },
  ['app_id', 'recipient', 'message'],
);

const messageUpdate = obj('Update a message: only metadata can change.', { metadata: str('New metadata.', { maxLength: 1024 }) }, ['metadata']);

const fetchLastMessage = obj(
  'The last message for each identity or contact: channel_identities or contact_ids, not both.',
  {
    channel_identities: arr('Identity strings (e.g. phone numbers).', { type: 'string' }, { minItems: 1 }),
    contact_ids: arr('Contact ids (not with DISPATCH_SOURCE).', { type: 'string' }, { minItems: 1 }),
    app_id: appId,
    messages_source: { ...messagesSource, description: `${messagesSource.description ?? ''} Default DISPATCH_SOURCE here.` },
    page_size: int('Page size (default 10, max 1000).', { minimum: 1, maximum: 1000 }),
    page_token: str('next_page_token of the previous page.'),
    view: messagesView,
    start_time: timestamp('Only messages accepted at or after'),
    end_time: timestamp('Only messages accepted at or before'),
    channel,
    direction,
  },
  [],
  { oneOf: exactlyOneOf(['channel_identities', 'contact_ids']) },
);

const transcode = obj(
  'Preview how a message is transcoded for channels; nothing is sent (§4.7).',
  {
    app_id: appId,
    app_message: appMessage,
    channels: arr('Channels to transcode for.', channel, { minItems: 1 }),
    from: str('Sender identity, for channels that embed it.'),
    to: str('Recipient identity, for channels that embed it.'),
  },
  ['app_id', 'app_message', 'channels'],
);

/* ---- Events (§4.5, §7.2) ---- */

const eventSend = obj(
  'Send an app event (§7.2).',
  {
    app_id: appId,
    recipient,
    event: appEvent,
    callback_url: callbackUrl,
    channel_priority_order: { ...channelPriorityOrder, description: 'Channel to use; only the first element counts for events.' },
    event_metadata: str('Echoed in event delivery reports.'),
    queue,
  },
  ['app_id', 'recipient', 'event'],
);

/* ---- Webhooks (§4.6, §11) ---- */

const webhookFields: Record<string, JsonSchema> = {
  app_id: appId,
  target: str('Callback URL; unique per app; Conversation API hosts are refused.', { maxLength: 742 }),
  target_type: enumOf('HTTP delivers callbacks; DISMISS accepts them without delivering.', ['HTTP', 'DISMISS']),
  secret: str('When set, callbacks carry x-sinch-webhook-signature headers (HMAC-SHA256 with this secret).'),
  triggers: arr('Which callbacks to receive.', trigger, { minItems: 1 }),
  client_credentials: obj(
    'OAuth2 client credentials Sinch uses to get a token for your endpoint.',
    {
      client_id: str('Client id.'),
      client_secret: str('Client secret.'),
      endpoint: str('Your token URL.'),
      scope: str('Scope.', { maxLength: 1024 }),
      response_type: str('Forwarded as-is.', { maxLength: 64 }),
      token_request_type: enumOf('BASIC: credentials in a Basic header (default); FORM: as form fields.', ['BASIC', 'FORM']),
    },
    ['client_id', 'client_secret', 'endpoint'],
  ),
};

const webhookCreate = obj('Create a webhook (at most 5 per app).', webhookFields, ['app_id', 'target']);
const webhookUpdate = obj('Update a webhook.', webhookFields, [], { minProperties: 1 });

/* ---- Capability (§4.8) ---- */

const capabilityQuery = obj(
  "Ask which capabilities the recipient has on the app's channels; the answer arrives on the CAPABILITY trigger.",
  {
    app_id: appId,
    recipient,
    request_id: str('Your id for the query (generated if omitted), echoed in the callback.'),
  },
  ['app_id', 'recipient'],
);

/* ---- Templates v2 (§4.9) ---- */

const V2_BODY_KEYS = [
  'text_message',
  'card_message',
  'carousel_message',
  'choice_message',
  'list_message',
  'location_message',
  'media_message',
  'template_message',
  'contact_info_message',
] as const;

const v2Translation: JsonSchema = obj(
  'One translation: language, variables and exactly one message body (variables written ${name}).',
  {
    language_code: str('BCP-47 language code, e.g. en-US.'),
    version: str('Translation version.'),
    variables: arr('Variables used in the content.', obj('A variable.', { key: str('Name, used as ${name}.'), preview_value: str('Example value.') }, ['key'])),
    channel_template_overrides: obj(
      "Use a channel's own template instead on WHATSAPP or KAKAOTALK.",
      Object.fromEntries(
        ['WHATSAPP', 'KAKAOTALK'].map((c) => [
          c,
          obj(
            `${c} template override.`,
            {
              template_reference: templateReference,
              parameter_mappings: map('Channel parameter → omni variable name.', { type: 'string' }),
            },
            ['template_reference'],
          ),
        ]),
      ),
    ),
    ...Object.fromEntries(V2_BODY_KEYS.map((k) => [k, CONTENT_SCHEMAS[k]])),
    create_time: str('Output only.'),
    update_time: str('Output only.'),
  },
  ['language_code'],
  { oneOf: exactlyOneOf(V2_BODY_KEYS) },
);

const v2Fields: Record<string, JsonSchema> = {
  id: str('Template id (letters, digits, _ - .; generated when omitted), unique in the project.', { maxLength: 100 }),
  description: str('What the template is for.'),
  version: int('Version: 1 on create; on update send the current version (optimistic concurrency).', { minimum: 1 }),
  default_translation: str('language_code of the translation used by default; must exist in translations.'),
  translations: arr('Translations, at least one.', v2Translation, { minItems: 1 }),
  create_time: str('Output only.'),
  update_time: str('Output only.'),
};

const templateV2Create = obj('Create an omni-channel template (V2Template).', v2Fields, ['translations']);
const templateV2Update = obj('Replace a template; version must be the current one.', v2Fields, ['version', 'translations']);

/* ---- Templates v1 (§4.10, end-of-life) ---- */

const v1Fields: Record<string, JsonSchema> = {
  id: str('Template id (generated when omitted).', { maxLength: 100 }),
  description: str('What the template is for.'),
  channel: enumOf('Channel of the template.', [
    'UNSPECIFIED',
    'CONVERSATION',
    'MESSENGER',
    'WHATSAPP',
    'RCS',
    'SMS',
    'VIBERBM',
    'TELEGRAM',
    'INSTAGRAM',
    'KAKAOTALK',
    'APPLEBC',
  ]),
  default_translation: str('language_code of the default translation.'),
  translations: arr(
    'Translations.',
    obj(
      'A v1 translation.',
      {
        language_code: str('BCP-47 language code.'),
        version: str('Translation version.'),
        content: str('The message as a JSON string (an AppMessage).'),
        variables: arr('Variables.', obj('A variable.', { key: str('Name.'), preview_value: str('Example value.') }, ['key'])),
        create_time: str('Output only.'),
        update_time: str('Output only.'),
      },
      ['language_code', 'content'],
    ),
    { minItems: 1 },
  ),
  create_time: str('Output only.'),
  update_time: str('Output only.'),
};

const templateV1Create = obj('Create a v1 template (end-of-life since 2026-01-31).', v1Fields, ['translations']);
const templateV1Update = obj('Update a v1 template.', v1Fields, [], { minProperties: 1 });

/* ---- Project settings (§4.12) ---- */

const settings = obj(
  'Project settings.',
  {
    contact_settings: obj('Contact settings.', {
      unified_contact_id_enabled: bool('Merge SMS/RCS/MMS identities with the same phone number into one contact.'),
    }),
  },
  ['contact_settings'],
);

/** Every body schema by id; templates name theirs in `bodySchema`. */
export const REQUEST_SCHEMAS: Record<string, JsonSchema> = {
  'apps.create': appCreate,
  'apps.update': appUpdate,
  'contacts.create': contactCreate,
  'contacts.update': contactUpdate,
  'contacts.merge': contactMerge,
  'contacts.getChannelProfile': channelProfile,
  'conversations.create': conversationCreate,
  'conversations.update': conversationUpdate,
  'conversations.injectMessage': injectMessage,
  'conversations.injectEvent': injectEvent,
  'messages.send': messageSend,
  'messages.update': messageUpdate,
  'messages.fetchLastMessage': fetchLastMessage,
  'messages.transcode': transcode,
  'events.send': eventSend,
  'webhooks.create': webhookCreate,
  'webhooks.update': webhookUpdate,
  'capability.query': capabilityQuery,
  'templatesV2.create': templateV2Create,
  'templatesV2.update': templateV2Update,
  'templatesV1.create': templateV1Create,
  'templatesV1.update': templateV1Update,
  'settings.create': settings,
  'settings.update': settings,
};
