import { folder, operation, paging } from '../build';

export const consentsFolder = folder('folder.consents', 'Consents', 'Opt-out lists of an app (consent management, §4.11); read-only.', [
  operation({
    id: 'consents.list',
    name: 'List opt-outs',
    description: 'Lists identities on an opt-out list; list type OPT_OUT_ALL, OPT_OUT_MARKETING or OPT_OUT_NOTIFICATION in the path.',
    method: 'GET',
    path: '/apps/{{app_id}}/consents/OPT_OUT_ALL',
    query: paging(50),
  }),
  operation({
    id: 'consents.auditRecords',
    name: 'Get consent audit records',
    description: 'Shows every opt-in/opt-out change recorded for {{recipient_phone}} on {{app_id}}.',
    method: 'GET',
    path: '/apps/{{app_id}}/consents/identities/{{recipient_phone}}',
  }),
]);
