import type { WebhookEvent } from '../../../../shared/model/webhookEvent';

/** A stored callback as the inspector receives it; override what a test is about. */
export function webhookEvent(change: Partial<WebhookEvent> = {}): WebhookEvent {
  return {
    id: '01J00000000000000000000001',
    receivedAt: '2026-01-01T10:00:00.000Z',
    method: 'POST',
    path: '/hook',
    query: '',
    headers: [{ name: 'content-type', value: 'application/json' }],
    bodyText: '{"message_delivery_report":{"message_id":"m1","status":"DELIVERED"}}',
    sizeBytes: 66,
    contentType: 'application/json',
    responseStatus: 200,
    rejected: null,
    json: { ok: true },
    trigger: 'MESSAGE_DELIVERY',
    summary: 'DELIVERED',
    correlation: { messageId: 'm1', conversationId: 'c1' },
    verdict: { kind: 'valid', secretLabel: 'hook', details: { nonceSeenBefore: false } },
    ...change,
  };
}
