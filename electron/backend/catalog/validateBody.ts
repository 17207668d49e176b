/**
 * Checks a request body against its catalog JSON Schema and says what is wrong in words a user
 * can act on (`recipient: must have exactly one of contact_id, identified_by`,
 * `message.text_message.text: required`) rather than ajv's schema paths.
 */
import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { BODY_SCHEMAS } from '../../../shared/catalog/index';
import type { JsonSchema } from '../../../shared/catalog/index';
import { getOwn } from '../../../shared/safeObject';
import { lazyRequire } from '../lazyRequire';

export interface BodyProblem {
  /** Dotted path into the body (`message.choice_message.choices[0]`), or `body` for the whole. */
  path: string;
  message: string;
}

export type BodyValidation = { ok: true } | { ok: false; problems: BodyProblem[] };

// allErrors: show every problem at once; verbose: errors carry the data and schema we phrase from;
// strict off: the schemas carry doc-only keywords (examples) and shapes Monaco likes.
// Made on the first check, not at every launch (ajv takes ~50 ms to load).
const ajvClass = lazyRequire<typeof AjvClass>('ajv');
let ajv: AjvClass | null = null;
const compiled = new Map<string, ValidateFunction>();

const VARIABLE = /\{\{\s*[^{}\s]+\s*\}\}/;
const ENUM_SHOWN = 16;

function validatorFor(schemaId: string): ValidateFunction | undefined {
  const cached = compiled.get(schemaId);
  if (cached) return cached;
  // The id comes from a request file: only the catalog's own entries count.
  const schema = getOwn(BODY_SCHEMAS, schemaId);
  if (!schema) return undefined;
  ajv ??= new (ajvClass())({ allErrors: true, verbose: true, strict: false });
  const validate = ajv.compile(schema);
  compiled.set(schemaId, validate);
  return validate;
}

/** Validates a parsed JSON body. An unknown schema id means there is nothing to check. */
export function validateBody(schemaId: string, body: unknown): BodyValidation {
  const validate = validatorFor(schemaId);
  if (!validate || validate(body)) return { ok: true };
  const problems = describeErrors(validate.errors ?? []);
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** Validates body text as sent (variables already resolved or not); invalid JSON is a problem too. */
export function validateBodyText(schemaId: string, text: string): BodyValidation {
  if (!getOwn(BODY_SCHEMAS, schemaId)) return { ok: true };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: 'body', message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` }] };
  }
  return validateBody(schemaId, body);
}

/** JSON pointer `/message/choices/0` → `message.choices[0]`. */
function toPath(pointer: string, child?: string): string {
  let out = '';
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? 'body' : out;
}

/** `[{ required: ['a'] }, { required: ['b'] }]`: the shape of a protobuf oneof in our schemas. */
function keysOfRequiredOnly(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const keys: string[] = [];
  for (const branch of branches as JsonSchema[]) {
    if (typeof branch !== 'object' || Object.keys(branch).length !== 1 || branch.required?.length !== 1) return undefined;
    keys.push(branch.required[0] as string);
  }
  return keys;
}

function presentKeys(data: unknown, keys: string[]): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const obj = data as Record<string, unknown>;
  return keys.filter((k) => obj[k] !== undefined && obj[k] !== null);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, ENUM_SHOWN).map(String).join(', ');
  return values.length > ENUM_SHOWN ? `${shown}, … (${values.length} values)` : shown;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function describeErrors(errors: readonly ErrorObject[]): BodyProblem[] {
  // Errors inside a oneof/anyof group are replaced by one sentence about the group.
  const grouped = errors.filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && keysOfRequiredOnly(e.schema));
  const insideGroup = (e: ErrorObject): boolean => grouped.some((g) => g !== e && e.schemaPath.startsWith(`${g.schemaPath}/`));
  const problems: BodyProblem[] = [];
  const add = (path: string, message: string): void => {
    if (!problems.some((p) => p.path === path && p.message === message)) problems.push({ path, message });
  };

  for (const e of errors) {
    if (insideGroup(e)) continue;
    // A {{variable}} in a string is the user's business until it is resolved.
    if (typeof e.data === 'string' && VARIABLE.test(e.data) && ['enum', 'pattern', 'format', 'const'].includes(e.keyword)) continue;
    const path = toPath(e.instancePath);
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        add(toPath(e.instancePath, String(params['missingProperty'])), 'required');
        break;
      case 'additionalProperties':
        add(toPath(e.instancePath, String(params['additionalProperty'])), 'unknown field (not part of this request)');
        break;
      case 'oneOf':
      case 'anyOf': {
        const keys = keysOfRequiredOnly(e.schema);
        if (!keys) break; // a structural oneOf: its branches' own errors say more
        const present = presentKeys(e.data, keys);
        if (e.keyword === 'anyOf') add(path, `must have at least one of ${keys.join(', ')}`);
        else if (present.length > 1) add(path, `must have exactly one of ${keys.join(', ')} (got ${present.join(' and ')})`);
        else add(path, `must have exactly one of ${keys.join(', ')}`);
        break;
      }
      case 'enum':
        if (e.propertyName !== undefined)
          add(toPath(e.instancePath, e.propertyName), `unknown key; must be one of ${listValues((e.schema as unknown[]) ?? [])}`);
        else add(path, `${show(e.data)} is not one of ${listValues((e.schema as unknown[]) ?? [])}`);
        break;
      case 'const':
        add(path, `must be ${show(params['allowedValue'])}`);
        break;
      case 'type':
        add(path, `must be ${article(String(params['type']))}`);
        break;
      case 'maxLength':
        add(path, `must be at most ${String(params['limit'])} characters (got ${typeof e.data === 'string' ? e.data.length : '?'})`);
        break;
      case 'minLength':
        add(path, `must be at least ${String(params['limit'])} characters`);
        break;
      case 'minItems':
        add(path, `must have at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`);
        break;
      case 'maxItems':
        add(path, `must have at most ${String(params['limit'])} items (got ${Array.isArray(e.data) ? e.data.length : '?'})`);
        break;
      case 'minimum':
      case 'maximum':
        add(path, `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params['limit'])} (got ${show(e.data)})`);
        break;
      case 'minProperties':
        add(path, 'must not be empty');
        break;
      case 'pattern':
        add(path, `${show(e.data)} has the wrong format${e.parentSchema?.description ? `: ${String(e.parentSchema.description)}` : ''}`);
        break;
      case 'if':
      case 'propertyNames':
        break; // wrappers: the nested error is reported instead
      default:
        add(path, e.message ?? 'is not valid');
    }
  }
  return problems;
}
