import { describe, expect, it } from 'vitest';
import { CurlParseError, importCurl, looksLikeCurl, shellWords } from '../../../shared/formats/curl/importCurl';
import { toCurl } from '../../../shared/formats/curl';

describe('curl → request', () => {
  it('reads back our own "Copy as curl" output', () => {
    const body = `{"text": "it's $5 \`now\`"}`;
    const copied = toCurl(
      {
        method: 'POST',
        url: 'https://eu.conversation.api.sinch.com/v1/projects/p/messages:send?x=1',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'Authorization', value: 'Bearer tok' },
        ],
        body,
      },
      { includeSecrets: false },
    );
    const { request, notes } = importCurl(copied);
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://eu.conversation.api.sinch.com/v1/projects/p/messages:send?x=1',
      params: [{ key: 'x', value: '1', enabled: true }],
      headers: [],
      body: { mode: 'json', text: body },
      auth: 'inherit',
    });
    expect(notes.join(' ')).toMatch(/Authorization header was not kept/);
  });

  it("reads the browser and docs forms: --data, -u, -G, $'…' and continuations", () => {
    expect(importCurl("curl 'https://x.test/a' \\\n  -H 'Accept: application/json' --compressed")).toMatchObject({
      request: { method: 'GET', headers: [{ key: 'Accept', value: 'application/json', enabled: true }] },
      notes: [],
    });
    expect(importCurl('curl -G https://x.test/a -d q=1 -d r=2').request).toMatchObject({ method: 'GET', url: 'https://x.test/a?q=1&r=2' });
    expect(importCurl('curl -u id:secret --data "a=b" x.test').request).toMatchObject({
      method: 'POST',
      url: 'https://x.test',
      body: { mode: 'text', text: 'a=b' },
    });
    expect(shellWords('curl $\'a\\nb\' "c\\"d"')).toEqual(['curl', 'a\nb', 'c"d']);
    expect(importCurl('curl --json \'{"a":1}\' https://x.test').request.body).toEqual({ mode: 'json', text: '{"a":1}' });
  });

  it('says what is wrong with something that is not a curl command', () => {
    expect(looksLikeCurl('  curl https://x')).toBe(true);
    expect(looksLikeCurl('https://x')).toBe(false);
    expect(() => importCurl("curl 'https://x")).toThrow(CurlParseError);
    expect(() => importCurl('curl -H "A: b"')).toThrow(/no URL/);
  });
});
