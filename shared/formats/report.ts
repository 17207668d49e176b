/**
 * What an import says it did: counts, and one note per thing converted differently or left out,
 * named by the request it belongs to, so nothing is dropped without the user being told. The same
 * report for every import format (shared/formats/registry.ts), whichever converter wrote it.
 */
import type { RequestTemplate } from '../model/collection';
import type { EnvironmentAuth } from '../model/environment';
import type { BindingTarget } from './sinchVariables';

export type ImportKind = 'collection' | 'environment' | 'globals' | 'curl';

export interface ImportNote {
  /** "Folder / Request" for a request, "Folder" for a folder, "" for the file as a whole. */
  path: string;
  /** `converted`: done, in another form (a script line became a capture); `skipped`: not carried over. */
  level: 'converted' | 'skipped';
  message: string;
}

/** Where a secret found in the file can go, if the user agrees. Never a workspace file. */
export type SecretTarget = { kind: 'access-key-secret' } | { kind: 'variable'; name: string };

export interface SecretOffer {
  id: string;
  /** "OAuth2 client secret (collection auth)", "Variable KEY_SECRET"… never the value. */
  label: string;
  target: SecretTarget;
}

/**
 * A variable named the way Sinch's collections name the environment's fields (`PROJECT_ID`,
 * `BASE_URL`, `KEY_ID`…), offered to be bound to the environment (see sinchVariables.ts).
 */
export interface VariableBinding {
  /** As the collection writes it: `PROJECT_ID`. */
  variable: string;
  /** The environment variable it becomes a reference to (`PROJECT_ID = {{project_id}}`); `access-key` when the access key stands for it. */
  target: BindingTarget | 'access-key';
  /** Where the value then comes from, in words. */
  label: string;
  /** The file gives it no value (or does not define it): as imported, its requests send nothing there. */
  empty: boolean;
  /** Checked in the report to begin with. */
  suggested: boolean;
  /** How many requests use it. */
  uses: number;
}

export interface ImportCounts {
  folders: number;
  requests: number;
  variables: number;
  examples: number;
  captures: number;
  scripts: number;
}

export interface ImportReport {
  kind: ImportKind;
  /** "Postman collection v2.1", "Postman collection v1 (converted with postman-collection-transformer)"… */
  source: string;
  name: string;
  counts: ImportCounts;
  notes: ImportNote[];
  /** Secrets the file held, removed from what is saved; offered for the keychain. */
  secrets: SecretOffer[];
  /** The collection's OAuth2 or Basic auth, as the environment's access key would hold it (no secret). */
  accessKey: Pick<EnvironmentAuth, 'mode' | 'tokenUrl' | 'keyId'> | null;
  /** Sinch-named variables the collection uses, offered to be bound to the environment; absent when there are none. */
  bindings?: VariableBinding[];
}

export function emptyCounts(): ImportCounts {
  return { folders: 0, requests: 0, variables: 0, examples: 0, captures: 0, scripts: 0 };
}

/** What an import made: a collection or environment (by id), globals, or a request to open (curl). */
export type ImportCreated =
  | { kind: 'collection'; id: string; name: string }
  | { kind: 'environment'; id: string; name: string }
  | { kind: 'globals'; count: number }
  | { kind: 'curl'; request: RequestTemplate };

export interface ImportOutcome {
  /** Names the secrets the backend holds for `transfer.storeSecrets` (forgotten after 15 minutes). */
  importId: string;
  report: ImportReport;
  created: ImportCreated;
}
