import { describe, expect, it } from 'vitest';
import { classifyTrigger, correlationOf, failureOf, matchesFilter, summarize, type WebhookEventSummary } from '../../../shared/model/webhookEvent';

const report = (status: string, reason?: Record<string, string>) => ({
  app_id: '01APP',
  message_delivery_report: {
    message_id: '01HMESSAGE000000000000000',
    conversation_id: '01HCONV',
    status,
    channel_identity: { channel: 'WHATSAPP', identity: '46700000001', app_id: '01APP' },
    contact_id: '01HCONTACT',
    ...(reason ? { reason } : {}),
  },
});

describe('a failed delivery', () => {
  const json = report('FAILED', { code: 'OUTSIDE_ALLOWED_SENDING_WINDOW', description: 'The 24 h window is closed.', sub_code: 'UNSPECIFIED_SUB_CODE' });

  it('names its reason code in the one-line summary', () => {
    expect(summarize(json, classifyTrigger(json))).toMatch(/^FAILED OUTSIDE_ALLOWED_SENDING_WINDOW · WHATSAPP/);
  });

  it('is a failure, with its code and description', () => {
    expect(failureOf({ correlation: correlationOf(json) })).toEqual({
      status: 'FAILED',
      code: 'OUTSIDE_ALLOWED_SENDING_WINDOW',
      description: 'The 24 h window is closed.',
    });
  });

  it('is found by searching for its reason', () => {
    const event = {
      summary: summarize(json, 'MESSAGE_DELIVERY'),
      trigger: 'MESSAGE_DELIVERY',
      path: '/hook',
      correlation: correlationOf(json),
    } as unknown as WebhookEventSummary;
    expect(matchesFilter(event, { text: 'outside_allowed' })).toBe(true);
  });

  it('keeps a switch of channel apart from a failure, but still says why', () => {
    const switching = report('SWITCHING_CHANNEL', { code: 'RECIPIENT_NOT_REACHABLE' });
    expect(summarize(switching, 'MESSAGE_DELIVERY')).toMatch(/^SWITCHING_CHANNEL RECIPIENT_NOT_REACHABLE/);
    expect(failureOf({ correlation: correlationOf(switching) })).toBeUndefined();
  });

  it('a delivered message is no failure and its summary is unchanged', () => {
    const ok = report('DELIVERED');
    expect(summarize(ok, 'MESSAGE_DELIVERY')).toMatch(/^DELIVERED · WHATSAPP/);
    expect(failureOf({ correlation: correlationOf(ok) })).toBeUndefined();
  });
});
