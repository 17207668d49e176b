/**
 * Sinch's own Postman collections name what the environment holds in their own way: `{{PROJECT_ID}}`
 * or `{{PROJECT}}` for the project, `{{BASE_URL}}` or `{{CONVERSATION_API_URL}}` for the region's host,
 * `{{KEY_ID}}`/`{{CLIENT_ID}}` for the access key… and ship them as empty collection variables, so
 * an imported request goes to `…/projects//messages:send`. This recognises those names and binds them
 * to the environment: the collection variable becomes a reference to the environment's own
 * (`PROJECT_ID = {{project_id}}`).
 *
 * Why a reference in the collection variable, not a rewrite of the requests: the requests stay as
 * Sinch wrote them, so an export to Postman is the same collection with one variable filled in (and
 * works there against our exported environment, whose `project_id` it names); a Postman environment
 * that sets `PROJECT_ID` itself still wins over it (an environment is more specific than a
 * collection, in Postman and here); and `sinch-explorer run` resolves the reference like any other
 * nested variable. Beside the formats, not in postman/: whatever format an imported collection came
 * from, the report offers its Sinch-named variables the same way. Pure.
 */
import type { CollectionTree, RequestTemplate } from '../model/collection';
import type { KeyValue } from '../model/keyValue';
import { flattenRequests } from '../model/collection';
import { findVariables } from '../variables';
import type { VariableBinding } from './report';

/** What a recognised variable can be bound to: the environment's fields, and the ids the catalog's captures keep in it. */
export const BINDING_TARGETS = [
  'project_id',
  'app_id',
  'base_url',
  'template_base_url',
  'contact_id',
  'conversation_id',
  'message_id',
  'webhook_id',
  'webhook_target',
] as const;
export type BindingTarget = (typeof BINDING_TARGETS)[number];

/** The environment's own fields: bound whatever the file gives them, since the environment is where they belong. */
const ENVIRONMENT_FIELDS: readonly BindingTarget[] = ['project_id', 'app_id', 'base_url', 'template_base_url'];

const LABELS: Record<BindingTarget | 'access-key', string> = {
  project_id: "the environment's Project ID",
  app_id: "the environment's App ID",
  base_url: "the environment's region (or the sandbox): its Conversation API address",
  template_base_url: "the environment's region: its Template Management address",
  contact_id: "the contact id the catalog's Create contact keeps in the environment",
  conversation_id: "the conversation id the catalog's Create conversation keeps in the environment",
  message_id: "the message id the catalog's Send message requests keep in the environment",
  webhook_id: "the webhook id the catalog's Create webhook keeps in the environment",
  webhook_target: 'the callback URL the catalog uses (your webhook listener)',
  'access-key': "the environment's access key, which authenticates every request instead",
};

/** Names as Sinch's collections and docs write them, lower-cased, without `_`, `-`, `.` and a leading `sinch`. */
const NAMES: ReadonlyMap<string, BindingTarget | 'access-key'> = new Map<string, BindingTarget | 'access-key'>([
  ...['project', 'projectid'].map((n) => [n, 'project_id'] as const),
  ...['app', 'appid', 'conversationappid'].map((n) => [n, 'app_id'] as const),
  ...['baseurl', 'conversationurl', 'conversationapiurl', 'conversationbaseurl', 'conversationapibaseurl', 'conversationhost'].map(
    (n) => [n, 'base_url'] as const,
  ),
  ...['templateurl', 'templatesurl', 'templatebaseurl', 'templatesbaseurl', 'templateapiurl', 'templatesapiurl', 'templatemanagementurl'].map(
    (n) => [n, 'template_base_url'] as const,
  ),
  ...['contact', 'contactid'].map((n) => [n, 'contact_id'] as const),
  // Not a bare MESSAGE or WEBHOOK: those are as often a text or a URL as an id.
  ...['conversationid'].map((n) => [n, 'conversation_id'] as const),
  ...['messageid'].map((n) => [n, 'message_id'] as const),
  ...['webhookid'].map((n) => [n, 'webhook_id'] as const),
  ...['webhookurl', 'webhooktarget', 'callbackurl', 'webhookcallbackurl', 'targeturl'].map((n) => [n, 'webhook_target'] as const),
  ...[
    'keyid',
    'clientid',
    'accesskeyid',
    'accesskey',
    'keysecret',
    'clientsecret',
    'accesssecret',
    'accesskeysecret',
    'authurl',
    'tokenurl',
    'oauthurl',
    'oauth2url',
    'accesstokenurl',
  ].map((n) => [n, 'access-key'] as const),
]);

/** What a variable name stands for in Sinch's naming, or null. `project_id` itself is the environment's own name: null. */
export function recogniseSinchVariable(name: string): BindingTarget | 'access-key' | null {
  const key = name
    .toLowerCase()
    .replace(/[-_.\s]/g, '')
    .replace(/^sinch/, '');
  const target = NAMES.get(key) ?? null;
  return target === name ? null : target;
}

function requestText(r: RequestTemplate): string {
  return [r.url, ...r.params.map((p) => `${p.key} ${p.value}`), ...r.headers.map((h) => `${h.key} ${h.value}`), r.body.mode === 'none' ? '' : r.body.text].join(
    '\n',
  );
}

/**
 * The Sinch-named variables a collection uses (in its requests, or in its auth when that became the
 * access key), each with what it binds to, whether the file left it empty, and how many requests use it.
 */
export function findBindings(tree: CollectionTree, authVariables: readonly string[]): VariableBinding[] {
  const uses = new Map<string, number>();
  for (const { request } of flattenRequests(tree.items)) {
    for (const name of new Set(findVariables(requestText(request)).map((t) => t.name))) uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  const defined = new Map(tree.variables.map((v) => [v.key, v.value] as const));
  const names = [...new Set([...uses.keys(), ...authVariables])];
  const out: VariableBinding[] = [];
  for (const variable of names) {
    const target = recogniseSinchVariable(variable);
    if (target === null) continue;
    // An id or URL the requests use but the access key has nothing to do with is left alone.
    if (target === 'access-key' && !authVariables.includes(variable)) continue;
    const value = defined.get(variable) ?? '';
    const empty = value.trim() === '';
    out.push({
      variable,
      target,
      label: LABELS[target],
      empty,
      // The environment's fields always; ids and URLs only when the file gives them no value of its own.
      suggested: target !== 'access-key' && (ENVIRONMENT_FIELDS.includes(target) || empty),
      uses: uses.get(variable) ?? 0,
    });
  }
  return out.sort((a, b) => Number(a.target === 'access-key') - Number(b.target === 'access-key') || b.uses - a.uses || a.variable.localeCompare(b.variable));
}

/** The collection's variables with each binding applied: `NAME = {{target}}`, added when the collection did not define it. */
export function applyBindings(variables: readonly KeyValue[], bindings: readonly { variable: string; target: BindingTarget }[]): KeyValue[] {
  const out = variables.map((v) => ({ ...v }));
  for (const { variable, target } of bindings) {
    const value = `{{${target}}}`;
    const rows = out.filter((v) => v.key.trim() === variable);
    if (rows.length === 0) out.push({ key: variable, value, enabled: true });
    for (const row of rows) Object.assign(row, { value, enabled: true });
  }
  return out;
}
