import { randomUUID } from 'node:crypto';
import { KeytarSecretStore, type KeychainProbe } from '../../../electron/backend/secrets/keytarStore';

/**
 * Keychain tests need a real Secret Service. Inside `npm test` (SCE_TEST_SESSION=dbus) one must
 * be there, so its absence is a failure; elsewhere the tests are skipped and say why. They never
 * pass silently.
 */
export interface KeychainGate {
  service: string;
  probe: KeychainProbe;
  /** Call first in every keychain test. */
  require(ctx: { skip: (note?: string) => never }): void;
}

export async function keychainGate(): Promise<KeychainGate> {
  // A unique service per run: the tests never see or touch real entries.
  const service = `Sinch Conversation Explorer test ${process.pid} ${randomUUID()}`;
  const probe = await new KeytarSecretStore({ service }).probe();
  const inSession = process.env.SCE_TEST_SESSION === 'dbus';
  return {
    service,
    probe,
    require(ctx) {
      if (probe.available) return;
      const why = `${probe.problem ?? 'unknown problem'} ${probe.help ?? ''}`.trim();
      if (inSession) throw new Error(`SCE_TEST_SESSION=dbus, but the Secret Service is not usable: ${why}`);
      ctx.skip(`No Secret Service here (run inside dbus-run-session with gnome-keyring, as npm test does): ${why}`);
    },
  };
}

/** Removes everything stored under the test service. */
export async function cleanKeychain(service: string, available: boolean): Promise<void> {
  if (!available) return;
  const store = new KeytarSecretStore({ service });
  for (const account of await store.accounts()) await store.delete(account);
}
