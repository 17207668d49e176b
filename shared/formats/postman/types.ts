/**
 * The parts of Postman's collection v2.1 and environment file formats we read and write, as plain
 * JSON types (https://schema.getpostman.com/json/collection/v2.1.0/collection.json). Reading goes
 * through the `postman-collection` library in the backend first (electron/backend/importer), which
 * turns v2.0 and v2.1 variants (string URLs, object-form auth) into this one shape; v1 goes through
 * `postman-collection-transformer`.
 */

export const POSTMAN_SCHEMA_V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** The collection formats Import reads; v1 and v2.0 are turned into v2.1 first. */
export type PostmanVersion = 'v1' | 'v2.0' | 'v2.1';

export interface PostmanKeyValue {
  key: string;
  value?: string | null;
  disabled?: boolean;
  description?: string | { content?: string } | null;
  type?: string;
  src?: string | string[] | null;
}

export interface PostmanVariable {
  key?: string;
  id?: string;
  value?: unknown;
  type?: string;
  disabled?: boolean;
}

export interface PostmanAuthAttribute {
  key: string;
  value?: unknown;
  type?: string;
}

export interface PostmanAuth {
  type: string;
  [method: string]: PostmanAuthAttribute[] | string | undefined;
}

export interface PostmanScript {
  exec?: string[] | string;
  type?: string;
}

export interface PostmanEvent {
  listen: string;
  script?: PostmanScript;
  disabled?: boolean;
}

export interface PostmanUrl {
  raw?: string;
  protocol?: string;
  host?: string[];
  port?: string;
  path?: string[];
  query?: PostmanKeyValue[];
}

export interface PostmanBody {
  mode?: string;
  raw?: string;
  urlencoded?: PostmanKeyValue[];
  formdata?: PostmanKeyValue[];
  options?: { raw?: { language?: string } };
  disabled?: boolean;
}

export interface PostmanRequest {
  method?: string;
  url?: PostmanUrl | string;
  header?: PostmanKeyValue[] | string;
  body?: PostmanBody | null;
  auth?: PostmanAuth | null;
  description?: string | { content?: string } | null;
}

export interface PostmanResponse {
  name?: string;
  code?: number;
  status?: string;
  header?: PostmanKeyValue[] | string | null;
  body?: string | null;
}

export interface PostmanItem {
  id?: string;
  name?: string;
  description?: string | { content?: string } | null;
  /** A folder has `item`; a request has `request`. */
  item?: PostmanItem[];
  request?: PostmanRequest | string;
  response?: PostmanResponse[];
  event?: PostmanEvent[];
  auth?: PostmanAuth | null;
  variable?: PostmanVariable[];
}

export interface PostmanCollection {
  info: { _postman_id?: string; name: string; description?: string | { content?: string } | null; schema: string };
  item: PostmanItem[];
  auth?: PostmanAuth | null;
  event?: PostmanEvent[];
  variable?: PostmanVariable[];
}

export interface PostmanEnvironmentValue {
  key: string;
  value?: unknown;
  type?: string;
  enabled?: boolean;
}

/** A Postman environment or globals export (`_postman_variable_scope`: `environment` or `globals`). */
export interface PostmanEnvironmentFile {
  id?: string;
  name?: string;
  values: PostmanEnvironmentValue[];
  _postman_variable_scope?: string;
  _postman_exported_at?: string;
  _postman_exported_using?: string;
}
