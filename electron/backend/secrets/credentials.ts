import type { EnvironmentSecrets } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import type { AuthSettings } from '../auth/index';
import { accountFor, parseAccount, type SecretVault } from './index';
import type { EnvironmentStore } from '../storage/environments';

/**
 * How a client of the app's sandbox gets its token: the running sandbox's token URL and its public
 * demo key. Asked for, not imported: the composition root answers from the sandbox manager, so the
 * vault's side of the app never depends on the simulator.
 */
export interface SandboxAuth {
  tokenUrl: string;
  keyId: string;
  keySecret: string;
}

/**
 * Everything that joins environments and the vault: where each secret of an environment lives,
 * which credentials a request is sent with, and secret variables (values in the vault, names in
 * the file). No secret value leaves this class except toward a request on the wire.
 */
export class CredentialService {
  constructor(
    private readonly vault: SecretVault,
    private readonly environments: EnvironmentStore,
    /** The sandbox's token URL and demo key while it runs; null when it is not running. */
    private readonly sandboxAuth: () => SandboxAuth | null,
  ) {}

  /**
   * Saves an environment: values of variables marked secret go to the vault and the file keeps
   * only their names. Without a usable vault this fails with the vault's own advice, before any
   * file is written: a secret is never stored in plain text instead.
   */
  async saveEnvironment(env: Environment): Promise<Environment> {
    const toStore = env.variables.filter((v) => v.secret && v.key.trim() !== '' && v.value !== '');
    for (const v of toStore) await this.vault.set(accountFor(env.id, 'variable', v.key.trim()), v.value);
    const saved = await this.environments.update({ ...env, variables: env.variables.map((v) => (v.secret ? { ...v, value: '' } : v)) });
    // Forget the values of variables that are no longer secret (or no longer exist).
    const keep = new Set(saved.variables.filter((v) => v.secret).map((v) => v.key.trim()));
    try {
      for (const account of await this.vault.accounts()) {
        const parsed = parseAccount(account);
        if (parsed?.environmentId === env.id && parsed.purpose === 'variable' && !keep.has(parsed.name)) await this.vault.delete(account);
      }
    } catch {
      /* no vault, so nothing stored to forget */
    }
    return saved;
  }

  /** The environment with its secret variables' values read from the vault, for sending only. */
  async withSecrets(env: Environment): Promise<Environment> {
    if (!env.variables.some((v) => v.secret)) return env;
    const variables = [];
    for (const v of env.variables) {
      if (!v.secret || v.key.trim() === '') variables.push(v);
      else variables.push({ ...v, value: (await this.vault.get(accountFor(env.id, 'variable', v.key.trim()))) ?? '' });
    }
    return { ...env, variables };
  }

  /**
   * The credentials a request of this environment is sent with. The sandbox uses its public demo
   * key against its own token endpoint; other environments read their key secret from the vault.
   */
  async authFor(env: Environment | null): Promise<AuthSettings | { problem: string }> {
    if (!env) return { mode: 'none' };
    if (env.region === 'sandbox') {
      const sandbox = this.sandboxAuth();
      if (!sandbox) return { problem: 'The sandbox is not running.' };
      return { mode: 'oauth2', tokenUrl: sandbox.tokenUrl, keyId: sandbox.keyId, keySecret: sandbox.keySecret };
    }
    // No key id means no credentials were set up: the request goes out without Authorization,
    // which is what a request to a non-Sinch URL wants anyway.
    if (env.auth.mode === 'none' || env.auth.keyId.trim() === '') return { mode: 'none' };
    const keySecret = await this.vault.get(accountFor(env.id, 'access-key-secret'));
    if (keySecret === null) {
      return {
        problem: `No key secret is stored for environment "${env.name}". Paste it under Environments › ${env.name} › Access key (it goes to the OS keychain).`,
      };
    }
    return env.auth.mode === 'basic'
      ? { mode: 'basic', keyId: env.auth.keyId.trim(), keySecret }
      : { mode: 'oauth2', tokenUrl: env.auth.tokenUrl, keyId: env.auth.keyId.trim(), keySecret };
  }

  /** Which secrets an environment has: names only. */
  async list(environmentId: string): Promise<EnvironmentSecrets> {
    const mine = (await this.vault.accounts()).map(parseAccount).filter((a) => a?.environmentId === environmentId);
    return {
      accessKeySecret: mine.some((a) => a?.purpose === 'access-key-secret'),
      webhookSecrets: mine.flatMap((a) => (a?.purpose === 'webhook-secret' ? [a.name] : [])).sort(),
    };
  }

  /** A duplicated environment gets the original's secrets too, or its secret variables would silently be empty. */
  async copy(fromId: string, toId: string): Promise<void> {
    try {
      for (const account of await this.vault.accounts()) {
        const parsed = parseAccount(account);
        if (parsed?.environmentId !== fromId) continue;
        const value = await this.vault.get(account);
        if (value === null) continue;
        await this.vault.set(
          parsed.purpose === 'access-key-secret' ? accountFor(toId, 'access-key-secret') : accountFor(toId, parsed.purpose, parsed.name),
          value,
        );
      }
    } catch {
      /* no vault: nothing to copy */
    }
  }
}
