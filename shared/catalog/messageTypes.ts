/**
 * Every message type of the Conversation API, in one table: app message contents (§5.3), the
 * kinds of a choice, channel-specific message types (§5.4), contact messages (§6) and app events
 * (§7.1). Each entry has its key, a label, its JSON Schema (from schemas/content.ts) and its
 * examples. The catalog builds its send requests from these examples, the schemas build their
 * "exactly one of" groups from these entries, and the sandbox keys its validators by these keys
 * (`Record<AppMessageContentKey, …>`), so a type added here is a type error in the sandbox until
 * it has a validator, and tests/unit/catalog/messageTypes.test.ts fails until it has a request.
 *
 * Add a type by adding an entry; nothing else keeps a list of them.
 */
import type { CHANNELS } from '../apiEnums';
import { phoneRecipient } from './build';
import {
  agentJoinedEvent,
  agentLeftEvent,
  calendarChoice,
  callChoice,
  cardMessageSchema,
  carouselCommercePayload,
  carouselMessageSchema,
  choiceMessageSchema,
  choiceResponseMessage,
  choiceSchema,
  commentReplyEvent,
  commercePayload,
  composingEndEvent,
  composingEvent,
  contactChannelSpecificMessage,
  contactInfoMessage,
  fallbackMessage,
  flowsPayload,
  genericEvent,
  lineNotificationPayload,
  listMessage,
  locationMessage,
  mediaCardMessage,
  mediaMessage,
  orderDetailsPayload,
  orderStatusPayload,
  productResponseMessage,
  shareLocationChoice,
  templateMessage,
  textChoice,
  textMessage,
  urlChoice,
} from './schemas/content';
import type { JsonSchema } from './schemas/types';

type Json = Record<string, unknown>;
type Channel = (typeof CHANNELS)[number];

interface MessageType<K extends string> {
  /** The key as the API spells it, e.g. `text_message` or `FLOWS`. */
  readonly key: K;
  /** A short name for people. */
  readonly label: string;
  readonly schema: JsonSchema;
}

/** A `messages:send` request of the catalog (id `messages.send.<id>`). */
export interface SendExample {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The message: `{ <key>: … }` plus any extras. */
  readonly message: Json;
  /** Envelope fields beside app_id and message; recipient defaults to {{recipient_phone}} on WhatsApp, then SMS. */
  readonly envelope?: Json;
}

export interface AppMessageType<K extends string = string> extends MessageType<K> {
  /** The catalog's send requests that show this type: at least one. */
  readonly sends: readonly SendExample[];
}

/** A choice_message around choices of one kind (id `messages.send.choice.<id>`). */
export interface ChoiceExample {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly choices: readonly Json[];
}

export interface ChoiceType<K extends string = string> extends MessageType<K> {
  readonly sends: readonly ChoiceExample[];
}

/** A channel-specific send (id `messages.send.<id>`): the payload on its channel, a text elsewhere. */
export interface ChannelSpecificExample {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The text_message the other channels get. */
  readonly fallbackText: string;
  readonly payload: Json;
  readonly envelope?: Json;
}

export interface ChannelSpecificType<K extends string = string> extends MessageType<K> {
  /** The channel whose channel_specific_message takes this message_type. */
  readonly channel: Channel;
  readonly sends: readonly ChannelSpecificExample[];
}

export interface ContactMessageType<K extends string = string> extends MessageType<K> {
  /** What a contact's message of this type looks like (inject-message, tests). */
  readonly example: Json;
}

/** An `events:send` request of the catalog (id `events.send.<id>`). */
export interface EventExample {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The body under the event's key. */
  readonly content: Json;
  /** Defaults to contact {{contact_id}}. */
  readonly recipient?: Json;
}

export interface AppEventType<K extends string = string> extends MessageType<K> {
  readonly sends: readonly EventExample[];
}

// One identity function per kind of table, so each key type is inferred from the entries.
const choiceTypes = <K extends string>(entries: readonly ChoiceType<K>[]): readonly ChoiceType<K>[] => entries;
const appMessageTypes = <K extends string>(entries: readonly AppMessageType<K>[]): readonly AppMessageType<K>[] => entries;
const channelSpecificTypes = <K extends string>(entries: readonly ChannelSpecificType<K>[]): readonly ChannelSpecificType<K>[] => entries;
const contactMessageTypes = <K extends string>(entries: readonly ContactMessageType<K>[]): readonly ContactMessageType<K>[] => entries;
const appEventTypes = <K extends string>(entries: readonly AppEventType<K>[]): readonly AppEventType<K>[] => entries;

const coordinates = { latitude: 59.3293, longitude: 18.0686 };
const agent = { display_name: 'Grace', type: 'HUMAN', picture_url: 'https://picsum.photos/id/64/100/100.jpg' };

/* ---- The kinds of one choice (§5.3, choice_message) ---- */

export const CHOICE_TYPES = choiceTypes([
  {
    key: 'text_message',
    label: 'Quick reply',
    schema: textChoice,
    sends: [
      {
        id: 'text',
        name: 'Send choice: quick replies',
        description: 'Sends text quick replies (choice kind text_message).',
        choices: [{ text_message: { text: 'Track my order' } }, { text_message: { text: 'Talk to an agent' } }],
      },
      {
        id: 'postback',
        name: 'Send choice: with postback data',
        description: "Sends choices whose postback_data comes back in the contact's choice_response_message.",
        choices: [
          { text_message: { text: 'Yes' }, postback_data: 'answer_yes' },
          { text_message: { text: 'No' }, postback_data: 'answer_no' },
        ],
      },
    ],
  },
  {
    key: 'url_message',
    label: 'Open URL',
    schema: urlChoice,
    sends: [
      {
        id: 'url',
        name: 'Send choice: open URL',
        description: 'Sends a button that opens a web page (choice kind url_message).',
        choices: [{ url_message: { title: 'Open our website', url: 'https://www.sinch.com' } }],
      },
    ],
  },
  {
    key: 'call_message',
    label: 'Call',
    schema: callChoice,
    sends: [
      {
        id: 'call',
        name: 'Send choice: call',
        description: 'Sends a button that calls a number (choice kind call_message; E.164 with +).',
        choices: [{ call_message: { title: 'Call support', phone_number: '+46850000000' } }],
      },
    ],
  },
  {
    key: 'location_message',
    label: 'Show location',
    schema: locationMessage,
    sends: [
      {
        id: 'location',
        name: 'Send choice: location',
        description: 'Sends a button that shows a location (choice kind location_message).',
        choices: [{ location_message: { coordinates, title: 'Our store', label: 'Open 9–18' } }],
      },
    ],
  },
  {
    key: 'calendar_message',
    label: 'Add to calendar',
    schema: calendarChoice,
    sends: [
      {
        id: 'calendar',
        name: 'Send choice: add to calendar',
        description: 'Sends a button that adds an event to the calendar (choice kind calendar_message).',
        choices: [
          {
            calendar_message: {
              title: 'Add to calendar',
              event_start: '2030-06-01T10:00:00Z',
              event_end: '2030-06-01T11:00:00Z',
              event_title: 'Delivery window',
              event_description: 'Your parcel arrives between 10 and 11.',
              fallback_url: 'https://www.sinch.com/calendar',
            },
          },
        ],
      },
    ],
  },
  {
    key: 'share_location_message',
    label: 'Share location',
    schema: shareLocationChoice,
    sends: [
      {
        id: 'shareLocation',
        name: 'Send choice: share location',
        description: 'Sends a button asking the contact to share their location (choice kind share_location_message).',
        choices: [{ share_location_message: { title: 'Share your location', fallback_url: 'https://www.sinch.com/where' } }],
      },
    ],
  },
]);

export type ChoiceKey = (typeof CHOICE_TYPES)[number]['key'];

const choice = choiceSchema(CHOICE_TYPES);
const cardMessage = cardMessageSchema(choice);

/* ---- App message contents (§5.2, §5.3), in the reference's order of §5.3 ---- */

export const APP_MESSAGE_TYPES = appMessageTypes([
  {
    key: 'text_message',
    label: 'Text',
    schema: textMessage,
    sends: [
      {
        id: 'text',
        name: 'Send text message',
        description: 'Sends a text by SMS to {{recipient_phone}}.',
        message: { text_message: { text: 'Hello from Sinch Conversation Explorer!' } },
        envelope: { recipient: phoneRecipient('SMS'), ttl: '3600s', message_metadata: 'order-42', correlation_id: 'explorer-demo' },
      },
      {
        id: 'textToContact',
        name: 'Send text to a contact',
        description: 'Sends a text to contact {{contact_id}} on the best channel (conversation, contact priority, app order).',
        message: { text_message: { text: 'Your order has shipped.' } },
        envelope: { recipient: { contact_id: '{{contact_id}}' }, message_content_type: 'CONTENT_NOTIFICATION' },
      },
    ],
  },
  {
    key: 'media_message',
    label: 'Media',
    schema: mediaMessage,
    sends: [
      {
        id: 'media',
        name: 'Send media message',
        description: 'Sends an image by URL (video, audio and documents work the same way).',
        message: { media_message: { url: 'https://picsum.photos/id/237/600/400.jpg', thumbnail_url: 'https://picsum.photos/id/237/120/80.jpg' } },
      },
    ],
  },
  {
    key: 'location_message',
    label: 'Location',
    schema: locationMessage,
    sends: [
      {
        id: 'location',
        name: 'Send location message',
        description: 'Sends a map pin.',
        message: { location_message: { coordinates, title: 'Sinch HQ', label: 'Lindhagensgatan 74, Stockholm' } },
      },
    ],
  },
  {
    key: 'choice_message',
    label: 'Choice',
    schema: choiceMessageSchema(choice),
    // One send per choice kind, from the table above.
    sends: CHOICE_TYPES.flatMap((kind) => kind.sends).map((c) => ({
      id: `choice.${c.id}`,
      name: c.name,
      description: c.description,
      message: { choice_message: { text_message: { text: 'How can we help?' }, choices: c.choices } },
    })),
  },
  {
    key: 'card_message',
    label: 'Card',
    schema: cardMessage,
    sends: [
      {
        id: 'card',
        name: 'Send card message',
        description: 'Sends a card with an image, text and buttons.',
        message: {
          card_message: {
            title: 'Sinch hoodie',
            description: 'Warm, soft and purple. 49 EUR.',
            media_message: { url: 'https://picsum.photos/id/96/600/400.jpg' },
            height: 'MEDIUM',
            choices: [{ text_message: { text: 'Buy now' }, postback_data: 'buy_hoodie' }, { url_message: { title: 'Details', url: 'https://www.sinch.com' } }],
          },
        },
      },
    ],
  },
  {
    key: 'carousel_message',
    label: 'Carousel',
    schema: carouselMessageSchema(cardMessage, choice),
    sends: [
      {
        id: 'carousel',
        name: 'Send carousel message',
        description: 'Sends cards side by side (at most 10) with outer choices (at most 3).',
        message: {
          carousel_message: {
            cards: [
              {
                title: 'Hoodie',
                description: '49 EUR',
                media_message: { url: 'https://picsum.photos/id/96/600/400.jpg' },
                choices: [{ text_message: { text: 'Buy hoodie' }, postback_data: 'buy_hoodie' }],
              },
              {
                title: 'Cap',
                description: '19 EUR',
                media_message: { url: 'https://picsum.photos/id/21/600/400.jpg' },
                choices: [{ text_message: { text: 'Buy cap' }, postback_data: 'buy_cap' }],
              },
            ],
            choices: [{ url_message: { title: 'See all products', url: 'https://www.sinch.com' } }],
          },
        },
      },
    ],
  },
  {
    key: 'list_message',
    label: 'List',
    schema: listMessage,
    sends: [
      {
        id: 'list',
        name: 'Send list message',
        description: 'Sends a menu of sections with rows to pick from.',
        message: {
          list_message: {
            title: 'Choose a delivery slot',
            description: 'All times are local.',
            sections: [
              {
                title: 'Tomorrow',
                items: [
                  { choice: { title: '09:00–12:00', postback_data: 'slot_tomorrow_am' } },
                  { choice: { title: '13:00–17:00', postback_data: 'slot_tomorrow_pm' } },
                ],
              },
              { title: 'Later', items: [{ choice: { title: 'Pick another day', description: 'We will ask for a date', postback_data: 'slot_other' } }] },
            ],
            message_properties: { menu: 'See slots' },
          },
        },
      },
      {
        id: 'listProducts',
        name: 'Send product list message',
        description: 'Sends products from a WhatsApp catalog (catalog_id required).',
        message: {
          list_message: {
            title: 'Our bestsellers',
            description: 'Tap to view',
            sections: [
              {
                title: 'Clothing',
                items: [{ product: { id: 'hoodie-001', marketplace: 'FACEBOOK' } }, { product: { id: 'cap-001', marketplace: 'FACEBOOK' } }],
              },
            ],
            message_properties: { catalog_id: '{{whatsapp_catalog_id}}', whatsapp_header: 'Bestsellers' },
          },
        },
        envelope: { recipient: phoneRecipient('WHATSAPP') },
      },
    ],
  },
  {
    key: 'template_message',
    label: 'Template',
    schema: templateMessage,
    sends: [
      {
        id: 'template',
        name: 'Send template message (omni)',
        description: 'Sends omni template {{template_id}} (Templates v2) with its parameters.',
        message: {
          template_message: {
            omni_template: { template_id: '{{template_id}}', version: '1', language_code: 'en-US', parameters: { name: 'Ada', order_id: 'order-42' } },
          },
        },
      },
      {
        id: 'templateWhatsApp',
        name: 'Send template message (WhatsApp)',
        description: 'Sends an approved WhatsApp template by name (language in underscore form, e.g. en_US).',
        message: {
          template_message: {
            channel_template: {
              WHATSAPP: { template_id: 'order_update', language_code: 'en_US', parameters: { body_1: 'Ada', body_2: 'order-42' } },
            },
          },
        },
        envelope: { recipient: phoneRecipient('WHATSAPP') },
      },
    ],
  },
  {
    key: 'contact_info_message',
    label: 'Contact info',
    schema: contactInfoMessage,
    sends: [
      {
        id: 'contactInfo',
        name: 'Send contact info message',
        description: 'Sends a contact card.',
        message: {
          contact_info_message: {
            name: { full_name: 'Sinch Support', first_name: 'Sinch', last_name: 'Support' },
            phone_numbers: [{ phone_number: '+46850000000', type: 'WORK' }],
            email_addresses: [{ email_address: 'support@example.com', type: 'WORK' }],
            organization: { company: 'Sinch', department: 'Support', title: 'Helpdesk' },
            urls: [{ url: 'https://www.sinch.com', type: 'WORK' }],
          },
        },
      },
    ],
  },
]);

export type AppMessageContentKey = (typeof APP_MESSAGE_TYPES)[number]['key'];

/* ---- channel_specific_message types (§5.4) ---- */

const interactive = { header: { type: 'text', text: 'Sinch shop' }, body: { text: 'Thanks for your order!' }, footer: { text: 'Sinch shop' } };

export const CHANNEL_SPECIFIC_MESSAGE_TYPES = channelSpecificTypes([
  {
    key: 'FLOWS',
    label: 'WhatsApp Flow',
    channel: 'WHATSAPP',
    schema: flowsPayload,
    sends: [
      {
        id: 'whatsapp.flows',
        name: 'WhatsApp: Flow',
        description: 'Opens a WhatsApp Flow ({{whatsapp_flow_id}}) from a button.',
        fallbackText: 'Book your appointment: https://www.sinch.com/book',
        payload: {
          flow_id: '{{whatsapp_flow_id}}',
          flow_cta: 'Book now',
          flow_token: 'booking-42',
          flow_mode: 'published',
          flow_action: 'navigate',
          flow_action_payload: { screen: 'WELCOME', data: { customer: 'Ada' } },
          header: { type: 'text', text: 'Appointments' },
          body: { text: 'Pick a time that suits you.' },
          footer: { text: 'Takes one minute' },
        },
        envelope: { recipient: phoneRecipient('WHATSAPP') },
      },
    ],
  },
  {
    key: 'ORDER_DETAILS',
    label: 'WhatsApp order details',
    channel: 'WHATSAPP',
    schema: orderDetailsPayload,
    sends: [
      {
        id: 'whatsapp.orderDetails',
        name: 'WhatsApp: order details (payment)',
        description: 'Asks for payment of an order (WhatsApp payments, Brazil: PIX, link, boleto).',
        fallbackText: 'Your order order-42 totals R$ 120.00. Pay here: https://www.sinch.com/pay',
        payload: {
          ...interactive,
          payment: {
            type: 'br',
            reference_id: 'order-42',
            type_of_goods: 'physical-goods',
            total_amount_value: 12000,
            order: {
              catalog_id: '{{whatsapp_catalog_id}}',
              subtotal_value: 10000,
              tax_value: 1000,
              tax_description: 'VAT',
              shipping_value: 1000,
              shipping_description: 'Standard',
              items: [{ retailer_id: 'hoodie-001', name: 'Hoodie', amount_value: 10000, quantity: 1 }],
            },
            payment_buttons: [{ type: 'payment_link', uri: 'https://www.sinch.com/pay/order-42' }],
          },
        },
        envelope: { recipient: phoneRecipient('WHATSAPP') },
      },
    ],
  },
  {
    key: 'ORDER_STATUS',
    label: 'WhatsApp order status',
    channel: 'WHATSAPP',
    schema: orderStatusPayload,
    sends: [
      {
        id: 'whatsapp.orderStatus',
        name: 'WhatsApp: order status',
        description: "Tells the contact an order's new status.",
        fallbackText: 'Your order order-42 has shipped.',
        payload: { ...interactive, payment: { reference_id: 'order-42', order: { status: 'shipped', description: 'On its way!' } } },
        envelope: { recipient: phoneRecipient('WHATSAPP') },
      },
    ],
  },
  {
    key: 'COMMERCE',
    label: 'KakaoTalk commerce',
    channel: 'KAKAOTALK',
    schema: commercePayload,
    sends: [
      {
        id: 'kakaotalk.commerce',
        name: 'KakaoTalk: commerce',
        description: 'Sends a KakaoTalk commerce message (image, price, buttons); falls back to SMS.',
        fallbackText: 'Hoodie: 49,000 KRW https://www.sinch.com',
        payload: {
          image: { image_url: 'https://picsum.photos/id/96/600/400.jpg', image_link: 'https://www.sinch.com' },
          buttons: [{ type: 'WL', name: 'Buy', link_mo: 'https://m.sinch.com', link_pc: 'https://www.sinch.com' }],
          commerce: { type: 'FIXED_DISCOUNT_COMMERCE', title: 'Hoodie', regular_price: 59000, discount_price: 49000, discount_fixed: 10000 },
          additional_content: 'Free shipping',
          push_alarm: true,
          adult: false,
        },
        envelope: { recipient: phoneRecipient('KAKAOTALK', 'SMS') },
      },
    ],
  },
  {
    key: 'CAROUSEL_COMMERCE',
    label: 'KakaoTalk carousel commerce',
    channel: 'KAKAOTALK',
    schema: carouselCommercePayload,
    sends: [
      {
        id: 'kakaotalk.carouselCommerce',
        name: 'KakaoTalk: carousel commerce',
        description: 'Sends a KakaoTalk carousel of commerce cards; falls back to SMS.',
        fallbackText: 'New arrivals: https://www.sinch.com',
        payload: {
          carousel: {
            list: [
              {
                image: { image_url: 'https://picsum.photos/id/96/600/400.jpg' },
                buttons: [{ type: 'WL', name: 'Buy', link_mo: 'https://m.sinch.com' }],
                commerce: { type: 'REGULAR_PRICE_COMMERCE', title: 'Hoodie', regular_price: 49000 },
              },
              {
                image: { image_url: 'https://picsum.photos/id/21/600/400.jpg' },
                buttons: [{ type: 'WL', name: 'Buy', link_mo: 'https://m.sinch.com' }],
                commerce: { type: 'PERCENTAGE_DISCOUNT_COMMERCE', title: 'Cap', regular_price: 20000, discount_price: 18000, discount_rate: 10 },
              },
            ],
            tail: { link_mo: 'https://m.sinch.com/all' },
          },
          push_alarm: true,
          adult: false,
        },
        envelope: { recipient: phoneRecipient('KAKAOTALK', 'SMS') },
      },
    ],
  },
  {
    key: 'NOTIFICATION_MESSAGE_TEMPLATE',
    label: 'LINE notification template',
    channel: 'LINE',
    schema: lineNotificationPayload,
    sends: [
      {
        id: 'line.notificationTemplate',
        name: 'LINE: notification message template',
        description: 'Sends a LINE notification message template ({{line_user_id}}); falls back to SMS.',
        fallbackText: 'Your order order-42 has shipped.',
        payload: {
          template_key: 'shipping_notification',
          body: {
            emphasized_item: { item_key: 'order_number', content: 'order-42' },
            items: [{ item_key: 'carrier', content: 'Sinch Express' }],
            buttons: [{ button_key: 'track', url: 'https://www.sinch.com/track/order-42' }],
          },
        },
        envelope: {
          recipient: {
            identified_by: {
              channel_identities: [
                { channel: 'LINE', identity: '{{line_user_id}}', app_id: '{{app_id}}' },
                { channel: 'SMS', identity: '{{recipient_phone}}' },
              ],
            },
          },
        },
      },
    ],
  },
]);

export type ChannelSpecificMessageType = (typeof CHANNEL_SPECIFIC_MESSAGE_TYPES)[number]['key'];

/** The send request of a channel-specific example, as messages:send takes it. */
export function channelSpecificSend(type: ChannelSpecificType, example: ChannelSpecificExample): SendExample {
  return {
    id: example.id,
    name: example.name,
    description: example.description,
    message: {
      text_message: { text: example.fallbackText },
      channel_specific_message: { [type.channel]: { message_type: type.key, message: example.payload } },
    },
    ...(example.envelope ? { envelope: example.envelope } : {}),
  };
}

/* ---- Contact messages (§6) ---- */

export const CONTACT_MESSAGE_TYPES = contactMessageTypes([
  { key: 'text_message', label: 'Text', schema: textMessage, example: { text: 'Hi, where is my order?' } },
  { key: 'media_message', label: 'Media', schema: mediaMessage, example: { url: 'https://picsum.photos/id/237/600/400.jpg' } },
  { key: 'location_message', label: 'Location', schema: locationMessage, example: { coordinates, title: 'Home' } },
  {
    key: 'choice_response_message',
    label: 'Choice response',
    schema: choiceResponseMessage,
    example: { message_id: '01EXAMPLEMESSAGE00000000000', postback_data: 'answer_yes' },
  },
  {
    key: 'media_card_message',
    label: 'Media card',
    schema: mediaCardMessage,
    example: { url: 'https://picsum.photos/id/21/600/400.jpg', caption: 'This one' },
  },
  {
    key: 'fallback_message',
    label: 'Fallback',
    schema: fallbackMessage,
    example: { raw_message: '{"sticker":"thumbs-up"}', reason: { code: 'UNSUPPORTED_CONTENT' } },
  },
  {
    key: 'product_response_message',
    label: 'Product response',
    schema: productResponseMessage,
    example: { products: [{ id: 'hoodie-001', marketplace: 'FACEBOOK', quantity: 1 }], text: 'I want this', catalog_id: '{{whatsapp_catalog_id}}' },
  },
  {
    key: 'channel_specific_message',
    label: 'Channel specific',
    schema: contactChannelSpecificMessage,
    example: {
      message_type: 'nfm_reply',
      message: { type: 'nfm_reply', nfm_reply: { name: 'flow', response_json: '{"flow_token":"booking-42"}', body: 'Sent' } },
    },
  },
]);

export type ContactMessageKey = (typeof CONTACT_MESSAGE_TYPES)[number]['key'];

/* ---- App events (§7.1) ---- */

export const APP_EVENT_TYPES = appEventTypes([
  {
    key: 'composing_event',
    label: 'Typing on',
    schema: composingEvent,
    sends: [{ id: 'composing', name: 'Send typing indicator on', description: 'Shows "typing…" to contact {{contact_id}}.', content: {} }],
  },
  {
    key: 'composing_end_event',
    label: 'Typing off',
    schema: composingEndEvent,
    sends: [{ id: 'composingEnd', name: 'Send typing indicator off', description: 'Hides the typing indicator.', content: {} }],
  },
  {
    key: 'comment_reply_event',
    label: 'Comment reply',
    schema: commentReplyEvent,
    sends: [
      {
        id: 'commentReply',
        name: 'Send comment reply (Instagram)',
        description: 'Replies to an Instagram comment by {{instagram_user_id}}.',
        content: { text: 'Thanks for your comment!' },
        recipient: {
          identified_by: {
            channel_identities: [
              { channel: 'INSTAGRAM', identity: '{{instagram_user_id}}', app_id: '{{app_id}}' },
              { channel: 'SMS', identity: '{{recipient_phone}}' },
            ],
          },
        },
      },
    ],
  },
  {
    key: 'agent_joined_event',
    label: 'Agent joined',
    schema: agentJoinedEvent,
    sends: [{ id: 'agentJoined', name: 'Send agent joined', description: 'Tells the contact an agent joined.', content: { agent } }],
  },
  {
    key: 'agent_left_event',
    label: 'Agent left',
    schema: agentLeftEvent,
    sends: [{ id: 'agentLeft', name: 'Send agent left', description: 'Tells the contact the agent left.', content: { agent } }],
  },
  {
    key: 'generic_event',
    label: 'Generic',
    schema: genericEvent,
    sends: [
      {
        id: 'generic',
        name: 'Send generic event',
        description: 'Sends any JSON payload as an event.',
        content: { payload: { kind: 'order_update', order_id: 'order-42', status: 'packed' } },
      },
    ],
  },
]);

export type AppEventKey = (typeof APP_EVENT_TYPES)[number]['key'];

/* ---- The key lists, derived ---- */

export const APP_MESSAGE_CONTENT_KEYS: readonly AppMessageContentKey[] = APP_MESSAGE_TYPES.map((t) => t.key);
export const CHOICE_KEYS: readonly ChoiceKey[] = CHOICE_TYPES.map((t) => t.key);
export const CONTACT_MESSAGE_KEYS: readonly ContactMessageKey[] = CONTACT_MESSAGE_TYPES.map((t) => t.key);
export const APP_EVENT_KEYS: readonly AppEventKey[] = APP_EVENT_TYPES.map((t) => t.key);

/** `message_type` of channel_specific_message → its channel (§5.4). */
export const CHANNEL_SPECIFIC_TYPES: Readonly<Record<ChannelSpecificMessageType, Channel>> = Object.fromEntries(
  CHANNEL_SPECIFIC_MESSAGE_TYPES.map((t) => [t.key, t.channel]),
) as Record<ChannelSpecificMessageType, Channel>;
