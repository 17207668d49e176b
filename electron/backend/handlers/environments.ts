import type { BackendContext, HandlerGroup } from '../context';

/** `environments.*`: the user's environments (their secrets are kept by the vault, never in the file). */
export function environmentHandlers(
  deps: Pick<BackendContext, 'environments' | 'credentials' | 'vault' | 'environmentsChanged'>,
): HandlerGroup<'environments'> {
  const { environments, credentials, vault } = deps;
  return {
    'environments.list': async () => environments.load(),
    'environments.create': async ({ name, region }) => {
      const env = await environments.create(name, region);
      await deps.environmentsChanged();
      return env;
    },
    'environments.update': async ({ environment }) => {
      const env = await credentials.saveEnvironment(environment);
      await deps.environmentsChanged();
      return env;
    },
    'environments.duplicate': async ({ id }) => {
      const env = await environments.duplicate(id);
      await credentials.copy(id, env.id);
      await deps.environmentsChanged();
      return env;
    },
    'environments.delete': async ({ id }) => {
      const deleted = await environments.delete(id);
      if (deleted) {
        // Its secrets go with it; a keychain that cannot be reached keeps them (nothing to leak).
        await vault.deleteEnvironmentSecrets(id).catch(() => 0);
        await deps.environmentsChanged();
      }
      return { deleted };
    },
    'environments.setActive': async ({ id }) => {
      await environments.setActive(id);
      await deps.environmentsChanged();
      return environments.state();
    },
  };
}
