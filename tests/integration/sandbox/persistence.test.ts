import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../electron/backend/sandbox/index';
import type { SandboxSecretKeeper } from '../../../electron/backend/sandbox/persistence';
import { Client } from './helpers';

/** A keychain stand-in: one value, like the app's single keychain entry for the sandbox. */
function memoryKeeper(): SandboxSecretKeeper & { value: string | null } {
  const keeper = {
    value: null as string | null,
    read: async () => keeper.value,
    write: async (v: string) => {
      keeper.value = v;
    },
    clear: async () => {
      keeper.value = null;
    },
  };
  return keeper;
}

describe('the sandbox keeps its state across restarts', () => {
  let dir: string;
  let path: string;
  const running: SandboxHandle[] = [];
  const start = async (secrets?: SandboxSecretKeeper): Promise<SandboxHandle> => {
    const sb = await startSandbox({ port: 0, deliveryDelayMs: 1, persist: { path, debounceMs: 20, ...(secrets ? { secrets } : {}) } });
    running.push(sb);
    return sb;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-sandbox-state-'));
    path = join(dir, 'sandbox-state.json');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sb) => sb.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the same app, contact and webhook after a restart, with the webhook secret kept out of the file', async () => {
    const keeper = memoryKeeper();
    const first = await start(keeper);
    const client = new Client(first);
    const app = await client.createApp();
    const contact = await client.call<{ id: string }>('POST', `${client.project}/contacts`, {
      channel_identities: [{ channel: 'SMS', identity: '+46700000001' }],
      language: 'EN_US',
      display_name: 'Ada',
    });
    expect(contact.status).toBe(200);
    const hook = await client.call<{ id: string }>('POST', `${client.project}/webhooks`, {
      app_id: app.id,
      target: 'http://127.0.0.1:9/hook',
      target_type: 'HTTP',
      secret: 'whsec-kept-out-of-files',
      triggers: ['MESSAGE_INBOUND'],
    });
    expect(hook.status).toBe(200);
    await first.close();

    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'sinch-explorer/sandbox-state', version: 1 });
    expect(text).not.toContain('whsec-kept-out-of-files');
    expect(text).not.toContain('sms-token');

    const second = await start(keeper);
    expect(second.restoreNotice).toBeUndefined();
    const again = new Client(second);
    expect((await again.call('GET', `${again.project}/apps/${app.id}`)).status).toBe(200);
    expect((await again.call<{ display_name: string }>('GET', `${again.project}/contacts/${contact.body.id}`)).body.display_name).toBe('Ada');
    expect(second.webhookSecrets()).toEqual([expect.objectContaining({ webhookId: hook.body.id, secret: 'whsec-kept-out-of-files' })]);
  });

  it('says which secrets could not be restored when the keychain no longer holds them', async () => {
    const keeper = memoryKeeper();
    const first = await start(keeper);
    const client = new Client(first);
    const app = await client.createApp();
    await client.call('POST', `${client.project}/webhooks`, {
      app_id: app.id,
      target: 'http://127.0.0.1:9/hook',
      target_type: 'HTTP',
      secret: 's3cret',
      triggers: ['MESSAGE_INBOUND'],
    });
    await first.close();
    const second = await start(memoryKeeper());
    expect(second.restoreNotice).toMatch(/secret values? of the sandbox .* not kept|not found in the keychain/);
    expect(second.counts().apps).toBe(1);
  });

  it('sets a corrupt state file aside, names it, and starts empty', async () => {
    await writeFile(path, '{"format": "sinch-explorer/sandbox-state", "version": 1, "state": {"apps": "oops"');
    const sb = await start();
    expect(sb.restoreNotice).toContain(path);
    expect(sb.restoreNotice).toMatch(/is not valid JSON.*set aside as .*sandbox-state\.unreadable-/);
    expect(sb.counts().apps).toBe(0);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('sandbox-state.unreadable-'))).toBe(true);
  });

  it('refuses a state file from a newer app version without touching it', async () => {
    await writeFile(path, JSON.stringify({ format: 'sinch-explorer/sandbox-state', version: 99, state: {} }));
    const sb = await start();
    expect(sb.restoreNotice).toMatch(/format version 99/);
  });

  it('reset empties the project and the saved state', async () => {
    const first = await start();
    const client = new Client(first);
    const app = await client.createApp();
    first.reset();
    await first.flush();
    await first.close();
    const second = await start();
    expect((await new Client(second).call('GET', `${client.project}/apps/${app.id}`)).status).toBe(404);
  });

  it('coalesces a burst of changes into few writes, and the last one wins', async () => {
    const sb = await start();
    const client = new Client(sb);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await client.createApp({ display_name: `App ${i}` })).id);
    await sb.flush();
    const saved = JSON.parse(await readFile(path, 'utf8')) as { state: { apps: { id: string }[] } };
    expect(saved.state.apps.map((a) => a.id)).toEqual(ids);
  });

  it('stays in memory when persistence is not asked for', async () => {
    const sb = await startSandbox({ port: 0 });
    running.push(sb);
    await new Client(sb).createApp();
    await sb.flush();
    expect(await readdir(dir)).toEqual([]);
  });
});
