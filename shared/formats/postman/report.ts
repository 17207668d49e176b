/**
 * What an import says it did: counts, and one note per thing converted differently or left out,
 * named by the request it belongs to, so nothing is dropped without the user being told.
 */
import type { RequestTemplate } from '../../model/collection';
import type { EnvironmentAuth } from '../../model/environment';

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
