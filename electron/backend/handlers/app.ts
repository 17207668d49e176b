import type { BackendContext, HandlerGroup } from '../context';
import { DEFAULT_TIMEOUT_MS } from '../http/executor';

/** `app.*`: what the page is told about the backend it talks to. */
export function appHandlers({ options }: Pick<BackendContext, 'options'>): HandlerGroup<'app'> {
  return {
    'app.info': async () => ({
      name: 'Sinch Conversation Explorer',
      version: options.version ?? '0.0.0',
      host: options.host,
      platform: process.platform,
      dataDir: options.dataDir,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
      launchCommand: options.launchCommand ?? null,
    }),
  };
}
