/**
 * The table of message types (shared/catalog/messageTypes.ts) is the one list the catalog, the
 * JSON Schemas and the sandbox read. These tests walk it and ask each of them for every key, so a
 * type added in one place only (a table entry without a validator, a validator without an entry,
 * an entry without a catalog request) fails here even where TypeScript is not run.
 */
import { describe, expect, it } from 'vitest';
import { BODY_SCHEMAS, BUILTIN_COLLECTION } from '../../../shared/catalog/index';
import { APP_EVENT_TYPES, APP_MESSAGE_TYPES, CHANNEL_SPECIFIC_MESSAGE_TYPES, CHOICE_TYPES, CONTACT_MESSAGE_TYPES } from '../../../shared/catalog/messageTypes';
import type { JsonSchema } from '../../../shared/catalog/schemas/index';
import { flattenRequests, type RequestTemplate } from '../../../shared/model/collection';
import { validateBody } from '../../../electron/backend/catalog/validateBody';
import { ApiError } from '../../../electron/backend/sandbox/errors';
import {
  APP_EVENT_VALIDATORS,
  APP_MESSAGE_VALIDATORS,
  CHANNEL_SPECIFIC_VALIDATORS,
  CHOICE_VALIDATORS,
  CONTACT_MESSAGE_VALIDATORS,
  validateAppEvent,
  validateAppMessage,
  validateContactMessage,
  type Validator,
} from '../../../electron/backend/sandbox/services/appMessage';
import { Fields } from '../../../electron/backend/sandbox/validate';

type Json = Record<string, unknown>;

const requests = new Map<string, RequestTemplate>(flattenRequests(BUILTIN_COLLECTION.items).map((r) => [r.request.id, r.request]));

function body(id: string): Json {
  const request = requests.get(id);
  expect(request, `catalog request ${id}`).toBeDefined();
  return JSON.parse(request?.body.text ?? '{}') as Json;
}

function property(schema: JsonSchema | undefined, ...path: string[]): JsonSchema | undefined {
  return path.reduce<JsonSchema | undefined>((s, key) => s?.properties?.[key], schema);
}

function oneOfKeys(schema: JsonSchema | undefined): string[] {
  return (schema?.oneOf ?? []).flatMap((s) => s.required ?? []);
}

/** The sandbox's verdict: undefined when it accepts, the ApiError's message when it refuses. */
function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    if (err instanceof ApiError) return err.message;
    throw err;
  }
}

function validates(validator: Validator | undefined, content: Json): string | undefined {
  if (!validator) throw new Error('no validator');
  return refusal(() => validator(new Fields(content, 'body')));
}

const appMessageSchema = property(BODY_SCHEMAS['messages.send'], 'message');
const choiceSchema = property(appMessageSchema, 'choice_message', 'choices')?.items;
const specificSchema = property(appMessageSchema, 'channel_specific_message');
const contactSchema = property(BODY_SCHEMAS['conversations.injectMessage'], 'contact_message');
const eventSchema = property(BODY_SCHEMAS['events.send'], 'event');

/** Each table with its sandbox validators and the schema that holds one of its types. */
const TABLES: { name: string; keys: string[]; validators: Record<string, Validator>; oneOf?: JsonSchema }[] = [
  { name: 'app message', keys: APP_MESSAGE_TYPES.map((t) => t.key), validators: APP_MESSAGE_VALIDATORS, oneOf: appMessageSchema },
  { name: 'choice', keys: CHOICE_TYPES.map((t) => t.key), validators: CHOICE_VALIDATORS, oneOf: choiceSchema },
  { name: 'channel-specific', keys: CHANNEL_SPECIFIC_MESSAGE_TYPES.map((t) => t.key), validators: CHANNEL_SPECIFIC_VALIDATORS },
  { name: 'contact message', keys: CONTACT_MESSAGE_TYPES.map((t) => t.key), validators: CONTACT_MESSAGE_VALIDATORS, oneOf: contactSchema },
  { name: 'app event', keys: APP_EVENT_TYPES.map((t) => t.key), validators: APP_EVENT_VALIDATORS, oneOf: eventSchema },
];

/** Every example content of every type, with the type's schema and the sandbox validator for it. */
const CONTENTS: { type: string; schema: JsonSchema; validator: Validator | undefined; content: Json }[] = [
  ...APP_MESSAGE_TYPES.flatMap((t) =>
    t.sends.map((s) => ({ type: t.key, schema: t.schema, validator: APP_MESSAGE_VALIDATORS[t.key], content: s.message[t.key] as Json })),
  ),
  ...CHOICE_TYPES.flatMap((t) =>
    t.sends.flatMap((s) =>
      s.choices
        .filter((c) => t.key in c)
        .map((c) => ({
          type: `choice ${t.key}`,
          schema: t.schema,
          validator: CHOICE_VALIDATORS[t.key],
          content: c[t.key] as Json,
        })),
    ),
  ),
  ...CHANNEL_SPECIFIC_MESSAGE_TYPES.flatMap((t) =>
    t.sends.map((s) => ({ type: t.key, schema: t.schema, validator: CHANNEL_SPECIFIC_VALIDATORS[t.key], content: s.payload })),
  ),
  ...CONTACT_MESSAGE_TYPES.map((t) => ({ type: `contact ${t.key}`, schema: t.schema, validator: CONTACT_MESSAGE_VALIDATORS[t.key], content: t.example })),
  ...APP_EVENT_TYPES.flatMap((t) => t.sends.map((s) => ({ type: t.key, schema: t.schema, validator: APP_EVENT_VALIDATORS[t.key], content: s.content }))),
];

describe('the table of message types', () => {
  it('names each type once, with a label and a schema', () => {
    for (const table of TABLES) expect(new Set(table.keys).size, table.name).toBe(table.keys.length);
    for (const t of [...APP_MESSAGE_TYPES, ...CHOICE_TYPES, ...CHANNEL_SPECIFIC_MESSAGE_TYPES, ...CONTACT_MESSAGE_TYPES, ...APP_EVENT_TYPES]) {
      expect(t.label.trim(), t.key).not.toBe('');
      expect(t.schema.type, t.key).toBe('object');
    }
  });

  it('has a sandbox validator for every key, and none for a key the table does not have', () => {
    for (const table of TABLES) {
      const missing = table.keys.filter((k) => typeof (Object.hasOwn(table.validators, k) ? table.validators[k] : undefined) !== 'function');
      expect(missing, `${table.name} types without a sandbox validator`).toEqual([]);
      const extra = Object.keys(table.validators).filter((k) => !table.keys.includes(k));
      expect(extra, `${table.name} validators without a type`).toEqual([]);
    }
  });

  it('has the schema of every key in the request schemas, as one of the exactly-one choices', () => {
    for (const table of TABLES) {
      if (!table.oneOf) continue;
      expect(oneOfKeys(table.oneOf), table.name).toEqual(table.keys);
    }
    for (const t of APP_MESSAGE_TYPES) expect(property(appMessageSchema, t.key), t.key).toEqual(t.schema);
    for (const t of CHOICE_TYPES) expect(property(choiceSchema, t.key), t.key).toEqual(t.schema);
    for (const t of CONTACT_MESSAGE_TYPES) expect(property(contactSchema, t.key), t.key).toEqual(t.schema);
    for (const t of APP_EVENT_TYPES) expect(property(eventSchema, t.key), t.key).toEqual(t.schema);
    for (const t of CHANNEL_SPECIFIC_MESSAGE_TYPES) {
      const channel = property(specificSchema, t.channel);
      expect(property(channel, 'message_type')?.enum, t.key).toContain(t.key);
      const branch = channel?.allOf?.find((s) => s.if?.properties?.['message_type']?.const === t.key);
      expect(branch?.then?.properties?.['message'], t.key).toEqual(t.schema);
    }
  });

  it('has a catalog request for every app message type, choice kind, channel-specific type and app event', () => {
    for (const t of APP_MESSAGE_TYPES) {
      expect(t.sends.length, t.key).toBeGreaterThan(0);
      for (const s of t.sends) expect(Object.keys(body(`messages.send.${s.id}`)['message'] as Json), s.id).toContain(t.key);
    }
    for (const t of CHOICE_TYPES) {
      expect(t.sends.length, t.key).toBeGreaterThan(0);
      for (const s of t.sends) {
        const message = body(`messages.send.choice.${s.id}`)['message'] as { choice_message: { choices: Json[] } };
        expect(
          message.choice_message.choices.some((c) => t.key in c),
          s.id,
        ).toBe(true);
      }
    }
    for (const t of CHANNEL_SPECIFIC_MESSAGE_TYPES) {
      expect(t.sends.length, t.key).toBeGreaterThan(0);
      for (const s of t.sends) {
        const message = body(`messages.send.${s.id}`)['message'] as { channel_specific_message: Record<string, { message_type: string }> };
        expect(message.channel_specific_message[t.channel]?.message_type, s.id).toBe(t.key);
      }
    }
    for (const t of APP_EVENT_TYPES) {
      expect(t.sends.length, t.key).toBeGreaterThan(0);
      for (const s of t.sends) expect(Object.keys(body(`events.send.${s.id}`)['event'] as Json), s.id).toEqual([t.key]);
    }
  });

  it('has an example for every contact message type that its schema and the sandbox accept', () => {
    for (const t of CONTACT_MESSAGE_TYPES) {
      const inject = { ...body('conversations.injectMessage'), contact_message: { [t.key]: t.example } };
      expect(validateBody('conversations.injectMessage', inject), t.key).toEqual({ ok: true });
      expect(
        refusal(() => validateContactMessage(new Fields({ [t.key]: t.example }, 'contact_message'))),
        t.key,
      ).toBeUndefined();
    }
    const injected = Object.keys(body('conversations.injectMessage')['contact_message'] as Json);
    expect(CONTACT_MESSAGE_TYPES.map((t) => t.key)).toEqual(expect.arrayContaining(injected));
  });

  it('the sandbox accepts every catalog send and event of the table', () => {
    for (const t of [...APP_MESSAGE_TYPES, ...CHANNEL_SPECIFIC_MESSAGE_TYPES]) {
      for (const s of t.sends) {
        const message = body(`messages.send.${s.id}`)['message'] as Json;
        expect(
          refusal(() => validateAppMessage(new Fields(message, 'message'))),
          s.id,
        ).toBeUndefined();
      }
    }
    for (const t of APP_EVENT_TYPES) {
      for (const s of t.sends) {
        expect(
          refusal(() => validateAppEvent(new Fields(body(`events.send.${s.id}`)['event'] as Json, 'event'))),
          s.id,
        ).toBeUndefined();
      }
    }
  });

  it('the sandbox validator of each type refuses an example without a field its schema requires', () => {
    let checked = 0;
    for (const { type, schema, validator, content } of CONTENTS) {
      expect(validates(validator, content), type).toBeUndefined();
      for (const field of schema.required ?? []) {
        if (!(field in content)) continue;
        const { [field]: _dropped, ...without } = content;
        expect(validates(validator, without), `${type} without ${field}`).toMatch(new RegExp(`^body\\.${field}: `));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('the sandbox refuses a key that is in no table', () => {
    const unknown = { shout_message: { text: 'HI' } };
    expect(refusal(() => validateAppMessage(new Fields(unknown, 'message')))).toMatch(
      new RegExp(`message content is required: set exactly one of ${APP_MESSAGE_TYPES.map((t) => t.key).join(', ')}$`),
    );
    expect(refusal(() => validateContactMessage(new Fields(unknown, 'contact_message')))).toMatch(/contact message content is required/);
    expect(refusal(() => validateAppEvent(new Fields({ shout_event: {} }, 'event')))).toMatch(/event is required: set exactly one of composing_event/);
    const choice = { choice_message: { choices: [{ shout_message: { text: 'HI' } }] } };
    expect(refusal(() => validateAppMessage(new Fields(choice, 'message')))).toMatch(/choices\[0\]: choice is required/);
    const specific = (channel: string, type: string): Json => ({
      text_message: { text: 'x' },
      channel_specific_message: { [channel]: { message_type: type, message: {} } },
    });
    expect(refusal(() => validateAppMessage(new Fields(specific('WHATSAPP', 'SHOUT'), 'message')))).toMatch(
      /^message\.channel_specific_message\.WHATSAPP\.message_type: 'SHOUT' is not one of FLOWS, ORDER_DETAILS, ORDER_STATUS$/,
    );
    expect(refusal(() => validateAppMessage(new Fields(specific('WHATSAPP', 'COMMERCE'), 'message')))).toMatch(/'COMMERCE' is not one of FLOWS/);
    expect(refusal(() => validateAppMessage(new Fields(specific('SMS', 'FLOWS'), 'message')))).toMatch(
      /^message\.channel_specific_message\.SMS: 'SMS' has no channel-specific messages; use one of WHATSAPP, KAKAOTALK, LINE$/,
    );
  });
});
