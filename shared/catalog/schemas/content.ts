/**
 * Shared building blocks: recipients, channel identities, every message content type (§5.3),
 * channel-specific payloads (§5.4), contact messages (§6) and app events (§7.1).
 *
 * Which types exist is not decided here: shared/catalog/messageTypes.ts lists them and points at
 * these schemas. The schemas that hold "exactly one of the types" (a choice, the AppMessage, the
 * contact message, the app event …) are functions of that list, so a type added there shows up
 * in every oneOf without a second list here.
 */
import { agentType, channel, CHANNELS } from './enums';
import { anyObject, arr, bool, enumOf, exactlyOneOf, map, num, obj, str, type JsonSchema } from './types';

/** A message type as the schemas need it: its key and its schema. */
export interface SchemaEntry {
  readonly key: string;
  readonly schema: JsonSchema;
}

/** A channel-specific message type (§5.4): its message_type, its channel and its payload schema. */
export interface ChannelSpecificSchemaEntry extends SchemaEntry {
  readonly channel: string;
}

/** Each type's key → its schema, in the table's order. */
function propertiesOf(types: readonly SchemaEntry[]): Record<string, JsonSchema> {
  return Object.fromEntries(types.map((t) => [t.key, t.schema]));
}

function keysOf(types: readonly SchemaEntry[]): string[] {
  return types.map((t) => t.key);
}

export const channelIdentity: JsonSchema = obj(
  'One identity of a contact on one channel.',
  {
    channel,
    identity: str(
      'The identity on that channel: an MSISDN for SMS, MMS, RCS, WHATSAPP, VIBERBM; an app-scoped id (PSID …) for MESSENGER, INSTAGRAM, LINE, WECHAT.',
    ),
    app_id: str('The app the identity belongs to; required for app-scoped channels (MESSENGER, INSTAGRAM, LINE, WECHAT, VIBER).'),
  },
  ['channel', 'identity'],
);

export const recipient: JsonSchema = obj(
  'Who receives it: exactly one of contact_id or identified_by (DISPATCH-mode apps must use identified_by).',
  {
    contact_id: str('Id of an existing contact.'),
    identified_by: obj(
      'Channel identities to reach, in priority order.',
      { channel_identities: arr('Identities, first tried first.', channelIdentity, { minItems: 1 }) },
      ['channel_identities'],
    ),
  },
  [],
  { oneOf: exactlyOneOf(['contact_id', 'identified_by']) },
);

export const agent: JsonSchema = obj(
  'The agent shown as the sender.',
  {
    display_name: str('Name shown to the contact.'),
    type: agentType,
    picture_url: str('Avatar URL.'),
  },
  ['display_name', 'type'],
);

export const coordinates: JsonSchema = obj('A point on the map.', { latitude: num('Latitude in degrees.'), longitude: num('Longitude in degrees.') }, [
  'latitude',
  'longitude',
]);

export const textMessage: JsonSchema = obj('A plain text message.', { text: str('The text.') }, ['text']);

export const mediaMessage: JsonSchema = obj(
  'An image, video, audio or document by URL.',
  {
    url: str('Public URL of the media.'),
    thumbnail_url: str('Public URL of a thumbnail (channels that show one).'),
    filename_override: str('File name shown instead of the one in the URL.'),
  },
  ['url'],
);

export const locationMessage: JsonSchema = obj(
  'A location pin.',
  { coordinates, title: str('Title of the location.'), label: str('Label or address shown under the title.') },
  ['coordinates', 'title'],
);

export const textChoice: JsonSchema = obj('Quick reply: the contact answers with this text.', { text: str('Button text.') }, ['text']);

export const urlChoice: JsonSchema = obj('Opens a URL.', { title: str('Button text.'), url: str('The URL to open.') }, ['title', 'url']);

export const callChoice: JsonSchema = obj(
  'Starts a phone call.',
  { title: str('Button text.'), phone_number: str('Number to call, E.164 with a leading + (e.g. +46700000001).') },
  ['title', 'phone_number'],
);

export const calendarChoice: JsonSchema = obj(
  "Adds an event to the contact's calendar.",
  {
    title: str('Button text.'),
    event_start: str('Event start, RFC 3339 (e.g. 2025-06-01T10:00:00Z).'),
    event_end: str('Event end, RFC 3339.'),
    event_title: str('Title of the calendar event.'),
    event_description: str('Description of the calendar event.'),
    fallback_url: str('URL used on channels without calendar support.'),
  },
  ['title', 'event_start', 'event_end', 'event_title', 'fallback_url'],
);

export const shareLocationChoice: JsonSchema = obj(
  'Asks the contact to share their location.',
  { title: str('Button text.'), fallback_url: str('URL used on channels without location sharing.') },
  ['title', 'fallback_url'],
);

/** One choice: exactly one of the choice kinds, plus postback_data. */
export function choiceSchema(kinds: readonly SchemaEntry[]): JsonSchema {
  return obj(
    `One choice: exactly one of ${keysOf(kinds).join(', ')}.`,
    {
      ...propertiesOf(kinds),
      postback_data: str("Returned in the contact's choice_response_message when picked (default message_id_{text|title})."),
    },
    [],
    { oneOf: exactlyOneOf(keysOf(kinds)) },
  );
}

export function choiceMessageSchema(choice: JsonSchema): JsonSchema {
  return obj(
    'Text with up to 10 choices (buttons or quick replies).',
    {
      choices: arr('The choices, at most 10.', choice, { minItems: 1, maxItems: 10 }),
      text_message: obj('Text shown above the choices.', { text: str('The text.') }),
      message_properties: obj('Channel extras.', { whatsapp_footer: str('Footer text on WhatsApp.', { maxLength: 60 }) }),
    },
    ['choices'],
  );
}

const height = enumOf('Height of the card media.', ['UNSPECIFIED_HEIGHT', 'SHORT', 'MEDIUM', 'TALL']);

export function cardMessageSchema(choice: JsonSchema): JsonSchema {
  return obj('A card: title, description, media and up to 10 choices (all optional).', {
    title: str('Card title.'),
    description: str('Card text.'),
    media_message: obj('Card media.', {
      url: str('Public URL of the media.'),
      thumbnail_url: str('Thumbnail URL.'),
      filename_override: str('File name shown.'),
    }),
    height,
    choices: arr('Choices on the card, at most 10.', choice, { maxItems: 10 }),
    message_properties: obj('Channel extras.', { whatsapp_header: str('Header text on WhatsApp.', { maxLength: 60 }) }),
  });
}

export function carouselMessageSchema(card: JsonSchema, choice: JsonSchema): JsonSchema {
  return obj(
    'Up to 10 cards side by side, plus up to 3 outer choices.',
    {
      cards: arr('The cards, at most 10.', card, { minItems: 1, maxItems: 10 }),
      choices: arr('Outer choices, at most 3.', choice, { maxItems: 3 }),
    },
    ['cards'],
  );
}

const listItem: JsonSchema = obj(
  'A list item: exactly one of choice or product; all items of a message must be of the same kind.',
  {
    choice: obj(
      'A row the contact can pick.',
      {
        title: str('Row title.'),
        description: str('Row description.'),
        media: mediaMessage,
        postback_data: str('Returned when the row is picked.'),
      },
      ['title'],
    ),
    product: obj(
      'A product from a catalog (WhatsApp).',
      {
        id: str('Product id (retailer id) in the catalog.'),
        marketplace: str('Marketplace, e.g. FACEBOOK.'),
        quantity: num('Output only.'),
        item_price: num('Output only.'),
        currency: str('Output only.'),
      },
      ['id', 'marketplace'],
    ),
  },
  [],
  { oneOf: exactlyOneOf(['choice', 'product']) },
);

export const listMessage: JsonSchema = obj(
  'A menu of sections with rows (choices) or products.',
  {
    title: str('List title.'),
    description: str('List text.'),
    media: mediaMessage,
    sections: arr(
      'Sections of the list.',
      obj('One section.', { title: str('Section title.'), items: arr('Items of the section.', listItem, { minItems: 1 }) }, ['items']),
      { minItems: 1 },
    ),
    message_properties: obj('Channel extras.', {
      catalog_id: str('Catalog id; required for product lists.'),
      menu: str('Text of the button that opens the list (WhatsApp).', { maxLength: 20 }),
      whatsapp_header: str('Header text on WhatsApp.', { maxLength: 60 }),
    }),
  },
  ['title', 'sections'],
);

export const templateReference: JsonSchema = obj(
  'A reference to a template and its parameters.',
  {
    template_id: str('Template id; for WhatsApp channel templates this is the template name.'),
    version: str('Template version (needed for omni templates; "latest" accepted in some contexts).'),
    language_code: str('BCP-47 language code (WhatsApp requires the underscore form, e.g. en_US).'),
    parameters: map("Template parameters: name → value; all of the template's parameters are required.", { type: 'string' }),
  },
  ['template_id'],
);

export const templateMessage: JsonSchema = obj(
  'A template: an omni template, per-channel templates, or both (a channel entry overrides the omni template on that channel).',
  {
    omni_template: templateReference,
    channel_template: {
      type: 'object',
      description: 'Channel → template reference.',
      propertyNames: { enum: [...CHANNELS] },
      additionalProperties: templateReference,
    },
  },
  [],
  { anyOf: [{ required: ['omni_template'] }, { required: ['channel_template'] }] },
);

export const contactInfoMessage: JsonSchema = obj(
  'A contact card (vCard-like).',
  {
    name: obj(
      'Name of the contact.',
      {
        full_name: str('Full name.'),
        first_name: str('First name.'),
        last_name: str('Last name.'),
        middle_name: str('Middle name.'),
        prefix: str('Prefix, e.g. Dr.'),
        suffix: str('Suffix, e.g. Jr.'),
      },
      ['full_name'],
    ),
    phone_numbers: arr('Phone numbers.', obj('A phone number.', { phone_number: str('The number.'), type: str('e.g. WORK, HOME.') }, ['phone_number']), {
      minItems: 1,
    }),
    addresses: arr(
      'Addresses.',
      obj('An address.', {
        city: str('City.'),
        country: str('Country.'),
        state: str('State.'),
        zip: str('Postal code.'),
        type: str('e.g. WORK, HOME.'),
        country_code: str('ISO country code.'),
      }),
    ),
    email_addresses: arr('Email addresses.', obj('An email address.', { email_address: str('The address.'), type: str('e.g. WORK.') }, ['email_address'])),
    organization: obj('Organization.', { company: str('Company.'), department: str('Department.'), title: str('Job title.') }),
    urls: arr('Web sites.', obj('A URL.', { url: str('The URL.'), type: str('e.g. WORK.') }, ['url'])),
    birthday: str('Birthday, YYYY-MM-DD.'),
  },
  ['name', 'phone_numbers'],
);

/* ---- channel_specific_message payloads (§5.4) ----
 * The channel payloads are documented only in part, so these objects accept further fields. */

const waText: JsonSchema = { type: 'object', description: 'A text element.', properties: { text: str('The text.') }, required: ['text'] };

const waHeader: JsonSchema = {
  type: 'object',
  description: 'WhatsApp interactive header: { type: "text", text } or { type: "image"|"video"|"document", <type>: { link } }.',
  properties: {
    type: enumOf('Header kind.', ['text', 'image', 'video', 'document']),
    text: str('Header text (type text).'),
    image: { type: 'object', description: 'Image header.', properties: { link: str('Public URL.') } },
    video: { type: 'object', description: 'Video header.', properties: { link: str('Public URL.') } },
    document: { type: 'object', description: 'Document header.', properties: { link: str('Public URL.') } },
  },
  required: ['type'],
};

const interactiveParts: Record<string, JsonSchema> = {
  header: waHeader,
  body: { ...waText, description: 'Body text.' },
  footer: { ...waText, description: 'Footer text.' },
};

export const flowsPayload: JsonSchema = {
  type: 'object',
  description: 'WhatsApp Flows message.',
  properties: {
    flow_id: str('Id of the published or draft flow.'),
    flow_cta: str('Button text that opens the flow.', { maxLength: 20 }),
    flow_token: str('Token echoed back in the flow reply.'),
    flow_mode: enumOf('Which version of the flow.', ['draft', 'published']),
    flow_action: enumOf('What the button does first.', ['navigate', 'data_exchange']),
    flow_action_payload: {
      type: 'object',
      description: 'First screen and its data (flow_action navigate).',
      properties: { screen: str('Screen id.'), data: anyObject('Data for the screen.') },
    },
    ...interactiveParts,
  },
  required: ['flow_id', 'flow_cta'],
};

const orderItem: JsonSchema = {
  type: 'object',
  description: 'An order line.',
  properties: {
    retailer_id: str('Product id in the catalog.'),
    name: str('Item name.'),
    amount_value: num('Unit price (in the smallest unit × offset used by WhatsApp).'),
    quantity: num('Quantity.'),
    sale_amount_value: num('Sale price.'),
  },
};

const paymentButton: JsonSchema = {
  type: 'object',
  description: 'Payment button: pix_dynamic_code, payment_link or boleto.',
  properties: {
    type: enumOf('Button kind.', ['pix_dynamic_code', 'payment_link', 'boleto']),
    code: str('PIX code (pix_dynamic_code).'),
    merchant_name: str('Merchant name (pix_dynamic_code).'),
    key: str('PIX key (pix_dynamic_code).'),
    key_type: enumOf('PIX key type.', ['CPF', 'CNPJ', 'EMAIL', 'PHONE', 'EVP']),
    uri: str('Payment link (payment_link).'),
    digitable_line: str('Boleto digitable line (boleto).'),
  },
  required: ['type'],
};

export const orderDetailsPayload: JsonSchema = {
  type: 'object',
  description: 'WhatsApp order details (payment request).',
  properties: {
    payment: {
      type: 'object',
      description: 'The payment request.',
      properties: {
        type: enumOf('Payment country setup.', ['br', 'sg']),
        reference_id: str('Your unique order reference.'),
        type_of_goods: enumOf('Kind of goods.', ['digital-goods', 'physical-goods']),
        total_amount_value: num('Total amount.'),
        order: {
          type: 'object',
          description: 'Order contents and totals.',
          properties: {
            catalog_id: str('Catalog id.'),
            expiration_time: str('Expiry, Unix seconds as a string.'),
            expiration_description: str('Shown when the order expires.'),
            subtotal_value: num('Subtotal.'),
            tax_value: num('Tax.'),
            tax_description: str('Tax description.'),
            shipping_value: num('Shipping cost.'),
            shipping_description: str('Shipping description.'),
            discount_value: num('Discount.'),
            discount_description: str('Discount description.'),
            discount_program_name: str('Discount program.'),
            items: arr('Order lines.', orderItem),
          },
        },
        payment_buttons: arr('Payment buttons.', paymentButton),
      },
      required: ['reference_id'],
    },
    ...interactiveParts,
  },
  required: ['payment'],
};

export const orderStatusPayload: JsonSchema = {
  type: 'object',
  description: 'WhatsApp order status update.',
  properties: {
    payment: {
      type: 'object',
      description: 'Which order and its new status.',
      properties: {
        reference_id: str('The order reference used in ORDER_DETAILS.'),
        order: {
          type: 'object',
          description: 'New status.',
          properties: {
            status: enumOf('Order status.', ['pending', 'processing', 'partially-shipped', 'shipped', 'completed', 'canceled']),
            description: str('Status text shown to the contact.'),
          },
          required: ['status'],
        },
      },
      required: ['reference_id', 'order'],
    },
    ...interactiveParts,
  },
  required: ['payment'],
};

const kakaoButton: JsonSchema = {
  type: 'object',
  description: 'KakaoTalk button: WL (web link), AL (app link) or BK (bot keyword).',
  properties: {
    type: enumOf('Button kind.', ['WL', 'AL', 'BK']),
    name: str('Button text.'),
    link_mo: str('Mobile web link (WL).'),
    link_pc: str('PC web link (WL).'),
    scheme_ios: str('iOS app scheme (AL).'),
    scheme_android: str('Android app scheme (AL).'),
  },
  required: ['type', 'name'],
};

const kakaoImage: JsonSchema = {
  type: 'object',
  description: 'Image of the message.',
  properties: { image_url: str('Public image URL.'), image_link: str('Link opened when the image is tapped.') },
  required: ['image_url'],
};

const kakaoCommerce: JsonSchema = {
  type: 'object',
  description: 'Product pricing.',
  properties: {
    type: enumOf('Pricing kind.', ['REGULAR_PRICE_COMMERCE', 'FIXED_DISCOUNT_COMMERCE', 'PERCENTAGE_DISCOUNT_COMMERCE']),
    title: str('Product title.'),
    regular_price: num('Regular price.'),
    discount_price: num('Price after discount.'),
    discount_fixed: num('Fixed discount.'),
    discount_rate: num('Discount in percent.'),
  },
};

const kakaoCoupon: JsonSchema = {
  type: 'object',
  description: 'A coupon.',
  properties: {
    type: enumOf('Coupon kind.', ['FIXED_DISCOUNT_COUPON', 'PERCENTAGE_DISCOUNT_COUPON', 'SHIPPING_DISCOUNT_COUPON', 'FREE_COUPON', 'UP_COUPON']),
    title: str('Coupon title.'),
    description: str('Coupon description.'),
    link_mo: str('Mobile link.'),
    link_pc: str('PC link.'),
  },
};

export const commercePayload: JsonSchema = {
  type: 'object',
  description: 'KakaoTalk commerce message.',
  properties: {
    image: kakaoImage,
    buttons: arr('Buttons.', kakaoButton, { minItems: 1 }),
    commerce: kakaoCommerce,
    coupon: kakaoCoupon,
    additional_content: str('Extra text.'),
    push_alarm: bool('Send a push notification.'),
    adult: bool('Adult content.'),
  },
  required: ['image', 'buttons'],
};

export const carouselCommercePayload: JsonSchema = {
  type: 'object',
  description: 'KakaoTalk carousel of commerce cards.',
  properties: {
    carousel: {
      type: 'object',
      description: 'The carousel.',
      properties: {
        head: { type: 'object', description: 'Intro card.' },
        list: arr(
          'The commerce cards.',
          {
            type: 'object',
            description: 'A commerce card.',
            properties: {
              image: kakaoImage,
              buttons: arr('Buttons.', kakaoButton),
              commerce: kakaoCommerce,
              coupon: kakaoCoupon,
              additional_content: str('Extra text.'),
            },
          },
          { minItems: 1 },
        ),
        tail: { type: 'object', description: '"More" card.', properties: { link_mo: str('Mobile link.'), link_pc: str('PC link.') } },
      },
      required: ['list'],
    },
    push_alarm: bool('Send a push notification.'),
    adult: bool('Adult content.'),
  },
  required: ['carousel'],
};

export const lineNotificationPayload: JsonSchema = {
  type: 'object',
  description: 'LINE notification message template.',
  properties: {
    template_key: str('Template key registered with LINE.'),
    body: {
      type: 'object',
      description: 'Template fields.',
      properties: {
        emphasized_item: { type: 'object', description: 'Highlighted item.', properties: { item_key: str('Item key.'), content: str('Value.') } },
        items: arr('Items.', { type: 'object', description: 'An item.', properties: { item_key: str('Item key.'), content: str('Value.') } }),
        buttons: arr('Buttons.', { type: 'object', description: 'A button.', properties: { button_key: str('Button key.'), url: str('Link.') } }),
      },
    },
  },
  required: ['template_key'],
};

function specificFor(channelName: string, types: readonly ChannelSpecificSchemaEntry[]): JsonSchema {
  const mine = types.filter((t) => t.channel === channelName);
  return {
    type: 'object',
    description: `${channelName} channel-specific message: ${keysOf(mine).join(', ')}.`,
    properties: {
      message_type: enumOf('Kind of channel-specific message.', keysOf(mine)),
      message: { type: 'object', description: 'The payload for message_type.' },
    },
    required: ['message_type', 'message'],
    additionalProperties: false,
    // The payload schema follows message_type (if/then, so only the matching payload is checked).
    allOf: mine.map((t) => ({
      if: { properties: { message_type: { const: t.key } }, required: ['message_type'] },
      then: { properties: { message: t.schema } },
    })),
  };
}

/** Channel → { message_type, message }, for the channels that have channel-specific types. */
export function channelSpecificMessageSchema(types: readonly ChannelSpecificSchemaEntry[]): JsonSchema {
  const channels = [...new Set(types.map((t) => t.channel))];
  return obj(
    'Channel → channel-specific message replacing the transcoded content on that channel (§5.4).',
    Object.fromEntries(channels.map((c) => [c, specificFor(c, types)])),
  );
}

/** AppMessage (§5.2): exactly one content field plus optional extras. */
export function appMessageSchema(contents: readonly SchemaEntry[], channelSpecificMessage: JsonSchema): JsonSchema {
  const omniMessage: JsonSchema = obj(
    'An omni message for one channel: one content type, or a template_reference.',
    { ...propertiesOf(contents), template_reference: templateReference },
    [],
    { oneOf: exactlyOneOf([...keysOf(contents), 'template_reference']) },
  );
  return obj(
    'The message: exactly one content (text_message, media_message, …) plus optional extras.',
    {
      ...propertiesOf(contents),
      explicit_channel_message: {
        type: 'object',
        description: 'Channel → channel-native payload as a string, sent instead of the transcoded content on that channel.',
        propertyNames: { enum: [...CHANNELS] },
        additionalProperties: { type: 'string' },
      },
      explicit_channel_omni_message: obj('Channel → omni message used on that channel instead.', {
        WHATSAPP: omniMessage,
        KAKAOTALK: omniMessage,
        WECHAT: omniMessage,
      }),
      channel_specific_message: channelSpecificMessage,
      agent,
    },
    [],
    { oneOf: exactlyOneOf(keysOf(contents)) },
  );
}

/* ---- Contact messages (§6) ---- */

export const choiceResponseMessage: JsonSchema = obj(
  'Reply to a choice.',
  { message_id: str('Id of the message with the choice.'), postback_data: str('postback_data of the picked choice.') },
  ['message_id', 'postback_data'],
);
export const mediaCardMessage: JsonSchema = obj('Media with a caption.', { url: str('Media URL.'), caption: str('Caption.') }, ['url']);
export const fallbackMessage: JsonSchema = obj('Content the API could not map.', { raw_message: str('Raw channel content.'), reason: anyObject('Why.') });
export const productResponseMessage: JsonSchema = obj('Products the contact picked.', {
  products: arr('Products.', anyObject('A product item.')),
  text: str('Text.'),
  catalog_id: str('Catalog id.'),
});
export const contactChannelSpecificMessage: JsonSchema = anyObject('Channel-specific reply, e.g. a WhatsApp Flows nfm_reply.');

/** ContactMessage (§6): what a contact sends; used by inject-message. */
export function contactMessageSchema(contents: readonly SchemaEntry[]): JsonSchema {
  return obj(
    'A message from the contact: exactly one content.',
    {
      ...propertiesOf(contents),
      reply_to: obj('The app message this replies to.', { message_id: str('Message id.') }, ['message_id']),
    },
    [],
    { oneOf: exactlyOneOf(keysOf(contents)) },
  );
}

/* ---- App events (§7.1) ---- */

export const composingEvent: JsonSchema = obj('Typing indicator on.', {});
export const composingEndEvent: JsonSchema = obj('Typing indicator off.', {});
export const commentReplyEvent: JsonSchema = obj('Reply to a comment (Instagram).', { text: str('Reply text.') }, ['text']);
export const agentJoinedEvent: JsonSchema = obj('An agent joined the conversation.', { agent }, ['agent']);
export const agentLeftEvent: JsonSchema = obj('An agent left the conversation.', { agent }, ['agent']);
export const genericEvent: JsonSchema = obj('Any JSON payload.', { payload: anyObject('The payload (any JSON object).') }, ['payload']);

/** AppEvent (§7.1): exactly one event. */
export function appEventSchema(events: readonly SchemaEntry[]): JsonSchema {
  return obj(`The event: exactly one of ${keysOf(events).join(', ')}.`, propertiesOf(events), [], { oneOf: exactlyOneOf(keysOf(events)) });
}

export { channel };
