import type { BackendContext, HandlerGroup } from '../context';

export function environmentHandlers(ctx: BackendContext): HandlerGroup<'environments'> {
  const { environments, credentials, vault } = ctx;
  return {
    'environments.list': async () => environments.load(),
    'environments.create': async ({ name, region }) => {
      const env = await environments.create(name, region);
      await ctx.environmentsChanged();
      return env;
    },
    'environments.update': async ({ environment }) => {
      const env = await credentials.saveEnvironment(environment);
      await ctx.environmentsChanged();
      return env;
    },
    'environments.duplicate': async ({ id }) => {
      const env = await environments.duplicate(id);
      await credentials.copy(id, env.id);
      await ctx.environmentsChanged();
      return env;
    },
    'environments.delete': async ({ id }) => {
      const deleted = await environments.delete(id);
      if (deleted) {
        // Its secrets go with it; a keychain that cannot be reached keeps them (nothing to leak).
        await vault.deleteEnvironmentSecrets(id).catch(() => 0);
        await ctx.environmentsChanged();
      }
      return { deleted };
    },
    'environments.setActive': async ({ id }) => {
      await environments.setActive(id);
      await ctx.environmentsChanged();
      return environments.state();
    },
  };
}
