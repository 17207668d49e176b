import { describe, expect, test } from 'vitest';
import { addAuthImports, authExpression, CODE_LANGUAGES, CODE_LANGUAGE_INFO, IDIOMS, isCodeLanguage, withComment } from '../../../shared/formats/codegen';

describe('Code panel languages', () => {
  test('every language has a label and an editor language; anything else is not a language', () => {
    for (const language of CODE_LANGUAGES) expect(CODE_LANGUAGE_INFO[language].label).not.toBe('');
    expect(isCodeLanguage('node-sdk')).toBe(true);
    expect(isCodeLanguage('__proto__')).toBe(false);
    expect(isCodeLanguage(undefined)).toBe(false);
  });

  test('a key id with quotes, backslashes or interpolation stays one string literal in each language', () => {
    const keyId = `k'"\\#{x}$y`;
    expect(authExpression('php-curl', 'Authorization: ', { mode: 'basic', keyId })).toBe(
      `'Authorization: Basic ' . base64_encode('k\\'"\\\\#{x}$y:' . getenv('SINCH_KEY_SECRET'))`,
    );
    expect(authExpression('ruby', '', { mode: 'basic', keyId })).toBe(`"Basic " + Base64.strict_encode64("k'\\"\\\\\\#{x}$y:" + ENV["SINCH_KEY_SECRET"])`);
    expect(authExpression('node-fetch', '', { mode: 'basic', keyId })).toBe(
      `"Basic " + Buffer.from(${JSON.stringify(`${keyId}:`)} + process.env.SINCH_KEY_SECRET).toString("base64")`,
    );
    expect(IDIOMS.go.env('SINCH_TOKEN')).toBe('os.Getenv("SINCH_TOKEN")');
  });

  test('imports for what the credential expression uses are added once; comments open the code (after <?php)', () => {
    expect(addAuthImports('python-requests', 'import requests\nx = os.environ["SINCH_TOKEN"]', false)).toBe(
      'import os\nimport requests\nx = os.environ["SINCH_TOKEN"]',
    );
    expect(addAuthImports('python-requests', 'import os\nx = os.environ["A"]', true)).toBe('import base64\nimport os\nx = os.environ["A"]');
    expect(addAuthImports('go', 'import (\n  "fmt"\n)\nos.Getenv("A")', true)).toBe('import (\n  "os"\n  "encoding/base64"\n  "fmt"\n)\nos.Getenv("A")');
    expect(addAuthImports('ruby', 'require "uri"', true)).toBe('require "base64"\nrequire "uri"');
    expect(withComment('php-curl', '<?php\n$curl = 1;', ['hello'])).toBe('<?php\n// hello\n$curl = 1;');
    expect(withComment('python-requests', 'x', ['a', 'b'])).toBe('# a\n# b\nx');
    expect(withComment('go', 'x', [])).toBe('x');
  });
});
