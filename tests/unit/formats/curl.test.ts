import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { base64Utf8, shellQuote, toCurl } from '../../../shared/formats/curl';
import { isSecretName, maskSecret, maskSecretsInText } from '../../../shared/formats/secrets';

/** What a POSIX shell makes of `echo <quoted>`: proves the quoting round-trips. */
function shellEcho(quoted: string): string {
  return execFileSync('/bin/sh', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
}

describe('copy as curl', () => {
  test('a GET is one plain line with the URL quoted', () => {
    expect(toCurl({ method: 'GET', url: 'https://us.conversation.api.sinch.com/v1/projects/p/apps', headers: [], body: null }, { includeSecrets: true })).toBe(
      "curl 'https://us.conversation.api.sinch.com/v1/projects/p/apps'",
    );
  });

  test('a POST has one -H per header and --data-raw, on continued lines', () => {
    const curl = toCurl(
      {
        method: 'POST',
        url: 'https://x.test/v1/messages:send?a=1&b=2',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'X-Trace', value: 'abc' },
        ],
        body: '{"text":"hi"}',
      },
      { includeSecrets: true },
    );
    expect(curl).toBe(
      [
        "curl -X POST 'https://x.test/v1/messages:send?a=1&b=2' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -H 'X-Trace: abc' \\",
        `  --data-raw '{"text":"hi"}'`,
      ].join('\n'),
    );
  });

  test('quotes, newlines, $ and backticks survive a real shell exactly', () => {
    const tricky = `it's "quoted" $HOME \`whoami\` $(id) \\ back\nsecond line\ttab !bang`;
    expect(shellQuote(tricky)).toBe(`'it'\\''s "quoted" $HOME \`whoami\` $(id) \\ back\nsecond line\ttab !bang'`);
    expect(shellEcho(shellQuote(tricky))).toBe(tricky);
    const curl = toCurl(
      { method: 'PATCH', url: "https://x.test/a'b", headers: [{ name: 'X-Note', value: "don't $expand" }], body: tricky },
      { includeSecrets: true },
    );
    expect(curl).toContain(`--data-raw ${shellQuote(tricky)}`);
    expect(curl).toContain(`-H 'X-Note: don'\\''t $expand'`);
    expect(curl).toContain(`curl -X PATCH 'https://x.test/a'\\''b'`);
  });

  test('without secrets, Authorization becomes $SINCH_TOKEN, other credentials <redacted>, and a comment says so', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.real.token';
    const curl = toCurl(
      {
        method: 'POST',
        url: `https://x.test/v1?api_key=${token}&page_size=10`,
        headers: [
          { name: 'Authorization', value: `Bearer ${token}` },
          { name: 'X-Api-Key', value: token },
          { name: 'Cookie', value: `sid=${token}` },
          { name: 'Accept', value: 'application/json' },
        ],
        body: '{}',
      },
      { includeSecrets: false },
    );
    expect(curl).not.toContain(token);
    expect(curl.split('\n')[0]).toBe(
      '# Secrets redacted (secret query parameters, Authorization, X-Api-Key, Cookie): export SINCH_TOKEN=<access token> and replace each <…> placeholder before running.',
    );
    expect(curl).toContain('-H "Authorization: Bearer $SINCH_TOKEN"');
    expect(curl).toContain("-H 'X-Api-Key: <redacted>'");
    expect(curl).toContain("-H 'Cookie: <redacted>'");
    expect(curl).toContain("-H 'Accept: application/json'");
    expect(curl).toContain("'https://x.test/v1?api_key=<redacted>&page_size=10'");

    const basic = toCurl(
      { method: 'GET', url: 'https://x.test', headers: [{ name: 'Authorization', value: 'Basic a2V5OnNlY3JldA==' }], body: null },
      { includeSecrets: false },
    );
    expect(basic).toContain("-H 'Authorization: <redacted>'");
    expect(basic).not.toContain('a2V5');

    const withSecrets = toCurl(
      { method: 'GET', url: 'https://x.test', headers: [{ name: 'Authorization', value: `Bearer ${token}` }], body: null },
      { includeSecrets: true },
    );
    expect(withSecrets).toContain(`-H 'Authorization: Bearer ${token}'`);
    expect(withSecrets.startsWith('#')).toBe(false);
  });
});

describe("copy as curl with the environment's credentials", () => {
  const post = { method: 'POST', url: 'https://x.test/v1/messages:send', headers: [{ name: 'Content-Type', value: 'application/json' }], body: '{}' };

  test('with credentials, the token or the Basic header is written as sent', () => {
    expect(toCurl(post, { includeSecrets: true, auth: { mode: 'bearer', token: 'tok.en' } })).toContain("-H 'Authorization: Bearer tok.en'");
    const basic = toCurl(post, { includeSecrets: true, auth: { mode: 'basic', keyId: 'key-id', keySecret: "s3cr'et" } });
    expect(basic).toContain(`-H 'Authorization: Basic ${Buffer.from("key-id:s3cr'et").toString('base64')}'`);
    expect(basic.startsWith('#')).toBe(false);
  });

  test('a header the user typed wins over the environment, as when sending', () => {
    const own = toCurl(
      { ...post, headers: [{ name: 'authorization', value: 'Bearer mine' }] },
      { includeSecrets: true, auth: { mode: 'bearer', token: 'env' } },
    );
    expect(own).toContain("-H 'authorization: Bearer mine'");
    expect(own).not.toContain('env');
  });

  test('without credentials: a $SINCH_TOKEN placeholder, or the key id with $SINCH_KEY_SECRET, and the comment says what to export', () => {
    const bearer = toCurl(post, { includeSecrets: false, auth: { mode: 'bearer', token: 'never-shown' } });
    expect(bearer).not.toContain('never-shown');
    expect(bearer).toContain('-H "Authorization: Bearer $SINCH_TOKEN"');
    expect(bearer.split('\n')[0]).toBe('# Secrets redacted (Authorization): export SINCH_TOKEN=<access token> before running.');
    const basic = toCurl(post, { includeSecrets: false, auth: { mode: 'basic', keyId: 'key-id', keySecret: 'never-shown' } });
    expect(basic).not.toContain('never-shown');
    expect(basic).toContain(`--user 'key-id:'"$SINCH_KEY_SECRET"`);
    expect(basic.split('\n')[0]).toBe('# Secrets redacted (Authorization): export SINCH_KEY_SECRET=<key secret> before running.');
  });

  test('withheld padlocked variables are named in the comment', () => {
    const curl = toCurl({ ...post, body: '{"secret":"<hook_secret>"}' }, { includeSecrets: false, withheldVariables: ['hook_secret'] });
    expect(curl.split('\n')[0]).toBe('# Secrets redacted (padlocked {{hook_secret}}): replace each <…> placeholder before running.');
  });

  test('a URL with [] or {} gets --globoff, so curl does not read them as ranges', () => {
    expect(toCurl({ method: 'GET', url: 'https://x.test/a?f[0]={x}', headers: [], body: null }, { includeSecrets: true })).toBe(
      "curl --globoff 'https://x.test/a?f[0]={x}'",
    );
  });

  test('Basic credentials are base64 of their UTF-8 bytes', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'key:secret', 'kéy:sëcret€x', 'emoji 🦀:pw'])
      expect(base64Utf8(text), text).toBe(Buffer.from(text, 'utf8').toString('base64'));
  });

  test('the printed command, run by a real shell, hands curl exactly these arguments', () => {
    const tricky = `it's "q" $HOME \`id\` \\ \n!`;
    const curl = toCurl(
      { method: 'POST', url: "https://x.test/a'b?x=[1]", headers: [{ name: 'X-Note', value: tricky }], body: tricky },
      { includeSecrets: false, auth: { mode: 'bearer', token: 't' } },
    );
    // Replace curl with a printer of its arguments, one per line (NUL-separated to keep newlines).
    const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\nSINCH_TOKEN=from-shell\n${curl}`;
    const args = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
    expect(args).toEqual([
      '--globoff',
      '-X',
      'POST',
      "https://x.test/a'b?x=[1]",
      '-H',
      `X-Note: ${tricky}`,
      '-H',
      'Authorization: Bearer from-shell',
      '--data-raw',
      tricky,
    ]);
  });
});

describe('what counts as a secret', () => {
  test('names, not values, decide; paging tokens and authors are not secrets', () => {
    for (const name of [
      'Authorization',
      'proxy-authorization',
      'Cookie',
      'Set-Cookie',
      'X-Api-Key',
      'x-auth-token',
      'client_secret',
      'password',
      'access_token',
      'apiKey',
      'X-Session-Id',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['Accept', 'Content-Type', 'author', 'next_page_token', 'page_token', 'display_name']) expect(isSecretName(name), name).toBe(false);
  });

  test('masks keep at most the last 4 characters, and keep {{variable}} templates', () => {
    expect(maskSecret('0123456789abcdefXYZW')).toBe('••••XYZW');
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret('Bearer {{token}}')).toBe('Bearer {{token}}');
    expect(maskSecretsInText('{"access_token":"abcdefghijklmnopqrstu","id":"x"}')).toBe('{"access_token":"••••rstu","id":"x"}');
    expect(maskSecretsInText('grant_type=client_credentials&client_secret=abcdefghijklmnopqrstu')).toBe(
      `grant_type=client_credentials&client_secret=${encodeURIComponent('••••rstu')}`,
    );
  });
});
