import { GLOBAL_AUTH_URL } from '../../../shared/regions';
import { TokenError } from '../auth/index';
import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';

/** `auth.*`: OAuth2 tokens for an environment's access key (the token itself never reaches the page). */
export function authHandlers({
  environments,
  sandbox,
  credentials,
  tokens,
}: Pick<BackendContext, 'environments' | 'sandbox' | 'credentials' | 'tokens'>): HandlerGroup<'auth'> {
  return {
    'auth.getToken': async ({ environmentId }) => {
      const env = environments.get(environmentId);
      if (env.region === 'sandbox') await sandbox.ensureStarted();
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
