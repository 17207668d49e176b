import { GLOBAL_AUTH_URL } from '../../../shared/regions';
import { TokenError } from '../auth/index';
import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';
import { accountFor } from '../secrets/index';

/** Secrets (write-only from the page) and tokens. No handler here ever returns a secret value. */
export function credentialHandlers(ctx: BackendContext): HandlerGroup<'credentials'> & HandlerGroup<'auth'> {
  const { vault, environments, credentials, tokens } = ctx;
  return {
    'credentials.status': async () => vault.status(),
    'credentials.useEncryptedFile': async ({ passphrase }) => {
      await vault.useEncryptedFile(passphrase);
      const status = await vault.status();
      ctx.emit('credentials.changed', status);
      return status;
    },
    'credentials.list': async ({ environmentId }) => {
      environments.get(environmentId);
      return credentials.list(environmentId);
    },
    'credentials.set': async ({ environmentId, purpose, name, value }) => {
      const env = environments.get(environmentId);
      if (purpose === 'webhook-secret' && !name) throw new BackendError('INVALID_INPUT', 'A webhook secret needs a name: the webhook id or app id it belongs to.');
      await vault.set(purpose === 'webhook-secret' ? accountFor(environmentId, 'webhook-secret', name ?? '') : accountFor(environmentId, 'access-key-secret'), value);
      // A new key secret makes any cached token for this key suspect.
      if (purpose === 'access-key-secret') tokens.invalidate(env.auth.tokenUrl.trim() || GLOBAL_AUTH_URL, env.auth.keyId.trim());
      return credentials.list(environmentId);
    },
    'credentials.delete': async ({ environmentId, purpose, name }) => {
      await vault.delete(purpose === 'webhook-secret' ? accountFor(environmentId, 'webhook-secret', name ?? '') : accountFor(environmentId, 'access-key-secret'));
      return credentials.list(environmentId);
    },
    'auth.getToken': async ({ environmentId }) => {
      const env = environments.get(environmentId);
      if (env.region === 'sandbox') await ctx.sandbox.ensureStarted();
      const auth = await credentials.authFor(env);
      if ('problem' in auth) throw new BackendError('AUTH', auth.problem);
      if (auth.mode !== 'oauth2') throw new BackendError('INVALID_INPUT', `Environment "${env.name}" does not use OAuth2, so there is no token to get.`);
      const tokenUrl = auth.tokenUrl.trim() || GLOBAL_AUTH_URL;
      try {
        const token = await tokens.getToken({ tokenUrl, keyId: auth.keyId, keySecret: auth.keySecret });
        return { tokenUrl, keyId: auth.keyId, tokenType: token.tokenType, expiresAt: token.expiresAt, fromCache: token.fromCache };
      } catch (error) {
        if (error instanceof TokenError) throw new BackendError('AUTH', error.message);
        throw error;
      }
    },
  };
}
