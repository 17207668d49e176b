import { buildCallback } from '../../../../shared/conversation/callbacks';
import type { JsonObject } from '../../../../shared/conversation/resources';
import type { Trigger } from '../enums';
import type { ProjectStore } from '../store';
import type { CallbackSigner, DeliveryQueue } from './deliveryQueue';

export interface EmitOptions {
  messageMetadata?: string;
  correlationId?: string;
  eventTime?: string;
  /**
   * A send request's `callback_url`: delivery reports go there instead of to the webhooks,
   * signed with the app's `callback_settings.secret_for_overridden_callback_urls`.
   */
  callbackUrl?: string;
}

/** Turns "this happened in app X" into one signed callback per matching webhook. */
export class Notifier {
  constructor(
    private readonly store: () => ProjectStore,
    private readonly queue: DeliveryQueue,
  ) {}

  emit(appId: string, trigger: Trigger, payload: JsonObject, options: EmitOptions = {}): number {
    const store = this.store();
    const app = store.apps.get(appId);
    if (!app) return 0;
    const now = new Date().toISOString();
    const body = JSON.stringify(
      buildCallback(
        trigger,
        {
          appId,
          projectId: store.projectId,
          acceptedTime: now,
          eventTime: options.eventTime ?? now,
          messageMetadata: options.messageMetadata,
          correlationId: options.correlationId,
        },
        payload,
      ),
    );
    // One message's (or event's) reports arrive in the order they happened, as a user reads them.
    const subject =
      typeof payload['message_id'] === 'string' ? payload['message_id'] : typeof payload['event_id'] === 'string' ? payload['event_id'] : undefined;
    const orderKey = (url: string): string | undefined => (subject === undefined ? undefined : `${url}\n${subject}`);
    // Signed at each try by the queue (a fresh nonce and timestamp), with the secret the app or webhook has then.
    if (options.callbackUrl) {
      this.queue.enqueue({
        url: options.callbackUrl,
        body,
        headers: {},
        trigger,
        signer: { kind: 'callback-url', appId },
        orderKey: orderKey(options.callbackUrl),
      });
      return 1;
    }
    let sent = 0;
    for (const webhook of store.webhooksOf(appId)) {
      if (webhook.target_type !== 'HTTP' || !webhook.triggers.includes(trigger)) continue;
      // Each webhook gets its own copy, signed with its own secret and a fresh nonce.
      this.queue.enqueue({
        url: webhook.target,
        body,
        headers: {},
        trigger,
        webhookId: webhook.id,
        signer: { kind: 'webhook', webhookId: webhook.id },
        orderKey: orderKey(webhook.target),
      });
      sent++;
    }
    return sent;
  }

  /** The secret a callback is signed with now: '' for none, null when its webhook or app is gone. */
  secretFor(signer: CallbackSigner): string | null {
    const store = this.store();
    if (signer.kind === 'webhook') return store.webhooks.get(signer.webhookId)?.secret ?? null;
    const app = store.apps.get(signer.appId);
    if (!app) return null;
    const secret = app.callback_settings['secret_for_overridden_callback_urls'];
    return typeof secret === 'string' ? secret : '';
  }

  /** Project-level happenings (contacts) are reported to every app that listens for them. */
  emitToAllApps(trigger: Trigger, payload: JsonObject, options: EmitOptions = {}): void {
    for (const appId of this.store().apps.keys()) this.emit(appId, trigger, payload, options);
  }
}
