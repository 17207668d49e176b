import { AGENT_TYPES, APP_EVENT_KEYS, APP_MESSAGE_CONTENT_KEYS, CARD_HEIGHTS, CHANNELS, CONTACT_MESSAGE_KEYS } from '../enums';
import { ApiError } from '../errors';
import type { Fields} from '../validate';
import { isObject, type JsonObject } from '../validate';

/**
 * First-stage validation of message content, which the API does synchronously (400). Channel
 * specific checks happen later in production (a BAD_REQUEST delivery report); we stop at the
 * structure every channel needs.
 */

const CHOICE_KEYS = ['text_message', 'url_message', 'call_message', 'location_message', 'calendar_message', 'share_location_message'] as const;

function text(f: Fields | undefined): void {
  f?.str('text', { required: true });
}

function media(f: Fields | undefined): void {
  f?.str('url', { required: true });
}

function location(f: Fields | undefined): void {
  if (!f) return;
  const c = f.obj_('coordinates', { required: true });
  c?.num('latitude', { required: true });
  c?.num('longitude', { required: true });
  f.str('title', { required: true });
}

function choice(f: Fields): void {
  const key = f.exactlyOne(CHOICE_KEYS, 'choice');
  const body = f.obj_(key, { required: true });
  switch (key) {
    case 'text_message':
      text(body);
      break;
    case 'url_message':
      body?.str('title', { required: true });
      body?.str('url', { required: true });
      break;
    case 'call_message':
      body?.str('title', { required: true });
      if (!/^\+\d{4,15}$/.test(body?.str('phone_number', { required: true }) ?? '')) {
        body?.fail('phone_number', 'must be an E.164 number with a leading +');
      }
      break;
    case 'location_message':
      location(body);
      break;
    case 'calendar_message':
      for (const field of ['title', 'event_start', 'event_end', 'event_title', 'fallback_url']) body?.str(field, { required: true });
      break;
    case 'share_location_message':
      body?.str('title', { required: true });
      body?.str('fallback_url', { required: true });
      break;
  }
  f.str('postback_data');
}

function card(f: Fields | undefined): void {
  if (!f) return;
  f.str('title');
  f.str('description');
  f.obj_('media_message');
  f.enumOf('height', CARD_HEIGHTS);
  f.objects('choices', { max: 10 })?.forEach(choice);
}

function templateReference(f: Fields | undefined): void {
  f?.str('template_id', { required: true });
  f?.str('version');
  f?.str('language_code');
  const params = f?.obj_('parameters');
  if (params) for (const k of Object.keys(params.obj)) params.str(k);
}

export function validateContent(f: Fields, key: string): void {
  const body = f.obj_(key, { required: true });
  if (!body) return;
  switch (key) {
    case 'text_message':
      text(body);
      break;
    case 'media_message':
      media(body);
      break;
    case 'location_message':
      location(body);
      break;
    case 'choice_message':
      body.objects('choices', { required: true, min: 1, max: 10 })?.forEach(choice);
      body.obj_('text_message');
      break;
    case 'card_message':
      card(body);
      break;
    case 'carousel_message':
      body.objects('cards', { required: true, min: 1, max: 10 })?.forEach(card);
      body.objects('choices', { max: 3 })?.forEach(choice);
      break;
    case 'list_message': {
      body.str('title', { required: true });
      const sections = body.objects('sections', { required: true, min: 1 }) ?? [];
      const kinds = new Set<string>();
      for (const section of sections) {
        for (const item of section.objects('items', { required: true, min: 1 }) ?? []) {
          const kind = item.exactlyOne(['choice', 'product'] as const, 'list item');
          kinds.add(kind);
          const inner = item.obj_(kind, { required: true });
          if (kind === 'choice') inner?.str('title', { required: true });
          else {
            inner?.str('id', { required: true });
            inner?.str('marketplace', { required: true });
          }
        }
      }
      if (kinds.size > 1) body.fail('sections', 'all items of a list message must be of the same kind (choice or product)');
      break;
    }
    case 'template_message': {
      if (!body.has('omni_template') && !body.has('channel_template')) {
        throw ApiError.invalid(`${body.path}: set omni_template, channel_template or both`, body.path);
      }
      templateReference(body.obj_('omni_template'));
      const channelTemplate = body.obj_('channel_template');
      if (channelTemplate) checkChannelKeys(channelTemplate, CHANNELS);
      break;
    }
    case 'contact_info_message': {
      body.obj_('name', { required: true })?.str('full_name', { required: true });
      body.objects('phone_numbers', { required: true, min: 1 })?.forEach((p) => p.str('phone_number', { required: true }));
      body.objects('email_addresses')?.forEach((e) => e.str('email_address', { required: true }));
      body.objects('urls')?.forEach((u) => u.str('url', { required: true }));
      break;
    }
  }
}

/** An AppMessage (§5.2): exactly one content field, plus the optional extras. Returns its content key. */
export function validateAppMessage(f: Fields): string {
  const key = f.exactlyOne(APP_MESSAGE_CONTENT_KEYS, 'message content');
  validateContent(f, key);
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
  if (specific) {
    for (const channel of Object.keys(specific.obj)) {
      const entry = specific.obj_(channel, { required: true });
      entry?.str('message_type', { required: true });
      entry?.obj_('message', { required: true });
    }
  }
  const agent = f.obj_('agent');
  agent?.str('display_name', { required: true });
  agent?.enumOf('type', AGENT_TYPES, { required: true });
  return key;
}

export function validateAppEvent(f: Fields): string {
  const key = f.exactlyOne(APP_EVENT_KEYS, 'event');
  const body = f.obj_(key, { required: true });
  if (key === 'comment_reply_event') body?.str('text', { required: true });
  if (key === 'agent_joined_event' || key === 'agent_left_event') body?.obj_('agent', { required: true });
  if (key === 'generic_event') body?.obj_('payload', { required: true });
  return key;
}

export function validateContactMessage(f: Fields): string {
  const key = f.exactlyOne(CONTACT_MESSAGE_KEYS, 'contact message content');
  f.obj_(key, { required: true });
  return key;
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
