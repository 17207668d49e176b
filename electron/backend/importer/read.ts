/**
 * Reads a file (or pasted text) the user wants to import and says what it is: a Postman
 * collection (v1, v2.0, v2.1), a Postman environment or globals file, our own collection export,
 * or a curl command. Nothing is written here; a file that is none of these, too large, not JSON
 * or hostile (`__proto__` keys, absurd nesting) is refused with a sentence saying what to do.
 */
import { z } from 'zod';
import { EXPORT_FORMAT } from '../../../shared/formats/exportCollection';
import { CurlParseError, importCurl, looksLikeCurl } from '../../../shared/formats/curlImport';
import { importPostmanEnvironment, importPostmanGlobals, type EnvironmentImport } from '../../../shared/formats/postman/environment';
import { TooManySecretsError, importPostmanCollection, type CollectionImport, type SecretValue } from '../../../shared/formats/postman/importCollection';
import { emptyCounts, type ImportReport } from '../../../shared/formats/report';
import type { PostmanEnvironmentFile } from '../../../shared/formats/postman/types';
import { RequestTemplateSchema, newRequestTemplate, type CollectionTree, type RequestTemplate, type TreeItem } from '../../../shared/model/collection';
import { KeyValueSchema, type KeyValue } from '../../../shared/model/keyValue';
import { parseUntrustedJson } from '../../../shared/safeObject';
import { BackendError } from '../errors';
import { MAX_IMPORT_ITEMS, TooManyItemsError } from '../../../shared/formats/postman/guard';
import { nextTurn } from '../nextTurn';
import { normalisePostmanCollection, type PostmanVersion } from './postmanLibrary';

/** Larger files are refused before parsing: Postman's own exports of big workspaces stay well under it. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ReadImport =
  | { kind: 'collection'; imported: CollectionImport }
  | { kind: 'environment'; imported: EnvironmentImport }
  | { kind: 'globals'; variables: KeyValue[]; report: ImportReport }
  | { kind: 'curl'; request: RequestTemplate; report: ImportReport; secretValues: SecretValue[] };

function invalid(message: string): BackendError {
  return new BackendError('INVALID_INPUT', message);
}

export async function readImport(text: string, fileName: string): Promise<ReadImport> {
  const bytes = byteLength(text);
  if (bytes > MAX_IMPORT_BYTES) {
    throw invalid(`${fileName} is ${(bytes / 1024 / 1024).toFixed(1)} MB; imports are limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split the collection into smaller ones in Postman (export folders separately) and import each.`);
  }
  if (text.trim() === '') throw invalid(`${fileName} is empty. Choose a Postman collection or environment file, or paste a curl command.`);
  if (looksLikeCurl(text)) return readCurl(text);
  const parsed = parseUntrustedJson(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) {
    if (parsed.path !== undefined) throw invalid(`${fileName} has the key "__proto__" at ${parsed.path}: "__proto__" is not allowed in an import (no Postman file has one, and copying it would change how the app itself behaves). Remove it and import again.`);
    throw invalid(`${fileName} is not JSON (${parsed.error}). Import accepts Postman collection and environment files (.json) and curl commands.`);
  }
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(`${fileName} is JSON but not an object: it is not a Postman collection or environment file.`);
  const record = value as Record<string, unknown>;
  const version = postmanVersion(record);
  if (version) {
    if (version === 'v1' && Array.isArray(record.requests) && record.requests.length > MAX_IMPORT_ITEMS) {
      throw invalid(`${fileName} is too large to import: it holds more than ${MAX_IMPORT_ITEMS.toLocaleString('en-US')} requests. Split it into smaller collections and import each.`);
    }
    // Each step can take a large file's worth of work: the listener and the page get turns in between.
    await nextTurn();
    let normalised: Awaited<ReturnType<typeof normalisePostmanCollection>>;
    try {
      normalised = await normalisePostmanCollection(value, version);
    } catch (error) {
      if (error instanceof TooManyItemsError) throw invalid(`${fileName} is too large to import: ${error.message}. Split it into smaller collections in Postman (export folders separately) and import each.`);
      throw error;
    }
    await nextTurn();
    const source = version === 'v1' ? 'Postman collection v1 (converted with postman-collection-transformer)' : `Postman collection ${version}`;
    try {
      const imported = importPostmanCollection(normalised.collection, source);
      imported.report.notes.unshift(...normalised.notes);
      return { kind: 'collection', imported };
    } catch (error) {
      if (error instanceof TooManySecretsError) throw invalid(`${fileName} cannot be imported: ${error.message}. Replace them with {{variables}} in Postman, export it again and import that.`);
      // A field of an unexpected type the converter did not foresee: refused in words, not a crash.
      throw invalid(`${fileName} could not be converted (${error instanceof Error ? error.message : String(error)}). Export it again from Postman as Collection v2.1; if it still fails, it holds values of unexpected types.`);
    }
  }
  if (Array.isArray(record.values)) {
    const file = environmentFile(record, fileName);
    if (file._postman_variable_scope === 'globals') {
      const { variables, report } = importPostmanGlobals(file);
      return { kind: 'globals', variables, report };
    }
    return { kind: 'environment', imported: importPostmanEnvironment(file, fileName.replace(/(\.postman_environment)?\.json$/i, '') || 'Imported environment') };
  }
  if (record.format === EXPORT_FORMAT) return { kind: 'collection', imported: ownExport(record, fileName) };
  if (typeof record.info === 'object' && record.info !== null && 'schema' in record.info) {
    const declared = record.info.schema;
    throw invalid(`${fileName} declares the schema ${typeof declared === 'string' ? declared : JSON.stringify(declared)}, which is not a Postman collection format we know (v1, v2.0, v2.1). Export it from Postman as Collection v2.1.`);
  }
  throw invalid(`${fileName} is not a format Import knows. It accepts: Postman collections (v2.1, v2.0, v1), Postman environment and globals files, collections exported by this app, and curl commands.`);
}

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

const EnvironmentFileSchema = z.object({
  id: z.string().optional(),
  name: z.string().max(500).optional(),
  _postman_variable_scope: z.string().optional(),
  values: z.array(z.object({ key: z.string().max(1024), value: z.unknown().optional(), type: z.string().optional(), enabled: z.boolean().optional() })).max(2000),
});

function environmentFile(record: Record<string, unknown>, fileName: string): PostmanEnvironmentFile {
  const parsed = EnvironmentFileSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${fileName} looks like a Postman environment but ${issue?.path.join('.') || 'it'}: ${issue?.message ?? 'is invalid'}. Export the environment from Postman again.`);
  }
  return parsed.data;
}

/** As many as `transfer.storeSecrets` takes in one call. */
const MAX_CURL_OFFERS = 200;

function readCurl(text: string): ReadImport {
  try {
    const { request, notes, secrets } = importCurl(text);
    const url = request.url.replace(/^https?:\/\//, '');
    const name = `${request.method} ${url.split('?')[0]?.split('/').slice(-2).join('/') ?? url}`.slice(0, 120);
    const template: RequestTemplate = { ...newRequestTemplate(crypto.randomUUID(), name), ...request };
    const counts = { ...emptyCounts(), requests: 1 };
    // Offered for the keychain as the padlocked variables the request now reads them from.
    const offers = secrets.slice(0, MAX_CURL_OFFERS).map((secret, i) => ({ id: `secret-${i + 1}`, label: secret.label, target: { kind: 'variable' as const, name: secret.placeholder } }));
    const secretValues = secrets.slice(0, MAX_CURL_OFFERS).map((secret, i) => ({ id: `secret-${i + 1}`, value: secret.value }));
    return {
      kind: 'curl',
      request: template,
      report: { kind: 'curl', source: 'curl command', name, counts, notes: notes.map((message) => ({ path: name, level: message.startsWith('Credentials were replaced') ? 'converted' : 'skipped', message })), secrets: offers, accessKey: null },
      secretValues,
    };
  } catch (error) {
    if (error instanceof CurlParseError) throw invalid(`The curl command could not be read: ${error.message}`);
    throw error;
  }
}

/** A collection exported by this app (collections.export): validated item by item. */
function ownExport(record: Record<string, unknown>, fileName: string): CollectionImport {
  const c = record.collection as Partial<CollectionTree> | undefined;
  if (!c || typeof c !== 'object' || typeof c.name !== 'string' || !Array.isArray(c.items)) throw invalid(`${fileName} is a Sinch Explorer export without a collection in it. Export the collection again.`);
  const counts = emptyCounts();
  const items = (list: unknown[], path: string): TreeItem[] =>
    list.map((raw, i) => {
      const item = raw as { kind?: unknown; request?: unknown; id?: unknown; name?: unknown; description?: unknown; items?: unknown };
      if (item.kind === 'request') {
        const parsed = RequestTemplateSchema.safeParse(item.request);
        if (!parsed.success) throw invalid(`${fileName}: request ${i + 1} in ${path || 'the collection'} is not valid (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}).`);
        counts.requests++;
        return { kind: 'request', request: parsed.data };
      }
      if (item.kind === 'folder' && typeof item.name === 'string' && Array.isArray(item.items)) {
        counts.folders++;
        return { kind: 'folder', id: typeof item.id === 'string' ? item.id : crypto.randomUUID(), name: item.name, description: typeof item.description === 'string' ? item.description : '', items: items(item.items, `${path}${item.name} / `) };
      }
      throw invalid(`${fileName}: item ${i + 1} in ${path || 'the collection'} is neither a request nor a folder.`);
    });
  const variables = z.array(KeyValueSchema).max(500).safeParse(c.variables ?? []);
  const tree: CollectionTree = { id: String(c.id ?? crypto.randomUUID()), name: c.name, description: String(c.description ?? ''), variables: variables.success ? variables.data : [], items: items(c.items, ''), readOnly: false };
  counts.variables = tree.variables.length;
  const placeholders = Array.isArray(record.placeholders) ? record.placeholders.filter((p): p is string => typeof p === 'string') : [];
  return {
    tree,
    report: {
      kind: 'collection',
      source: 'Sinch Conversation Explorer export',
      name: c.name,
      counts,
      notes: placeholders.length > 0 ? [{ path: '', level: 'converted', message: `Secrets were replaced by placeholders when it was exported: fill in ${placeholders.map((p) => `{{${p}}}`).join(', ')}.` }] : [],
      secrets: [],
      accessKey: null,
    },
    secretValues: [],
    auth: { kind: 'none' },
  };
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
