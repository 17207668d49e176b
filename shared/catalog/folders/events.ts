import { folder, operation, paging } from '../build';
import { APP_EVENT_TYPES, type EventExample } from '../messageTypes';

function sendEvent(key: string, example: EventExample): ReturnType<typeof operation> {
  return operation({
    id: `events.send.${example.id}`,
    name: example.name,
    description: `${example.description} Stores the event id in {{event_id}}.`,
    method: 'POST',
    path: '/events:send',
    bodySchema: 'events.send',
    body: {
      app_id: '{{app_id}}',
      recipient: example.recipient ?? { contact_id: '{{contact_id}}' },
      event: { [key]: example.content },
      event_metadata: 'explorer-demo',
    },
    captures: [['event_id', 'event_id']],
  });
}

export const eventsFolder = folder('folder.events', 'Events', 'App events such as typing indicators and agent changes (§4.5, §7).', [
  folder(
    'folder.events.send',
    'Send event',
    'One events:send example per app event (§7.1).',
    APP_EVENT_TYPES.flatMap((type) => type.sends.map((example) => sendEvent(type.key, example))),
  ),
  operation({
    id: 'events.list',
    name: 'List events',
    description: 'Lists events of a contact or of a conversation (one of them is needed).',
    method: 'GET',
    path: '/events',
    query: [{ key: 'contact_id', value: '{{contact_id}}' }, { key: 'conversation_id', value: '{{conversation_id}}', optional: true }, ...paging(20)],
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
