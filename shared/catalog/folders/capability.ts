import { folder, operation } from '../build';

export const capabilityFolder = folder('folder.capability', 'Capability', "What a recipient can receive on the app's channels (§4.8).", [
  operation({
    id: 'capability.query',
    name: 'Query capability',
    description: 'Asks which capabilities {{recipient_phone}} has; the answer arrives later on the CAPABILITY webhook trigger.',
    method: 'POST',
    path: '/capability:query',
    bodySchema: 'capability.query',
    body: {
      app_id: '{{app_id}}',
      recipient: { identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: '{{recipient_phone}}' }] } },
      request_id: 'capability-check-1',
    },
  }),
]);
