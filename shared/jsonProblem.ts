import { applyEdits, format, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Where a JSON text first goes wrong, as line and column: Node's and browsers' own messages do
 * not always say. Strict JSON: no comments, no trailing commas.
 */
export function findJsonProblem(text: string): JsonProblem | null {
  if (text.trim() === '') return null;
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return null;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return { line, column, message: describe(printParseErrorCode(first.error)) };
}

function describe(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing } was expected',
    CloseBracketExpected: 'a closing ] was expected',
    EndOfFileExpected: 'nothing more was expected',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unfinished comment',
    UnexpectedEndOfString: 'unfinished string',
    UnexpectedEndOfNumber: 'unfinished number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}

/**
 * Pretty-prints JSON text without parsing it into values, so `{{variables}}` in any position and
 * number formats survive exactly as typed.
 */
export function beautifyJson(text: string): string {
  const edits = format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' });
  return applyEdits(text, edits);
}
