import { folder, operation, paging, phoneRecipient, type OperationSpec } from '../build';
import { APP_MESSAGE_TYPES, CHANNEL_SPECIFIC_MESSAGE_TYPES, channelSpecificSend, type SendExample } from '../messageTypes';

/** A `messages:send` request: the envelope every send shares around one message. */
function send(example: SendExample): ReturnType<typeof operation> {
  const { recipient, ...extra } = example.envelope ?? {};
  const spec: OperationSpec = {
    id: `messages.send.${example.id}`,
    name: example.name,
    description: `${example.description} Stores the message id in {{message_id}}.`,
    method: 'POST',
    path: '/messages:send',
    bodySchema: 'messages.send',
    body: { app_id: '{{app_id}}', recipient: recipient ?? phoneRecipient('WHATSAPP', 'SMS'), message: example.message, ...extra },
    captures: [['message_id', 'message_id']],
  };
  return operation(spec);
}

/** Sends that show the extras of an AppMessage (§5.2) rather than a content type. */
const EXTRAS: SendExample[] = [
  {
    id: 'withAgent',
    name: 'Send text as an agent',
    description: 'Sends a text shown as coming from a named agent (channels that support it).',
    message: {
      text_message: { text: 'Hi, I am Grace and I will help you today.' },
      agent: { display_name: 'Grace', type: 'HUMAN', picture_url: 'https://picsum.photos/id/64/100/100.jpg' },
    },
  },
  {
    id: 'explicitChannel',
    name: 'Send with explicit channel payload',
    description: 'Sends a text, but a channel-native payload (a JSON string) on WhatsApp instead of the transcoded one.',
    message: {
      text_message: { text: 'Your code is 123456' },
      explicit_channel_message: {
        WHATSAPP: JSON.stringify({ messaging_product: 'whatsapp', type: 'text', text: { body: 'Your code is *123456*' } }),
      },
    },
  },
  {
    id: 'explicitOmni',
    name: 'Send with explicit omni message',
    description: 'Sends a text, but a WhatsApp template on WhatsApp (explicit_channel_omni_message).',
    message: {
      text_message: { text: 'Your order order-42 has shipped.' },
      explicit_channel_omni_message: {
        WHATSAPP: { template_reference: { template_id: 'order_update', language_code: 'en_US', parameters: { body_1: 'order-42' } } },
      },
    },
  },
];

const sendFolder = folder('folder.messages.send', 'Send message', 'One messages:send example per content type (§5.3).', [
  ...APP_MESSAGE_TYPES.flatMap((type) => type.sends.map(send)),
  ...EXTRAS.map(send),
]);

const channelSpecificFolder = folder(
  'folder.messages.channelSpecific',
  'Channel-specific',
  'channel_specific_message examples (§5.4). Each keeps a text_message for the other channels.',
  CHANNEL_SPECIFIC_MESSAGE_TYPES.flatMap((type) => type.sends.map((example) => send(channelSpecificSend(type, example)))),
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
    description: "Changes a message's metadata (the only field that can change).",
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
