/**
 * Variables the built-in collection uses, with an example value and what sets them. The
 * environment's own fields (`base_url`, `template_base_url`, `project_id`, `app_id`) are not
 * listed: an environment user variable may not reuse those names (see RESERVED_VARIABLES).
 */
export interface BuiltinVariable {
  key: string;
  value: string;
  description: string;
}

export const BUILTIN_VARIABLES: BuiltinVariable[] = [
  { key: 'recipient_phone', value: '+46700000001', description: 'Phone number (E.164) messages, events and capability queries go to.' },
  {
    key: 'webhook_target',
    value: 'http://127.0.0.1:3737/webhooks',
    description: "URL that receives callbacks (the explorer's webhook listener, or your own).",
  },
  { key: 'webhook_secret', value: 'explorer-webhook-secret', description: 'Secret callbacks are signed with (x-sinch-webhook-signature).' },
  { key: 'contact_id', value: '01EXAMPLECONTACT000000000A', description: 'A contact id; set by Create contact.' },
  {
    key: 'source_contact_id',
    value: '01EXAMPLECONTACT000000000B',
    description: 'Contact folded into {{contact_id}} by Merge contacts (removed afterwards); set by Create a duplicate contact.',
  },
  { key: 'conversation_id', value: '01EXAMPLECONVERSATION0000A', description: 'A conversation id; set by Create conversation.' },
  { key: 'message_id', value: '01EXAMPLEMESSAGE000000000A', description: 'A message id; set by every Send message request.' },
  { key: 'event_id', value: '01EXAMPLEEVENT00000000000A', description: 'An event id; set by every Send event request.' },
  { key: 'webhook_id', value: '01EXAMPLEWEBHOOK000000000A', description: 'A webhook id; set by Create webhook.' },
  { key: 'template_id', value: 'shipping_notification', description: 'A Templates v2 id; set by Create template.' },
  { key: 'v1_template_id', value: 'shipping_notification_v1', description: 'A Templates v1 id; set by Create v1 template.' },
  {
    key: 'accept_time',
    value: '{{$isoTimestamp}}',
    description: 'RFC 3339 time for the inject endpoints (must lie within the past 30 days): the moment of sending by default.',
  },
  { key: 'sms_service_plan_id', value: 'your-sms-service-plan-id', description: 'SMS sender identity (claimed_identity) for Create app.' },
  { key: 'sms_api_token', value: 'your-sms-api-token', description: 'SMS API token for Create app.' },
  { key: 'whatsapp_sender_id', value: 'your-whatsapp-sender-id', description: 'WhatsApp sender identity (claimed_identity) for Create app.' },
  { key: 'whatsapp_token', value: 'your-whatsapp-token', description: 'WhatsApp token for Create app.' },
  { key: 'messenger_psid', value: '1234567890123456', description: 'Messenger page-scoped user id (Get channel profile).' },
  { key: 'instagram_user_id', value: '17841400000000000', description: 'Instagram user id (comment reply event).' },
  { key: 'line_user_id', value: 'U4af4980629000000000000000000000', description: 'LINE user id (LINE notification template).' },
  { key: 'whatsapp_flow_id', value: '1234567890', description: 'Id of a published WhatsApp Flow.' },
  { key: 'whatsapp_catalog_id', value: '123456789012345', description: 'WhatsApp (Meta) product catalog id.' },
];
