import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/backend/sandbox/index';
import { MemorySecretStore, SecretVault } from '../../../electron/backend/secrets/index';
import { vaultSecretKeeper } from '../../../electron/backend/secrets/sandboxSecrets';
import { Client } from './helpers';

describe("the app's keychain entry for the sandbox's secrets", () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps more secrets than one keychain entry may hold, and restores them all', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-sandbox-keeper-'));
    const keychain = new MemorySecretStore();
    const secrets = vaultSecretKeeper(new SecretVault({ dataDir: dir, keychain }));
    const path = join(dir, 'sandbox-state.json');
    const first = await startSandbox({ port: 0, persist: { path, secrets, debounceMs: 10 } });
    const client = new Client(first);
    const app = await client.createApp();
    const targets: string[] = [];
    for (let i = 0; i < 5; i++) {
      const secret = `whsec-${i}-${'x'.repeat(900)}`;
      const res = await client.call('POST', `${client.project}/webhooks`, {
        app_id: app.id,
        target: `http://127.0.0.1:9/hook${i}`,
        target_type: 'HTTP',
        secret,
        triggers: ['MESSAGE_INBOUND'],
      });
      expect(res.status).toBe(200);
      targets.push(secret);
    }
    await first.close();
    expect(await readFile(path, 'utf8')).not.toContain('whsec-');
    expect((await keychain.accounts()).filter((a) => a.startsWith('sandbox/secret-values/')).length).toBeGreaterThan(1);

    const second = await startSandbox({ port: 0, persist: { path, secrets } });
    try {
      expect(second.restoreNotice).toBeUndefined();
      expect(second.webhookSecrets().map((w) => w.secret)).toEqual(targets);
      second.reset();
      await second.flush();
      expect(await keychain.accounts()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
