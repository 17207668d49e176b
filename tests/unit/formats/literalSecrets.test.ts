/**
 * The one rule for "where does a request hold a credential in plain text", shared by the session
 * (which blanks them) and the importers (which put placeholders there): what it finds, what it
 * leaves alone, and that it reads hostile text in one pass.
 */
import { describe, expect, it } from 'vitest';
import {
  Placeholders,
  replaceBodySecrets,
  replaceJsonSecrets,
  replaceQuerySecrets,
  replaceUrlSecrets,
  type LiteralSecret,
} from '../../../shared/formats/literalSecrets';
import { redactDraft } from '../../../electron/backend/storage/session';
import { newRequestTemplate } from '../../../shared/model/collection';

function collect(): { found: LiteralSecret[]; replace: (s: LiteralSecret) => string } {
  const found: LiteralSecret[] = [];
  return { found, replace: (s) => (found.push(s), `{{${s.name || s.place}}}`) };
}

describe('literal secrets in a request', () => {
  it('finds secret-named JSON members at any depth, with escapes, in broken JSON and next to unquoted variables', () => {
    const { found, replace } = collect();
    const text =
      '{"user": "ada", "auth": {"password": "p\\"w"}, "list": ["password", "x"], "api_key": {{key}}, "client_secret": "{{s}}", "token"  :  "t1", "broken": ';
    expect(replaceJsonSecrets(text, replace)).toBe(
      '{"user": "ada", "auth": {"password": "{{password}}"}, "list": ["password", "x"], "api_key": {{key}}, "client_secret": "{{s}}", "token"  :  "{{token}}", "broken": ',
    );
    expect(found.map((s) => [s.name, s.value])).toEqual([
      ['password', 'p"w'],
      ['token', 't1'],
    ]);
  });

  it("finds secret-named query and form pairs (decoded), URL passwords and a token as a URL's user name", () => {
    const { found, replace } = collect();
    expect(replaceUrlSecrets('https://ada:p%40ss@api.test/v1?api%5Fkey=K%2B1&page_token=abc&x=1#frag', replace)).toBe(
      'https://ada:{{api.test}}@api.test/v1?api%5Fkey={{api_key}}&page_token=abc&x=1#frag',
    );
    expect(replaceUrlSecrets('https://ghp_TOKEN@git.test/repo', replace)).toBe('https://{{git.test}}@git.test/repo');
    expect(replaceUrlSecrets('{{base_url}}/v1?token={{t}}', replace)).toBe('{{base_url}}/v1?token={{t}}');
    expect(replaceQuerySecrets('grant_type=client_credentials&client_secret=s+1', 'body field', replace)).toBe(
      'grant_type=client_credentials&client_secret={{client_secret}}',
    );
    expect(found.map((s) => [s.place, s.name, s.value])).toEqual([
      ['URL password', 'api.test', 'p@ss'],
      ['query parameter', 'api_key', 'K+1'],
      ['URL user name', 'git.test', 'ghp_TOKEN'],
      ['body field', 'client_secret', 's 1'],
    ]);
  });

  it('reads a text body as JSON members and form pairs, a JSON body as JSON only', () => {
    const { replace } = collect();
    expect(replaceBodySecrets({ mode: 'text', text: 'password=a&x=1' }, replace)).toBe('password={{password}}&x=1');
    expect(replaceBodySecrets({ mode: 'json', text: '{"q": "password=a"}' }, replace)).toBe('{"q": "password=a"}');
  });

  it('reads 10 MB of unclosed, escaped members in one pass (a pattern would have retried every one)', () => {
    const hostile = '{"k": "\\"password\\": \\"'.repeat(400_000);
    const { found, replace } = collect();
    expect(replaceJsonSecrets(hostile, replace)).toBe(hostile);
    expect(found).toEqual([]);
  });

  it('names placeholders one per value: the same value keeps its name, another gets a suffix', () => {
    const names = new Placeholders();
    expect([
      names.name('password', 'a'),
      names.name('password', 'b'),
      names.name('password', 'a'),
      names.name('password_2', 'c'),
      names.name('password', 'd'),
    ]).toEqual(['password', 'password_2', 'password', 'password_2_2', 'password_3']);
  });

  it("is the session's rule too: a draft keeps no URL password, and says so", () => {
    const notKept: string[] = [];
    const draft = redactDraft({ ...newRequestTemplate('r1', 'Me'), url: 'https://ada:hunter22@api.test/v1' }, notKept);
    expect(draft.url).toBe('https://ada:@api.test/v1');
    expect(notKept).toEqual(['URL password api.test']);
  });
});
