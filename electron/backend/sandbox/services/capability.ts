import { capabilityNotification, reason } from '../../../../shared/conversation/callbacks';
import { recipientBehaviour, resolveChannelOrder } from '../channels';
import { PROJECT_PATH, type SandboxContext } from '../context';
import { ApiError } from '../errors';
import type { Router } from '../http/router';
import { ulid } from '../../conversation/ulid';
import { Fields } from '../validate';
import { appChannels } from './apps';
import { requireApp } from './lookups';
import { readRecipient } from './recipient';

/** capability:query answers at once; the result arrives later on the CAPABILITY trigger (§4.8). */
export function registerCapability(router: Router, ctx: SandboxContext): void {
  router.on('POST', `${PROJECT_PATH}/capability:query`, (req) => {
    const store = ctx.store();
    const f = Fields.body(req.body);
    const app = requireApp(store, f.str('app_id', { required: true }) ?? '');
    const recipient = readRecipient(f, store, app.id);
    const requestId = f.str('request_id') || ulid();
    const [first] = resolveChannelOrder({ app, contact: recipient.contact, identities: recipient.identities });
    if (!first) {
      throw ApiError.invalid(`recipient: has no channel identity on a channel configured on app ${app.id} (${appChannels(app).join(', ')})`, 'recipient');
    }
    const reachable = recipientBehaviour(first.identity) !== 'fail';
    ctx.scheduler.after(ctx.deliveryDelayMs, () =>
      ctx.notifier.emit(
        app.id,
        'CAPABILITY',
        capabilityNotification({
          requestId,
          contactId: recipient.contact?.id ?? '',
          channel: first.channel,
          identity: first.identity,
          status: reachable ? 'CAPABILITY_FULL' : 'NO_CAPABILITY',
          ...(reachable ? {} : { reason: reason('RECIPIENT_NOT_REACHABLE', `Sandbox: ${first.identity} is configured to be unreachable.`) }),
        }),
      ),
    );
    return { app_id: app.id, recipient: f.obj['recipient'], request_id: requestId };
  });
}
