/**
 * What an import format is (one module per format, listed in ./registry.ts) and what its converter
 * gives back, before anything is written: the backend's ImportService checks and writes it, and
 * holds the secrets it found for the keychain. Pure: a converter that needs a Node-only library gets
 * it through `ImportTools`, which the backend supplies.
 */
import type { CollectionTree, RequestTemplate } from '../model/collection';
import type { Environment } from '../model/environment';
import type { KeyValue } from '../model/keyValue';
import type { PostmanCollection, PostmanVersion } from './postman/types';
import type { ImportNote, ImportReport } from './report';

/** A secret taken out of what is written, by the id of the offer that names it (SecretOffer.id). */
export interface SecretValue {
  id: string;
  value: string;
}

/** How the collection authenticates, as the runner needs it: values as written (`{{vars}}` or literal). */
export type CollectionAuth =
  { kind: 'oauth2'; tokenUrl: string; keyId: string; keySecret: string } | { kind: 'basic'; keyId: string; keySecret: string } | { kind: 'none' };

export interface CollectionImport {
  tree: CollectionTree;
  report: ImportReport;
  /** The secrets' values, by offer id: kept in memory only, for the keychain (or a CLI run). */
  secretValues: SecretValue[];
  /** The access key the collection asks for, with its secret as found (for `sinch-explorer run`). */
  auth: CollectionAuth;
  /**
   * Request ids in the order a collection run sends them, when the test scripts chain them with
   * setNextRequest (our export of the catalog does); absent when they run in display order.
   */
  runOrder?: string[];
}

export interface EnvironmentImport {
  /** Without an id: the store gives it one. Secret variables carry `secret: true` and an empty value. */
  environment: Omit<Environment, 'id'>;
  /** Values of padlocked variables (by name) and the access key secret: for the keychain only. */
  secretVariables: { name: string; value: string }[];
  accessKeySecret: string | null;
  report: ImportReport;
}

/**
 * What a converter made of the file: one collection, one environment, globals, or a request to
 * open. A format that makes several collections and environments at once (an Insomnia export)
 * adds a variant here; ImportService's switch over `kind` then fails typecheck until it writes it.
 */
export type ImportResult =
  | { kind: 'collection'; imported: CollectionImport }
  | { kind: 'environment'; imported: EnvironmentImport }
  | { kind: 'globals'; variables: KeyValue[]; report: ImportReport }
  | { kind: 'curl'; request: RequestTemplate; report: ImportReport; secretValues: SecretValue[] };

/** The file or pasted text being imported, as every detector and converter sees it. */
export interface ImportInput {
  readonly text: string;
  /** The file's name, or "pasted text": for messages and default names, never to decide the format. */
  readonly fileName: string;
  /** The text as a JSON object, parsed once on the first call; null when it is not one (or is hostile: `__proto__`, absurd nesting). */
  object(): Record<string, unknown> | null;
}

/**
 * What converters get from the backend: what shared/ cannot do itself. A format whose converter
 * needs a Node-only library adds a member here, and electron/backend/importer/read.ts supplies it.
 */
export interface ImportTools {
  /** Lets the backend serve the listener, the sandbox and the page between two steps of a large import. */
  nextTurn(): Promise<void>;
  /** A new random id (a UUID) for what the file gives none. */
  newId(): string;
  /** Any Postman collection version → normalised v2.1 JSON, with the `postman-collection` libraries. */
  normalisePostmanCollection(value: unknown, version: PostmanVersion): Promise<{ collection: PostmanCollection; notes: ImportNote[] }>;
}

/**
 * One import format: what the Import dialog and `sinch-explorer import --help` list, how a file is
 * recognised (by its content), and how it is converted.
 */
export interface ImportFormat {
  /** Stable, kebab-case: `postman-collection`. */
  readonly id: string;
  /** "Postman collection". */
  readonly name: string;
  /** As the lists of accepted formats put it, plural: "Postman collections (v2.1, v2.0, v1)". */
  readonly description: string;
  /** For a file chooser's `accept`: extensions (`.json`) and media types; empty for text that is only pasted. */
  readonly fileTypes: readonly string[];
  /** Whether this is the format of `input`. Must not throw; the first format in the registry that says yes converts it. */
  detect(input: ImportInput): boolean;
  /**
   * When no format took the file: why it is refused, if it looks like this format but is not one
   * it reads (a Postman schema we do not know); null otherwise. Asked in registry order.
   */
  refusal?(input: ImportInput): string | null;
  /** Throws ImportRefusal (a sentence saying what to do) for a file it cannot convert. */
  convert(input: ImportInput, tools: ImportTools): Promise<ImportResult>;
}

/** A file refused, in a sentence that says what to do; the backend answers it as INVALID_INPUT. */
export class ImportRefusal extends Error {}
