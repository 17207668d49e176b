import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EnvironmentsState, FileProblem } from '../../../shared/contract';
import { EnvironmentSchema, newEnvironment, type Environment } from '../../../shared/model/environment';
import type { RegionChoice } from '../../../shared/regions';
import { BackendError } from '../errors';
import { toJsonFile, writeFileAtomic } from './atomicFile';
import { readVersionedJson, type ReadResult } from './jsonFile';
import { SerialQueue } from './serialQueue';

export const ENVIRONMENT_FORMAT = 'sinch-explorer/environment';
export const ENVIRONMENT_FORMAT_VERSION = 1;
const STATE_FORMAT = 'sinch-explorer/environments-state';

const StateSchema = z.object({ activeId: z.string().nullable() });

/** One environment file as the app saves it: read by the store, and by `sinch-explorer run --env` and `export` from any folder. */
export function readEnvironmentFile(file: string): Promise<ReadResult<Environment>> {
  return readVersionedJson(file, ENVIRONMENT_FORMAT, ENVIRONMENT_FORMAT_VERSION, EnvironmentSchema, (f) => f.environment);
}

/**
 * Environments as one plain JSON file each under `<dataDir>/environments/`, named by a stable id
 * (never by the display name, so renaming never moves a file). Files that cannot be read are
 * reported and left untouched; the others still load.
 */
export class EnvironmentStore {
  private readonly dir: string;
  private readonly statePath: string;
  private environments = new Map<string, Environment>();
  private problems: FileProblem[] = [];
  private activeId: string | null = null;
  private loaded = false;
  /** Serialises changes so two quick edits cannot land out of order. */
  private readonly queue = new SerialQueue();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'environments');
    this.statePath = join(dataDir, 'environments-state.json');
  }

  private fileOf(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  async load(): Promise<EnvironmentsState> {
    await mkdir(this.dir, { recursive: true });
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
    const environments = new Map<string, Environment>();
    const problems: FileProblem[] = [];
    for (const name of names) {
      const file = join(this.dir, name);
      const result = await readEnvironmentFile(file);
      if (!result.ok) {
        problems.push({ file, message: `Environment file ${file} ${result.message}` });
      } else if (`${result.value.id}.json` !== name) {
        problems.push({
          file,
          message: `Environment file ${file} holds id "${result.value.id}", which does not match its file name; rename the file to ${result.value.id}.json.`,
        });
      } else {
        environments.set(result.value.id, result.value);
      }
    }
    this.environments = environments;
    this.problems = problems;
    const state = await readVersionedJson(this.statePath, STATE_FORMAT, 1, StateSchema, (f) => f.state);
    this.activeId = state.ok && state.value.activeId !== null && environments.has(state.value.activeId) ? state.value.activeId : null;
    this.loaded = true;
    return this.state();
  }

  state(): EnvironmentsState {
    const environments = [...this.environments.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    return { environments, activeId: this.activeId, problems: [...this.problems] };
  }

  get(id: string): Environment {
    const env = this.environments.get(id);
    if (!env) throw new BackendError('NOT_FOUND', `Environment ${id} does not exist (it may have been deleted in another window).`);
    return env;
  }

  find(id: string | null): Environment | null {
    return id === null ? null : (this.environments.get(id) ?? null);
  }

  async create(name: string, region: RegionChoice = 'us'): Promise<Environment> {
    const env = newEnvironment(randomUUID(), this.uniqueName(name.trim()), region);
    await this.write(env);
    if (this.activeId === null) await this.setActive(env.id);
    return env;
  }

  /** Adds a whole environment (an imported one) under a new id; a name already taken is a CONFLICT. */
  async add(env: Environment): Promise<Environment> {
    if (this.environments.has(env.id)) throw new BackendError('CONFLICT', `Environment ${env.id} already exists.`);
    if (this.uniqueName(env.name.trim()) !== env.name.trim()) {
      throw new BackendError(
        'CONFLICT',
        `An environment named "${env.name.trim()}" already exists. Import it under another name, or rename the existing one first.`,
      );
    }
    await this.write(EnvironmentSchema.parse(env));
    if (this.activeId === null) await this.setActive(env.id);
    return this.get(env.id);
  }

  async update(next: Environment): Promise<Environment> {
    this.get(next.id);
    const env = EnvironmentSchema.parse(next);
    await this.write(env);
    return this.get(env.id);
  }

  async duplicate(id: string): Promise<Environment> {
    const source = this.get(id);
    const copy: Environment = {
      ...structuredClone(source),
      id: randomUUID(),
      name: this.uniqueName(`${source.name} copy`),
    };
    await this.write(copy);
    return this.get(copy.id);
  }

  async delete(id: string): Promise<boolean> {
    if (!this.environments.has(id)) return false;
    await this.queue.run(async () => {
      await rm(this.fileOf(id), { force: true });
      this.environments.delete(id);
    });
    if (this.activeId === id) await this.setActive(null);
    return true;
  }

  async setActive(id: string | null): Promise<void> {
    if (id !== null) this.get(id);
    this.activeId = id;
    await this.queue.run(() => writeFileAtomic(this.statePath, toJsonFile({ format: STATE_FORMAT, version: 1, state: { activeId: id } })));
  }

  private uniqueName(wanted: string): string {
    const taken = new Set([...this.environments.values()].map((e) => e.name.toLowerCase()));
    if (!taken.has(wanted.toLowerCase())) return wanted;
    for (let n = 2; ; n++) {
      const candidate = `${wanted} ${n}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }

  private async write(env: Environment): Promise<void> {
    if (!this.loaded) throw new Error('EnvironmentStore.load() must run before writes');
    const stored = sortedEnvironment(env);
    await this.queue.run(async () => {
      await writeFileAtomic(this.fileOf(env.id), toJsonFile({ format: ENVIRONMENT_FORMAT, version: ENVIRONMENT_FORMAT_VERSION, environment: stored }));
      // Memory holds exactly what the file holds, so no secret value can reach the page from here.
      this.environments.set(env.id, stored);
    });
  }
}

/** Stable key order, so a file diffs cleanly after any edit. */
function sortedEnvironment(env: Environment): Environment {
  return {
    id: env.id,
    name: env.name,
    region: env.region,
    customBaseUrl: env.customBaseUrl,
    customTemplateUrl: env.customTemplateUrl,
    projectId: env.projectId,
    appId: env.appId,
    // A secret variable's value is in the keychain; the file keeps only its name and the flag.
    variables: env.variables.map((v) =>
      v.secret ? { key: v.key, value: '', enabled: v.enabled, secret: true } : { key: v.key, value: v.value, enabled: v.enabled },
    ),
    auth: { mode: env.auth.mode, tokenUrl: env.auth.tokenUrl, keyId: env.auth.keyId },
  };
}
