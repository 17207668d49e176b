import { folder, operation } from '../build';

export const settingsFolder = folder('folder.settings', 'Project settings', 'Project-wide settings (§4.12).', [
  operation({
    id: 'settings.create',
    name: 'Create project settings',
    description: 'Creates the project settings (once; use Update afterwards).',
    method: 'POST',
    path: '/settings',
    bodySchema: 'settings.create',
    body: { contact_settings: { unified_contact_id_enabled: true } },
  }),
  operation({
    id: 'settings.get',
    name: 'Get project settings',
    description: 'Gets the project settings.',
    method: 'GET',
    path: '/settings',
  }),
  operation({
    id: 'settings.update',
    name: 'Update project settings',
    description: 'Changes the project settings.',
    method: 'PATCH',
    path: '/settings',
    bodySchema: 'settings.update',
    body: { contact_settings: { unified_contact_id_enabled: false } },
  }),
  operation({
    id: 'settings.delete',
    name: 'Delete project settings',
    description: 'Deletes the project settings (defaults apply again).',
    method: 'DELETE',
    path: '/settings',
  }),
]);
