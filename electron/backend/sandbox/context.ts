import type { Notifier } from './callbacks/notifier';
import type { Scheduler } from './scheduler';
import type { ProjectStore } from './store';

/** What every service module gets: the project's data, the callback notifier and the clock. */
export interface SandboxContext {
  projectId: string;
  /** A function, not a value, because /_sandbox/reset swaps the store. */
  store: () => ProjectStore;
  notifier: Notifier;
  scheduler: Scheduler;
  deliveryDelayMs: number;
  log: (line: string) => void;
}

export const PROJECT_PATH = '/v1/projects/{project_id}';

export function nowIso(): string {
  return new Date().toISOString();
}
