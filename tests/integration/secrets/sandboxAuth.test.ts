import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../../electron/backend/sandbox/index';
import { SandboxManager } from '../../../electron/backend/sandbox/manager';
import { CredentialService } from '../../../electron/backend/secrets/credentials';
import { MemorySecretStore, SecretVault } from '../../../electron/backend/secrets/index';
import { EnvironmentStore } from '../../../electron/backend/storage/environments';

/**
 * The credentials service asks for the sandbox's token URL and key through a provider instead of
 * holding the sandbox manager: wired as the app wires it, a Sandbox environment is still sent with
 * the running sandbox's token URL and its public demo key, and says so when the sandbox is down.
 */
describe('credentials of a Sandbox environment', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("uses the running sandbox's token URL and demo key, and says the sandbox is not running before it starts", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sce-sandbox-auth-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const environments = new EnvironmentStore(dataDir);
    await environments.load();
    const vault = new SecretVault({ dataDir, keychain: new MemorySecretStore() });
    const sandbox = new SandboxManager(() => undefined);
    cleanups.push(() => sandbox.stop());
    const credentials = new CredentialService(vault, environments, () => sandbox.clientAuth());
    const env = await environments.create('Sandbox', 'sandbox');

    expect(await credentials.authFor(env)).toEqual({ problem: 'The sandbox is not running.' });

    await sandbox.ensureStarted();
    const tokenUrl = sandbox.status().authUrl;
    expect(tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
    expect(await credentials.authFor(env)).toEqual({ mode: 'oauth2', tokenUrl, keyId: DEMO_CREDENTIALS.keyId, keySecret: DEMO_CREDENTIALS.keySecret });

    await sandbox.stop();
    expect(await credentials.authFor(env)).toEqual({ problem: 'The sandbox is not running.' });
  });
});
