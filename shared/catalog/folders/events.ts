import { folder, operation, paging } from '../build';

function sendEvent(id: string, name: string, description: string, event: Record<string, unknown>, recipient?: unknown): ReturnType<typeof operation> {
  return operation({
    id: `events.send.${id}`,
    name,
    description: `${description} Stores the event id in {{event_id}}.`,
    method: 'POST',
    path: '/events:send',
    bodySchema: 'events.send',
    body: { app_id: '{{app_id}}', recipient: recipient ?? { contact_id: '{{contact_id}}' }, event, event_metadata: 'explorer-demo' },
    captures: [['event_id', 'event_id']],
  });
}

const agent = { display_name: 'Grace', type: 'HUMAN', picture_url: 'https://picsum.photos/id/64/100/100.jpg' };

export const eventsFolder = folder('folder.events', 'Events', 'App events such as typing indicators and agent changes (§4.5, §7).', [
  folder('folder.events.send', 'Send event', 'One events:send example per app event (§7.1).', [
    sendEvent('composing', 'Send typing indicator on', 'Shows "typing…" to contact {{contact_id}}.', { composing_event: {} }),
    sendEvent('composingEnd', 'Send typing indicator off', 'Hides the typing indicator.', { composing_end_event: {} }),
    sendEvent(
      'commentReply',
      'Send comment reply (Instagram)',
      'Replies to an Instagram comment by {{instagram_user_id}}.',
      { comment_reply_event: { text: 'Thanks for your comment!' } },
      { identified_by: { channel_identities: [{ channel: 'INSTAGRAM', identity: '{{instagram_user_id}}', app_id: '{{app_id}}' }, { channel: 'SMS', identity: '{{recipient_phone}}' }] } },
    ),
    sendEvent('agentJoined', 'Send agent joined', 'Tells the contact an agent joined.', { agent_joined_event: { agent } }),
    sendEvent('agentLeft', 'Send agent left', 'Tells the contact the agent left.', { agent_left_event: { agent } }),
    sendEvent('generic', 'Send generic event', 'Sends any JSON payload as an event.', { generic_event: { payload: { kind: 'order_update', order_id: 'order-42', status: 'packed' } } }),
  ]),
  operation({
    id: 'events.list',
    name: 'List events',
    description: 'Lists events of a contact or of a conversation (one of them is needed).',
    method: 'GET',
    path: '/events',
    query: [
      { key: 'contact_id', value: '{{contact_id}}' },
      { key: 'conversation_id', value: '{{conversation_id}}', optional: true },
      ...paging(20),
    ],
  }),
  operation({
    id: 'events.get',
    name: 'Get event',
    description: 'Gets one event.',
    method: 'GET',
    path: '/events/{{event_id}}',
  }),
  operation({
    id: 'events.delete',
    name: 'Delete event',
    description: 'Deletes an event.',
    method: 'DELETE',
    path: '/events/{{event_id}}',
  }),
]);
