/**
 * Reads a file (or pasted text) the user wants to import with the first format of the registry
 * that recognises it (./registry.ts), and converts it. Nothing is written here; a file that no
 * format takes, too large, not JSON or hostile (`__proto__` keys, absurd nesting) is refused with a
 * sentence saying what to do (ImportRefusal).
 */
import { parseUntrustedJson, type JsonParse } from '../safeObject';
import { ImportRefusal, type ImportFormat, type ImportInput, type ImportResult, type ImportTools } from './importFormat';
import { MAX_IMPORT_BYTES, tooLargeToImport } from './importLimits';
import { describeFormats } from './registry';

export { MAX_IMPORT_BYTES, tooLargeToImport };

/** How a JSON object's text begins (JSON allows only these four spaces before it). */
const JSON_OBJECT_START = /^\uFEFF?[ \t\n\r]*\{/;

export async function convertImport(text: string, fileName: string, formats: readonly ImportFormat[], tools: ImportTools): Promise<ImportResult> {
  const bytes = byteLength(text);
  if (bytes > MAX_IMPORT_BYTES) throw new ImportRefusal(tooLargeToImport(fileName, bytes));
  if (text.trim() === '') throw new ImportRefusal(`${fileName} is empty. Choose a Postman collection or environment file, or paste a curl command.`);
  // Parsed once, when the first detector asks; text that cannot be a JSON object (a curl command) is not parsed at all.
  let parsed: JsonParse | null = null;
  const json = (): JsonParse => (parsed ??= parseUntrustedJson(text.replace(/^\uFEFF/, '')));
  const input: ImportInput = {
    text,
    fileName,
    object() {
      if (!JSON_OBJECT_START.test(text)) return null;
      const result = json();
      return result.ok && result.value !== null && typeof result.value === 'object' && !Array.isArray(result.value)
        ? (result.value as Record<string, unknown>)
        : null;
    },
  };
  for (const format of formats) if (format.detect(input)) return format.convert(input, tools);
  for (const format of formats) {
    const refusal = format.refusal?.(input) ?? null;
    if (refusal !== null) throw new ImportRefusal(refusal);
  }
  const result = json();
  if (!result.ok) {
    if (result.path !== undefined)
      throw new ImportRefusal(
        `${fileName} has the key "__proto__" at ${result.path}: "__proto__" is not allowed in an import (no Postman file has one, and copying it would change how the app itself behaves). Remove it and import again.`,
      );
    throw new ImportRefusal(`${fileName} is not JSON (${result.error}). Import accepts Postman collection and environment files (.json) and curl commands.`);
  }
  if (input.object() === null) throw new ImportRefusal(`${fileName} is JSON but not an object: it is not a Postman collection or environment file.`);
  throw new ImportRefusal(`${fileName} is not a format Import knows. It accepts: ${describeFormats(formats, 'and')}.`);
}

function byteLength(text: string): number {
  // UTF-8 length without Buffer.byteLength's whole-string copy for ASCII-heavy text.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
  }
  return n;
}
