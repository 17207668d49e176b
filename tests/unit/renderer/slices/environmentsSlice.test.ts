import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { VaultStatus } from '../../../../shared/contract';
import { useStore } from '../../../../renderer/store';
import { backend } from './harness';
import { environment, environments } from './fixtures';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));

const initial = useStore.getState();
const state = () => useStore.getState();
const toasts = (kind: 'error' | 'info'): string[] =>
  state()
    .toasts.filter((t) => t.kind === kind)
    .map((t) => t.message);
const keychain: VaultStatus = { backend: 'keychain', available: true, locked: false, encryptedFileExists: false };
const noKeychain: VaultStatus = { backend: 'none', available: false, locked: false, encryptedFileExists: false, problem: 'No D-Bus' };

beforeEach(() => {
  useStore.setState(initial, true);
  backend().answer({});
});

describe('environments', () => {
  test('loadEnvironments keeps what the backend lists', async () => {
    const listed = environments([environment()]);
    backend().answer({ 'environments.list': () => listed });
    await state().loadEnvironments();
    expect(state().environments).toBe(listed);
    expect(state().environmentsLoaded).toBe(true);
  });

  test('setActiveEnvironment, create (then list again), save (with a notice), duplicate, delete', async () => {
    const a = environment();
    const b = environment({ id: 'env-2', name: 'Staging' });
    backend().answer({
      'environments.setActive': ({ id }) => environments([a, b], id),
      'environments.create': ({ name }) => environment({ id: 'env-3', name }),
      'environments.list': () => environments([a, b, environment({ id: 'env-3', name: 'New' })]),
      'environments.update': ({ environment: env }) => env as typeof a,
      'environments.duplicate': () => environment({ id: 'env-4', name: 'Production copy' }),
      'environments.delete': () => ({ deleted: true }),
    });
    await state().setActiveEnvironment('env-2');
    expect(state().environments.activeId).toBe('env-2');
    const created = await state().createEnvironment('New', 'eu');
    expect(created?.id).toBe('env-3');
    expect(backend().callsTo('environments.create')).toEqual([{ name: 'New', region: 'eu' }]);
    expect(state().environments.environments).toHaveLength(3);
    await state().saveEnvironment({ ...a, name: 'Prod' });
    expect(toasts('info')).toEqual(['Saved environment "Prod".']);
    expect((await state().duplicateEnvironment('env-1'))?.id).toBe('env-4');
    await state().deleteEnvironment('env-2');
    expect(backend().callsTo('environments.delete')).toEqual([{ id: 'env-2' }]);
  });

  test('the manager opens on the active environment, in the one dialog state, and follows the selection', () => {
    useStore.setState({ environments: environments([environment(), environment({ id: 'env-2' })], 'env-2') });
    state().openManager();
    expect(state().dialog).toEqual({ kind: 'environments', selectedId: 'env-2' });
    state().selectInManager('env-1');
    expect(state().dialog).toEqual({ kind: 'environments', selectedId: 'env-1' });
    state().closeManager();
    expect(state().dialog).toBeNull();
    // Selecting with the manager closed opens nothing.
    state().selectInManager('env-1');
    expect(state().dialog).toBeNull();
  });
});

describe('credentials', () => {
  test('loadCredentials reads the vault and, when it works, which secrets the environment has', async () => {
    backend().answer({ 'credentials.status': () => keychain, 'credentials.list': () => ({ accessKeySecret: true, webhookSecrets: ['hook'] }) });
    await state().loadCredentials('env-1');
    expect(state().vault).toBe(keychain);
    expect(state().secretsByEnvironment['env-1']).toEqual({ accessKeySecret: true, webhookSecrets: ['hook'] });
  });

  test('without a keychain nothing is listed', async () => {
    backend().answer({ 'credentials.status': () => noKeychain });
    await state().loadCredentials('env-1');
    expect(state().vault).toBe(noKeychain);
    expect(backend().callsTo('credentials.list')).toEqual([]);
    expect(state().secretsByEnvironment).toEqual({});
  });

  test('storeSecret and deleteSecret keep what the backend answers (never the value)', async () => {
    backend().answer({
      'credentials.set': () => ({ accessKeySecret: true, webhookSecrets: [] }),
      'credentials.delete': () => ({ accessKeySecret: false, webhookSecrets: [] }),
    });
    await expect(state().storeSecret({ environmentId: 'env-1', purpose: 'access-key-secret', value: 's3cret' })).resolves.toBe(true);
    expect(state().secretsByEnvironment['env-1']?.accessKeySecret).toBe(true);
    expect(JSON.stringify(state())).not.toContain('s3cret');
    await expect(state().deleteSecret({ environmentId: 'env-1', purpose: 'access-key-secret' })).resolves.toBe(true);
    expect(state().secretsByEnvironment['env-1']?.accessKeySecret).toBe(false);
  });

  test('a refused secret says why and changes nothing', async () => {
    backend().answer({ 'credentials.set': () => Promise.reject(new Error('The keychain is locked')) });
    await expect(state().storeSecret({ environmentId: 'env-1', purpose: 'webhook-secret', name: 'hook', value: 'x' })).resolves.toBe(false);
    expect(toasts('error')).toEqual(['The keychain is locked']);
    expect(state().secretsByEnvironment).toEqual({});
  });

  test('openEncryptedFile switches the vault and reads again the secrets of environments shown', async () => {
    const file: VaultStatus = { backend: 'encrypted-file', available: true, locked: false, encryptedFileExists: true };
    backend().answer({ 'credentials.status': () => noKeychain });
    await state().loadCredentials('env-1');
    backend().answer({
      'credentials.useEncryptedFile': () => file,
      'credentials.status': () => file,
      'credentials.list': () => ({ accessKeySecret: true, webhookSecrets: [] }),
    });
    await expect(state().openEncryptedFile('a long passphrase')).resolves.toBe(true);
    expect(state().vault).toBe(file);
    expect(state().secretsByEnvironment['env-1']?.accessKeySecret).toBe(true);
  });

  test('the credentials.changed action takes the new vault and reads the shown secrets again', async () => {
    backend().answer({ 'credentials.status': () => keychain, 'credentials.list': () => ({ accessKeySecret: false, webhookSecrets: [] }) });
    await state().loadCredentials('env-1');
    backend().answer({ 'credentials.status': () => keychain, 'credentials.list': () => ({ accessKeySecret: true, webhookSecrets: [] }) });
    state().onCredentialsChanged(keychain);
    await vi.waitFor(() => expect(state().secretsByEnvironment['env-1']?.accessKeySecret).toBe(true));
  });

  test('fetchToken answers the token, or the failure as text (no toast)', async () => {
    const token = { tokenUrl: 'https://auth.sinch.com/oauth2/token', keyId: 'key', tokenType: 'bearer', expiresAt: 1, fromCache: false };
    backend().answer({ 'auth.getToken': () => token });
    await expect(state().fetchToken('env-1')).resolves.toEqual({ ok: true, token });
    backend().answer({ 'auth.getToken': () => Promise.reject(new Error('401 from the token URL')) });
    await expect(state().fetchToken('env-1')).resolves.toEqual({ ok: false, error: '401 from the token URL' });
    expect(state().toasts).toEqual([]);
  });

  test('listSecrets answers null when the secrets cannot be read', async () => {
    backend().answer({ 'credentials.list': () => Promise.reject(new Error('locked')) });
    await expect(state().listSecrets('env-1')).resolves.toBeNull();
  });
});
