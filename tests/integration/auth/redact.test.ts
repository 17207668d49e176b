import { describe, expect, it } from 'vitest';
import { REDACTED, displayUrl, redact, redactDeep } from '../../../electron/backend/auth/redact';

describe('redact', () => {
  it('replaces every occurrence of every secret, in raw, URL-encoded and JSON-escaped form', () => {
    const secret = 'p@ss w/"rd&1';
    const text = `raw=${secret} again ${secret} form=${encodeURIComponent(secret)} plus=${new URLSearchParams({ s: secret }).toString().slice(2)} json=${JSON.stringify({ s: secret })}`;
    const out = redact(text, [secret]);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain('p%40ss');
    expect(out.split(REDACTED)).toHaveLength(6);
  });

  it('hides a longer secret whole when it contains a shorter one, and ignores empty values', () => {
    expect(redact('token=abcdef123456', ['abc', 'abcdef123456', '', null, undefined])).toBe(`token=${REDACTED}`);
    expect(redact('nothing here', [])).toBe('nothing here');
  });

  it('displayUrl drops user:password@ and the query string', () => {
    expect(displayUrl('https://user:pw@auth.example.com/oauth2/token?client_secret=x')).toBe('https://auth.example.com/oauth2/token');
  });

  it('redactDeep reaches every string value of a result, never its keys, and leaves the input alone', () => {
    const input = {
      ok: false,
      error: { code: 'INVALID_URL', message: '"s3cret" is not a valid URL' },
      headers: [{ name: 'X', value: 'a s3cret b' }],
      n: 3,
      flag: true,
      none: null,
      s3cret: 'key s3cret',
    };
    const out = redactDeep(input, ['s3cret']);
    expect(JSON.stringify(Object.values(out))).not.toContain('s3cret');
    expect(out.error.message).toBe(`"${REDACTED}" is not a valid URL`);
    // A key is the record's shape: renaming it loses the field (issue 19: `response` became `resp[redacted]se`).
    expect(out).toMatchObject({ n: 3, flag: true, none: null, s3cret: `key ${REDACTED}` });
    expect(input.headers[0]?.value).toBe('a s3cret b');
    expect(redactDeep(input, [])).toBe(input);
  });

  it('a secret shorter than 4 characters is redacted only as a whole value, in each of its forms', () => {
    expect(redact('response', ['on'])).toBe('response');
    expect(redact('{{project_id}}', ['id'])).toBe('{{project_id}}');
    expect(redact('on', ['on'])).toBe(REDACTED);
    expect(redact('a&b', ['a&b'])).toBe(REDACTED);
    expect(redact('a%26b', ['a&b'])).toBe(REDACTED);
    expect(redact('x=a%26b', ['a&b'])).toBe('x=a%26b');
    // Long secrets are found inside text as before, also next to a short one.
    expect(redact('token=abcdef123456', ['abc', 'abcdef123456'])).toBe(`token=${REDACTED}`);
    expect(redact('on', ['abcdef123456', 'on'])).toBe(REDACTED);
  });

  it("redactDeep leaves the app's own words alone (method, body mode, error code), so a record stays valid", () => {
    const record = {
      method: 'POST',
      request: { body: { mode: 'json', text: 'json POST' } },
      error: { code: 'NETWORK', message: 'NETWORK down' },
      timeline: [{ kind: 'request', label: 'request POST' }],
    };
    const out = redactDeep(record, ['POST', 'json', 'NETWORK', 'request']);
    expect(out).toEqual({
      method: 'POST',
      request: { body: { mode: 'json', text: `${REDACTED} ${REDACTED}` } },
      error: { code: 'NETWORK', message: `${REDACTED} down` },
      timeline: [{ kind: 'request', label: `${REDACTED} ${REDACTED}` }],
    });
  });
});
