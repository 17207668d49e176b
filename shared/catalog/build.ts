/**
 * Small constructors that turn the catalog's data (one short spec per operation) into the
 * collection model, so every request gets the same URL shape, header policy and JSON layout.
 */
import type { Capture, FolderItem, RequestItem, RequestTemplate, TreeItem } from '../model/collection';
import type { HttpMethod } from '../model/httpRequest';
import type { KeyValue } from '../model/keyValue';
import { urlFromParams } from '../queryParams';

export interface OperationSpec {
  /** Stable, unique id, e.g. `apps.create`, `messages.send.text`. */
  id: string;
  name: string;
  /** One line: what the request does and anything a user must know to send it. */
  description: string;
  method: HttpMethod;
  /** Path after `/v1/projects/{{project_id}}` (or `/v2/…` for templates), e.g. `/apps/{{app_id}}`. */
  path: string;
  /** Which API the request goes to; templates live on their own host (reference §1.2). */
  api?: 'conversation' | 'templates-v2' | 'templates-v1';
  /** Query parameters; `optional: true` rows are present but disabled. */
  query?: { key: string; value: string; optional?: boolean }[];
  /** Example body, serialised pretty-printed (2 spaces). */
  body?: unknown;
  /** Id of the body's JSON Schema in BODY_SCHEMAS. */
  bodySchema?: string;
  /** `[variable, path in the JSON response]`: what a 2xx response sets for the next requests. */
  captures?: [variable: string, path: string][];
}

const PREFIX: Record<NonNullable<OperationSpec['api']>, string> = {
  conversation: '{{base_url}}/v1/projects/{{project_id}}',
  'templates-v2': '{{template_base_url}}/v2/projects/{{project_id}}',
  'templates-v1': '{{template_base_url}}/v1/projects/{{project_id}}',
};

export function operation(spec: OperationSpec): RequestItem {
  const params: KeyValue[] = (spec.query ?? []).map((q) => ({ key: q.key, value: q.value, enabled: q.optional !== true }));
  const captures: Capture[] = (spec.captures ?? []).map(([variable, path]) => ({ variable, from: 'body', path, enabled: true }));
  const request: RequestTemplate = {
    id: spec.id,
    name: spec.name,
    description: spec.description,
    method: spec.method,
    url: urlFromParams(`${PREFIX[spec.api ?? 'conversation']}${spec.path}`, params),
    params,
    headers: [],
    body: spec.body === undefined ? { mode: 'none', text: '' } : { mode: 'json', text: JSON.stringify(spec.body, null, 2) },
    variables: [],
    captures,
    auth: 'inherit',
    ...(spec.bodySchema ? { bodySchema: spec.bodySchema } : {}),
  };
  return { kind: 'request', request };
}

export function folder(id: string, name: string, description: string, items: TreeItem[]): FolderItem {
  return { kind: 'folder', id, name, description, items };
}

/** The usual paging parameters, both optional. */
export function paging(maxPageSize: number): { key: string; value: string; optional: boolean }[] {
  return [
    { key: 'page_size', value: String(Math.min(10, maxPageSize)), optional: true },
    { key: 'page_token', value: '', optional: true },
  ];
}

/** Update-mask parameter for PATCH requests, disabled: without it every field in the body is replaced. */
export function updateMask(fields: string): { key: string; value: string; optional: boolean } {
  return { key: 'update_mask', value: fields, optional: true };
}

/** A recipient that reaches {{recipient_phone}} on these channels, in this order (no contact needed). */
export function phoneRecipient(...channels: string[]): { identified_by: { channel_identities: { channel: string; identity: string }[] } } {
  return { identified_by: { channel_identities: channels.map((channel) => ({ channel, identity: '{{recipient_phone}}' })) } };
}
