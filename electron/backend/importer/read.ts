/**
 * Reads a file (or pasted text) the user wants to import with the import formats' registry
 * (shared/formats/registry.ts), giving the converters what only the backend has: the Postman
 * libraries, turns of the event loop, random ids. A refusal becomes an INVALID_INPUT error.
 */
import { convertImport } from '../../../shared/formats/convertImport';
import { ImportRefusal, type ImportFormat, type ImportResult, type ImportTools } from '../../../shared/formats/importFormat';
import { IMPORT_FORMATS } from '../../../shared/formats/registry';
import { BackendError } from '../errors';
import { nextTurn } from '../nextTurn';
import { normalisePostmanCollection } from './postmanLibrary';

const tools: ImportTools = { nextTurn, newId: () => crypto.randomUUID(), normalisePostmanCollection };

export async function readImport(text: string, fileName: string, formats: readonly ImportFormat[] = IMPORT_FORMATS): Promise<ImportResult> {
  try {
    return await convertImport(text, fileName, formats, tools);
  } catch (error) {
    if (error instanceof ImportRefusal) throw new BackendError('INVALID_INPUT', error.message);
    throw error;
  }
}
