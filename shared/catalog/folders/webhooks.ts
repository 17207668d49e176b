import { folder, operation, updateMask } from '../build';

export const webhooksFolder = folder('folder.webhooks', 'Webhooks', "Where an app's callbacks go (§4.6, §11); at most 5 per app.", [
  operation({
    id: 'webhooks.create',
    name: 'Create webhook',
    description: "Sends {{app_id}}'s callbacks to {{webhook_target}}, signed with {{webhook_secret}}; stores the id in {{webhook_id}}.",
    method: 'POST',
    path: '/webhooks',
    bodySchema: 'webhooks.create',
    body: {
      app_id: '{{app_id}}',
      target: '{{webhook_target}}',
      target_type: 'HTTP',
      secret: '{{webhook_secret}}',
      triggers: ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY', 'MESSAGE_SUBMIT', 'EVENT_INBOUND', 'EVENT_DELIVERY', 'CONVERSATION_START', 'CONVERSATION_STOP'],
    },
    captures: [['webhook_id', 'id']],
  }),
  operation({
    id: 'webhooks.list',
    name: 'List webhooks',
    description: 'Lists the webhooks of {{app_id}}.',
    method: 'GET',
    path: '/apps/{{app_id}}/webhooks',
  }),
  operation({
    id: 'webhooks.get',
    name: 'Get webhook',
    description: 'Gets one webhook.',
    method: 'GET',
    path: '/webhooks/{{webhook_id}}',
  }),
  operation({
    id: 'webhooks.update',
    name: 'Update webhook',
    description: "Changes a webhook's target or triggers; without update_mask every field in the body replaces the stored one.",
    method: 'PATCH',
    path: '/webhooks/{{webhook_id}}',
    query: [updateMask('target,triggers')],
    bodySchema: 'webhooks.update',
    body: {
      target: '{{webhook_target}}',
      triggers: ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY', 'EVENT_INBOUND', 'CONTACT_CREATE', 'CONTACT_MERGE', 'CAPABILITY'],
    },
  }),
  operation({
    id: 'webhooks.delete',
    name: 'Delete webhook',
    description: 'Deletes a webhook; its callbacks stop.',
    method: 'DELETE',
    path: '/webhooks/{{webhook_id}}',
  }),
]);
