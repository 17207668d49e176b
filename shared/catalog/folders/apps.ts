import { folder, operation, updateMask } from '../build';

export const appsFolder = folder('folder.apps', 'Apps', 'Conversation API apps: channels, credentials and processing mode (§4.1).', [
  operation({
    id: 'apps.create',
    name: 'Create app',
    description: 'Creates an app with SMS and WhatsApp channels in CONVERSATION mode; stores its id in {{app_id}}.',
    method: 'POST',
    path: '/apps',
    bodySchema: 'apps.create',
    body: {
      display_name: 'Explorer demo app',
      channel_credentials: [
        { channel: 'SMS', static_bearer: { claimed_identity: '{{sms_service_plan_id}}', token: '{{sms_api_token}}' } },
        { channel: 'WHATSAPP', static_bearer: { claimed_identity: '{{whatsapp_sender_id}}', token: '{{whatsapp_token}}' } },
      ],
      processing_mode: 'CONVERSATION',
      conversation_metadata_report_view: 'FULL',
      retention_policy: { retention_type: 'MESSAGE_EXPIRE_POLICY', ttl_days: 180 },
      message_retry_settings: { retry_duration: 3600 },
    },
    captures: [['app_id', 'id']],
  }),
  operation({
    id: 'apps.list',
    name: 'List apps',
    description: 'Lists every app of the project (no paging).',
    method: 'GET',
    path: '/apps',
  }),
  operation({
    id: 'apps.get',
    name: 'Get app',
    description: 'Gets one app, including its rate limits, queue stats and channel credential states.',
    method: 'GET',
    path: '/apps/{{app_id}}',
  }),
  operation({
    id: 'apps.update',
    name: 'Update app',
    description: 'Changes an app; without update_mask every field in the body replaces the stored one.',
    method: 'PATCH',
    path: '/apps/{{app_id}}',
    query: [updateMask('display_name,conversation_metadata_report_view')],
    bodySchema: 'apps.update',
    body: { display_name: 'Explorer demo app (renamed)', conversation_metadata_report_view: 'NONE' },
  }),
  operation({
    id: 'apps.delete',
    name: 'Delete app',
    description: 'Deletes the app together with its webhooks; cannot be undone.',
    method: 'DELETE',
    path: '/apps/{{app_id}}',
  }),
]);
