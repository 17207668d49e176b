import { MAX_SECRET_BYTES } from './store';
import type { SecretVault } from './vault';

/**
 * One secret text of any length kept in the keychain. The sandbox keeps its secret values in one
 * (its SandboxSecretKeeper); the shape is declared here so the vault's side does not import the simulator.
 */
export interface KeptSecret {
  read(): Promise<string | null>;
  write(value: string): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The keychain entries holding the sandbox's secret values (webhook secrets, channel tokens): an
 * index `sandbox/secret-values` = {"parts": n} and the JSON text split over `…/0` … `…/n-1`,
 * because keychains refuse long values (MAX_SECRET_BYTES).
 */
export const SANDBOX_SECRETS_ACCOUNT = 'sandbox/secret-values';
const PART_BYTES = Math.min(2000, MAX_SECRET_BYTES);

function splitUtf8(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts;
}

/** The sandbox's secret values in the app's keychain: what the composition root hands the sandbox manager. */
export function vaultSecretKeeper(vault: SecretVault): KeptSecret {
  const partCount = async (): Promise<number> => {
    const index = await vault.get(SANDBOX_SECRETS_ACCOUNT);
    if (index === null) return 0;
    try {
      const parts = (JSON.parse(index) as { parts?: unknown }).parts;
      return typeof parts === 'number' && Number.isInteger(parts) && parts >= 0 && parts <= 10_000 ? parts : 0;
    } catch {
      return 0;
    }
  };
  const part = (i: number): string => `${SANDBOX_SECRETS_ACCOUNT}/${i}`;
  return {
    async read() {
      const count = await partCount();
      if (count === 0) return null;
      let text = '';
      for (let i = 0; i < count; i++) {
        const piece = await vault.get(part(i));
        if (piece === null) throw new Error(`keychain entry ${part(i)} is missing`);
        text += piece;
      }
      return text;
    },
    async write(value) {
      const before = await partCount();
      const parts = splitUtf8(value, PART_BYTES);
      for (const [i, piece] of parts.entries()) await vault.set(part(i), piece);
      await vault.set(SANDBOX_SECRETS_ACCOUNT, JSON.stringify({ parts: parts.length }));
      for (let i = parts.length; i < before; i++) await vault.delete(part(i));
    },
    async clear() {
      const before = await partCount();
      for (let i = 0; i < before; i++) await vault.delete(part(i));
      await vault.delete(SANDBOX_SECRETS_ACCOUNT);
    },
  };
}
