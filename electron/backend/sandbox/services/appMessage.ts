import type { JsonObject } from '../../../../shared/conversation/resources';
import {
  AGENT_TYPES,
  APP_EVENT_KEYS,
  APP_MESSAGE_CONTENT_KEYS,
  CARD_HEIGHTS,
  CHANNEL_SPECIFIC_TYPES,
  CHANNELS,
  CHOICE_KEYS,
  CONTACT_MESSAGE_KEYS,
  type AppEventKey,
  type AppMessageContentKey,
  type ChannelSpecificMessageType,
  type ChoiceKey,
  type ContactMessageKey,
} from '../enums';
import { ApiError } from '../errors';
import type { Fields } from '../validate';
import { isObject } from '../validate';

/**
 * First-stage validation of message content, which the API does synchronously (400). Channel
 * specific checks happen later in production (a BAD_REQUEST delivery report); we stop at the
 * structure every channel needs.
 *
 * One validator per message type, in tables keyed by the key types of shared/catalog/messageTypes.ts:
 * a type added there does not compile here until it has a validator.
 */

/** Checks the body under one type's key (already known to be an object); throws ApiError on the first problem. */
export type Validator = (body: Fields) => void;

const required = { required: true } as const;

function text(f: Fields): void {
  f.str('text', required);
}

function media(f: Fields): void {
  f.str('url', required);
}

function location(f: Fields): void {
  const c = f.obj_('coordinates', required);
  c?.num('latitude', required);
  c?.num('longitude', required);
  f.str('title', required);
}

/** Fields whose schema is any object: nothing to check beyond it being one. */
function anyObject(): void {
  // The object itself was checked by the caller.
}

/** Reads the one key of a oneof group and runs that key's validator on its body. */
function validateOneOf<K extends string>(f: Fields, keys: readonly K[], what: string, validators: Record<K, Validator>): K {
  const key = f.exactlyOne(keys, what);
  const validate = Object.hasOwn(validators, key) ? validators[key] : undefined;
  // Only reachable when the types are bypassed: the tables are typed to cover every key.
  if (!validate) throw new Error(`The sandbox has no validator for ${what} '${key}'.`);
  const body = f.obj_(key, required);
  if (body) validate(body);
  return key;
}

export const CHOICE_VALIDATORS: Record<ChoiceKey, Validator> = {
  text_message: text,
  url_message: (f) => {
    f.str('title', required);
    f.str('url', required);
  },
  call_message: (f) => {
    f.str('title', required);
    if (!/^\+\d{4,15}$/.test(f.str('phone_number', required) ?? '')) f.fail('phone_number', 'must be an E.164 number with a leading +');
  },
  location_message: location,
  calendar_message: (f) => {
    for (const field of ['title', 'event_start', 'event_end', 'event_title', 'fallback_url']) f.str(field, required);
  },
  share_location_message: (f) => {
    f.str('title', required);
    f.str('fallback_url', required);
  },
};

function choice(f: Fields): void {
  validateOneOf(f, CHOICE_KEYS, 'choice', CHOICE_VALIDATORS);
  f.str('postback_data');
}

function card(f: Fields): void {
  f.str('title');
  f.str('description');
  f.obj_('media_message');
  f.enumOf('height', CARD_HEIGHTS);
  f.objects('choices', { max: 10 })?.forEach(choice);
}

function templateReference(f: Fields | undefined): void {
  f?.str('template_id', required);
  f?.str('version');
  f?.str('language_code');
  const params = f?.obj_('parameters');
  if (params) for (const k of Object.keys(params.obj)) params.str(k);
}

export const APP_MESSAGE_VALIDATORS: Record<AppMessageContentKey, Validator> = {
  text_message: text,
  media_message: media,
  location_message: location,
  choice_message: (f) => {
    f.objects('choices', { required: true, min: 1, max: 10 })?.forEach(choice);
    f.obj_('text_message');
  },
  card_message: card,
  carousel_message: (f) => {
    f.objects('cards', { required: true, min: 1, max: 10 })?.forEach(card);
    f.objects('choices', { max: 3 })?.forEach(choice);
  },
  list_message: (f) => {
    f.str('title', required);
    const sections = f.objects('sections', { required: true, min: 1 }) ?? [];
    const kinds = new Set<string>();
    for (const section of sections) {
      for (const item of section.objects('items', { required: true, min: 1 }) ?? []) {
        const kind = item.exactlyOne(['choice', 'product'] as const, 'list item');
        kinds.add(kind);
        const inner = item.obj_(kind, required);
        if (kind === 'choice') inner?.str('title', required);
        else {
          inner?.str('id', required);
          inner?.str('marketplace', required);
        }
      }
    }
    if (kinds.size > 1) f.fail('sections', 'all items of a list message must be of the same kind (choice or product)');
  },
  template_message: (f) => {
    if (!f.has('omni_template') && !f.has('channel_template')) {
      throw ApiError.invalid(`${f.path}: set omni_template, channel_template or both`, f.path);
    }
    templateReference(f.obj_('omni_template'));
    const channelTemplate = f.obj_('channel_template');
    if (channelTemplate) checkChannelKeys(channelTemplate, CHANNELS);
  },
  contact_info_message: (f) => {
    f.obj_('name', required)?.str('full_name', required);
    f.objects('phone_numbers', { required: true, min: 1 })?.forEach((p) => p.str('phone_number', required));
    f.objects('email_addresses')?.forEach((e) => e.str('email_address', required));
    f.objects('urls')?.forEach((u) => u.str('url', required));
  },
};

/** The payload (`message`) of each channel_specific_message type (§5.4): the fields every channel needs. */
export const CHANNEL_SPECIFIC_VALIDATORS: Record<ChannelSpecificMessageType, Validator> = {
  FLOWS: (f) => {
    f.str('flow_id', required);
    f.str('flow_cta', { required: true, max: 20 });
  },
  ORDER_DETAILS: (f) => {
    f.obj_('payment', required)?.str('reference_id', required);
  },
  ORDER_STATUS: (f) => {
    const payment = f.obj_('payment', required);
    payment?.str('reference_id', required);
    payment?.obj_('order', required)?.str('status', required);
  },
  COMMERCE: (f) => {
    f.obj_('image', required)?.str('image_url', required);
    f.objects('buttons', { required: true, min: 1 })?.forEach((b) => {
      b.str('type', required);
      b.str('name', required);
    });
  },
  CAROUSEL_COMMERCE: (f) => {
    f.obj_('carousel', required)?.objects('list', { required: true, min: 1 });
  },
  NOTIFICATION_MESSAGE_TEMPLATE: (f) => {
    f.str('template_key', required);
  },
};

const SPECIFIC_TYPES = Object.keys(CHANNEL_SPECIFIC_TYPES) as ChannelSpecificMessageType[];
const SPECIFIC_CHANNELS = [...new Set(Object.values(CHANNEL_SPECIFIC_TYPES))];

/** channel_specific_message: channel → { message_type of that channel, message }. */
function channelSpecific(map: Fields): void {
  for (const channel of Object.keys(map.obj)) {
    const types = SPECIFIC_TYPES.filter((t) => CHANNEL_SPECIFIC_TYPES[t] === channel);
    if (types.length === 0) map.fail(channel, `'${channel}' has no channel-specific messages; use one of ${SPECIFIC_CHANNELS.join(', ')}`);
    const entry = map.obj_(channel, required);
    if (!entry) continue;
    const type = entry.enumReq('message_type', types);
    const payload = entry.obj_('message', required);
    if (payload) CHANNEL_SPECIFIC_VALIDATORS[type](payload);
  }
}

export function validateContent(f: Fields, key: AppMessageContentKey): void {
  const body = f.obj_(key, required);
  if (body) APP_MESSAGE_VALIDATORS[key](body);
}

/** An AppMessage (§5.2): exactly one content field, plus the optional extras. Returns its content key. */
export function validateAppMessage(f: Fields): AppMessageContentKey {
  const key = validateOneOf(f, APP_MESSAGE_CONTENT_KEYS, 'message content', APP_MESSAGE_VALIDATORS);
  const explicit = f.obj_('explicit_channel_message');
  if (explicit) {
    for (const channel of Object.keys(explicit.obj)) {
      if (!(CHANNELS as readonly string[]).includes(channel)) {
        explicit.fail(channel, `'${channel}' is not one of ${CHANNELS.join(', ')}`);
      }
      explicit.str(channel);
    }
  }
  const omni = f.obj_('explicit_channel_omni_message');
  if (omni) checkChannelKeys(omni, ['WHATSAPP', 'KAKAOTALK', 'WECHAT']);
  const specific = f.obj_('channel_specific_message');
  if (specific) channelSpecific(specific);
  const agent = f.obj_('agent');
  agent?.str('display_name', required);
  agent?.enumOf('type', AGENT_TYPES, required);
  return key;
}

export const APP_EVENT_VALIDATORS: Record<AppEventKey, Validator> = {
  composing_event: anyObject,
  composing_end_event: anyObject,
  comment_reply_event: text,
  agent_joined_event: (f) => {
    f.obj_('agent', required);
  },
  agent_left_event: (f) => {
    f.obj_('agent', required);
  },
  generic_event: (f) => {
    f.obj_('payload', required);
  },
};

export function validateAppEvent(f: Fields): AppEventKey {
  return validateOneOf(f, APP_EVENT_KEYS, 'event', APP_EVENT_VALIDATORS);
}

export const CONTACT_MESSAGE_VALIDATORS: Record<ContactMessageKey, Validator> = {
  text_message: text,
  media_message: media,
  location_message: location,
  choice_response_message: (f) => {
    f.str('message_id', required);
    f.str('postback_data', required);
  },
  media_card_message: media,
  fallback_message: (f) => {
    f.str('raw_message');
    f.obj_('reason');
  },
  product_response_message: (f) => {
    f.objects('products');
    f.str('text');
    f.str('catalog_id');
  },
  channel_specific_message: anyObject,
};

export function validateContactMessage(f: Fields): ContactMessageKey {
  return validateOneOf(f, CONTACT_MESSAGE_KEYS, 'contact message content', CONTACT_MESSAGE_VALIDATORS);
}

/** The text a channel would show, for transcoding and the submit notification. */
export function plainText(message: JsonObject): string {
  for (const key of APP_MESSAGE_CONTENT_KEYS) {
    const body = message[key];
    if (!isObject(body)) continue;
    if (typeof body['text'] === 'string') return body['text'];
    if (isObject(body['text_message']) && typeof body['text_message']['text'] === 'string') return body['text_message']['text'];
    if (typeof body['title'] === 'string') return body['title'];
    if (typeof body['url'] === 'string') return body['url'];
    return key;
  }
  return '';
}

/**
 * Maps keyed by channel (channel_template, explicit_channel_omni_message, template overrides):
 * the *key* must be a known channel and each value an object.
 */
export function checkChannelKeys(map: Fields, allowed: readonly string[]): void {
  for (const channel of Object.keys(map.obj)) {
    if (!allowed.includes(channel)) map.fail(channel, `'${channel}' is not one of ${allowed.join(', ')}`);
    map.obj_(channel, { required: true });
  }
}
