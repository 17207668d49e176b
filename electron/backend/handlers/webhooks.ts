import { diffEvents, DiffRefusal, type JsonDiffEntry, type WebhookEvent, type WebhookFilter } from '../../../shared/model/webhookEvent';
import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';

/** `webhooks.*`: the webhook listener and inspector. */
export function webhookHandlers({ hooks }: Pick<BackendContext, 'hooks'>): HandlerGroup<'webhooks'> {
  return {
    'webhooks.status': async () => hooks.state(),
    'webhooks.start': async ({ port, host }) => hooks.start(port, host),
    'webhooks.stop': async () => hooks.stop(),
    'webhooks.configure': async ({ reply, forwardTo }) => hooks.configure({ ...(reply ? { reply } : {}), ...(forwardTo !== undefined ? { forwardTo } : {}) }),
    'webhooks.query': async ({ filter, offset, limit }) => {
      const page = hooks.store.query(filter as WebhookFilter, { offset, limit });
      return { events: page.events, total: page.total };
    },
    'webhooks.get': async ({ id }) => hooks.get(id),
    'webhooks.clear': async () => ({ cleared: await hooks.store.clear() }),
    'webhooks.timeline': async (key) => hooks.store.timeline(key),
    'webhooks.replay': async ({ id, target, body, resign }) =>
      hooks.replay(id, target, body, resign ? await hooks.secret(resign.environmentId, resign.name) : undefined),
    'webhooks.fireSample': async ({ trigger, appId, sign }) => {
      const signing = sign ? await hooks.signingSecret('sandboxWebhookId' in sign ? sign : { ...sign, kind: sign.kind ?? 'webhook-secret' }) : undefined;
      // Signed with a sandbox webhook's secret, the sample is about that webhook's app unless told otherwise.
      return hooks.fireSample(trigger, appId ?? signing?.appId, signing?.secret);
    },
    'webhooks.signingSecrets': async () => hooks.signingSecrets(),
    'webhooks.diff': async ({ a, b }) => diffOf(hooks.get(a), hooks.get(b)),
  };
}

/** The inspector compares another callback (`a`) with the one open (`b`); a body too deep to compare is said plainly. */
function diffOf(a: Pick<WebhookEvent, 'bodyText'>, b: Pick<WebhookEvent, 'bodyText'>): JsonDiffEntry[] {
  try {
    return diffEvents(a, b);
  } catch (error) {
    if (!(error instanceof DiffRefusal)) throw error;
    const which = error.side === 'b' ? "This callback's body" : "The other callback's body";
    throw new BackendError('INVALID_INPUT', `${which} is ${error.reason}: Diff compares JSON up to that depth. Its text is in the Body and Raw tabs.`);
  }
}
