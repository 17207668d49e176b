/**
 * Postman's two import formats: collections (v2.1, v2.0, v1) and environment or globals files.
 * A collection is normalised by the `postman-collection` libraries first (Node-only: the backend
 * supplies them as `tools.normalisePostmanCollection`), then converted here by the pure
 * importCollection.ts; an environment needs no library.
 */
import { z } from 'zod';
import { ImportRefusal, type ImportFormat, type ImportInput, type ImportTools } from '../importFormat';
import { importPostmanEnvironment, importPostmanGlobals } from './environment';
import { MAX_IMPORT_ITEMS, TooManyItemsError } from './guard';
import { TooManySecretsError, importPostmanCollection } from './importCollection';
import type { PostmanEnvironmentFile, PostmanVersion } from './types';

function postmanVersion(record: Record<string, unknown>): PostmanVersion | null {
  const info = record.info;
  if (info && typeof info === 'object' && !Array.isArray(info)) {
    const declared = (info as Record<string, unknown>).schema;
    const schema = typeof declared === 'string' ? declared : '';
    if (/collection\/v2\.1/.test(schema)) return 'v2.1';
    if (/collection\/v2\.0/.test(schema)) return 'v2.0';
    if (schema === '' && Array.isArray(record.item)) return 'v2.1';
    return null;
  }
  if (Array.isArray(record.requests) && (Array.isArray(record.order) || Array.isArray(record.folders))) return 'v1';
  return null;
}

function versionOf(input: ImportInput): PostmanVersion | null {
  const record = input.object();
  return record ? postmanVersion(record) : null;
}

export const postmanCollectionFormat: ImportFormat = {
  id: 'postman-collection',
  name: 'Postman collection',
  description: 'Postman collections (v2.1, v2.0, v1)',
  fileTypes: ['.json', 'application/json'],
  detect: (input) => versionOf(input) !== null,
  refusal(input) {
    const record = input.object();
    if (!record || typeof record.info !== 'object' || record.info === null || !('schema' in record.info)) return null;
    const declared = record.info.schema;
    return `${input.fileName} declares the schema ${typeof declared === 'string' ? declared : JSON.stringify(declared)}, which is not a Postman collection format we know (v1, v2.0, v2.1). Export it from Postman as Collection v2.1.`;
  },
  async convert(input, tools) {
    const { fileName } = input;
    const record = input.object() as Record<string, unknown>;
    const version = postmanVersion(record) as PostmanVersion;
    if (version === 'v1' && Array.isArray(record.requests) && record.requests.length > MAX_IMPORT_ITEMS) {
      throw new ImportRefusal(
        `${fileName} is too large to import: it holds more than ${MAX_IMPORT_ITEMS.toLocaleString('en-US')} requests. Split it into smaller collections and import each.`,
      );
    }
    // Each step can take a large file's worth of work: the listener and the page get turns in between.
    await tools.nextTurn();
    let normalised: Awaited<ReturnType<ImportTools['normalisePostmanCollection']>>;
    try {
      normalised = await tools.normalisePostmanCollection(record, version);
    } catch (error) {
      if (error instanceof TooManyItemsError)
        throw new ImportRefusal(
          `${fileName} is too large to import: ${error.message}. Split it into smaller collections in Postman (export folders separately) and import each.`,
        );
      throw error;
    }
    await tools.nextTurn();
    const source = version === 'v1' ? 'Postman collection v1 (converted with postman-collection-transformer)' : `Postman collection ${version}`;
    try {
      const imported = importPostmanCollection(normalised.collection, source);
      imported.report.notes.unshift(...normalised.notes);
      return { kind: 'collection', imported };
    } catch (error) {
      if (error instanceof TooManySecretsError)
        throw new ImportRefusal(
          `${fileName} cannot be imported: ${error.message}. Replace them with {{variables}} in Postman, export it again and import that.`,
        );
      // A field of an unexpected type the converter did not foresee: refused in words, not a crash.
      throw new ImportRefusal(
        `${fileName} could not be converted (${error instanceof Error ? error.message : String(error)}). Export it again from Postman as Collection v2.1; if it still fails, it holds values of unexpected types.`,
      );
    }
  },
};

const EnvironmentFileSchema = z.object({
  id: z.string().optional(),
  name: z.string().max(500).optional(),
  _postman_variable_scope: z.string().optional(),
  values: z
    .array(z.object({ key: z.string().max(1024), value: z.unknown().optional(), type: z.string().optional(), enabled: z.boolean().optional() }))
    .max(2000),
});

function environmentFile(record: Record<string, unknown>, fileName: string): PostmanEnvironmentFile {
  const parsed = EnvironmentFileSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportRefusal(
      `${fileName} looks like a Postman environment but ${issue?.path.join('.') || 'it'}: ${issue?.message ?? 'is invalid'}. Export the environment from Postman again.`,
    );
  }
  return parsed.data;
}

/** An environment or a globals file: the same shape, told apart by `_postman_variable_scope`. */
export const postmanEnvironmentFormat: ImportFormat = {
  id: 'postman-environment',
  name: 'Postman environment or globals',
  description: 'Postman environment and globals files',
  fileTypes: ['.json', 'application/json'],
  detect: (input) => Array.isArray(input.object()?.values),
  async convert(input) {
    const file = environmentFile(input.object() as Record<string, unknown>, input.fileName);
    if (file._postman_variable_scope === 'globals') {
      const { variables, report } = importPostmanGlobals(file);
      return { kind: 'globals', variables, report };
    }
    return {
      kind: 'environment',
      imported: importPostmanEnvironment(file, input.fileName.replace(/(\.postman_environment)?\.json$/i, '') || 'Imported environment'),
    };
  },
};
