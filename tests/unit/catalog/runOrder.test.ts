import { describe, expect, it } from 'vitest';
import { BUILTIN_COLLECTION, BUILTIN_RUN_ORDER, BUILTIN_RUN_STEPS, expandRunOrder } from '../../../shared/catalog/index';
import { flattenRequests, type RequestTemplate } from '../../../shared/model/collection';
import { findVariables } from '../../../shared/variables';
import { inRunOrder } from '../../../electron/backend/runner/index';

const requests: RequestTemplate[] = flattenRequests(BUILTIN_COLLECTION.items).map((r) => r.request);
const byId = new Map(requests.map((r) => [r.id, r]));
const ordered = BUILTIN_RUN_ORDER.map((id) => byId.get(id) as RequestTemplate);

/** Variables a request sends (URL, enabled params, body). */
function uses(r: RequestTemplate): Set<string> {
  const texts = [r.url, r.body.text, ...r.params.filter((p) => p.enabled).map((p) => p.value)];
  return new Set(texts.flatMap((t) => findVariables(t).map((v) => v.name)));
}

const capturedBy = new Map<string, string[]>();
for (const r of requests) for (const c of r.captures) capturedBy.set(c.variable, [...(capturedBy.get(c.variable) ?? []), r.id]);

describe('built-in run order', () => {
  it('names every request of the collection exactly once', () => {
    expect(BUILTIN_RUN_ORDER).toHaveLength(requests.length);
    expect([...BUILTIN_RUN_ORDER].sort()).toEqual(requests.map((r) => r.id).sort());
  });

  it('runs a request that captures an id before every request that uses it', () => {
    const seen = new Set<string>();
    for (const r of ordered) {
      for (const name of uses(r)) {
        if (capturedBy.has(name)) expect(seen.has(name), `${r.id} uses {{${name}}} before ${capturedBy.get(name)?.join(' or ')} sets it`).toBe(true);
      }
      for (const c of r.captures) seen.add(c.variable);
    }
  });

  it('deletes last: nothing uses an id after the request that deletes it (or merges it away), and the app goes last', () => {
    const gone = new Map<string, string>();
    for (const r of ordered) {
      for (const name of uses(r))
        expect(gone.has(name) && !r.captures.some((c) => c.variable === name), `${r.id} uses {{${name}}} after ${gone.get(name)}`).toBe(false);
      if (r.method === 'DELETE') for (const name of uses(r)) if (capturedBy.has(name)) gone.set(name, r.id);
      if (r.id === 'contacts.merge') gone.set('source_contact_id', r.id);
    }
    expect(BUILTIN_RUN_ORDER.at(-1)).toBe('apps.delete');
    const firstDelete = ordered.findIndex((r) => r.method === 'DELETE');
    expect(ordered.slice(firstDelete).every((r) => r.method === 'DELETE' || r.id === 'conversations.stop')).toBe(true);
  });

  it('merges a contact the collection itself creates', () => {
    expect(capturedBy.get('source_contact_id')).toEqual(['contacts.createDuplicate']);
    expect(BUILTIN_RUN_ORDER.indexOf('contacts.createDuplicate')).toBeLessThan(BUILTIN_RUN_ORDER.indexOf('contacts.merge'));
    // Captured ids are not collection defaults: "create it first" must not hide behind a 404.
    expect(BUILTIN_COLLECTION.variables.some((v) => v.key === 'source_contact_id')).toBe(false);
  });

  it('refuses a step that names no request, and appends requests no step names', () => {
    expect(() => expandRunOrder(['nope.create'], [{ id: 'a' }])).toThrow(/"nope\.create" names no request/);
    expect(expandRunOrder(['b', 'x.*'], [{ id: 'a' }, { id: 'x.2' }, { id: 'b' }, { id: 'x.1' }])).toEqual(['b', 'x.2', 'x.1', 'a']);
    expect(BUILTIN_RUN_STEPS.length).toBeGreaterThan(0);
  });
});

describe('inRunOrder', () => {
  const items = ['a', 'b', 'c', 'd'].map((id) => ({ request: { id } }));
  it('sorts by the order and keeps unnamed requests after, in display order', () => {
    expect(inRunOrder(items, ['c', 'a']).map((i) => i.request.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(inRunOrder(items, undefined).map((i) => i.request.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(inRunOrder(items.slice(0, 2), ['d', 'b', 'a']).map((i) => i.request.id)).toEqual(['b', 'a']);
  });
});
