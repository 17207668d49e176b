import { GLOBAL_AUTH_URL } from '../../../shared/regions';
import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';
import { accountFor } from '../secrets/index';

/** `credentials.*`: secrets, write-only from the page. No handler here ever returns a secret value. */
export function credentialHandlers({
  vault,
  environments,
  credentials,
  tokens,
  emit,
}: Pick<BackendContext, 'vault' | 'environments' | 'credentials' | 'tokens' | 'emit'>): HandlerGroup<'credentials'> {
  return {
    'credentials.status': async () => vault.status(),
    'credentials.useEncryptedFile': async ({ passphrase }) => {
      await vault.useEncryptedFile(passphrase);
      const status = await vault.status();
      emit('credentials.changed', status);
      return status;
    },
    'credentials.list': async ({ environmentId }) => {
      environments.get(environmentId);
      return credentials.list(environmentId);
    },
    'credentials.set': async ({ environmentId, purpose, name, value }) => {
      const env = environments.get(environmentId);
      if (purpose === 'webhook-secret' && !name)
        throw new BackendError('INVALID_INPUT', 'A webhook secret needs a name: the webhook id or app id it belongs to.');
      await vault.set(
        purpose === 'webhook-secret' ? accountFor(environmentId, 'webhook-secret', name ?? '') : accountFor(environmentId, 'access-key-secret'),
        value,
      );
      // A new key secret makes any cached token for this key suspect.
      if (purpose === 'access-key-secret') tokens.invalidate(env.auth.tokenUrl.trim() || GLOBAL_AUTH_URL, env.auth.keyId.trim());
      return credentials.list(environmentId);
    },
    'credentials.delete': async ({ environmentId, purpose, name }) => {
      await vault.delete(
        purpose === 'webhook-secret' ? accountFor(environmentId, 'webhook-secret', name ?? '') : accountFor(environmentId, 'access-key-secret'),
      );
      return credentials.list(environmentId);
    },
  };
}
