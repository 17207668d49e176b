/**
 * Our collection tree → Postman collection v2.1, safe to share: the collection authenticates with
 * HTTP Basic from `{{key_id}}` / `{{key_secret}}` placeholders (Sinch accepts Basic on every call,
 * and newman, Postman, Insomnia and Bruno all send it without scripts), secret-looking values are
 * `{{placeholders}}`, captures become test-script lines, and a run order (the built-in catalog's)
 * becomes `pm.execution.setNextRequest` so the Postman runner and newman go in that order. Pure.
 */
import type { CollectionTree, RequestTemplate, TreeItem } from '../../model/collection';
import type { KeyValue } from '../../model/keyValue';
import { ExportPlaceholders } from '../exportSecrets';
import { holdsLiteralValue, isSecretName } from '../secrets';
import { splitUrl } from '../../queryParams';
import { KEPT_SCRIPT_MARKER, captureScript } from './scripts';
import { POSTMAN_SCHEMA_V21, type PostmanCollection, type PostmanEvent, type PostmanItem, type PostmanKeyValue, type PostmanUrl } from './types';

export const EXPORT_KEY_ID_VARIABLE = 'key_id';
export const EXPORT_KEY_SECRET_VARIABLE = 'key_secret';

export interface PostmanExport {
  collection: PostmanCollection;
  /** `{{placeholders}}` written instead of secret values: what whoever imports it fills in. */
  placeholders: string[];
}

export interface PostmanExportOptions {
  /** Request ids in the order a collection run should send them; display order when absent. */
  runOrder?: readonly string[];
}

export function exportPostmanCollection(tree: CollectionTree, options: PostmanExportOptions = {}): PostmanExport {
  const secrets = new ExportPlaceholders();
  secrets.add(EXPORT_KEY_ID_VARIABLE);
  secrets.add(EXPORT_KEY_SECRET_VARIABLE);
  const next = nextInRun(tree, options.runOrder);
  const kv = (list: readonly KeyValue[]): PostmanKeyValue[] =>
    list.map((row) => ({ key: row.key, value: row.value, ...(row.enabled ? {} : { disabled: true }) }));
  // The request's URL and its query rows are written as they are: their secrets went at the request's first line.
  const url = (r: RequestTemplate): PostmanUrl => urlParts(r.url, kv(r.params));
  const request = (original: RequestTemplate): PostmanItem => {
    const r = secrets.request(original);
    const events: PostmanEvent[] = [];
    if (r.scripts?.preRequest) events.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: r.scripts.preRequest.split('\n') } });
    const test = captureScript(r.captures, next.get(r.id));
    if (r.scripts?.test) test.push('', KEPT_SCRIPT_MARKER, ...r.scripts.test.split('\n'));
    events.push({ listen: 'test', script: { type: 'text/javascript', exec: test } });
    const item: PostmanItem = {
      id: r.id,
      name: r.name,
      event: events,
      request: {
        method: r.method,
        header: kv(r.headers),
        url: url(r),
        ...(r.description ? { description: r.description } : {}),
        ...(r.auth === 'none' ? { auth: { type: 'noauth' } } : {}),
        ...(r.body.mode === 'none' || r.body.text === ''
          ? {}
          : { body: { mode: 'raw', raw: r.body.text, options: { raw: { language: r.body.mode === 'json' ? 'json' : 'text' } } } }),
      },
      response: (r.examples ?? []).map((e) => ({ name: e.name, code: e.status, header: kv(e.headers), body: e.body })),
    };
    return item;
  };
  const items = (list: readonly TreeItem[]): PostmanItem[] =>
    list.map((item) =>
      item.kind === 'request'
        ? request(item.request)
        : { id: item.id, name: item.name, ...(item.description ? { description: item.description } : {}), item: items(item.items) },
    );
  const collection: PostmanCollection = {
    info: { _postman_id: tree.id, name: tree.name, description: tree.description, schema: POSTMAN_SCHEMA_V21 },
    item: items(tree.items),
    auth: {
      type: 'basic',
      basic: [
        { key: 'username', value: `{{${EXPORT_KEY_ID_VARIABLE}}}`, type: 'string' },
        { key: 'password', value: `{{${EXPORT_KEY_SECRET_VARIABLE}}}`, type: 'string' },
      ],
    },
    // A secret-named variable with a value is left out (a `{{name}}` pointing at itself would be sent as is): it is a placeholder to fill in.
    variable: tree.variables.flatMap((v) => {
      if (holdsLiteralValue(v.value) && isSecretName(v.key)) {
        secrets.add(v.key);
        return [];
      }
      return [{ key: v.key, value: v.value, type: 'string', ...(v.enabled ? {} : { disabled: true }) }];
    }),
  };
  return { collection, placeholders: secrets.list() };
}

/**
 * For each request, the id of the one to run after it, so a Postman run follows `runOrder`. The
 * runner starts with the first request shown, so the chain starts there and then follows the order.
 */
function nextInRun(tree: CollectionTree, runOrder: readonly string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!runOrder || runOrder.length === 0) return out;
  const shown: string[] = [];
  const walk = (list: readonly TreeItem[]): void => {
    for (const item of list) {
      if (item.kind === 'request') shown.push(item.request.id);
      else walk(item.items);
    }
  };
  walk(tree.items);
  const first = shown[0];
  if (first === undefined) return out;
  const known = new Set(shown);
  const chain = [first, ...runOrder.filter((id) => id !== first && known.has(id))];
  for (const id of shown) if (!chain.includes(id)) chain.push(id);
  for (let i = 0; i + 1 < chain.length; i++) out.set(chain[i] as string, chain[i + 1] as string);
  // The last one ends the run: without this, the runner would go on in display order.
  const last = chain[chain.length - 1];
  if (last !== undefined) out.set(last, '');
  return out;
}

/**
 * A URL as Postman writes it: `raw` plus its parts (protocol, host segments, port, path segments,
 * query rows). Postman's runtime (newman) builds the URL it sends from the parts, not from `raw`.
 */
export function urlParts(raw: string, query: PostmanKeyValue[]): PostmanUrl {
  const { base } = splitUrl(raw);
  let rest = base;
  let protocol: string | undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (scheme?.[1]) {
    protocol = scheme[1];
    rest = rest.slice(scheme[0].length);
  }
  const slash = rest.indexOf('/');
  let hostPort = slash < 0 ? rest : rest.slice(0, slash);
  const pathText = slash < 0 ? '' : rest.slice(slash + 1);
  let port: string | undefined;
  const portMatch = /:(\d+|\{\{[^{}]+\}\})$/.exec(hostPort);
  if (portMatch?.[1]) {
    port = portMatch[1];
    hostPort = hostPort.slice(0, -portMatch[0].length);
  }
  const host = /^\{\{[^{}]+\}\}$/.test(hostPort) ? [hostPort] : hostPort.split('.');
  return {
    raw,
    ...(protocol ? { protocol } : {}),
    host,
    ...(port ? { port } : {}),
    path: pathText === '' ? [] : pathText.split('/'),
    ...(query.length > 0 ? { query } : {}),
  };
}
