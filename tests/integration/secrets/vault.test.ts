import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { accountFor, parseAccount } from '../../../electron/backend/secrets/accounts';
import { KeychainUnavailableError, SecretsLockedError, WrongPassphraseError } from '../../../electron/backend/secrets/errors';
import { KeytarSecretStore } from '../../../electron/backend/secrets/keytarStore';
import { MemorySecretStore } from '../../../electron/backend/secrets/memoryStore';
import { SecretVault } from '../../../electron/backend/secrets/vault';

const PASSPHRASE = 'a long enough passphrase';
const ACCOUNT = accountFor('5f0e7a8c-2d4b-4e61-9a57-1c3f0b9d8e21', 'access-key-secret');

/** A keychain that really fails: keytar's native module cannot be found (the real load path). */
const brokenKeychain = (): KeytarSecretStore =>
  new KeytarSecretStore({ load: () => createRequire(import.meta.url)('keytar-native-module-that-is-not-installed') as never, platform: 'linux' });

const dirs: string[] = [];
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sce-vault-'));
  dirs.push(dataDir);
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('SecretVault', () => {
  it('uses a working keychain and writes no file', async () => {
    const keychain = new MemorySecretStore();
    const vault = new SecretVault({ dataDir, keychain });
    expect(await vault.status()).toEqual({ backend: 'keychain', available: true, locked: false, encryptedFileExists: false });
    await vault.set(ACCOUNT, 'in-the-keychain');
    expect(await keychain.get(ACCOUNT)).toBe('in-the-keychain');
    expect(await vault.has(ACCOUNT)).toBe(true);
    await expect(readFile(join(dataDir, 'secrets-backend.json'))).rejects.toThrow(/ENOENT/);
  });

  it('without a keychain: every operation fails clearly, nothing is written, until the explicit opt-in', async () => {
    const vault = new SecretVault({ dataDir, keychain: brokenKeychain() });
    const status = await vault.status();
    expect(status).toMatchObject({ backend: 'none', available: false, locked: false, encryptedFileExists: false });
    expect(status.problem).toMatch(/could not be loaded/);
    for (const op of [() => vault.get(ACCOUNT), () => vault.set(ACCOUNT, 'x'), () => vault.delete(ACCOUNT), () => vault.has(ACCOUNT), () => vault.accounts()]) {
      const error = await op().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KeychainUnavailableError);
      expect((error as Error).message).toMatch(/npm rebuild keytar.*encrypted file protected by a passphrase/s);
    }
    await expect(readFile(join(dataDir, 'secrets.enc.json'))).rejects.toThrow(/ENOENT/);

    await expect(vault.useEncryptedFile('short')).rejects.toThrow(/too short/);
    expect(await vault.useEncryptedFile(PASSPHRASE)).toEqual({ backend: 'encrypted-file', available: true, locked: false, encryptedFileExists: true });
    await vault.set(ACCOUNT, 'in-the-file');
    expect(await vault.get(ACCOUNT)).toBe('in-the-file');
    const preference = JSON.parse(await readFile(join(dataDir, 'secrets-backend.json'), 'utf8')) as Record<string, unknown>;
    expect(preference).toEqual({ format: 'sinch-explorer/secrets-backend', version: 1, backend: 'encrypted-file' });
  });

  it('after a restart: locked until the passphrase, even when a keychain works by then', async () => {
    const first = new SecretVault({ dataDir, keychain: brokenKeychain() });
    await first.useEncryptedFile(PASSPHRASE);
    await first.set(ACCOUNT, 'survives-restart');

    const keychain = new MemorySecretStore();
    const restarted = new SecretVault({ dataDir, keychain });
    expect(await restarted.status()).toEqual({
      backend: 'encrypted-file',
      available: false,
      locked: true,
      problem: 'The encrypted secrets file is locked.',
      help: 'Enter its passphrase to unlock it.',
      encryptedFileExists: true,
    });
    await expect(restarted.get(ACCOUNT)).rejects.toBeInstanceOf(SecretsLockedError);
    await expect(restarted.set(ACCOUNT, 'x')).rejects.toThrow(/locked\. Enter its passphrase/);
    expect(await keychain.accounts()).toEqual([]);

    await expect(restarted.useEncryptedFile('not the passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect((await restarted.status()).locked).toBe(true);
    expect(await restarted.useEncryptedFile(PASSPHRASE)).toMatchObject({ backend: 'encrypted-file', available: true, locked: false });
    expect(await restarted.get(ACCOUNT)).toBe('survives-restart');

    restarted.lock();
    expect((await restarted.status()).locked).toBe(true);
    await expect(restarted.get(ACCOUNT)).rejects.toBeInstanceOf(SecretsLockedError);
  });

  it('switching back to the keychain is explicit too, and keeps the file', async () => {
    const keychain = new MemorySecretStore();
    const vault = new SecretVault({ dataDir, keychain });
    await vault.useEncryptedFile(PASSPHRASE);
    await vault.set(ACCOUNT, 'file-value');
    expect(await vault.useKeychain()).toEqual({ backend: 'keychain', available: true, locked: false, encryptedFileExists: true });
    expect(await vault.get(ACCOUNT)).toBeNull();
    expect((await new SecretVault({ dataDir, keychain }).status()).backend).toBe('keychain');
  });

  it('a damaged preference never quietly moves secrets away from an existing encrypted file', async () => {
    await new SecretVault({ dataDir, keychain: new MemorySecretStore() }).useEncryptedFile(PASSPHRASE);
    await writeFile(join(dataDir, 'secrets-backend.json'), '{ damaged');
    expect(await new SecretVault({ dataDir, keychain: new MemorySecretStore() }).status()).toMatchObject({ backend: 'encrypted-file', locked: true });
  });

  it('reports a chosen encrypted file that went missing, and starts a new one on request', async () => {
    await new SecretVault({ dataDir, keychain: new MemorySecretStore() }).useEncryptedFile(PASSPHRASE);
    await rm(join(dataDir, 'secrets.enc.json'));
    const vault = new SecretVault({ dataDir, keychain: new MemorySecretStore() });
    const status = await vault.status();
    expect(status).toMatchObject({ backend: 'encrypted-file', available: false, encryptedFileExists: false });
    expect(status.problem).toMatch(/missing/);
    await expect(vault.get(ACCOUNT)).rejects.toThrow(/missing/);
    expect(await vault.useEncryptedFile('another passphrase')).toMatchObject({ available: true, encryptedFileExists: true });
  });
});

describe('account names', () => {
  it('are built from stable ids, never paths, and parse back', () => {
    expect(accountFor('5f0e7a8c', 'access-key-secret')).toBe('env/5f0e7a8c/access-key-secret');
    expect(accountFor('5f0e7a8c', 'webhook-secret', 'main')).toBe('env/5f0e7a8c/webhook-secret/main');
    // "/" inside an id or name cannot make two secrets collide.
    expect(accountFor('a/b', 'webhook-secret', 'c/d')).toBe('env/a%2Fb/webhook-secret/c%2Fd');
    expect(parseAccount('env/a%2Fb/webhook-secret/c%2Fd')).toEqual({ environmentId: 'a/b', purpose: 'webhook-secret', name: 'c/d' });
    expect(parseAccount('env/5f0e7a8c/access-key-secret')).toEqual({ environmentId: '5f0e7a8c', purpose: 'access-key-secret' });
    expect(parseAccount('probe/keychain-availability')).toBeUndefined();
    expect(() => accountFor('', 'access-key-secret')).toThrow(/environment id/);
    expect(() => accountFor('x', 'webhook-secret', ' ')).toThrow(/name/);
  });
});
