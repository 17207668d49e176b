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

  it('redactDeep reaches every string of a result, keys included, and leaves the input alone', () => {
    const input = { ok: false, error: { code: 'INVALID_URL', message: '"s3cret" is not a valid URL' }, headers: [{ name: 'X', value: 'a s3cret b' }], n: 3, flag: true, none: null, s3cret: 'key' };
    const out = redactDeep(input, ['s3cret']);
    expect(JSON.stringify(out)).not.toContain('s3cret');
    expect(out.error.message).toBe(`"${REDACTED}" is not a valid URL`);
    expect(out).toMatchObject({ n: 3, flag: true, none: null, [REDACTED]: 'key' });
    expect(input.headers[0]?.value).toBe('a s3cret b');
    expect(redactDeep(input, [])).toBe(input);
  });
});
