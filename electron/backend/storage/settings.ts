import { join } from 'node:path';
import { z } from 'zod';
import { CODE_LANGUAGES } from '../../../shared/formats/codegen';
import { toJsonFile, writeFileAtomic } from './atomicFile';
import { readVersionedJson } from './jsonFile';
import { SerialQueue } from './serialQueue';

const FORMAT = 'sinch-explorer/settings';
const SettingsSchema = z.object({
  workspaceDir: z.string().nullable(),
  requestTimeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
  /** The Code panel's last language; an unknown one (from a newer version) reads as none. */
  codeLanguage: z.enum(CODE_LANGUAGES).optional().catch(undefined),
  /**
   * The webhook listener as the user left it: running or not, its port (the one it got, so `0` becomes a real
   * port webhooks can keep pointing at) and whether it listened on all interfaces. Restored at start.
   */
  listener: z
    .object({ running: z.boolean(), port: z.number().int().min(0).max(65535), host: z.enum(['127.0.0.1', '0.0.0.0']) })
    .strict()
    .optional()
    .catch(undefined),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * App-private preferences under the data dir (not user files): the workspace folder, the request timeout, the
 * Code panel's language, the listener's last state.
 */
export class SettingsStore {
  private readonly path: string;
  private settings: Settings = { workspaceDir: null, requestTimeoutMs: 30_000 };
  private readonly queue = new SerialQueue();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
  }

  async load(): Promise<Settings> {
    const result = await readVersionedJson(this.path, FORMAT, 1, SettingsSchema, (f) => f.settings);
    // A missing or unreadable settings file means defaults; nothing in it is the user's work.
    this.settings = result.ok ? result.value : { workspaceDir: null, requestTimeoutMs: 30_000 };
    return this.settings;
  }

  get(): Settings {
    return { ...this.settings };
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    this.settings = { ...this.settings, ...patch };
    const settings = this.settings;
    // One write at a time, each of the settings as they are when it runs: two quick changes cannot land out of order.
    await this.queue.run(() => writeFileAtomic(this.path, toJsonFile({ format: FORMAT, version: 1, settings: this.settings })));
    return settings;
  }
}
