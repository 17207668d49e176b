import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebhookEventStore } from '../../../electron/backend/webhooks/eventStore';
import { sampleCallback } from '../../../electron/backend/webhooks/samples';
import { WebhookService } from '../../../electron/backend/webhooks/service';
import type { SandboxManager } from '../../../electron/backend/sandbox/manager';
import type { SecretVault } from '../../../electron/backend/secrets/index';
import type { WebhookBatch } from '../../../shared/model/webhookEvent';
import { SECRET } from './helpers';

// The disk is made slow: every batched append waits for the gate, so the listener's answers
// (given as soon as an event is queued) come back well before the events are on disk.
const gate = vi.hoisted(() => ({ delayMs: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  return {
    ...fs,
    appendFile: async (...args: Parameters<typeof fs.appendFile>) => {
      if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
      return fs.appendFile(...args);
    },
  };
});

async function linesOnDisk(dataDir: string): Promise<number> {
  const dir = join(dataDir, 'webhooks');
  const names = await readdir(dir).catch(() => [] as string[]);
  let lines = 0;
  for (const name of names) lines += (await readFile(join(dir, name), 'utf8')).split('\n').filter((l) => l.trim() !== '').length;
  return lines;
}

describe('no callback is lost when the listener answers before persistence', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    gate.delayMs = 0;
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('answered callbacks are all on disk after the app is stopped right after the last answer, and all there after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sinch-webhooks-noloss-'));
    dirs.push(dataDir);
    const batches: WebhookBatch[] = [];
    const deps = {
      dataDir,
      vault: { accounts: async () => [], get: async () => null } as unknown as SecretVault,
      sandbox: { webhookSecrets: () => [{ webhookId: 'bench', secret: SECRET }] } as unknown as SandboxManager,
      environments: () => [],
      onReceived: (batch: WebhookBatch) => batches.push(batch),
      onUpdated: () => undefined,
      onState: () => undefined,
    };
    const app = new WebhookService(deps);
    await app.load();
    const state = await app.start(0, '127.0.0.1');
    expect(state.listening).toBe(true);
    gate.delayMs = 400;

    const count = 300;
    const statuses = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const s = sampleCallback('MESSAGE_INBOUND', { secret: SECRET, appId: `NOLOSS-${i}` });
        const res = await fetch(state.url, { method: 'POST', headers: s.headers, body: s.body });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Every callback was answered, and the disk does not have them all yet.
    expect(await linesOnDisk(dataDir)).toBeLessThan(count);
    // …and the app stops right away.
    await app.close();
    expect(batches.reduce((sum, b) => sum + b.count, 0)).toBe(count);
    expect(await linesOnDisk(dataDir)).toBe(count);

    gate.delayMs = 0;
    const restarted = new WebhookEventStore(dataDir);
    await restarted.load();
    expect(restarted.size).toBe(count);
    expect(restarted.corruptLines).toBe(0);
    const apps = new Set(restarted.query({}, { limit: count }).events.map((e) => e.correlation.appId));
    for (let i = 0; i < count; i++) expect(apps.has(`NOLOSS-${i}`)).toBe(true);
    const one = restarted.query({ appId: 'NOLOSS-7' }).events[0];
    expect(one?.verdict.kind).toBe('valid');
    expect(restarted.get(one?.id ?? '')?.bodyText).toContain('NOLOSS-7');
  });
});
