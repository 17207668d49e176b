import type { JsonObject } from '../../../shared/conversation/resources';
import { ApiError } from './errors';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Reads fields of one JSON object and fails on the first problem with a message naming the full
 * path (`channel_identities[0].channel: 'FOO' is not one of ...`), as a client needs to fix it.
 */
export class Fields {
  constructor(
    readonly obj: JsonObject,
    readonly path: string = '',
  ) {}

  /** The request body as an object; an absent body reads as `{}` so required-field errors name the field. */
  static body(body: unknown): Fields {
    if (body === undefined) return new Fields({});
    if (!isObject(body)) throw ApiError.invalid(`Request body must be a JSON object, got ${describe(body)}.`);
    return new Fields(body);
  }

  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  fail(key: string, problem: string): never {
    throw ApiError.invalid(`${this.at(key)}: ${problem}`, this.at(key));
  }

  private present(key: string, required: boolean): boolean {
    if (this.has(key)) return true;
    if (required) this.fail(key, 'required field is missing');
    return false;
  }

  str(key: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
    if (!this.present(key, opts.required ?? false)) return undefined;
    const v = this.obj[key];
    if (typeof v !== 'string') this.fail(key, `expected a string, got ${describe(v)}`);
    if (opts.required && v.trim() === '') this.fail(key, 'must not be empty');
    if (opts.max !== undefined && v.length > opts.max) this.fail(key, `must be at most ${opts.max} characters, got ${v.length}`);
    return v;
  }

  bool(key: string): boolean | undefined {
    if (!this.present(key, false)) return undefined;
    const v = this.obj[key];
    if (typeof v !== 'boolean') this.fail(key, `expected true or false, got ${describe(v)}`);
    return v;
  }

  /** Accepts numbers and numeric strings, since proto3 JSON writes 64-bit integers as strings. */
  int(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    if (!this.present(key, opts.required ?? false)) return undefined;
    const raw = this.obj[key];
    const v = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(key, `expected an integer, got ${describe(raw)}`);
    if (opts.min !== undefined && v < opts.min) this.fail(key, `must be at least ${opts.min}, got ${v}`);
    if (opts.max !== undefined && v > opts.max) this.fail(key, `must be at most ${opts.max}, got ${v}`);
    return v;
  }

  num(key: string, opts: { required?: boolean } = {}): number | undefined {
    if (!this.present(key, opts.required ?? false)) return undefined;
    const v = this.obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, `expected a number, got ${describe(v)}`);
    return v;
  }

  enumOf<T extends string>(key: string, values: readonly T[], opts: { required?: boolean } = {}): T | undefined {
    if (!this.present(key, opts.required ?? false)) return undefined;
    return checkEnum(this.obj[key], values, this.at(key));
  }

  /** enumOf for a required field, typed as always present. */
  enumReq<T extends string>(key: string, values: readonly T[]): T {
    if (!this.present(key, true)) throw new Error('unreachable: present() throws for a missing required field');
    return checkEnum(this.obj[key], values, this.at(key));
  }

  obj_(key: string, opts: { required?: boolean } = {}): Fields | undefined {
    if (!this.present(key, opts.required ?? false)) return undefined;
    const v = this.obj[key];
    if (!isObject(v)) this.fail(key, `expected an object, got ${describe(v)}`);
    return new Fields(v, this.at(key));
  }

  arr(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): unknown[] | undefined {
    if (!this.present(key, opts.required ?? false)) return undefined;
    const raw = this.obj[key];
    if (!Array.isArray(raw)) this.fail(key, `expected an array, got ${describe(raw)}`);
    const v: unknown[] = raw;
    if (opts.min !== undefined && v.length < opts.min) this.fail(key, `must contain at least ${opts.min} item(s)`);
    if (opts.max !== undefined && v.length > opts.max) this.fail(key, `must contain at most ${opts.max} items, got ${v.length}`);
    return v;
  }

  /** Each array element as Fields, with `[i]` in its path. */
  objects(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): Fields[] | undefined {
    const items = this.arr(key, opts);
    return items?.map((item, i) => {
      const path = `${this.at(key)}[${i}]`;
      if (!isObject(item)) throw ApiError.invalid(`${path}: expected an object, got ${describe(item)}`, path);
      return new Fields(item, path);
    });
  }

  enumArray<T extends string>(key: string, values: readonly T[], opts: { required?: boolean; min?: number; max?: number } = {}): T[] | undefined {
    return this.arr(key, opts)?.map((item, i) => checkEnum(item, values, `${this.at(key)}[${i}]`));
  }

  strArray(key: string, opts: { required?: boolean; min?: number; max?: number } = {}): string[] | undefined {
    return this.arr(key, opts)?.map((item, i) => {
      const path = `${this.at(key)}[${i}]`;
      if (typeof item !== 'string') throw ApiError.invalid(`${path}: expected a string, got ${describe(item)}`, path);
      return item;
    });
  }

  /** For proto `oneof` groups: exactly one of `keys` must be set. Returns the one that is. */
  exactlyOne<T extends string>(keys: readonly T[], what: string): T {
    const set = keys.filter((k) => this.has(k));
    const where = this.path || 'request';
    if (set.length === 0) {
      throw ApiError.invalid(`${where}: ${what} is required: set exactly one of ${keys.join(', ')}`, this.path);
    }
    if (set.length > 1) {
      throw ApiError.invalid(`${where}: only one ${what} may be set, got ${set.join(' and ')}`, this.path);
    }
    return set[0] as T;
  }

  atMostOne(keys: readonly string[], what: string): string | undefined {
    const set = keys.filter((k) => this.has(k));
    if (set.length > 1) {
      throw ApiError.invalid(`${this.path || 'request'}: only one ${what} may be set, got ${set.join(' and ')}`, this.path);
    }
    return set[0];
  }
}

export function checkEnum<T extends string>(value: unknown, values: readonly T[], path: string): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  const shown = typeof value === 'string' ? `'${value}'` : describe(value);
  throw ApiError.invalid(`${path}: ${shown} is not one of ${values.join(', ')}`, path);
}

/** `"10s"` protobuf duration → seconds. */
export function parseDuration(value: string, path: string): number {
  const m = /^(\d+)(\.\d+)?s$/.exec(value);
  if (!m) throw ApiError.invalid(`${path}: '${value}' is not a duration like "3600s"`, path);
  return Number(m[1]);
}

export function parseTimestamp(value: string, path: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw ApiError.invalid(`${path}: '${value}' is not an RFC 3339 timestamp`, path);
  }
  return t;
}
