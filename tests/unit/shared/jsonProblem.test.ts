import { describe, expect, test } from 'vitest';
import { beautifyJson, beautifyProblem, findJsonProblem } from '../../../shared/jsonProblem';

describe('JSON body help', () => {
  test('points at the line and column of the first mistake', () => {
    expect(findJsonProblem('{\n  "a": 1,\n  "b": \n}')).toEqual({ line: 4, column: 1, message: 'a value was expected' });
    expect(findJsonProblem('{"a": 1,}')).toMatchObject({ line: 1, column: 9 });
    expect(findJsonProblem('{"a": 1}')).toBeNull();
    expect(findJsonProblem('   ')).toBeNull();
  });

  test('beautify indents without touching variables or values', () => {
    expect(beautifyJson('{"text":"hi {{name}}","n":1.50,"list":[1,2]}')).toBe('{\n  "text": "hi {{name}}",\n  "n": 1.50,\n  "list": [\n    1,\n    2\n  ]\n}');
  });

  test('JSON nested 20 000 deep is judged without overflowing: valid is valid, invalid gets a place (issue 19)', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(findJsonProblem(deep)).toBeNull();
    expect(findJsonProblem(`${deep.slice(0, 30_000)}x${deep.slice(30_000)}`)).toEqual({ line: 1, column: 30_001, message: 'the JSON does not parse here' });
  });

  test('beautify applies its edits in one pass: a 100 000-element array is indented at once (it took minutes)', () => {
    const text = `[${Array.from({ length: 100_000 }, (_, i) => i).join(',')}]`;
    const pretty = beautifyJson(text);
    expect(pretty.split('\n')).toHaveLength(100_002);
    expect(pretty.startsWith('[\n  0,\n  1,')).toBe(true);
  }, 30_000);

  test('a body too deep or too large to indent is left as it is, with the reason', () => {
    expect(beautifyProblem(`${'['.repeat(100)}${']'.repeat(100)}`)).toBe('The body is nested deeper than 64 levels: it is left as it is.');
    expect(beautifyProblem(`"${'x'.repeat(9 * 1024 * 1024)}"`)).toBe('The body is over 8 MB: it is left as it is.');
    expect(beautifyProblem('{"a":[1]}')).toBeNull();
  });
});
