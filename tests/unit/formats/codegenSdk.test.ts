import { describe, expect, test } from 'vitest';
import { BUILTIN_COLLECTION } from '../../../shared/catalog/index';
import { jsLiteral, matchSdkOperation, nodeSdkSnippet, SDK_OPERATIONS } from '../../../shared/formats/codegenSdk';
import { flattenRequests } from '../../../shared/model/collection';

/** The catalog's URLs as they resolve against a Sinch region. */
function resolved(url: string): string {
  return url
    .replace('{{base_url}}', 'https://eu.conversation.api.sinch.com')
    .replace('{{template_base_url}}', 'https://eu.template.api.sinch.com')
    .replace('{{project_id}}', 'proj-1')
    .replace(/\{\{(\w+)\}\}/g, (_m, name: string) => `${name.toUpperCase()}1`);
}

describe('Sinch SDK method for a catalog request', () => {
  const requests = flattenRequests(BUILTIN_COLLECTION.items).map((r) => r.request);
  /** Catalog variants of one operation under another name. */
  const SAME_AS: Record<string, string> = { 'contacts.createDuplicate': 'contacts.create' };

  test('every catalog operation maps to its SDK method, by URL alone (as a saved copy would), and to the same one its id names', () => {
    for (const request of requests) {
      const url = resolved(request.url);
      const byUrl = matchSdkOperation(request.method, url);
      expect(byUrl, `${request.id} ${request.method} ${url}`).not.toBeNull();
      const id = SAME_AS[request.id] ?? request.id;
      expect(id === byUrl?.operation.id || id.startsWith(`${byUrl?.operation.id ?? ''}.`), `${request.id} matched ${byUrl?.operation.id ?? ''}`).toBe(true);
      expect(byUrl?.projectId).toBe('proj-1');
    }
    // …and every SDK operation is used by the catalog.
    for (const op of SDK_OPERATIONS)
      expect(
        requests.some((r) => r.id === op.id || r.id.startsWith(`${op.id}.`)),
        op.id,
      ).toBe(true);
  });

  test("path parameters are passed under the SDK's names; an id never swallows a custom method", () => {
    expect(matchSdkOperation('POST', 'https://x/v1/projects/p/contacts/C1:merge')).toMatchObject({
      operation: { call: 'contact.mergeContact' },
      pathParams: { destination_id: 'C1' },
    });
    expect(matchSdkOperation('GET', 'https://x/v1/projects/p/apps/A%201/consents/OPT_OUT_ALL?page_size=2')).toMatchObject({
      operation: { call: 'consents.listIdentities' },
      pathParams: { app_id: 'A 1', list_type: 'OPT_OUT_ALL' },
    });
    expect(matchSdkOperation('GET', 'https://x/v1/projects/p/contacts:identityConflicts')?.operation.call).toBe('contact.listIdentityConflicts');
    // A template v1 path on a host without "template" in its name needs the hint.
    expect(matchSdkOperation('GET', 'http://127.0.0.1:9/v1/projects/p/templates')).toBeNull();
    expect(matchSdkOperation('GET', 'http://127.0.0.1:9/v1/projects/p/templates', { templateHost: true })?.operation.call).toBe('templatesV1.list');
    expect(matchSdkOperation('GET', 'https://x/v1/projects/p/not-an-endpoint')).toBeNull();
    expect(matchSdkOperation('GET', 'https://example.com/anything')).toBeNull();
  });

  test("query values take the SDK's types; unknown ones are dropped and named; hostile keys stay plain data", () => {
    const url = 'https://x/v1/projects/p/messages?page_size=5&only_recipient_originated=true&start_time=2025-01-01T00%3A00%3A00Z&__proto__=1';
    const match = matchSdkOperation('GET', url);
    if (!match) throw new Error('no match');
    const { code, dropped } = nodeSdkSnippet(
      match,
      url,
      undefined,
      { projectId: 'p', keyId: 'k', keySecretExpression: 'process.env.SINCH_KEY_SECRET', region: 'eu' },
      [],
    );
    expect(code).toContain('page_size: 5,');
    expect(code).toContain('only_recipient_originated: true,');
    expect(code).toContain('start_time: new Date("2025-01-01T00:00:00Z"),');
    expect(code).toContain('conversationRegion: "eu",');
    expect(dropped).toEqual(['__proto__']);
    const update = matchSdkOperation('PATCH', 'https://x/v1/projects/p/apps/A1?update_mask=display_name,x');
    if (!update) throw new Error('no match');
    const written = nodeSdkSnippet(
      update,
      'https://x/v1/projects/p/apps/A1?update_mask=display_name,x',
      { display_name: 'it\'s "x"', 'odd-key': 1 },
      { projectId: 'p', keyId: 'k', keySecretExpression: '"s"', region: null },
      ['hello'],
    );
    expect(written.code).toContain('update_mask: [\n  "display_name",\n  "x",\n]');
    expect(written.code).toContain('      display_name: "it\'s \\"x\\"",\n      "odd-key": 1,');
    expect(written.code.startsWith('// hello\n')).toBe(true);
    // A body key `__proto__` stays a plain key in the literal (written `__proto__: …` it would set the prototype).
    expect(jsLiteral(JSON.parse('{"__proto__":{"x":1},"a":[]}'))).toBe('{\n  ["__proto__"]: {\n    x: 1,\n  },\n  a: [],\n}');
  });
});
