/**
 * The subset of JSON Schema (draft-07) the catalog uses: what Monaco's JSON language service shows
 * as hover docs and completions, and what ajv checks in the backend. Kept as plain data so it loads
 * in the page and in Node alike.
 */
export type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: (string | number | boolean)[];
  const?: string | number | boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  examples?: unknown[];
}

/** Helpers that keep the schema files short and uniform. */
export function str(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

export function int(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'integer', description, ...extra };
}

export function num(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'number', description, ...extra };
}

export function bool(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'boolean', description, ...extra };
}

export function arr(description: string, items: JsonSchema, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'array', description, items, ...extra };
}

export function enumOf(description: string, values: readonly string[], extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'string', description, enum: [...values], ...extra };
}

/** A strict object: unknown fields are refused, as the API's JSON decoder refuses them. */
export function obj(description: string, properties: Record<string, JsonSchema>, required: string[] = [], extra: Partial<JsonSchema> = {}): JsonSchema {
  return {
    type: 'object',
    description,
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    ...extra,
  };
}

/** A free-form map from string keys to values of one schema (channel_properties, parameters …). */
export function map(description: string, values: JsonSchema, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'object', description, additionalProperties: values, ...extra };
}

/** Any JSON object (metadata_json, generic event payloads …). */
export function anyObject(description: string): JsonSchema {
  return { type: 'object', description };
}

/**
 * Exactly one of `keys` must be present (a protobuf `oneof`). The backend validator recognises
 * this shape and reports it as "must have exactly one of a, b".
 */
export function exactlyOneOf(keys: readonly string[]): JsonSchema[] {
  return keys.map((key) => ({ required: [key] }));
}
