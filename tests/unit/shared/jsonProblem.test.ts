import { describe, expect, test } from 'vitest';
import { beautifyJson, findJsonProblem } from '../../../shared/jsonProblem';

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
});
