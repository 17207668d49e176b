import type { JsonObject, Webhook } from '../../../../shared/conversation/resources';
import { PROJECT_PATH, type SandboxContext } from '../context';
import { TOKEN_REQUEST_TYPES, TRIGGERS, WEBHOOK_TARGET_TYPES } from '../enums';
import { ApiError } from '../errors';
import { applyPatch, readUpdateMask } from '../fieldMask';
import type { Router } from '../http/router';
import { ulid } from '../../conversation/ulid';
import { checkEnum, Fields } from '../validate';
import { requireApp } from './lookups';

const MAX_WEBHOOKS_PER_APP = 5;
const UPDATABLE = ['target', 'target_type', 'secret', 'triggers', 'client_credentials'] as const;

function validateWebhook(f: Fields, id: string, appId: string): Webhook {
  const target = f.str('target', { required: true, max: 742 }) ?? '';
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return f.fail('target', `'${target}' is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') f.fail('target', 'must be an http or https URL');
  if (/^conversation-api\..*\.sinch\.com$/i.test(url.hostname)) f.fail('target', 'Conversation API hosts cannot be webhook targets');
  const triggers = (f.arr('triggers') ?? []).map((t, i) => {
    const path = `${f.at('triggers')}[${i}]`;
    // The Node SDK's type spells it SMART_CONVERSATIONS; accept it as the same trigger.
    return t === 'SMART_CONVERSATIONS' ? 'SMART_CONVERSATION' : checkEnum(t, TRIGGERS, path);
  });
  const credentials = f.obj_('client_credentials');
  if (credentials) {
    credentials.str('client_id', { required: true });
    credentials.str('client_secret', { required: true });
    credentials.str('endpoint', { required: true });
    credentials.str('scope', { max: 1024 });
    credentials.str('response_type', { max: 64 });
    credentials.enumOf('token_request_type', TOKEN_REQUEST_TYPES);
  }
  return {
    id,
    app_id: appId,
    target,
    target_type: f.enumOf('target_type', WEBHOOK_TARGET_TYPES) ?? 'HTTP',
    secret: f.str('secret') ?? '',
    triggers: [...new Set(triggers)],
    ...(credentials ? { client_credentials: credentials.obj } : {}),
  };
}

export function registerWebhooks(router: Router, ctx: SandboxContext): void {
  const assertUniqueTarget = (webhook: Webhook): void => {
    const clash = ctx
      .store()
      .webhooksOf(webhook.app_id)
      .find((w) => w.target === webhook.target && w.id !== webhook.id);
    if (clash) throw ApiError.invalid(`target: app ${webhook.app_id} already has a webhook (${clash.id}) for ${webhook.target}`, 'target');
  };

  router.on('POST', `${PROJECT_PATH}/webhooks`, (req) => {
    const store = ctx.store();
    const f = Fields.body(req.body);
    const app = requireApp(store, f.str('app_id', { required: true }) ?? '');
    const webhook = validateWebhook(f, ulid(), app.id);
    if (store.webhooksOf(app.id).length >= MAX_WEBHOOKS_PER_APP) {
      throw ApiError.invalid(`App ${app.id} already has the maximum of ${MAX_WEBHOOKS_PER_APP} webhooks`);
    }
    assertUniqueTarget(webhook);
    store.webhooks.set(webhook.id, webhook);
    return webhook;
  });

  router.on('GET', `${PROJECT_PATH}/apps/{app_id}/webhooks`, (req) => {
    const app = requireApp(ctx.store(), req.params['app_id'] ?? '');
    return { webhooks: ctx.store().webhooksOf(app.id) };
  });

  const requireWebhook = (id: string): Webhook => {
    const webhook = ctx.store().webhooks.get(id);
    if (!webhook) throw ApiError.notFound(`Webhook '${id}' not found in project ${ctx.projectId}`);
    return webhook;
  };

  router.on('GET', `${PROJECT_PATH}/webhooks/{webhook_id}`, (req) => requireWebhook(req.params['webhook_id'] ?? ''));

  router.on('PATCH', `${PROJECT_PATH}/webhooks/{webhook_id}`, (req) => {
    const current = requireWebhook(req.params['webhook_id'] ?? '');
    const merged = applyPatch(current as unknown as JsonObject, Fields.body(req.body).obj, readUpdateMask(req.query), UPDATABLE);
    const webhook = validateWebhook(new Fields(merged), current.id, current.app_id);
    assertUniqueTarget(webhook);
    ctx.store().webhooks.set(webhook.id, webhook);
    return webhook;
  });

  router.on('DELETE', `${PROJECT_PATH}/webhooks/{webhook_id}`, (req) => {
    ctx.store().webhooks.delete(requireWebhook(req.params['webhook_id'] ?? '').id);
    return {};
  });
}
