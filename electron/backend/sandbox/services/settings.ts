import type { ProjectSettings } from '../../../../shared/conversation/resources';
import { PROJECT_PATH, type SandboxContext } from '../context';
import { ApiError } from '../errors';
import type { Router } from '../http/router';
import { Fields } from '../validate';

function readSettings(body: unknown, previous?: ProjectSettings): ProjectSettings {
  const f = Fields.body(body);
  const contact = f.obj_('contact_settings');
  return {
    contact_settings: {
      unified_contact_id_enabled: contact?.bool('unified_contact_id_enabled') ?? previous?.contact_settings.unified_contact_id_enabled ?? false,
    },
  };
}

export function registerSettings(router: Router, ctx: SandboxContext): void {
  const path = `${PROJECT_PATH}/settings`;
  const view = (settings: ProjectSettings): unknown => ({ project_id: ctx.projectId, settings });

  router.on('POST', path, (req) => {
    const store = ctx.store();
    if (store.settings) throw new ApiError(409, 'ALREADY_EXISTS', `Settings already exist for project ${ctx.projectId}; use PATCH`);
    store.settings = readSettings(req.body);
    return view(store.settings);
  });

  router.on('GET', path, () => {
    const settings = ctx.store().settings;
    if (!settings) throw ApiError.notFound(`No settings stored for project ${ctx.projectId}`);
    return view(settings);
  });

  router.on('PATCH', path, (req) => {
    const store = ctx.store();
    store.settings = readSettings(req.body, store.settings);
    return view(store.settings);
  });

  router.on('DELETE', path, () => {
    const store = ctx.store();
    if (!store.settings) throw ApiError.notFound(`No settings stored for project ${ctx.projectId}`);
    store.settings = undefined;
    return {};
  });
}
