import { describe, expect, it } from 'vitest';
import { KeychainUnavailableError } from '../../../electron/backend/secrets/errors';
import { KeytarSecretStore, wouldAutolaunchDbus, type KeytarLike } from '../../../electron/backend/secrets/keytarStore';

/** A keytar whose writes hang until released, like libsecret waiting on a prompt nobody answers. */
function hangingKeytar(): { keytar: KeytarLike; calls: string[]; release(): void } {
  const calls: string[] = [];
  let release = (): void => undefined;
  const hung = new Promise<void>((resolve) => (release = resolve));
  return {
    calls,
    release: () => release(),
    keytar: {
      getPassword: async (_s, account) => {
        calls.push(`get ${account}`);
        return null;
      },
      setPassword: (_s, account) => {
        calls.push(`set ${account}`);
        return hung;
      },
      deletePassword: async () => false,
      findCredentials: async () => [],
    },
  };
}

describe('a keychain call that does not return', () => {
  it('fails after the timeout, and later calls fail at once (no second native call) until it returns', async () => {
    const fake = hangingKeytar();
    const store = new KeytarSecretStore({
      service: 'unit',
      load: () => fake.keytar,
      platform: 'linux',
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' },
      callTimeoutMs: 50,
    });
    await expect(store.set('env/a/access-key-secret', 'v')).rejects.toMatchObject({ name: 'KeychainUnavailableError', reason: 'timeout' });
    await expect(store.set('env/b/access-key-secret', 'v')).rejects.toMatchObject({ reason: 'timeout' });
    await expect(store.get('env/b/access-key-secret')).rejects.toBeInstanceOf(KeychainUnavailableError);
    // Only the first call reached keytar: the stuck one holds one libuv pool thread, not four.
    expect(fake.calls).toEqual(['set env/a/access-key-secret']);
    fake.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await store.get('env/b/access-key-secret')).toBeNull();
    expect(fake.calls).toEqual(['set env/a/access-key-secret', 'get env/b/access-key-secret']);
  });
});

describe('no session bus on Linux, but an X display', () => {
  it('is recognised (libsecret would autolaunch a private bus whose new keyring prompts on the display)', () => {
    const none = (): boolean => false;
    expect(wouldAutolaunchDbus({ DISPLAY: ':99' }, none)).toBe(true);
    expect(wouldAutolaunchDbus({ DISPLAY: ':99', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, none)).toBe(false);
    expect(wouldAutolaunchDbus({ DISPLAY: ':0', XDG_RUNTIME_DIR: '/run/user/1000' }, (p) => p === '/run/user/1000/bus')).toBe(false);
    expect(wouldAutolaunchDbus({ DISPLAY: ':0', XDG_RUNTIME_DIR: '/run/user/1000' }, none)).toBe(true);
    // Without a display the autolaunch fails at once, in keytar's own words: left to keytar.
    expect(wouldAutolaunchDbus({}, none)).toBe(false);
  });

  it('makes every call fail at once with the no-D-Bus fix-it text, without loading keytar', async () => {
    let loaded = false;
    const store = new KeytarSecretStore({
      service: 'unit',
      platform: 'linux',
      env: { DISPLAY: ':99' },
      load: () => {
        loaded = true;
        return hangingKeytar().keytar;
      },
    });
    const error = await store.set('env/a/access-key-secret', 'v').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KeychainUnavailableError', reason: 'no-dbus' });
    expect((error as KeychainUnavailableError).problem).toMatch(/No D-Bus session is reachable/);
    expect((error as KeychainUnavailableError).help).toContain('dbus-run-session');
    expect(await store.probe()).toMatchObject({ available: false });
    expect(loaded).toBe(false);
  });

  it('is not applied on macOS or Windows', async () => {
    const fake = hangingKeytar();
    const store = new KeytarSecretStore({ service: 'unit', platform: 'darwin', env: { DISPLAY: ':99' }, load: () => fake.keytar });
    expect(await store.get('env/a/access-key-secret')).toBeNull();
  });
});
