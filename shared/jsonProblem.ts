import { format, parse, printParseErrorCode, type Edit, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, nestingBeyond } from './safeObject';

export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

/**
 * Texts this size and under that do not parse get jsonc-parser's precise description; a larger
 * one gets where V8 stopped. jsonc-parser recurses and is some ten times slower than JSON.parse:
 * a 20 MB paste through it blocked the backend for a second.
 */
const DESCRIBE_LIMIT = 512 * 1024;
/** Deeper than this, jsonc-parser's recursion is not asked (it overflows near 10 000 levels). */
const DESCRIBE_DEPTH = 512;

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const BLANK = /^\s*$/;

/**
 * Where a JSON text first goes wrong, as line and column: Node's and browsers' own messages do
 * not always say. Strict JSON: no comments, no trailing commas. Valid text (the usual case) costs
 * one native parse, whatever its size or depth.
 */
export function findJsonProblem(text: string): JsonProblem | null {
  if (BLANK.test(text)) return null;
  let failure: unknown;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    failure = error;
  }
  if (text.length <= DESCRIBE_LIMIT && nestingBeyond(text, DESCRIBE_DEPTH) < 0) {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first) return { ...lineAndColumn(text, first.offset), message: describe(printParseErrorCode(first.error)) };
  }
  // V8's message may quote the text; only its position is used.
  const at = /at position (\d+)/.exec(failure instanceof Error ? failure.message : '');
  return at ? { ...lineAndColumn(text, Number(at[1])), message: 'the JSON does not parse here' } : { line: 1, column: 1, message: 'the JSON does not parse' };
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

/** Beautify stops short of text this large: its indentation alone would make it much larger still, in the page. */
export const BEAUTIFY_MAX_CHARS = 8 * 1024 * 1024;

/** Why a text is not indented by beautifyJson, or null when it can be. */
export function beautifyProblem(text: string): string | null {
  if (text.length > BEAUTIFY_MAX_CHARS) return `The body is over ${BEAUTIFY_MAX_CHARS / 1024 / 1024} MB: it is left as it is.`;
  // Each level adds two spaces to every line below it: 20 000 levels would be gigabytes of spaces.
  if (nestingBeyond(text, MAX_JSON_DEPTH) >= 0) return `The body is nested deeper than ${MAX_JSON_DEPTH} levels: it is left as it is.`;
  return null;
}

/**
 * Pretty-prints JSON text without parsing it into values, so `{{variables}}` in any position and
 * number formats survive exactly as typed. The edits are applied in one pass: jsonc-parser's own
 * applyEdits copies the whole text once per edit, which took a minute for a 230 KB array.
 */
export function beautifyJson(text: string): string {
  const edits: Edit[] = format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' });
  edits.sort((a, b) => a.offset - b.offset);
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    if (edit.offset < at) continue;
    parts.push(text.slice(at, edit.offset), edit.content);
    at = edit.offset + edit.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
