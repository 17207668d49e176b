import type { ChannelIdentity } from '../../../shared/conversation/resources';
import {
  eventDeliveryReport,
  messageDeliveryReport,
  messageSubmitNotification,
  reason as makeReason,
  type Reason,
} from '../../../shared/conversation/callbacks';
import { recipientBehaviour } from './channels';
import { nowIso, type SandboxContext } from './context';
import type { ConsentListType } from './enums';
import type { StoredEvent, StoredMessage } from './stored';

export interface OutboundOptions {
  callbackUrl?: string;
  /** The send's `message_metadata`, echoed as `metadata` in reports. */
  metadata: string;
  consentList: ConsentListType;
}

function failureFor(ctx: SandboxContext, appId: string, ci: ChannelIdentity, list: ConsentListType): Reason | undefined {
  const store = ctx.store();
  if (store.optOutList(appId, list).has(ci.identity) || store.optOutList(appId, 'OPT_OUT_ALL').has(ci.identity)) {
    return makeReason('RECIPIENT_NOT_OPTED_IN', `The recipient ${ci.identity} is on the app's ${list} list.`);
  }
  if (recipientBehaviour(ci.identity) === 'fail') {
    return makeReason('RECIPIENT_NOT_REACHABLE', `Sandbox: ${ci.channel} identity ${ci.identity} is configured to be unreachable.`);
  }
  return undefined;
}

/**
 * What a channel does with an accepted message, one step every `deliveryDelayMs`:
 * MESSAGE_SUBMIT, QUEUED_ON_CHANNEL, then DELIVERED (and READ for "read" identities) — or, for a
 * recipient that cannot be reached, SWITCHING_CHANNEL to the next channel in priority order and
 * FAILED when none is left.
 */
export function runOutboundLifecycle(ctx: SandboxContext, stored: StoredMessage, candidates: ChannelIdentity[], options: OutboundOptions): void {
  const steps: Array<() => void> = [];
  const message = stored.message;
  const appMessage = message.app_message ?? {};
  const report =
    (ci: ChannelIdentity, status: string, reason?: Reason): (() => void) =>
    () => {
      if (!ctx.store().messages.has(message.id)) return;
      message.channel_identity = { ...ci };
      message.message_status = { status, event_time: nowIso(), ...(reason ? { reason: { ...reason } } : {}) };
      if (status === 'DELIVERED') {
        const conversation = ctx.store().conversations.get(message.conversation_id);
        if (conversation) conversation.active_channel = ci.channel;
      }
      ctx.notifier.emit(
        stored.appId,
        'MESSAGE_DELIVERY',
        messageDeliveryReport({
          messageId: message.id,
          conversationId: message.conversation_id,
          contactId: message.contact_id,
          channelIdentity: ci,
          status,
          metadata: options.metadata,
          processingMode: message.processing_mode,
          reason,
        }),
        { correlationId: stored.correlationId, callbackUrl: options.callbackUrl },
      );
    };
  for (const [i, ci] of candidates.entries()) {
    const last = i === candidates.length - 1;
    const failure = failureFor(ctx, stored.appId, ci, options.consentList);
    const blockedBeforeChannel = failure?.code === 'RECIPIENT_NOT_OPTED_IN';
    if (!blockedBeforeChannel) {
      steps.push(() =>
        ctx.notifier.emit(
          stored.appId,
          'MESSAGE_SUBMIT',
          messageSubmitNotification({
            messageId: message.id,
            conversationId: message.conversation_id,
            contactId: message.contact_id,
            channelIdentity: ci,
            submittedMessage: appMessage,
            metadata: options.metadata,
            processingMode: message.processing_mode,
          }),
          { correlationId: stored.correlationId },
        ),
      );
      steps.push(report(ci, 'QUEUED_ON_CHANNEL'));
    }
    if (failure) {
      steps.push(report(ci, last ? 'FAILED' : 'SWITCHING_CHANNEL', failure));
      continue;
    }
    steps.push(report(ci, 'DELIVERED'));
    if (recipientBehaviour(ci.identity) === 'read') steps.push(report(ci, 'READ'));
    break;
  }
  ctx.scheduler.sequence(ctx.deliveryDelayMs, steps);
}

/** Events are tried on one channel only (§7.2): QUEUED_ON_CHANNEL then DELIVERED or FAILED. */
export function runEventLifecycle(ctx: SandboxContext, stored: StoredEvent, options: { callbackUrl?: string; metadata: string }): void {
  const event = stored.event;
  const ci = event.channel_identity;
  const failure = failureFor(ctx, stored.appId, ci, 'OPT_OUT_ALL');
  const report =
    (status: string, reason?: Reason): (() => void) =>
    () =>
      ctx.notifier.emit(
        stored.appId,
        'EVENT_DELIVERY',
        eventDeliveryReport({
          eventId: event.id,
          contactId: event.contact_id,
          channelIdentity: ci,
          status,
          metadata: options.metadata,
          processingMode: event.processing_mode,
          reason,
        }),
        { callbackUrl: options.callbackUrl },
      );
  ctx.scheduler.sequence(ctx.deliveryDelayMs, [report('QUEUED_ON_CHANNEL'), failure ? report('FAILED', failure) : report('DELIVERED')]);
}
