import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EMPTY_FIRST_RUN, FirstRunSchema, type FirstRunState } from '../../../shared/model/project';
import { toJsonFile, writeFileAtomic } from '../storage/atomicFile';
import { fileExists, readVersionedJson } from '../storage/jsonFile';
import { SerialQueue } from '../storage/serialQueue';

export const FIRST_RUN_FORMAT = 'sinch-explorer/first-run';
export const FIRST_RUN_VERSION = 1;

/**
 * The guided first run's progress in `<dataDir>/first-run.json` (no secret in it): written
 * atomically, one write at a time. A file that cannot be used is set aside and the run starts over.
 */
export class FirstRunStore {
  readonly path: string;
  private state: FirstRunState = { ...EMPTY_FIRST_RUN, done: [] };
  private readonly queue = new SerialQueue();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'first-run.json');
  }

  async load(): Promise<FirstRunState> {
    if (!(await fileExists(this.path))) return this.get();
    const read = await readVersionedJson(this.path, FIRST_RUN_FORMAT, FIRST_RUN_VERSION, FirstRunSchema, (f) => f.firstRun);
    if (read.ok) {
      this.state = { ...read.value, done: [...new Set(read.value.done)] };
    } else {
      const aside = join(dirname(this.path), `${basename(this.path, '.json')}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      await rename(this.path, aside).catch(() => undefined);
      this.state = { ...EMPTY_FIRST_RUN, done: [] };
    }
    return this.get();
  }

  get(): FirstRunState {
    return { ...this.state, done: [...this.state.done] };
  }

  async save(next: FirstRunState): Promise<FirstRunState> {
    const parsed = FirstRunSchema.parse(next);
    this.state = { ...parsed, done: [...new Set(parsed.done)] };
    const snapshot = this.get();
    await this.queue.run(() => writeFileAtomic(this.path, toJsonFile({ format: FIRST_RUN_FORMAT, version: FIRST_RUN_VERSION, firstRun: snapshot })));
    return snapshot;
  }
}
