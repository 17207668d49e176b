/**
 * Import into the app: reads the file with the first import format that recognises it (./read.ts),
 * checks everything it would write, then writes it in one step (a collection is built in a hidden
 * folder and renamed into place; an environment is one file). Secrets found in a collection are held here, in memory, until the user says which
 * environment's keychain entries they go to; they are never written to the workspace.
 */
import { randomUUID } from 'node:crypto';
import type { ImportOutcome, ImportReport, SecretOffer } from '../../../shared/formats/report';
import type { ImportFormat, SecretValue } from '../../../shared/formats/importFormat';
import { RequestTemplateSchema, type CollectionTree, type TreeItem } from '../../../shared/model/collection';
import { EnvironmentSchema, type Environment } from '../../../shared/model/environment';
import { BackendError } from '../errors';
import { accountFor, type SecretVault } from '../secrets/index';
import type { CollectionStore } from '../storage/collections/store';
import type { EnvironmentStore } from '../storage/environments';
import type { GlobalsStore } from '../storage/globals';
import { nextTurn } from '../nextTurn';
import { readImport } from './read';
import { applyBindings, type BindingTarget } from '../../../shared/formats/sinchVariables';
import type { KeyValue } from '../../../shared/model/keyValue';
import { isForbiddenKey } from '../../../shared/safeObject';

interface Pending {
  offers: SecretOffer[];
  values: SecretValue[];
  accessKey: ImportReport['accessKey'];
  expires: number;
}

const PENDING_MS = 15 * 60 * 1000;

export class ImportService {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly deps: {
      collections: CollectionStore;
      environments: EnvironmentStore;
      globals: GlobalsStore;
      vault: SecretVault;
      /** Saves an environment, padlocked values to the vault (CredentialService.saveEnvironment). */
      saveEnvironment: (env: Environment) => Promise<Environment>;
      /** The formats Import reads, in the order they are tried; the registry's (IMPORT_FORMATS) unless a test adds its own. */
      formats?: readonly ImportFormat[];
    },
  ) {}

  async importText(text: string, fileName: string, options: { name?: string } = {}): Promise<ImportOutcome> {
    const read = await readImport(text, fileName, this.deps.formats);
    const importId = randomUUID();
    switch (read.kind) {
      case 'curl':
        this.forgetExpired();
        if (read.report.secrets.length > 0)
          this.pending.set(importId, { offers: read.report.secrets, values: read.secretValues, accessKey: null, expires: Date.now() + PENDING_MS });
        return { importId, report: read.report, created: { kind: 'curl', request: read.request } };
      case 'globals': {
        const current = await this.deps.globals.get();
        const names = new Set(read.variables.map((v) => v.key));
        const merged = [...current.filter((v) => !names.has(v.key)), ...read.variables];
        await this.deps.globals.save(merged);
        const replaced = current.filter((v) => names.has(v.key)).map((v) => v.key);
        const report =
          replaced.length > 0
            ? {
                ...read.report,
                notes: [
                  ...read.report.notes,
                  { path: '', level: 'converted' as const, message: `Replaced the globals ${replaced.join(', ')} with the file's values.` },
                ],
              }
            : read.report;
        return { importId, report, created: { kind: 'globals', count: read.variables.length } };
      }
      case 'environment': {
        const { environment, secretVariables, accessKeySecret, report } = read.imported;
        const id = randomUUID();
        const env: Environment = { ...environment, id, name: (options.name ?? environment.name).trim() || environment.name };
        const parsed = EnvironmentSchema.safeParse(env);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new BackendError(
            'INVALID_INPUT',
            `The environment cannot be imported: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. Fix it in the file and import again.`,
          );
        }
        // Secrets first: without a keychain nothing is written, and the vault says how to fix it.
        const stored: string[] = [];
        try {
          for (const { name, value } of secretVariables) {
            const account = accountFor(id, 'variable', name);
            await this.deps.vault.set(account, value);
            stored.push(account);
          }
          if (accessKeySecret !== null) {
            const account = accountFor(id, 'access-key-secret');
            await this.deps.vault.set(account, accessKeySecret);
            stored.push(account);
          }
          await this.deps.environments.add(parsed.data);
        } catch (error) {
          for (const account of stored) await this.deps.vault.delete(account).catch(() => false);
          throw error;
        }
        return { importId, report: { ...report, name: env.name }, created: { kind: 'environment', id, name: env.name } };
      }
      case 'collection': {
        const { tree, report, secretValues } = read.imported;
        const name = (options.name ?? tree.name).trim().slice(0, 200) || tree.name;
        await checkTree(tree);
        const created = await this.deps.collections.importTree(tree, name, { exactName: true });
        this.forgetExpired();
        if (report.secrets.length > 0 || report.accessKey)
          this.pending.set(importId, { offers: report.secrets, values: secretValues, accessKey: report.accessKey, expires: Date.now() + PENDING_MS });
        return { importId, report: { ...report, name: created.name }, created: { kind: 'collection', id: created.id, name: created.name } };
      }
    }
  }

  /**
   * Puts the secrets the user accepted into an environment's keychain entries (padlocked variables,
   * or the access key's secret), and the collection's access key settings into the environment.
   */
  async storeSecrets(input: {
    importId: string;
    environmentId: string;
    secretIds: string[];
    applyAccessKey: boolean;
  }): Promise<{ stored: string[]; environment: Environment }> {
    this.forgetExpired();
    const pending = this.pending.get(input.importId);
    if (!pending)
      throw new BackendError(
        'NOT_FOUND',
        'The secrets of this import are no longer held (15 minutes passed, or they were stored already). Import the file again.',
      );
    let env = this.deps.environments.get(input.environmentId);
    const stored: string[] = [];
    const variables = env.variables.map((v) => ({ ...v }));
    for (const id of input.secretIds) {
      const offer = pending.offers.find((o) => o.id === id);
      const value = pending.values.find((v) => v.id === id)?.value;
      if (!offer || value === undefined) throw new BackendError('NOT_FOUND', `No secret ${id} in this import.`);
      if (offer.target.kind === 'access-key-secret') {
        await this.deps.vault.set(accountFor(env.id, 'access-key-secret'), value);
      } else {
        const name = offer.target.name;
        const existing = variables.find((v) => v.key.trim() === name);
        if (existing) Object.assign(existing, { value, secret: true, enabled: true });
        else variables.push({ key: name, value, enabled: true, secret: true });
      }
      stored.push(offer.label);
    }
    // The mode, and the token URL and key id when the file had them (a `{{variable}}` leaves the environment's own).
    const key = pending.accessKey;
    const auth = input.applyAccessKey && key ? { mode: key.mode, tokenUrl: key.tokenUrl || env.auth.tokenUrl, keyId: key.keyId || env.auth.keyId } : env.auth;
    // saveEnvironment sends padlocked values to the vault and keeps only their names in the file.
    env = await this.deps.saveEnvironment({ ...env, variables, auth });
    this.pending.delete(input.importId);
    return { stored, environment: env };
  }

  /**
   * The report's "Bind to the environment": each chosen Sinch-named variable of the collection becomes
   * a reference to the environment's own (see shared/formats/sinchVariables.ts for why).
   */
  async bindVariables(collectionId: string, bindings: readonly { variable: string; target: BindingTarget }[]): Promise<KeyValue[]> {
    const current = this.deps.collections.collectionVariables(collectionId);
    if (!current) throw new BackendError('NOT_FOUND', 'That collection is no longer in the workspace. Import it again.');
    for (const { variable } of bindings) {
      if (isForbiddenKey(variable)) throw new BackendError('INVALID_INPUT', `"${variable}" cannot be a variable name.`);
    }
    const tree = await this.deps.collections.updateCollection(collectionId, { variables: applyBindings(current, bindings) });
    return tree.variables;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [id, p] of this.pending) if (p.expires < now) this.pending.delete(id);
  }
}

/**
 * Every request is checked before anything is written, so an error names the request and nothing is
 * half-imported. Ten thousand requests take a while to check: the event loop gets turns in between.
 */
async function checkTree(tree: CollectionTree): Promise<void> {
  let since = performance.now();
  const walk = async (items: readonly TreeItem[], path: string[]): Promise<void> => {
    for (const item of items) {
      if (performance.now() - since > 25) {
        await nextTurn();
        since = performance.now();
      }
      if (item.kind === 'folder') {
        if (item.name.trim() === '')
          throw new BackendError('INVALID_INPUT', `A folder in ${path.join(' / ') || 'the collection'} has no name. Name it in Postman and export again.`);
        await walk(item.items, [...path, item.name]);
        continue;
      }
      const parsed = RequestTemplateSchema.safeParse(item.request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BackendError(
          'INVALID_INPUT',
          `Request "${[...path, item.request.name].join(' / ')}" cannot be imported: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. Nothing was imported; fix it in the file and import again.`,
        );
      }
    }
  };
  await walk(tree.items, []);
}
