import { normalizeTrigger, type CallbackTrigger, type WebhookTrigger } from '../../../shared/model/webhookEvent';
import {
  buildCallback,
  capabilityNotification,
  contactMergeNotification,
  contactNotification,
  conversationNotification,
  duplicatedIdentitiesNotification,
  eventDeliveryReport,
  inboundEvent,
  inboundMessage,
  messageDeliveryReport,
  messageSubmitNotification,
  optOutNotification,
  reason,
} from '../../../shared/conversation/callbacks';
import type { ChannelIdentity, Contact, Conversation, JsonObject } from '../../../shared/conversation/resources';
import { ulid } from '../conversation/ulid';
import { sendRaw, type SendResult } from './forward';
import { signCallback } from './signature';

export interface SampleOptions {
  appId?: string;
  projectId?: string;
  /** Sign the sample with this secret (fresh nonce, timestamp now). */
  secret?: string;
  /** Signing and event time; now by default. */
  now?: Date;
  /** The contact's phone number (SMS-style identity). */
  identity?: string;
}

export interface SampleCallback {
  trigger: CallbackTrigger;
  /** The raw body exactly as it will be sent. */
  body: string;
  json: JsonObject;
  /** Content-Type plus, with a secret, the four signature headers. */
  headers: Record<string, string>;
}

export const SAMPLE_APP_ID = '01SAMPLEAPP000000000000000';
export const SAMPLE_PROJECT_ID = '00000000-0000-0000-0000-00000000sample';

/**
 * A realistic callback for any trigger of §11.2 (our `stripe trigger`): the §12.1 envelope and a
 * §12.2-shaped payload, built with the builders the sandbox sends with (shared/conversation/) where
 * they exist, so samples and sandbox callbacks never drift apart.
 */
export function sampleCallback(trigger: WebhookTrigger, options: SampleOptions = {}): SampleCallback {
  const canonical = normalizeTrigger(trigger);
  if (canonical === 'UNKNOWN') throw new Error('There is no sample for UNKNOWN: pick one of the §11.2 triggers.');
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const appId = options.appId ?? SAMPLE_APP_ID;
  const projectId = options.projectId ?? SAMPLE_PROJECT_ID;
  const identity = options.identity ?? '+46701234567';
  const ids = {
    message: ulid(now.getTime()),
    conversation: ulid(now.getTime()),
    contact: ulid(now.getTime()),
    event: ulid(now.getTime()),
    request: ulid(now.getTime()),
  };
  const channelIdentity: ChannelIdentity = { channel: 'SMS', identity, app_id: '' };
  const contact: Contact = {
    id: ids.contact,
    channel_identities: [channelIdentity],
    channel_priority: ['SMS'],
    display_name: 'Sample Contact',
    email: 'sample.contact@example.com',
    external_id: '',
    metadata: '',
    language: 'EN_US',
  };
  const conversation: Conversation = {
    id: ids.conversation,
    app_id: appId,
    contact_id: ids.contact,
    active: canonical !== 'CONVERSATION_STOP',
    active_channel: 'SMS',
    last_received: at,
    metadata: '',
    metadata_json: {},
    correlation_id: '',
  };
  const payload = ((): JsonObject => {
    switch (canonical) {
      case 'MESSAGE_INBOUND':
      case 'MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION':
        return inboundMessage({
          id: ids.message,
          direction: 'TO_APP',
          conversation_id: ids.conversation,
          contact_id: ids.contact,
          channel_identity: channelIdentity,
          accept_time: at,
          metadata: '',
          injected: false,
          sender_id: '+46700000000',
          processing_mode: 'CONVERSATION',
          contact_message: {
            text_message: {
              text: canonical === 'MESSAGE_INBOUND' ? 'Hi! Is my order 42 on its way?' : 'My card number is {CREDIT_CARD_NUMBER} and my email is {EMAIL}',
            },
          },
        });
      case 'MESSAGE_DELIVERY':
        return messageDeliveryReport({
          messageId: ids.message,
          conversationId: ids.conversation,
          contactId: ids.contact,
          channelIdentity,
          status: 'DELIVERED',
          metadata: 'order-42',
          processingMode: 'CONVERSATION',
        });
      case 'MESSAGE_SUBMIT':
        return messageSubmitNotification({
          messageId: ids.message,
          conversationId: ids.conversation,
          contactId: ids.contact,
          channelIdentity,
          submittedMessage: { text_message: { text: 'Your order 42 has shipped.' } },
          metadata: 'order-42',
          processingMode: 'CONVERSATION',
        });
      case 'EVENT_INBOUND':
        return inboundEvent({
          id: ids.event,
          direction: 'TO_APP',
          channel_identity: { ...channelIdentity, channel: 'WHATSAPP', identity: identity.replace(/^\+/, '') },
          processing_mode: 'CONVERSATION',
          conversation_id: ids.conversation,
          contact_id: ids.contact,
          accept_time: at,
          contact_event: { composing_event: {} },
        });
      case 'EVENT_DELIVERY':
        return eventDeliveryReport({
          eventId: ids.event,
          contactId: ids.contact,
          channelIdentity: { ...channelIdentity, channel: 'WHATSAPP', identity: identity.replace(/^\+/, '') },
          status: 'DELIVERED',
          metadata: '',
          processingMode: 'CONVERSATION',
        });
      case 'CONVERSATION_START':
      case 'CONVERSATION_STOP':
      case 'CONVERSATION_DELETE':
        return conversationNotification(conversation);
      case 'CONTACT_CREATE':
      case 'CONTACT_UPDATE':
      case 'CONTACT_DELETE':
        return contactNotification(contact);
      case 'CONTACT_MERGE':
        return contactMergeNotification(contact, { ...contact, id: ulid(now.getTime()), display_name: 'Duplicate Contact', email: '' });
      case 'CONTACT_IDENTITIES_DUPLICATION':
        return duplicatedIdentitiesNotification([{ channel: 'SMS', contact_ids: [ids.contact, ulid(now.getTime())] }]);
      case 'CAPABILITY':
        return capabilityNotification({
          requestId: ids.request,
          contactId: ids.contact,
          channel: 'WHATSAPP',
          identity: identity.replace(/^\+/, ''),
          status: 'CAPABILITY_FULL',
        });
      case 'OPT_IN':
        return {
          request_id: ids.request,
          contact_id: ids.contact,
          channel: 'WHATSAPP',
          identity: identity.replace(/^\+/, ''),
          status: 'OPT_IN_SUCCEEDED',
          processing_mode: 'CONVERSATION',
        };
      case 'OPT_OUT':
        return optOutNotification({
          requestId: ids.request,
          contactId: ids.contact,
          channel: 'WHATSAPP',
          identity: identity.replace(/^\+/, ''),
          processingMode: 'CONVERSATION',
        });
      case 'CHANNEL_EVENT':
        return {
          channel_event: {
            channel: 'WHATSAPP',
            event_type: 'WHATS_APP_QUALITY_RATING_CHANGED',
            additional_data: { quality_rating: 'YELLOW', display_phone_number: '46700000000' },
          },
        };
      case 'SMART_CONVERSATION':
        return {
          contact_id: ids.contact,
          channel_identity: identity,
          channel: 'SMS',
          message_id: ids.message,
          conversation_id: ids.conversation,
          analysis_results: {
            ml_sentiment_result: [{ message: 'I love this product!', results: [{ sentiment: 'positive', score: 0.97 }], sentiment: 'positive', score: 0.97 }],
            ml_nlu_result: [
              { message: 'I love this product!', results: [{ intent: 'general.yes_or_agreed', score: 0.82 }], intent: 'general.yes_or_agreed', score: 0.82 },
            ],
            ml_image_recognition_result: [],
            ml_pii_result: [{ message: 'I love this product!', masked: 'I love this product!' }],
            ml_offensive_analysis_result: [{ message: 'I love this product!', evaluation: 'SAFE', score: 0.99 }],
          },
        };
      case 'RECORD_NOTIFICATION':
        return {
          entity_id: ids.message,
          record_status: 'RECORD_STATUS_DELETED',
          channel_identity: channelIdentity,
          contact_id: ids.contact,
          conversation_id: ids.conversation,
          reason: reason('RECIPIENT_NOT_REACHABLE', 'Sample reason for a record notification.'),
          processing_mode: 'CONVERSATION',
        };
      case 'UNSUPPORTED':
        return {
          channel: 'WHATSAPP',
          payload: JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '0', changes: [{ field: 'unknown_field', value: {} }] }] }),
          processing_mode: 'CONVERSATION',
          id: ids.message,
          contact_id: ids.contact,
          conversation_id: ids.conversation,
          channel_identity: { ...channelIdentity, channel: 'WHATSAPP', identity: identity.replace(/^\+/, '') },
        };
    }
  })();
  const json = buildCallback(canonical, { appId, projectId, acceptedTime: at, eventTime: at }, payload);
  const body = JSON.stringify(json);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.secret !== undefined) Object.assign(headers, signCallback(options.secret, body, { timestampSeconds: Math.floor(now.getTime() / 1000) }).headers);
  return { trigger: canonical, body, json, headers };
}

/** Builds a sample and POSTs it to a listener (or any URL); reports the answer. */
export async function fireSample(
  url: string,
  trigger: WebhookTrigger,
  options: SampleOptions & { timeoutMs?: number } = {},
): Promise<SendResult & { sample: SampleCallback }> {
  const sample = sampleCallback(trigger, options);
  const result = await sendRaw(
    url,
    { method: 'POST', headers: Object.entries(sample.headers).map(([name, value]) => ({ name, value })), body: Buffer.from(sample.body, 'utf8') },
    { timeoutMs: options.timeoutMs },
  );
  return { ...result, sample };
}
