import { checkAccount, checkValue, type SecretStore } from './store';

/** Keeps secrets in this process only: for tests and for callers that must not persist anything. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    return this.values.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    checkValue(value);
    this.values.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    return this.values.delete(account);
  }

  async has(account: string): Promise<boolean> {
    checkAccount(account);
    return this.values.has(account);
  }

  async accounts(): Promise<string[]> {
    return [...this.values.keys()].sort();
  }
}
