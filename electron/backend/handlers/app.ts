import type { BackendContext, HandlerGroup } from '../context';
import { DEFAULT_TIMEOUT_MS } from '../http/executor';

export function appHandlers(ctx: BackendContext): HandlerGroup<'app'> & HandlerGroup<'settings'> {
  return {
    'app.info': async () => ({
      name: 'Sinch Conversation Explorer',
      version: ctx.options.version ?? '0.0.0',
      host: ctx.options.host,
      platform: process.platform,
      dataDir: ctx.options.dataDir,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    }),
    'settings.get': async () => ({ requestTimeoutMs: ctx.settings.get().requestTimeoutMs }),
    'settings.set': async ({ requestTimeoutMs }) => ({ requestTimeoutMs: (await ctx.settings.update({ requestTimeoutMs })).requestTimeoutMs }),
  };
}
