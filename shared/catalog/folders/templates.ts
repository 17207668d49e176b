import { folder, operation } from '../build';

const translation = {
  language_code: 'en-US',
  version: '1',
  variables: [
    { key: 'name', preview_value: 'Ada' },
    { key: 'order_id', preview_value: 'order-42' },
  ],
  text_message: { text: 'Hi ${name}, your order ${order_id} has shipped.' },
};

export const templatesV2Folder = folder(
  'folder.templatesV2',
  'Templates v2',
  'Omni-channel templates on the Template Management host, {{template_base_url}} (§4.9).',
  [
    operation({
      id: 'templatesV2.create',
      name: 'Create template',
      description: 'Creates an omni template with an en-US text translation using ${name} and ${order_id}; stores its id in {{template_id}}.',
      method: 'POST',
      path: '/templates',
      api: 'templates-v2',
      bodySchema: 'templatesV2.create',
      body: { description: 'Shipping notification', default_translation: 'en-US', translations: [translation] },
      captures: [['template_id', 'id']],
    }),
    operation({
      id: 'templatesV2.list',
      name: 'List templates',
      description: "Lists the project's v2 templates.",
      method: 'GET',
      path: '/templates',
      api: 'templates-v2',
    }),
    operation({
      id: 'templatesV2.get',
      name: 'Get template',
      description: 'Gets one template, including its current version.',
      method: 'GET',
      path: '/templates/{{template_id}}',
      api: 'templates-v2',
    }),
    operation({
      id: 'templatesV2.update',
      name: 'Update template',
      description: 'Replaces the template; version must be its current version (1 after create, see Get template).',
      method: 'PUT',
      path: '/templates/{{template_id}}',
      api: 'templates-v2',
      bodySchema: 'templatesV2.update',
      body: {
        version: 1,
        description: 'Shipping notification (with Swedish)',
        default_translation: 'en-US',
        translations: [translation, { ...translation, language_code: 'sv-SE', text_message: { text: 'Hej ${name}, din order ${order_id} har skickats.' } }],
      },
    }),
    operation({
      id: 'templatesV2.translations',
      name: 'List template translations',
      description: "Lists a template's translations, optionally for one language and version.",
      method: 'GET',
      path: '/templates/{{template_id}}/translations',
      api: 'templates-v2',
      query: [
        { key: 'language_code', value: 'en-US', optional: true },
        { key: 'translation_version', value: 'latest', optional: true },
      ],
    }),
    operation({
      id: 'templatesV2.delete',
      name: 'Delete template',
      description: 'Deletes the template.',
      method: 'DELETE',
      path: '/templates/{{template_id}}',
      api: 'templates-v2',
    }),
  ],
);

export const templatesV1Folder = folder(
  'folder.templatesV1',
  'Templates v1 (end-of-life)',
  'Templates v1 reached end-of-life on 2026-01-31; kept for old projects (§4.10). Use Templates v2.',
  [
    operation({
      id: 'templatesV1.create',
      name: 'Create v1 template',
      description: 'Creates a v1 template whose content is an AppMessage as a JSON string; stores its id in {{v1_template_id}}.',
      method: 'POST',
      path: '/templates',
      api: 'templates-v1',
      bodySchema: 'templatesV1.create',
      body: {
        description: 'Shipping notification (v1)',
        channel: 'CONVERSATION',
        default_translation: 'en-US',
        translations: [
          {
            language_code: 'en-US',
            version: '1',
            content: JSON.stringify({ text_message: { text: 'Hi ${name}, your order has shipped.' } }),
            variables: [{ key: 'name', preview_value: 'Ada' }],
          },
        ],
      },
      captures: [['v1_template_id', 'id']],
    }),
    operation({
      id: 'templatesV1.list',
      name: 'List v1 templates',
      description: "Lists the project's v1 templates.",
      method: 'GET',
      path: '/templates',
      api: 'templates-v1',
    }),
    operation({
      id: 'templatesV1.get',
      name: 'Get v1 template',
      description: 'Gets one v1 template.',
      method: 'GET',
      path: '/templates/{{v1_template_id}}',
      api: 'templates-v1',
    }),
    operation({
      id: 'templatesV1.update',
      name: 'Update v1 template',
      description: 'Changes a v1 template; with update_mask only the listed fields change.',
      method: 'PATCH',
      path: '/templates/{{v1_template_id}}',
      api: 'templates-v1',
      query: [{ key: 'update_mask', value: 'description', optional: true }],
      bodySchema: 'templatesV1.update',
      body: { description: 'Shipping notification (v1, renamed)' },
    }),
    operation({
      id: 'templatesV1.delete',
      name: 'Delete v1 template',
      description: 'Deletes a v1 template.',
      method: 'DELETE',
      path: '/templates/{{v1_template_id}}',
      api: 'templates-v1',
    }),
  ],
);
