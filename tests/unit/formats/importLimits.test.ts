/**
 * Issue 19: what is too large to be read is reported, not processed: a script over 200,000
 * characters, a header value over 16 KB, a curl command over 1 MB, a file of more than 10,000
 * items or 10,000 literal secrets. Each says which item and field, and how large.
 */
import { describe, expect, it } from 'vitest';
import { CurlParseError, importCurl } from '../../../shared/formats/curl/importCurl';
import { MAX_IMPORT_ITEMS, TooManyItemsError, guardPostmanCollection } from '../../../shared/formats/postman/guard';
import { TooManySecretsError, importPostmanCollection } from '../../../shared/formats/postman/importCollection';
import type { PostmanCollection } from '../../../shared/formats/postman/types';
import { flattenRequests } from '../../../shared/model/collection';

const schema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

describe('oversized fields are reported, not read', () => {
  it('leaves out a script over 200,000 characters before anything reads it, naming the request', () => {
    const huge = `var a = '${'x'.repeat(300_000)}';`;
    const file: Record<string, unknown> = {
      info: { name: 'Big', schema },
      event: [{ listen: 'prerequest', script: { exec: [huge] } }],
      item: [
        {
          name: 'Folder',
          item: [
            {
              name: 'Ping',
              request: 'https://a.test',
              event: [
                { listen: 'test', script: { exec: huge.split('x').slice(0, 2).concat('x'.repeat(250_000)) } },
                { listen: 'prerequest', script: { exec: ['console.log(1);'] } },
              ],
            },
          ],
        },
      ],
    };
    const notes = guardPostmanCollection(file);
    expect(notes).toEqual([
      {
        path: '',
        level: 'skipped',
        message:
          "The collection's pre-request script is 293 KB; scripts over 200,000 characters are not kept or read: it was left out. Check what it did in Postman.",
      },
      {
        path: 'Folder / Ping',
        level: 'skipped',
        message: "This request's test script is 244 KB; scripts over 200,000 characters are not kept or read: it was left out. Check what it did in Postman.",
      },
    ]);
    // Taken out of the file itself: the library and the converter never see them; the small script stays.
    expect(JSON.stringify(file)).not.toContain('x'.repeat(1000));
    const imported = importPostmanCollection(file as unknown as PostmanCollection, 'test');
    expect(flattenRequests(imported.tree.items)[0]?.request.scripts).toEqual({ preRequest: 'console.log(1);' });
  });

  it('leaves out a header value over 16 KB, saying so', () => {
    const imported = importPostmanCollection(
      {
        info: { name: 'H', schema },
        item: [
          {
            name: 'Ping',
            request: {
              url: { raw: 'https://a.test' },
              header: [
                { key: 'X-Big', value: 'v'.repeat(64 * 1024) },
                { key: 'Accept', value: 'application/json' },
              ],
            },
          },
        ],
      },
      'test',
    );
    expect(flattenRequests(imported.tree.items)[0]?.request.headers).toEqual([{ key: 'Accept', value: 'application/json', enabled: true }]);
    expect(imported.report.notes).toContainEqual({
      path: 'Ping',
      level: 'skipped',
      message: 'The header X-Big is 64 KB; servers refuse headers over 16 KB, so it was left out.',
    });
  });

  it('refuses a file of more than 10,000 requests and folders before reading any of them', () => {
    const file = {
      info: { name: 'Huge', schema },
      item: [{ name: 'F', item: Array.from({ length: MAX_IMPORT_ITEMS }, () => ({ request: 'https://a.test', auth: { type: '__proto__' } })) }],
    };
    expect(() => guardPostmanCollection(file)).toThrow(TooManyItemsError);
    // Nothing was changed on the way (the check comes first).
    expect(file.item[0]?.item[0]).toEqual({ request: 'https://a.test', auth: { type: '__proto__' } });
  });

  it('refuses a file of more than 10,000 literal secrets instead of taking seconds over them', () => {
    const body = `{${Array.from({ length: 10_001 }, (_, i) => `"password": "pw-${i}"`).join(', ')}}`;
    expect(() =>
      importPostmanCollection(
        { info: { name: 'S', schema }, item: [{ name: 'r', request: { method: 'POST', url: { raw: 'https://a.test' }, body: { mode: 'raw', raw: body } } }] },
        'test',
      ),
    ).toThrow(TooManySecretsError);
  });

  it('refuses a curl command over 1 MB, and one of more than 10,000 words, in words', () => {
    expect(() => importCurl(`curl https://a.test -d '${'x'.repeat(2 * 1024 * 1024)}'`)).toThrow(
      new CurlParseError(
        'The command is 2.0 MB; a pasted curl command may be at most 1 MB. Paste it without its body (or with -d @file), then paste the body into the Body tab.',
      ),
    );
    expect(() => importCurl(`curl https://a.test ${'-k '.repeat(20_000)}`)).toThrow(/more than 10,000 words/);
  });
});
