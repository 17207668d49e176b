/**
 * Import and export: Postman collections, environments and globals in and out, and curl pasted
 * into the URL bar. Every backend call of the feature is here; the dialog only reads the state.
 */
import type { StateCreator } from 'zustand';
import { MAX_IMPORT_BYTES, tooLargeToImport } from '../../../shared/formats/importLimits';
import { CurlParseError, importCurl, looksLikeCurl } from '../../../shared/formats/curl/importCurl';
import type { ImportOutcome } from '../../../shared/formats/report';
import type { BindingTarget } from '../../../shared/formats/sinchVariables';
import { api } from '../../api';
import { downloadBlob } from '../../ui/download';
import type { StoreState } from '../../store';

export interface ImportState {
  phase: 'idle' | 'busy' | 'done' | 'error';
  /** The file (or "pasted text") being imported. */
  fileName: string;
  outcome: ImportOutcome | null;
  error: string | null;
  /** Set once the secrets the import found were stored: their labels. */
  storedSecrets: string[] | null;
  /** A curl command pasted into the URL bar (read into the open request), not one imported as a new request. */
  pastedIntoRequest: boolean;
  /** Set once the report's Sinch variables were bound to the environment: the variables bound. */
  boundVariables: string[] | null;
}

export interface TransferSlice {
  importState: ImportState;
  /** Opens the Import dialog (empty). */
  startImport(): void;
  /** Reads a dropped or chosen file and imports it. */
  importFile(file: File, name?: string): Promise<void>;
  /** Imports pasted text: a Postman file's JSON or a curl command. */
  importText(text: string, fileName: string, name?: string): Promise<void>;
  /** Puts the secrets the last import found into an environment's keychain entries. */
  storeImportSecrets(environmentId: string, secretIds: string[], applyAccessKey: boolean): Promise<void>;
  /** Binds the imported collection's Sinch-named variables (chosen in the report) to the environment's own. */
  bindImportVariables(bindings: { variable: string; target: BindingTarget }[]): Promise<void>;
  /** A curl command pasted into the URL bar fills the open request; false when the text is not curl. */
  pasteCurl(text: string): boolean;
  /** Shows the credentials a pasted curl command held (now placeholders in the request) and offers them for the keychain. */
  offerPastedSecrets(text: string): Promise<void>;
  exportPostman(collectionId: string): Promise<void>;
  exportEnvironmentPostman(environmentId: string): Promise<void>;
}

const IDLE: ImportState = { phase: 'idle', fileName: '', outcome: null, error: null, storedSecrets: null, pastedIntoRequest: false, boundVariables: null };

export const createTransferSlice: StateCreator<StoreState, [], [], TransferSlice> = (set, get) => ({
  importState: IDLE,
  startImport() {
    set({ importState: IDLE });
    get().openDialog({ kind: 'import' });
  },
  async importFile(file, name) {
    if (get().dialog?.kind !== 'import') get().openDialog({ kind: 'import' });
    // Above the limit the backend refuses anyway; the page does not even read the file.
    if (file.size > MAX_IMPORT_BYTES) {
      set({ importState: { ...IDLE, phase: 'error', fileName: file.name, error: `${tooLargeToImport(file.name, file.size)} Nothing was imported.` } });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      set({
        importState: {
          ...IDLE,
          phase: 'error',
          fileName: file.name,
          error: `${file.name} could not be read. Check that it is a file you can open, then try again.`,
        },
      });
      return;
    }
    await get().importText(text, file.name, name);
  },
  async importText(text, fileName, name) {
    if (get().dialog?.kind !== 'import') get().openDialog({ kind: 'import' });
    set({ importState: { ...IDLE, phase: 'busy', fileName } });
    try {
      const outcome = await api.call('transfer.import', { text, fileName, ...(name ? { name } : {}) });
      set({ importState: { ...IDLE, phase: 'done', fileName, outcome } });
      const created = outcome.created;
      if (created.kind === 'collection') {
        await get().loadCollections();
        get().setExpanded(created.id, true);
      } else if (created.kind === 'curl') {
        get().openRequest(created.request, { kind: 'new' });
      }
    } catch (error) {
      set({ importState: { ...IDLE, phase: 'error', fileName, error: error instanceof Error ? error.message : String(error) } });
    }
  },
  async offerPastedSecrets(text) {
    const fileName = 'pasted curl command';
    if (get().dialog?.kind !== 'import') get().openDialog({ kind: 'import' });
    set({ importState: { ...IDLE, phase: 'busy', fileName, pastedIntoRequest: true } });
    try {
      const outcome = await api.call('transfer.import', { text, fileName });
      set({ importState: { ...IDLE, phase: 'done', fileName, outcome, pastedIntoRequest: true } });
    } catch (error) {
      set({ importState: { ...IDLE, phase: 'error', fileName, error: error instanceof Error ? error.message : String(error) } });
    }
  },
  async storeImportSecrets(environmentId, secretIds, applyAccessKey) {
    const outcome = get().importState.outcome;
    if (!outcome) return;
    const result = await get().attempt(() => api.call('transfer.storeSecrets', { importId: outcome.importId, environmentId, secretIds, applyAccessKey }));
    if (result) set((s) => ({ importState: { ...s.importState, storedSecrets: result.stored } }));
  },
  async bindImportVariables(bindings) {
    const created = get().importState.outcome?.created;
    if (created?.kind !== 'collection' || bindings.length === 0) return;
    const result = await get().attempt(() => api.call('transfer.bindVariables', { collectionId: created.id, bindings }));
    if (!result) return;
    set((s) => ({ importState: { ...s.importState, boundVariables: bindings.map((b) => b.variable) } }));
    await get().loadCollections();
  },
  pasteCurl(text) {
    if (!looksLikeCurl(text)) return false;
    try {
      const { request, notes, secrets } = importCurl(text);
      get().editRequest((r) => ({ ...r, ...request }));
      get().notify('info', `Pasted curl command read as a ${request.method} request.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`);
      // The request now reads them from placeholders; the backend holds the values until the user says where they go.
      if (secrets.length > 0) void get().offerPastedSecrets(text);
    } catch (error) {
      get().notify('error', error instanceof CurlParseError ? `The curl command could not be read: ${error.message}` : String(error));
    }
    return true;
  },
  async exportPostman(collectionId) {
    const file = await get().attempt(() => api.call('transfer.exportPostman', { id: collectionId }));
    if (!file) return;
    downloadBlob(new Blob([file.text], { type: 'application/json' }), file.fileName);
    get().notify(
      'info',
      `Exported ${file.fileName} (Postman v2.1). Fill in ${file.placeholders.map((p) => `{{${p}}}`).join(', ')} in a Postman environment: no secret values are in the file.`,
    );
  },
  async exportEnvironmentPostman(environmentId) {
    const file = await get().attempt(() => api.call('transfer.exportEnvironment', { id: environmentId }));
    if (!file) return;
    downloadBlob(new Blob([file.text], { type: 'application/json' }), file.fileName);
    get().notify('info', `Exported ${file.fileName}. Secret values (key_secret, padlocked variables) are left empty: fill them in in Postman.`);
  },
});
