import type { DeliveryQueue } from '../callbacks/deliveryQueue';
import type { SandboxContext } from '../context';
import { CONSENT_LIST_TYPES, type ConsentListType } from '../enums';
import type { Router } from '../http/router';
import { Fields } from '../validate';
import { recordConsent } from './consents';
import { requireApp } from './lookups';
import { simulateInbound } from './simulate';

/** Sandbox-only endpoints, under /_sandbox/ so they can never be mistaken for the real API. */
export function registerControl(router: Router, ctx: SandboxContext, deps: { queue: DeliveryQueue; reset: () => void }): void {
  router.on('POST', '/_sandbox/inbound', (req) => simulateInbound(ctx, req.body));

  router.on('GET', '/_sandbox/deliveries', () => ({ deliveries: deps.queue.records() }));

  router.on('POST', '/_sandbox/consents', (req) => {
    const f = Fields.body(req.body);
    const app = requireApp(ctx.store(), f.str('appId', { required: true }) ?? '');
    const identity = f.str('identity', { required: true }) ?? '';
    const listType: ConsentListType = f.enumOf('listType', CONSENT_LIST_TYPES) ?? 'OPT_OUT_ALL';
    const operation = f.enumOf('operation', ['insert', 'delete'] as const) ?? 'insert';
    recordConsent(ctx.store(), app.id, identity, listType, operation, 'ORIGIN_API');
    return {};
  });

  router.on('POST', '/_sandbox/reset', () => {
    deps.reset();
    return {};
  });
}
