/**
 * "Code › Sinch SDK": a catalog request as the call the official Node SDK (`@sinch/sdk-core` 1.4)
 * makes for it, filled with the request's values. The method and parameter names below were read
 * from the SDK's own type declarations (node_modules/@sinch/conversation/dist/rest/v1/*-api.d.ts
 * and models/v1/requests/*-request-data.d.ts); an integration test runs the generated code against
 * the sandbox with the real SDK. The Java, Python and .NET names are those of the official SDK
 * repositories (sinch-sdk-java `conversation().v1()`, sinch-sdk-python 1.x `conversation.*`,
 * sinch-sdk-dotnet `Conversation.*`); they are shown as names only, never compiled here, and left
 * out where we could not confirm one.
 *
 * Pure: the operation is recognised from the method and the URL's path, so a catalog request
 * copied into a collection (or typed by hand) maps too.
 */

import { dictionary, getOwn } from '../safeObject';

/** How a query parameter is passed to the SDK (its request-data types are not all strings). */
type QueryKind = 'string' | 'number' | 'boolean' | 'date' | 'list';

export interface SdkOperation {
  /** Catalog operation id (prefix for the families: `messages.send` covers every `messages.send.*`). */
  id: string;
  method: string;
  /** Which host and version the path is under. */
  api: 'v1' | 'templates-v1' | 'templates-v2';
  /** Path after `/projects/{project_id}`; `{name}` is a path parameter passed under that name. */
  path: string;
  /** `sinchClient.conversation.<call>(…)`. */
  call: string;
  /** The key the JSON body is passed under, if the operation has one. */
  body?: string;
  query?: Record<string, QueryKind>;
  /** The same operation's method in the Java, Python and .NET SDKs, where one was confirmed. */
  java?: string;
  python?: string;
  dotnet?: string;
}

const PAGING: Record<string, QueryKind> = { page_size: 'number', page_token: 'string' };

/** Every catalog operation the Node SDK has a method for. */
export const SDK_OPERATIONS: readonly SdkOperation[] = [
  {
    id: 'apps.create',
    method: 'POST',
    api: 'v1',
    path: '/apps',
    call: 'app.create',
    body: 'appCreateRequestBody',
    java: 'apps().create',
    python: 'app.create',
    dotnet: 'Apps.Create',
  },
  { id: 'apps.list', method: 'GET', api: 'v1', path: '/apps', call: 'app.list', java: 'apps().list', python: 'app.list', dotnet: 'Apps.List' },
  { id: 'apps.get', method: 'GET', api: 'v1', path: '/apps/{app_id}', call: 'app.get', java: 'apps().get', python: 'app.get', dotnet: 'Apps.Get' },
  {
    id: 'apps.update',
    method: 'PATCH',
    api: 'v1',
    path: '/apps/{app_id}',
    call: 'app.update',
    body: 'appUpdateRequestBody',
    query: { update_mask: 'list' },
    java: 'apps().update',
    python: 'app.update',
    dotnet: 'Apps.Update',
  },
  {
    id: 'apps.delete',
    method: 'DELETE',
    api: 'v1',
    path: '/apps/{app_id}',
    call: 'app.delete',
    java: 'apps().delete',
    python: 'app.delete',
    dotnet: 'Apps.Delete',
  },
  {
    id: 'contacts.create',
    method: 'POST',
    api: 'v1',
    path: '/contacts',
    call: 'contact.create',
    body: 'contactCreateRequestBody',
    java: 'contacts().create',
    python: 'contact.create',
    dotnet: 'Contacts.Create',
  },
  {
    id: 'contacts.list',
    method: 'GET',
    api: 'v1',
    path: '/contacts',
    call: 'contact.list',
    query: { ...PAGING, external_id: 'string', channel: 'string', identity: 'string' },
    java: 'contacts().list',
    python: 'contact.list',
    dotnet: 'Contacts.List',
  },
  {
    id: 'contacts.get',
    method: 'GET',
    api: 'v1',
    path: '/contacts/{contact_id}',
    call: 'contact.get',
    java: 'contacts().get',
    python: 'contact.get',
    dotnet: 'Contacts.Get',
  },
  {
    id: 'contacts.update',
    method: 'PATCH',
    api: 'v1',
    path: '/contacts/{contact_id}',
    call: 'contact.update',
    body: 'updateContactRequestBody',
    query: { update_mask: 'list' },
    java: 'contacts().update',
    python: 'contact.update',
    dotnet: 'Contacts.Update',
  },
  {
    id: 'contacts.merge',
    method: 'POST',
    api: 'v1',
    path: '/contacts/{destination_id}:merge',
    call: 'contact.mergeContact',
    body: 'mergeContactRequestBody',
    java: 'contacts().mergeContact',
    python: 'contact.merge',
    dotnet: 'Contacts.Merge',
  },
  {
    id: 'contacts.getChannelProfile',
    method: 'POST',
    api: 'v1',
    path: '/contacts:getChannelProfile',
    call: 'contact.getChannelProfile',
    body: 'getChannelProfileRequestBody',
    java: 'contacts().getChannelProfileByChannelIdentity',
    python: 'contact.get_channel_profile',
    dotnet: 'Contacts.GetChannelProfile',
  },
  { id: 'contacts.identityConflicts', method: 'GET', api: 'v1', path: '/contacts:identityConflicts', call: 'contact.listIdentityConflicts', query: PAGING },
  {
    id: 'contacts.delete',
    method: 'DELETE',
    api: 'v1',
    path: '/contacts/{contact_id}',
    call: 'contact.delete',
    java: 'contacts().delete',
    python: 'contact.delete',
    dotnet: 'Contacts.Delete',
  },
  {
    id: 'conversations.create',
    method: 'POST',
    api: 'v1',
    path: '/conversations',
    call: 'conversation.create',
    body: 'createConversationRequestBody',
    java: 'conversations().create',
    python: 'conversation.create',
    dotnet: 'Conversations.Create',
  },
  {
    id: 'conversations.list',
    method: 'GET',
    api: 'v1',
    path: '/conversations',
    call: 'conversation.list',
    query: { ...PAGING, only_active: 'boolean', app_id: 'string', contact_id: 'string', active_channel: 'string' },
    java: 'conversations().list',
    python: 'conversation.list',
    dotnet: 'Conversations.List',
  },
  {
    id: 'conversations.recent',
    method: 'GET',
    api: 'v1',
    path: '/conversations:recent',
    call: 'conversation.listRecent',
    query: { ...PAGING, app_id: 'string', only_active: 'boolean', order: 'string' },
    java: 'conversations().listRecent',
    dotnet: 'Conversations.ListRecent',
  },
  {
    id: 'conversations.get',
    method: 'GET',
    api: 'v1',
    path: '/conversations/{conversation_id}',
    call: 'conversation.get',
    java: 'conversations().get',
    python: 'conversation.get',
    dotnet: 'Conversations.Get',
  },
  {
    id: 'conversations.update',
    method: 'PATCH',
    api: 'v1',
    path: '/conversations/{conversation_id}',
    call: 'conversation.update',
    body: 'updateConversationRequestBody',
    query: { update_mask: 'list', metadata_update_strategy: 'string' },
    java: 'conversations().update',
    python: 'conversation.update',
    dotnet: 'Conversations.Update',
  },
  {
    id: 'conversations.injectMessage',
    method: 'POST',
    api: 'v1',
    path: '/conversations/{conversation_id}:inject-message',
    call: 'conversation.injectMessage',
    body: 'injectMessageRequestBody',
    java: 'conversations().injectMessage',
    python: 'conversation.inject_message_to_conversation',
    dotnet: 'Conversations.InjectMessage',
  },
  {
    id: 'conversations.injectEvent',
    method: 'POST',
    api: 'v1',
    path: '/conversations/{conversation_id}:inject-event',
    call: 'conversation.injectEvent',
    body: 'injectConversationEventRequestBody',
    java: 'conversations().injectEvent',
    dotnet: 'Conversations.InjectEvent',
  },
  {
    id: 'conversations.stop',
    method: 'POST',
    api: 'v1',
    path: '/conversations/{conversation_id}:stop',
    call: 'conversation.stopActive',
    java: 'conversations().stopActive',
    python: 'conversation.stop',
    dotnet: 'Conversations.Stop',
  },
  {
    id: 'conversations.delete',
    method: 'DELETE',
    api: 'v1',
    path: '/conversations/{conversation_id}',
    call: 'conversation.delete',
    java: 'conversations().delete',
    python: 'conversation.delete',
    dotnet: 'Conversations.Delete',
  },
  {
    id: 'messages.send',
    method: 'POST',
    api: 'v1',
    path: '/messages:send',
    call: 'messages.send',
    body: 'sendMessageRequestBody',
    java: 'messages().sendMessage',
    python: 'message.send',
    dotnet: 'Messages.Send',
  },
  {
    id: 'messages.list',
    method: 'GET',
    api: 'v1',
    path: '/messages',
    call: 'messages.list',
    query: {
      ...PAGING,
      conversation_id: 'string',
      contact_id: 'string',
      app_id: 'string',
      channel_identity: 'string',
      start_time: 'date',
      end_time: 'date',
      view: 'string',
      messages_source: 'string',
      only_recipient_originated: 'boolean',
      channel: 'string',
      direction: 'string',
    },
    java: 'messages().list',
    python: 'message.list',
    dotnet: 'Messages.List',
  },
  {
    id: 'messages.get',
    method: 'GET',
    api: 'v1',
    path: '/messages/{message_id}',
    call: 'messages.get',
    query: { messages_source: 'string' },
    java: 'messages().get',
    python: 'message.get',
    dotnet: 'Messages.Get',
  },
  {
    id: 'messages.update',
    method: 'PATCH',
    api: 'v1',
    path: '/messages/{message_id}',
    call: 'messages.update',
    body: 'updateMessageRequestBody',
    query: { messages_source: 'string' },
    java: 'messages().update',
    dotnet: 'Messages.Update',
  },
  {
    id: 'messages.fetchLastMessage',
    method: 'POST',
    api: 'v1',
    path: '/messages:fetch-last-message',
    call: 'messages.listLastMessagesByChannelIdentity',
    body: 'listLastMessagesByChannelIdentityRequestBody',
  },
  {
    id: 'messages.delete',
    method: 'DELETE',
    api: 'v1',
    path: '/messages/{message_id}',
    call: 'messages.delete',
    query: { messages_source: 'string' },
    java: 'messages().delete',
    python: 'message.delete',
    dotnet: 'Messages.Delete',
  },
  {
    id: 'events.send',
    method: 'POST',
    api: 'v1',
    path: '/events:send',
    call: 'events.send',
    body: 'sendEventRequestBody',
    java: 'events().send',
    python: 'event.send',
    dotnet: 'Events.Send',
  },
  {
    id: 'events.list',
    method: 'GET',
    api: 'v1',
    path: '/events',
    call: 'events.list',
    query: { ...PAGING, conversation_id: 'string', contact_id: 'string' },
    java: 'events().list',
  },
  { id: 'events.get', method: 'GET', api: 'v1', path: '/events/{event_id}', call: 'events.get', java: 'events().get', dotnet: 'Events.Get' },
  { id: 'events.delete', method: 'DELETE', api: 'v1', path: '/events/{event_id}', call: 'events.delete', java: 'events().delete', dotnet: 'Events.Delete' },
  {
    id: 'webhooks.create',
    method: 'POST',
    api: 'v1',
    path: '/webhooks',
    call: 'webhooks.create',
    body: 'webhookCreateRequestBody',
    python: 'webhook.create',
    dotnet: 'Webhooks.Create',
  },
  { id: 'webhooks.list', method: 'GET', api: 'v1', path: '/apps/{app_id}/webhooks', call: 'webhooks.list', python: 'webhook.list', dotnet: 'Webhooks.List' },
  { id: 'webhooks.get', method: 'GET', api: 'v1', path: '/webhooks/{webhook_id}', call: 'webhooks.get', python: 'webhook.get', dotnet: 'Webhooks.Get' },
  {
    id: 'webhooks.update',
    method: 'PATCH',
    api: 'v1',
    path: '/webhooks/{webhook_id}',
    call: 'webhooks.update',
    body: 'webhookUpdateRequestBody',
    query: { update_mask: 'list' },
    python: 'webhook.update',
    dotnet: 'Webhooks.Update',
  },
  {
    id: 'webhooks.delete',
    method: 'DELETE',
    api: 'v1',
    path: '/webhooks/{webhook_id}',
    call: 'webhooks.delete',
    python: 'webhook.delete',
    dotnet: 'Webhooks.Delete',
  },
  {
    id: 'messages.transcode',
    method: 'POST',
    api: 'v1',
    path: '/messages:transcode',
    call: 'transcoding.transcodeMessage',
    body: 'transcodeMessageRequestBody',
    java: 'transcoding().transcodeMessage',
    python: 'transcoding.transcode_message',
  },
  {
    id: 'capability.query',
    method: 'POST',
    api: 'v1',
    path: '/capability:query',
    call: 'capability.lookup',
    body: 'lookupCapabilityRequestBody',
    java: 'capability().lookup',
    python: 'capability.query',
    dotnet: 'Capability.Lookup',
  },
  { id: 'templatesV2.create', method: 'POST', api: 'templates-v2', path: '/templates', call: 'templatesV2.create', body: 'createTemplateRequestBody' },
  { id: 'templatesV2.list', method: 'GET', api: 'templates-v2', path: '/templates', call: 'templatesV2.list' },
  { id: 'templatesV2.get', method: 'GET', api: 'templates-v2', path: '/templates/{template_id}', call: 'templatesV2.get', dotnet: 'TemplatesV2.Get' },
  {
    id: 'templatesV2.update',
    method: 'PUT',
    api: 'templates-v2',
    path: '/templates/{template_id}',
    call: 'templatesV2.update',
    body: 'updateTemplateRequestBody',
  },
  {
    id: 'templatesV2.translations',
    method: 'GET',
    api: 'templates-v2',
    path: '/templates/{template_id}/translations',
    call: 'templatesV2.listTranslations',
    query: { language_code: 'string', translation_version: 'string' },
  },
  { id: 'templatesV2.delete', method: 'DELETE', api: 'templates-v2', path: '/templates/{template_id}', call: 'templatesV2.delete' },
  {
    id: 'templatesV1.create',
    method: 'POST',
    api: 'templates-v1',
    path: '/templates',
    call: 'templatesV1.create',
    body: 'createTemplateRequestBody',
    python: 'template.create',
  },
  { id: 'templatesV1.list', method: 'GET', api: 'templates-v1', path: '/templates', call: 'templatesV1.list', python: 'template.list' },
  { id: 'templatesV1.get', method: 'GET', api: 'templates-v1', path: '/templates/{template_id}', call: 'templatesV1.get', python: 'template.get' },
  {
    id: 'templatesV1.update',
    method: 'PATCH',
    api: 'templates-v1',
    path: '/templates/{template_id}',
    call: 'templatesV1.update',
    body: 'updateTemplateRequestBody',
    query: { update_mask: 'list' },
    python: 'template.update',
  },
  { id: 'templatesV1.delete', method: 'DELETE', api: 'templates-v1', path: '/templates/{template_id}', call: 'templatesV1.delete', python: 'template.delete' },
  { id: 'consents.list', method: 'GET', api: 'v1', path: '/apps/{app_id}/consents/{list_type}', call: 'consents.listIdentities', query: PAGING },
  { id: 'consents.auditRecords', method: 'GET', api: 'v1', path: '/apps/{app_id}/consents/identities/{identity}', call: 'consents.listAuditRecords' },
  {
    id: 'settings.create',
    method: 'POST',
    api: 'v1',
    path: '/settings',
    call: 'projectSettings.create',
    body: 'createProjectSettingsRequestBody',
    java: 'projectSettings().create',
  },
  { id: 'settings.get', method: 'GET', api: 'v1', path: '/settings', call: 'projectSettings.get', java: 'projectSettings().get' },
  {
    id: 'settings.update',
    method: 'PATCH',
    api: 'v1',
    path: '/settings',
    call: 'projectSettings.update',
    body: 'updateProjectSettingsRequestBody',
    java: 'projectSettings().update',
  },
  { id: 'settings.delete', method: 'DELETE', api: 'v1', path: '/settings', call: 'projectSettings.delete', java: 'projectSettings().delete' },
];

export interface SdkMatch {
  operation: SdkOperation;
  /** Path parameters by the SDK's name, decoded. */
  pathParams: Record<string, string>;
  projectId: string;
  /** Scheme, host and any base path before `/v1` or `/v2` (what the SDK's hostname options take). */
  origin: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternFor(op: SdkOperation): RegExp {
  const version = op.api === 'templates-v2' ? 'v2' : 'v1';
  const names: string[] = [];
  const path = op.path
    .split(/(\{[a-z_]+\})/)
    .map((part) => {
      const name = /^\{([a-z_]+)\}$/.exec(part)?.[1];
      if (!name) return escapeRegExp(part);
      names.push(name);
      // An id is one segment, and never holds the `:` of a custom method such as `:merge`.
      return '([^/:?#]+)';
    })
    .join('');
  return new RegExp(`^(.*?)/${version}/projects/([^/?#]+)${path}/?$`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The SDK operation a request is, from its method and resolved URL; null when the SDK has no
 * method for it (or the URL is not a Conversation or Template API path). Template v1 and
 * conversation paths both start with `/v1/projects/…`: `hints.catalogId` (the request's catalog
 * id, when it has one), `hints.templateHost` (the URL was typed as `{{template_base_url}}/…`) or
 * a host name with "template" in it tells them apart.
 */
export function matchSdkOperation(method: string, url: string, hints: { catalogId?: string; templateHost?: boolean } = {}): SdkMatch | null {
  const { catalogId } = hints;
  const pathOnly = url.split(/[?#]/)[0] ?? '';
  const candidates = SDK_OPERATIONS.filter((op) => op.method === method.toUpperCase());
  const byId = catalogId ? candidates.filter((op) => catalogId === op.id || catalogId.startsWith(`${op.id}.`)) : [];
  for (const op of [...byId, ...candidates]) {
    const match = patternFor(op).exec(pathOnly);
    if (!match) continue;
    const origin = match[1] ?? '';
    if (op.api === 'templates-v1' && byId.length === 0 && hints.templateHost !== true && !/template/i.test(origin)) continue;
    if (op.api === 'v1' && op.path === '/templates') continue;
    const names = [...op.path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] as string);
    const pathParams = dictionary<string>();
    names.forEach((name, i) => {
      pathParams[name] = safeDecode(match[i + 3] ?? '');
    });
    return { operation: op, pathParams, projectId: safeDecode(match[2] ?? ''), origin };
  }
  return null;
}

/** How the snippet's SinchClient is configured. */
export interface SdkClientConfig {
  projectId: string;
  keyId: string;
  /** The key secret as a JavaScript expression: a quoted literal, or `process.env.SINCH_KEY_SECRET`. */
  keySecretExpression: string;
  /** A Sinch region, or null when the hosts are given explicitly (sandbox, custom base URL). */
  region: 'us' | 'eu' | 'br' | null;
  hostnames?: { conversation: string; templates: string; auth: string | null };
}

/** A JavaScript literal for a JSON value, keys unquoted where JavaScript allows it. */
export function jsLiteral(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (value === null || typeof value !== 'object') return value === undefined ? 'undefined' : JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${jsLiteral(v, inner)}`).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  // `__proto__: v` (quoted or not) in a literal sets the prototype; the computed form is a plain key.
  const key = (k: string): string => (k === '__proto__' ? '["__proto__"]' : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${jsLiteral(v, inner)}`).join(',\n')},\n${indent}}`;
}

function queryValue(kind: QueryKind, raw: string): string {
  if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(raw)) return raw;
  if (kind === 'boolean' && (raw === 'true' || raw === 'false')) return raw;
  if (kind === 'date') return `new Date(${JSON.stringify(raw)})`;
  if (kind === 'list')
    return jsLiteral(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    );
  return JSON.stringify(raw);
}

export interface SdkSnippet {
  code: string;
  /** Query parameters the SDK method does not take: left out, and said. */
  dropped: string[];
}

/**
 * The Node SDK snippet for a matched request. `body` is the parsed JSON body (undefined when the
 * request has none). Query parameters come from the URL; those the SDK does not take are dropped
 * and reported.
 */
export function nodeSdkSnippet(match: SdkMatch, url: string, body: unknown, client: SdkClientConfig, comments: readonly string[]): SdkSnippet {
  const { operation } = match;
  const args: string[] = [];
  for (const [name, value] of Object.entries(match.pathParams)) args.push(`${name}: ${JSON.stringify(value)}`);
  const dropped: string[] = [];
  const queryText = url.includes('?') ? (url.slice(url.indexOf('?') + 1).split('#')[0] ?? '') : '';
  for (const pair of queryText.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = safeDecode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = safeDecode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    const kind = operation.query ? getOwn(operation.query, name) : undefined;
    if (!kind) {
      dropped.push(name);
      continue;
    }
    if (value === '') continue;
    args.push(`${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name)}: ${queryValue(kind, value)}`);
  }
  if (operation.body) args.push(`${operation.body}: ${jsLiteral(body ?? {}, '    ')}`);
  const call = `sinchClient.conversation.${operation.call}`;
  const callText = args.length === 0 ? `${call}()` : `${call}({\n${args.map((a) => `    ${a},`).join('\n')}\n  })`;

  const config = [
    `  projectId: ${JSON.stringify(client.projectId)},`,
    `  keyId: ${JSON.stringify(client.keyId)},`,
    `  keySecret: ${client.keySecretExpression},`,
  ];
  if (client.region) config.push(`  conversationRegion: ${JSON.stringify(client.region)},`);
  if (client.hostnames) {
    config.push(`  conversationHostname: ${JSON.stringify(client.hostnames.conversation)},`);
    config.push(`  conversationTemplatesHostname: ${JSON.stringify(client.hostnames.templates)},`);
    if (client.hostnames.auth) config.push(`  authHostname: ${JSON.stringify(client.hostnames.auth)},`);
  }
  const lines = [
    ...comments.map((c) => `// ${c}`),
    ...(comments.length > 0 ? [''] : []),
    "const { SinchClient } = require('@sinch/sdk-core');",
    '',
    'const sinchClient = new SinchClient({',
    ...config,
    '});',
    '',
    'async function main() {',
    `  const response = await ${callText};`,
    '  console.log(JSON.stringify(response, null, 2));',
    '}',
    '',
    'main().catch((error) => {',
    '  console.error(error);',
    '  process.exitCode = 1;',
    '});',
    '',
  ];
  return { code: lines.join('\n'), dropped };
}

/** The same call in the other official SDKs, by name, where one exists. */
export function otherSdkNames(operation: SdkOperation): { java: string | null; python: string | null; dotnet: string | null } {
  return {
    java: operation.java ? `sinchClient.conversation().v1().${operation.java}(…)` : null,
    python: operation.python ? `sinch_client.conversation.${operation.python}(…)` : null,
    dotnet: operation.dotnet ? `sinch.Conversation.${operation.dotnet}(…)` : null,
  };
}
