/**
 * Issue 19: an import ran patterns over whatever the file held before checking its size, and the
 * Postman library read a large file in one go: one 9.9 MB script kept the backend (the webhook
 * listener with it) from answering for seconds. Here a heartbeat timer runs in the process while
 * hostile imports go through the service as the app calls it; no gap between two beats may pass a
 * second (today's code left gaps of several seconds; the margin is for a loaded 2-core machine).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportService } from '../../../electron/backend/importer/service';
import { MemorySecretStore, SecretVault } from '../../../electron/backend/secrets/index';
import { CollectionStore } from '../../../electron/backend/storage/collections/store';
import { EnvironmentStore } from '../../../electron/backend/storage/environments';
import { GlobalsStore } from '../../../electron/backend/storage/globals';

const schema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const MB = 1024 * 1024;

function collection(name: string, item: unknown[]): string {
  return JSON.stringify({ info: { name, schema }, item });
}

/** The longest time between two beats of a 10 ms timer while `work` runs (and one beat after it). */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const beat = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    await work().catch(() => undefined);
    // The beat due after the work's last synchronous stretch: without it, a final stall would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 30));
  } finally {
    clearInterval(beat);
  }
  return longest;
}

describe('an import never keeps the backend from answering', () => {
  let dir: string;
  let service: ImportService;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-import-stall-'));
    const environments = new EnvironmentStore(dir);
    await environments.load();
    service = new ImportService({
      collections: new CollectionStore(join(dir, 'workspace')),
      environments,
      globals: new GlobalsStore(dir),
      vault: new SecretVault({ dataDir: dir, keychain: new MemorySecretStore() }),
      saveEnvironment: (env) => environments.update(env),
    });
    // Loading the Postman libraries is a one-off cost of the first import, not what is measured here.
    await service.importText(collection('Warm-up', [{ name: 'r', request: 'https://a.test' }]), 'warm.json');
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: [string, () => string][] = [
    [
      'a collection with one 9.9 MB one-line test script',
      () =>
        collection('Big script', [
          { name: 'r', request: 'https://a.test', event: [{ listen: 'test', script: { exec: [`var a = ${'x'.repeat(9.9 * MB - 200)};`] } }] },
        ]),
    ],
    [
      "a collection with a 9 MB pre-request script of `secret = '` over and over",
      () =>
        collection('Storm', [
          { name: 'r', request: 'https://a.test', event: [{ listen: 'prerequest', script: { exec: ["secret = '".repeat((9 * MB) / 10)] } }] },
        ]),
    ],
    [
      'a collection whose request has 150 headers of 64 KB',
      () =>
        collection('Headers', [
          { name: 'r', request: { url: 'https://a.test', header: Array.from({ length: 150 }, (_, i) => ({ key: `X-H${i}`, value: 'v'.repeat(64 * 1024) })) } },
        ]),
    ],
    ['a pasted 9 MB curl command', () => `curl https://a.test -H 'Content-Type: text/plain' -d "${'x'.repeat(9 * MB)}"`],
    [
      'a pasted curl command with 100 headers of 64 KB',
      () => `curl https://a.test ${Array.from({ length: 100 }, (_, i) => `-H "X-H${i}: ${'v'.repeat(64 * 1024)}"`).join(' ')}`,
    ],
  ];
  for (const [what, text] of cases) {
    it(`stays responsive importing ${what}`, async () => {
      const input = text();
      const stall = await longestStall(() => service.importText(input, 'hostile.json', { name: `Hostile ${Math.random()}` }));
      expect(stall).toBeLessThan(1000);
    }, 60_000);
  }
});
