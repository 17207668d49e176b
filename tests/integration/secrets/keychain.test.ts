import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accountFor } from '../../../electron/backend/secrets/accounts';
import { KeytarSecretStore } from '../../../electron/backend/secrets/keytarStore';
import { SecretVault } from '../../../electron/backend/secrets/vault';
import { cleanKeychain, keychainGate } from './keychainGate';

const gate = await keychainGate();

describe('KeytarSecretStore against the real Secret Service', () => {
  const store = new KeytarSecretStore({ service: gate.service });
  const dirs: string[] = [];

  afterAll(async () => {
    await cleanKeychain(gate.service, gate.probe.available);
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('stores, reads back, replaces and deletes a secret', async (ctx) => {
    gate.require(ctx);
    const account = accountFor('0b7c4a1e-keychain-env', 'access-key-secret');
    expect(store.kind).toBe('keychain');
    expect(await store.get(account)).toBeNull();
    expect(await store.has(account)).toBe(false);

    await store.set(account, 'first-secret-value-Ω');
    expect(await store.get(account)).toBe('first-secret-value-Ω');
    expect(await store.has(account)).toBe(true);

    await store.set(account, 'second-secret-value');
    expect(await store.get(account)).toBe('second-secret-value');
    // A fresh store (another start of the app) reads the same entry from the keychain.
    expect(await new KeytarSecretStore({ service: gate.service }).get(account)).toBe('second-secret-value');

    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('lists account names only, and only its own service', async (ctx) => {
    gate.require(ctx);
    const a = accountFor('env-list', 'access-key-secret');
    const b = accountFor('env-list', 'webhook-secret', 'app/01HXYZ');
    await store.set(a, 'value-a-not-listed');
    await store.set(b, 'value-b-not-listed');
    const other = new KeytarSecretStore({ service: `${gate.service} other` });
    try {
      await other.set(a, 'other-service-value');
      const names = await store.accounts();
      expect(names).toEqual([a, b].sort());
      expect(JSON.stringify(names)).not.toContain('not-listed');
      expect(await other.get(a)).toBe('other-service-value');
      expect(await store.get(a)).toBe('value-a-not-listed');
    } finally {
      await other.delete(a);
      await store.delete(a);
      await store.delete(b);
    }
  });

  it('probe() reports a working keychain without writing anything', async (ctx) => {
    gate.require(ctx);
    expect(await store.probe()).toEqual({ available: true });
    expect(await store.accounts()).toEqual([]);
  });

  it('SecretVault prefers the keychain when it works', async (ctx) => {
    gate.require(ctx);
    const dataDir = await mkdtemp(join(tmpdir(), 'sce-vault-keychain-'));
    dirs.push(dataDir);
    const vault = new SecretVault({ dataDir, keychain: store });
    expect(await vault.status()).toEqual({ backend: 'keychain', available: true, locked: false, encryptedFileExists: false });
    const account = accountFor('env-vault', 'access-key-secret');
    await vault.set(account, 'vault-keychain-value');
    expect(await store.get(account)).toBe('vault-keychain-value');
    expect(await vault.get(account)).toBe('vault-keychain-value');
    await vault.set(accountFor('env-vault', 'webhook-secret', 'w1'), 'w1-value');
    await vault.set(accountFor('env-other', 'access-key-secret'), 'other-value');
    expect(await vault.deleteEnvironmentSecrets('env-vault')).toBe(2);
    expect(await vault.accounts()).toEqual([accountFor('env-other', 'access-key-secret')]);
    await vault.delete(accountFor('env-other', 'access-key-secret'));
  });
});
