import { folder, operation, paging, type OperationSpec } from '../build';

/** Reach {{recipient_phone}} on these channels, in this order (no contact needed). */
function phone(...channels: string[]): unknown {
  return { identified_by: { channel_identities: channels.map((channel) => ({ channel, identity: '{{recipient_phone}}' })) } };
}

/** A `messages:send` request: the envelope every send shares around one message. */
function send(id: string, name: string, description: string, message: Record<string, unknown>, extra: Record<string, unknown> = {}): ReturnType<typeof operation> {
  const spec: OperationSpec = {
    id: `messages.send.${id}`,
    name,
    description: `${description} Stores the message id in {{message_id}}.`,
    method: 'POST',
    path: '/messages:send',
    bodySchema: 'messages.send',
    body: { app_id: '{{app_id}}', recipient: extra['recipient'] ?? phone('WHATSAPP', 'SMS'), message, ...withoutRecipient(extra) },
    captures: [['message_id', 'message_id']],
  };
  return operation(spec);
}

function withoutRecipient(extra: Record<string, unknown>): Record<string, unknown> {
  const { recipient: _recipient, ...rest } = extra;
  return rest;
}

const coordinates = { latitude: 59.3293, longitude: 18.0686 };

/** A choice message around one choice kind, so each kind has a ready example. */
function choiceSend(kind: string, name: string, description: string, choices: unknown[]): ReturnType<typeof operation> {
  return send(`choice.${kind}`, name, description, {
    choice_message: { text_message: { text: 'How can we help?' }, choices },
  });
}

const sendFolder = folder('folder.messages.send', 'Send message', 'One messages:send example per content type (§5.3).', [
  send('text', 'Send text message', 'Sends a text by SMS to {{recipient_phone}}.', { text_message: { text: 'Hello from Sinch Conversation Explorer!' } }, {
    recipient: phone('SMS'),
    ttl: '3600s',
    message_metadata: 'order-42',
    correlation_id: 'explorer-demo',
  }),
  send('textToContact', 'Send text to a contact', 'Sends a text to contact {{contact_id}} on the best channel (conversation, contact priority, app order).', {
    text_message: { text: 'Your order has shipped.' },
  }, { recipient: { contact_id: '{{contact_id}}' }, message_content_type: 'CONTENT_NOTIFICATION' }),
  send('media', 'Send media message', 'Sends an image by URL (video, audio and documents work the same way).', {
    media_message: { url: 'https://picsum.photos/id/237/600/400.jpg', thumbnail_url: 'https://picsum.photos/id/237/120/80.jpg' },
  }),
  send('location', 'Send location message', 'Sends a map pin.', {
    location_message: { coordinates, title: 'Sinch HQ', label: 'Lindhagensgatan 74, Stockholm' },
  }),
  choiceSend('text', 'Send choice: quick replies', 'Sends text quick replies (choice kind text_message).', [
    { text_message: { text: 'Track my order' } },
    { text_message: { text: 'Talk to an agent' } },
  ]),
  choiceSend('postback', 'Send choice: with postback data', 'Sends choices whose postback_data comes back in the contact\'s choice_response_message.', [
    { text_message: { text: 'Yes' }, postback_data: 'answer_yes' },
    { text_message: { text: 'No' }, postback_data: 'answer_no' },
  ]),
  choiceSend('url', 'Send choice: open URL', 'Sends a button that opens a web page (choice kind url_message).', [
    { url_message: { title: 'Open our website', url: 'https://www.sinch.com' } },
  ]),
  choiceSend('call', 'Send choice: call', 'Sends a button that calls a number (choice kind call_message; E.164 with +).', [
    { call_message: { title: 'Call support', phone_number: '+46850000000' } },
  ]),
  choiceSend('location', 'Send choice: location', 'Sends a button that shows a location (choice kind location_message).', [
    { location_message: { coordinates, title: 'Our store', label: 'Open 9–18' } },
  ]),
  choiceSend('calendar', 'Send choice: add to calendar', 'Sends a button that adds an event to the calendar (choice kind calendar_message).', [
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
  ]),
  choiceSend('shareLocation', 'Send choice: share location', 'Sends a button asking the contact to share their location (choice kind share_location_message).', [
    { share_location_message: { title: 'Share your location', fallback_url: 'https://www.sinch.com/where' } },
  ]),
  send('card', 'Send card message', 'Sends a card with an image, text and buttons.', {
    card_message: {
      title: 'Sinch hoodie',
      description: 'Warm, soft and purple. 49 EUR.',
      media_message: { url: 'https://picsum.photos/id/96/600/400.jpg' },
      height: 'MEDIUM',
      choices: [
        { text_message: { text: 'Buy now' }, postback_data: 'buy_hoodie' },
        { url_message: { title: 'Details', url: 'https://www.sinch.com' } },
      ],
    },
  }),
  send('carousel', 'Send carousel message', 'Sends cards side by side (at most 10) with outer choices (at most 3).', {
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
  }),
  send('list', 'Send list message', 'Sends a menu of sections with rows to pick from.', {
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
  }),
  send('listProducts', 'Send product list message', 'Sends products from a WhatsApp catalog (catalog_id required).', {
    list_message: {
      title: 'Our bestsellers',
      description: 'Tap to view',
      sections: [{ title: 'Clothing', items: [{ product: { id: 'hoodie-001', marketplace: 'FACEBOOK' } }, { product: { id: 'cap-001', marketplace: 'FACEBOOK' } }] }],
      message_properties: { catalog_id: '{{whatsapp_catalog_id}}', whatsapp_header: 'Bestsellers' },
    },
  }, { recipient: phone('WHATSAPP') }),
  send('template', 'Send template message (omni)', 'Sends omni template {{template_id}} (Templates v2) with its parameters.', {
    template_message: {
      omni_template: { template_id: '{{template_id}}', version: '1', language_code: 'en-US', parameters: { name: 'Ada', order_id: 'order-42' } },
    },
  }),
  send('templateWhatsApp', 'Send template message (WhatsApp)', 'Sends an approved WhatsApp template by name (language in underscore form, e.g. en_US).', {
    template_message: {
      channel_template: {
        WHATSAPP: { template_id: 'order_update', language_code: 'en_US', parameters: { body_1: 'Ada', body_2: 'order-42' } },
      },
    },
  }, { recipient: phone('WHATSAPP') }),
  send('contactInfo', 'Send contact info message', 'Sends a contact card.', {
    contact_info_message: {
      name: { full_name: 'Sinch Support', first_name: 'Sinch', last_name: 'Support' },
      phone_numbers: [{ phone_number: '+46850000000', type: 'WORK' }],
      email_addresses: [{ email_address: 'support@example.com', type: 'WORK' }],
      organization: { company: 'Sinch', department: 'Support', title: 'Helpdesk' },
      urls: [{ url: 'https://www.sinch.com', type: 'WORK' }],
    },
  }),
  send('withAgent', 'Send text as an agent', 'Sends a text shown as coming from a named agent (channels that support it).', {
    text_message: { text: 'Hi, I am Grace and I will help you today.' },
    agent: { display_name: 'Grace', type: 'HUMAN', picture_url: 'https://picsum.photos/id/64/100/100.jpg' },
  }),
  send('explicitChannel', 'Send with explicit channel payload', 'Sends a text, but a channel-native payload (a JSON string) on WhatsApp instead of the transcoded one.', {
    text_message: { text: 'Your code is 123456' },
    explicit_channel_message: {
      WHATSAPP: JSON.stringify({ messaging_product: 'whatsapp', type: 'text', text: { body: 'Your code is *123456*' } }),
    },
  }),
  send('explicitOmni', 'Send with explicit omni message', 'Sends a text, but a WhatsApp template on WhatsApp (explicit_channel_omni_message).', {
    text_message: { text: 'Your order order-42 has shipped.' },
    explicit_channel_omni_message: {
      WHATSAPP: { template_reference: { template_id: 'order_update', language_code: 'en_US', parameters: { body_1: 'order-42' } } },
    },
  }),
]);

const interactive = { header: { type: 'text', text: 'Sinch shop' }, body: { text: 'Thanks for your order!' }, footer: { text: 'Sinch shop' } };

const channelSpecificFolder = folder(
  'folder.messages.channelSpecific',
  'Channel-specific',
  'channel_specific_message examples (§5.4). Each keeps a text_message for the other channels.',
  [
    send('whatsapp.flows', 'WhatsApp: Flow', 'Opens a WhatsApp Flow ({{whatsapp_flow_id}}) from a button.', {
      text_message: { text: 'Book your appointment: https://www.sinch.com/book' },
      channel_specific_message: {
        WHATSAPP: {
          message_type: 'FLOWS',
          message: {
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
        },
      },
    }, { recipient: phone('WHATSAPP') }),
    send('whatsapp.orderDetails', 'WhatsApp: order details (payment)', 'Asks for payment of an order (WhatsApp payments, Brazil: PIX, link, boleto).', {
      text_message: { text: 'Your order order-42 totals R$ 120.00. Pay here: https://www.sinch.com/pay' },
      channel_specific_message: {
        WHATSAPP: {
          message_type: 'ORDER_DETAILS',
          message: {
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
        },
      },
    }, { recipient: phone('WHATSAPP') }),
    send('whatsapp.orderStatus', 'WhatsApp: order status', 'Tells the contact an order\'s new status.', {
      text_message: { text: 'Your order order-42 has shipped.' },
      channel_specific_message: {
        WHATSAPP: {
          message_type: 'ORDER_STATUS',
          message: { ...interactive, payment: { reference_id: 'order-42', order: { status: 'shipped', description: 'On its way!' } } },
        },
      },
    }, { recipient: phone('WHATSAPP') }),
    send('kakaotalk.commerce', 'KakaoTalk: commerce', 'Sends a KakaoTalk commerce message (image, price, buttons); falls back to SMS.', {
      text_message: { text: 'Hoodie: 49,000 KRW https://www.sinch.com' },
      channel_specific_message: {
        KAKAOTALK: {
          message_type: 'COMMERCE',
          message: {
            image: { image_url: 'https://picsum.photos/id/96/600/400.jpg', image_link: 'https://www.sinch.com' },
            buttons: [{ type: 'WL', name: 'Buy', link_mo: 'https://m.sinch.com', link_pc: 'https://www.sinch.com' }],
            commerce: { type: 'FIXED_DISCOUNT_COMMERCE', title: 'Hoodie', regular_price: 59000, discount_price: 49000, discount_fixed: 10000 },
            additional_content: 'Free shipping',
            push_alarm: true,
            adult: false,
          },
        },
      },
    }, { recipient: phone('KAKAOTALK', 'SMS') }),
    send('kakaotalk.carouselCommerce', 'KakaoTalk: carousel commerce', 'Sends a KakaoTalk carousel of commerce cards; falls back to SMS.', {
      text_message: { text: 'New arrivals: https://www.sinch.com' },
      channel_specific_message: {
        KAKAOTALK: {
          message_type: 'CAROUSEL_COMMERCE',
          message: {
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
        },
      },
    }, { recipient: phone('KAKAOTALK', 'SMS') }),
    send('line.notificationTemplate', 'LINE: notification message template', 'Sends a LINE notification message template ({{line_user_id}}); falls back to SMS.', {
      text_message: { text: 'Your order order-42 has shipped.' },
      channel_specific_message: {
        LINE: {
          message_type: 'NOTIFICATION_MESSAGE_TEMPLATE',
          message: {
            template_key: 'shipping_notification',
            body: {
              emphasized_item: { item_key: 'order_number', content: 'order-42' },
              items: [{ item_key: 'carrier', content: 'Sinch Express' }],
              buttons: [{ button_key: 'track', url: 'https://www.sinch.com/track/order-42' }],
            },
          },
        },
      },
    }, {
      recipient: {
        identified_by: {
          channel_identities: [
            { channel: 'LINE', identity: '{{line_user_id}}', app_id: '{{app_id}}' },
            { channel: 'SMS', identity: '{{recipient_phone}}' },
          ],
        },
      },
    }),
  ],
);

export const messagesFolder = folder('folder.messages', 'Messages', 'Send, list, read and manage messages (§4.4, §5).', [
  sendFolder,
  channelSpecificFolder,
  operation({
    id: 'messages.list',
    name: 'List messages',
    description: 'Lists messages, newest first; filter by conversation, contact, app, identity, channel, direction or time.',
    method: 'GET',
    path: '/messages',
    query: [
      { key: 'app_id', value: '{{app_id}}' },
      { key: 'conversation_id', value: '{{conversation_id}}', optional: true },
      { key: 'contact_id', value: '{{contact_id}}', optional: true },
      { key: 'channel_identity', value: '{{recipient_phone}}', optional: true },
      { key: 'start_time', value: '2025-01-01T00:00:00Z', optional: true },
      { key: 'end_time', value: '2030-01-01T00:00:00Z', optional: true },
      { key: 'view', value: 'WITH_METADATA', optional: true },
      { key: 'messages_source', value: 'CONVERSATION_SOURCE', optional: true },
      { key: 'only_recipient_originated', value: 'false', optional: true },
      { key: 'channel', value: 'SMS', optional: true },
      { key: 'direction', value: 'TO_CONTACT', optional: true },
      ...paging(1000),
    ],
  }),
  operation({
    id: 'messages.get',
    name: 'Get message',
    description: 'Gets one message; messages of DISPATCH-mode apps need messages_source=DISPATCH_SOURCE.',
    method: 'GET',
    path: '/messages/{{message_id}}',
    query: [{ key: 'messages_source', value: 'CONVERSATION_SOURCE', optional: true }],
  }),
  operation({
    id: 'messages.update',
    name: 'Update message metadata',
    description: 'Changes a message\'s metadata (the only field that can change).',
    method: 'PATCH',
    path: '/messages/{{message_id}}',
    query: [{ key: 'messages_source', value: 'CONVERSATION_SOURCE', optional: true }],
    bodySchema: 'messages.update',
    body: { metadata: 'order-42;reviewed' },
  }),
  operation({
    id: 'messages.fetchLastMessage',
    name: 'Fetch last message',
    description: 'Gets the last message per identity (or per contact with CONVERSATION_SOURCE); paging is in the body.',
    method: 'POST',
    path: '/messages:fetch-last-message',
    bodySchema: 'messages.fetchLastMessage',
    body: { channel_identities: ['{{recipient_phone}}'], app_id: '{{app_id}}', messages_source: 'CONVERSATION_SOURCE', page_size: 10 },
  }),
  operation({
    id: 'messages.delete',
    name: 'Delete message',
    description: 'Deletes a message from the history.',
    method: 'DELETE',
    path: '/messages/{{message_id}}',
    query: [{ key: 'messages_source', value: 'CONVERSATION_SOURCE', optional: true }],
  }),
]);
