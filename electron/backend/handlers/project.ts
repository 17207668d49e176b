import type { BackendContext, HandlerGroup } from '../context';

/**
 * `project.*`: the Project view. Each call goes to the environment's API; a refusal comes back as
 * `{ ok: false, problem }` next to the field it belongs to. Nothing returned holds a secret.
 */
export function projectHandlers({ project }: Pick<BackendContext, 'project'>): HandlerGroup<'project'> {
  return {
    'project.check': ({ environmentId }) => project.check(environmentId),
    'project.listApps': ({ environmentId }) => project.listApps(environmentId),
    'project.getApp': ({ environmentId, appId }) => project.getApp(environmentId, appId),
    'project.createApp': ({ environmentId, displayName }) => project.createApp(environmentId, displayName),
    'project.renameApp': ({ environmentId, appId, displayName }) => project.renameApp(environmentId, appId, displayName),
    'project.deleteApp': ({ environmentId, appId }) => project.deleteApp(environmentId, appId),
    'project.useApp': ({ environmentId, appId }) => project.useApp(environmentId, appId),
    'project.saveChannel': (input) => project.saveChannel(input),
    'project.removeChannel': ({ environmentId, appId, key }) => project.removeChannel(environmentId, appId, key),
    'project.reorderChannels': ({ environmentId, appId, order }) => project.reorderChannels(environmentId, appId, order),
    'project.listContacts': ({ environmentId, pageToken }) => project.listContacts(environmentId, pageToken),
    'project.explainRouting': ({ environmentId, appId, contactId }) => project.explainRouting(environmentId, appId, contactId),
    'project.setContactPriority': (input) => project.setContactPriority(input),
    'project.listWebhooks': ({ environmentId, appId }) => project.listWebhooks(environmentId, appId),
    'project.saveWebhook': (input) => project.saveWebhook(input),
    'project.deleteWebhook': ({ environmentId, appId, webhookId }) => project.deleteWebhook(environmentId, appId, webhookId),
    'project.usePublicUrl': ({ environmentId, appId }) => project.usePublicUrl(environmentId, appId),
    'project.sendTestMessage': (input) => project.sendTestMessage(input),
  };
}
