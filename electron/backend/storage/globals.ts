import { join } from 'node:path';
import { z } from 'zod';
import type { FileProblem } from '../../../shared/contract';
import { KeyValueSchema, type KeyValue } from '../../../shared/model/keyValue';
import { BackendError } from '../errors';
import { toJsonFile, writeFileAtomic } from './atomicFile';
import { fileExists, readVersionedJson } from './jsonFile';
import { SerialQueue } from './serialQueue';

export const GLOBALS_FORMAT = 'sinch-explorer/globals';
export const GLOBALS_FORMAT_VERSION = 1;

const GlobalsSchema = z.array(KeyValueSchema).max(1000);

export interface GlobalsLoad {
  globals: KeyValue[];
  /** Set when globals.json exists but cannot be used; it is then never overwritten. */
  problem: FileProblem | null;
}

/**
 * Global variables (the least specific scope) in `<dataDir>/globals.json`. A file that cannot be
 * read is reported and protected: saving is refused until it is fixed or removed, so hand edits
 * are never lost to an overwrite.
 */
export class GlobalsStore {
  private readonly path: string;
  private globals: KeyValue[] = [];
  private problem: FileProblem | null = null;
  private loaded = false;
  /** Serialises changes so two quick edits cannot land out of order. */
  private readonly queue = new SerialQueue();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'globals.json');
  }

  get file(): string {
    return this.path;
  }

  async load(): Promise<GlobalsLoad> {
    this.loaded = true;
    this.problem = null;
    if (!(await fileExists(this.path))) {
      this.globals = [];
      return this.state();
    }
    const result = await readVersionedJson(this.path, GLOBALS_FORMAT, GLOBALS_FORMAT_VERSION, GlobalsSchema, (f) => f.globals);
    if (result.ok) this.globals = result.value;
    else {
      this.globals = [];
      this.problem = { file: this.path, message: `Globals file ${this.path} ${result.message} Global variables are empty until it is fixed or deleted.` };
    }
    return this.state();
  }

  state(): GlobalsLoad {
    return { globals: this.globals.map((v) => ({ ...v })), problem: this.problem };
  }

  /** The current globals (loads them the first time). */
  async get(): Promise<KeyValue[]> {
    if (!this.loaded) await this.load();
    return this.state().globals;
  }

  async save(variables: KeyValue[]): Promise<KeyValue[]> {
    const parsed = GlobalsSchema.safeParse(variables);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BackendError('INVALID_INPUT', `Global variables cannot be saved: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}.`);
    }
    if (!this.loaded) await this.load();
    if (this.problem) {
      throw new BackendError('CONFLICT', `${this.path} could not be read, so it was not overwritten. Fix or delete the file, then save again.`);
    }
    const rows = parsed.data.map((v) => ({ key: v.key, value: v.value, enabled: v.enabled }));
    await this.queue.run(() => writeFileAtomic(this.path, toJsonFile({ format: GLOBALS_FORMAT, version: GLOBALS_FORMAT_VERSION, globals: rows })));
    this.globals = rows;
    return this.state().globals;
  }
}
