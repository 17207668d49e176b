import { describe, expect, test } from 'vitest';
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import { flattenRequests, newRequestTemplate, type RequestTemplate } from '../../../shared/model/collection';
import { variablesToCarry } from '../../../renderer/features/collections/carryVariables';

const catalogRequest = (name: string): RequestTemplate => {
  const found = flattenRequests(BUILTIN_COLLECTION.items).find(({ request }) => request.name === name);
  if (!found) throw new Error(`No catalog request "${name}"`);
  return found.request;
};
const none = { target: [], globals: [] };

describe('which catalog variables a saved copy takes along', () => {
  test('Create contact takes {{recipient_phone}}; ids it captures and environment fields are not defaults', () => {
    expect(variablesToCarry(catalogRequest('Create contact'), BUILTIN_COLLECTION.variables, none)).toEqual([
      { key: 'recipient_phone', value: '+46700000001', enabled: true },
    ]);
  });

  test('what the target collection already has (even switched off) or globals define is left alone', () => {
    const request = catalogRequest('Create contact');
    expect(variablesToCarry(request, BUILTIN_COLLECTION.variables, { target: [{ key: 'recipient_phone', value: '+1', enabled: false }], globals: [] })).toEqual(
      [],
    );
    expect(variablesToCarry(request, BUILTIN_COLLECTION.variables, { target: [], globals: [{ key: 'recipient_phone', value: '+1', enabled: true }] })).toEqual(
      [],
    );
    // A global that is switched off does not count as defined.
    expect(
      variablesToCarry(request, BUILTIN_COLLECTION.variables, { target: [], globals: [{ key: 'recipient_phone', value: '+1', enabled: false }] }),
    ).toHaveLength(1);
  });

  test("variables used through headers, request variables and other variables come along; dynamic ones and the request's own do not", () => {
    const request: RequestTemplate = {
      ...newRequestTemplate('r', 'r'),
      method: 'POST',
      url: '{{base}}/x?to={{own}}',
      headers: [
        { key: 'X-A', value: '{{a}}', enabled: true },
        { key: 'X-Off', value: '{{off}}', enabled: false },
      ],
      body: { mode: 'json', text: '{"t":"{{$timestamp}}","v":"{{via}}"}' },
      variables: [{ key: 'own', value: '{{b}}', enabled: true }],
    };
    const source = [
      { key: 'base', value: 'https://{{host}}', enabled: true },
      { key: 'host', value: 'example.test', enabled: true },
      { key: 'a', value: '1', enabled: true },
      { key: 'b', value: '2', enabled: true },
      { key: 'off', value: 'x', enabled: true },
      { key: 'own', value: 'shadowed', enabled: true },
      { key: 'via', value: '{{c}}', enabled: true },
      { key: 'c', value: '3', enabled: true },
      { key: 'unused', value: 'u', enabled: true },
      { key: 'disabled', value: 'd', enabled: false },
    ];
    expect(
      variablesToCarry(request, source, none)
        .map((v) => v.key)
        .sort(),
    ).toEqual(['a', 'b', 'base', 'c', 'host', 'via']);
  });

  test('a variable that refers to itself does not loop', () => {
    const request = { ...newRequestTemplate('r', 'r'), url: '{{loop}}' };
    expect(variablesToCarry(request, [{ key: 'loop', value: '{{loop}}', enabled: true }], none)).toEqual([{ key: 'loop', value: '{{loop}}', enabled: true }]);
  });
});
