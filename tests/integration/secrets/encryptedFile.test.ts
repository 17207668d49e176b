import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BackendError } from '../../../electron/backend/errors';
import { EncryptedFileSecretStore } from '../../../electron/backend/secrets/encryptedFileStore';
import { SecretsLockedError, WrongPassphraseError } from '../../../electron/backend/secrets/errors';

const PASSPHRASE = 'correct horse battery staple';
const SECRETS = {
  'env/a/access-key-secret': 'Zx9-access-key-secret-VALUE-1234567890',
  'env/a/webhook-secret/app%2F01H': 'whsec_unmistakable_webhook_value_42',
  'env/b/access-key-secret': 'ünïcödé-sëcret-✓-value',
};

interface FileShape {
  format: string;
  version: number;
  kdf: { name: string; N: number; r: number; p: number; salt: string; keyLength: number };
  cipher: string;
  verifier: { nonce: string; ciphertext: string; tag: string };
  entries: Record<string, { nonce: string; ciphertext: string; tag: string }>;
}

const dirs: string[] = [];
let path: string;

beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sce-secrets-file-'));
  dirs.push(dir);
  path = join(dir, 'secrets.enc.json');
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function filled(): Promise<EncryptedFileSecretStore> {
  const store = new EncryptedFileSecretStore(path);
  await store.create(PASSPHRASE);
  for (const [account, value] of Object.entries(SECRETS)) await store.set(account, value);
  return store;
}

const readShape = async (): Promise<FileShape> => JSON.parse(await readFile(path, 'utf8')) as FileShape;

describe('EncryptedFileSecretStore', () => {
  it('round-trips secrets across a restart (new instance + passphrase)', async () => {
    const store = await filled();
    expect(store.kind).toBe('encrypted-file');
    expect(store.isLocked).toBe(false);
    await store.set('env/a/access-key-secret', 'replaced-value-0001');

    const again = new EncryptedFileSecretStore(path);
    expect(await again.exists()).toBe(true);
    expect(again.isLocked).toBe(true);
    await again.unlock(PASSPHRASE);
    expect(await again.get('env/a/access-key-secret')).toBe('replaced-value-0001');
    expect(await again.get('env/b/access-key-secret')).toBe(SECRETS['env/b/access-key-secret']);
    expect(await again.get('env/none/access-key-secret')).toBeNull();
    expect(await again.has('env/a/webhook-secret/app%2F01H')).toBe(true);
    expect(await again.accounts()).toEqual(Object.keys(SECRETS).sort());
    expect(await again.delete('env/b/access-key-secret')).toBe(true);
    expect(await again.delete('env/b/access-key-secret')).toBe(false);
    // "__proto__" is an ordinary account name, not a way into the object's prototype.
    await again.set('__proto__', 'proto-value-xyz');
    expect(await again.get('__proto__')).toBe('proto-value-xyz');
    expect(await again.get('constructor')).toBeNull();

    const third = new EncryptedFileSecretStore(path);
    await third.unlock(PASSPHRASE);
    expect(await third.accounts()).toEqual(['__proto__', 'env/a/access-key-secret', 'env/a/webhook-secret/app%2F01H'].sort());
  });

  it('writes a versioned 0600 file with scrypt parameters, random salt and nonces, and no secret in any form', async () => {
    await filled();
    const bytes = await readFile(path);
    const text = bytes.toString('utf8');
    for (const value of [...Object.values(SECRETS), PASSPHRASE]) {
      for (const form of [
        Buffer.from(value, 'utf8'),
        Buffer.from(value, 'utf16le'),
        Buffer.from(Buffer.from(value).toString('base64')),
        Buffer.from(Buffer.from(value).toString('hex')),
      ]) {
        expect(bytes.includes(form), `file contains a form of "${value}"`).toBe(false);
      }
    }
    const shape = await readShape();
    expect(shape.format).toBe('sinch-explorer/secrets');
    expect(shape.version).toBe(1);
    expect(shape.cipher).toBe('aes-256-gcm');
    expect(shape.kdf).toMatchObject({ name: 'scrypt', r: 8, p: 1, keyLength: 32 });
    expect(shape.kdf.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(Buffer.from(shape.kdf.salt, 'base64')).toHaveLength(16);
    const nonces = [shape.verifier, ...Object.values(shape.entries)].map((e) => e.nonce);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(12);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(text.endsWith('\n')).toBe(true);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);

    // Same value twice: different ciphertext (fresh nonce each time).
    const other = join(path, '..', 'second.enc.json');
    const second = new EncryptedFileSecretStore(other);
    await second.create(PASSPHRASE);
    await second.set('env/a/access-key-secret', SECRETS['env/a/access-key-secret']);
    const otherShape = JSON.parse(await readFile(other, 'utf8')) as FileShape;
    expect(otherShape.kdf.salt).not.toBe(shape.kdf.salt);
    expect(otherShape.entries['env/a/access-key-secret']?.ciphertext).not.toBe(shape.entries['env/a/access-key-secret']?.ciphertext);
  });

  it('says "wrong passphrase" for a wrong one, and stays locked', async () => {
    await filled();
    const store = new EncryptedFileSecretStore(path);
    const error = await store.unlock('correct horse battery stapler').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongPassphraseError);
    expect((error as Error).message).toMatch(/^Wrong passphrase/);
    expect(store.isLocked).toBe(true);
    await expect(store.unlock('')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(store.get('env/a/access-key-secret')).rejects.toBeInstanceOf(SecretsLockedError);
  });

  it('detects a tampered ciphertext, and entries swapped between accounts', async () => {
    await filled();
    const shape = await readShape();
    const entry = shape.entries['env/a/access-key-secret'];
    if (!entry) throw new Error('entry missing');
    const raw = Buffer.from(entry.ciphertext, 'base64');
    raw[0] = (raw[0] ?? 0) ^ 0x01;
    entry.ciphertext = raw.toString('base64');
    // Move b's sealed value under a's webhook account: decrypts fine without the account binding.
    const moved = shape.entries['env/b/access-key-secret'];
    if (!moved) throw new Error('entry missing');
    shape.entries['env/a/webhook-secret/app%2F01H'] = moved;
    await writeFile(path, JSON.stringify(shape));

    const store = new EncryptedFileSecretStore(path);
    await store.unlock(PASSPHRASE);
    await expect(store.get('env/a/access-key-secret')).rejects.toThrow(/fails its integrity check: the file was changed outside the app or is damaged/);
    await expect(store.get('env/a/webhook-secret/app%2F01H')).rejects.toThrow(/integrity check/);
    expect(await store.get('env/b/access-key-secret')).toBe(SECRETS['env/b/access-key-secret']);
  });

  it('treats a tampered verifier or weakened scrypt parameters as wrong passphrase or damage, never garbage', async () => {
    await filled();
    const shape = await readShape();
    const tag = Buffer.from(shape.verifier.tag, 'base64');
    tag[3] = (tag[3] ?? 0) ^ 0xff;
    await writeFile(path, JSON.stringify({ ...shape, verifier: { ...shape.verifier, tag: tag.toString('base64') } }));
    await expect(new EncryptedFileSecretStore(path).unlock(PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);

    await writeFile(path, JSON.stringify({ ...shape, kdf: { ...shape.kdf, N: 2 } }));
    await expect(new EncryptedFileSecretStore(path).unlock(PASSPHRASE)).rejects.toThrow(/damaged \(key-derivation parameters out of range\)/);
    await writeFile(path, '{ not json');
    await expect(new EncryptedFileSecretStore(path).unlock(PASSPHRASE)).rejects.toThrow(/damaged \(it is not valid JSON\)/);
    await writeFile(path, JSON.stringify({ ...shape, version: 2 }));
    await expect(new EncryptedFileSecretStore(path).unlock(PASSPHRASE)).rejects.toThrow(/newer version of the app/);
  });

  it('refuses an empty or short passphrase, and never overwrites an existing file', async () => {
    const store = new EncryptedFileSecretStore(path);
    for (const weak of ['', '        ', 'short7!', '1234567']) {
      const error = await store.create(weak).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackendError);
      expect((error as BackendError).code).toBe('INVALID_INPUT');
      expect((error as Error).message).toMatch(/passphrase/);
    }
    expect(await store.exists()).toBe(false);
    await store.create('12345678');
    await expect(new EncryptedFileSecretStore(path).create(PASSPHRASE)).rejects.toThrow(/already exists.*Unlock it/);
  });

  it('fails clearly while locked, and lock() forgets the key', async () => {
    const store = await filled();
    store.lock();
    expect(store.isLocked).toBe(true);
    for (const op of [
      () => store.get('env/a/access-key-secret'),
      () => store.set('env/a/x', 'v'),
      () => store.delete('env/a/x'),
      () => store.has('env/a/x'),
      () => store.accounts(),
    ]) {
      await expect(op()).rejects.toThrow(/locked\. Enter its passphrase/);
    }
    await expect(new EncryptedFileSecretStore(join(path, '..', 'missing.json')).unlock(PASSPHRASE)).rejects.toThrow(/no secrets file/);
  });

  it('keeps every one of many concurrent writes', async () => {
    const store = new EncryptedFileSecretStore(path);
    await store.create(PASSPHRASE);
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.set(`env/c/webhook-secret/w${i}`, `value-${i}`)));
    const again = new EncryptedFileSecretStore(path);
    await again.unlock(PASSPHRASE);
    expect(await again.accounts()).toHaveLength(25);
    expect(await again.get('env/c/webhook-secret/w17')).toBe('value-17');
  });
});
