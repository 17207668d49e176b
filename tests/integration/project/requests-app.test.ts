import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import type { EnvironmentsState } from '../../../shared/contract';
import { flattenRequests } from '../../../shared/model/collection';
import type { Backend } from '../../../electron/backend/index';
import { call, startBackend, value, type BackendHarness } from './helpers';

/** The catalog's own request, sent as the Requests view sends it (from the catalog, in the active environment). */
async function sendFromCatalog(backend: Backend, name: string, environmentId: string) {
  const found = flattenRequests(BUILTIN_COLLECTION.items).find((r) => r.request.name === name);
  if (!found) throw new Error(`no catalog request "${name}"`);
  const { request } = found;
  return call(backend, 'requests.send', {
    requestId: `catalog-${Date.now()}`,
    request: { method: request.method, url: request.url, params: request.params, headers: request.headers, body: request.body, variables: request.variables },
    environmentId,
    collectionId: BUILTIN_COLLECTION.id,
  });
}

async function appIdOnDisk(dataDir: string, environmentId: string): Promise<string> {
  const file = JSON.parse(await readFile(join(dataDir, 'environments', `${environmentId}.json`), 'utf8')) as { environment: { appId: string } };
  return file.environment.appId;
}

/**
 * The app the Project view works on is the environment's App ID: creating one sets it, picking another
 * switches it, deleting it clears it; each change is saved to the environment's file (so the catalog's
 * requests use it at once) and told to the page as `environments.changed`.
 */
describe("the Project view's app is the environment's app", () => {
  let h: BackendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('create sets {{app_id}} (the catalog’s Get app then answers 200), use switches it, delete clears it', async () => {
    h = await startBackend();
    const { backend } = h;
    const created = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    // As the guided setup makes it: the sandbox's demo project filled in.
    const env = await call(backend, 'environments.update', { environment: { ...created, projectId: (await call(backend, 'sandbox.status')).demo.projectId } });
    const appIdsTold = (): string[] =>
      h?.events
        .filter((e) => e.event === 'environments.changed')
        .map((e) => (e.payload as EnvironmentsState).environments.find((x) => x.id === env.id)?.appId ?? '?') ?? [];

    const first = value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'My first app' }));
    expect(first.appIdProblem).toBeUndefined();
    expect(await appIdOnDisk(h.dataDir, env.id)).toBe(first.id);
    expect(appIdsTold().at(-1)).toBe(first.id);
    const got = await sendFromCatalog(backend, 'Get app', env.id);
    expect(got.ok && got.response.status).toBe(200);
    expect(got.ok && got.response.body.preview).toContain('My first app');

    const second = value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'Second' }));
    expect(await appIdOnDisk(h.dataDir, env.id)).toBe(second.id);

    // Picking the first app again in the Project view switches the requests back to it.
    const told = appIdsTold().length;
    expect(await call(backend, 'project.useApp', { environmentId: env.id, appId: first.id })).toEqual({ appId: first.id });
    expect(await appIdOnDisk(h.dataDir, env.id)).toBe(first.id);
    expect(appIdsTold().slice(told)).toEqual([first.id]);
    const again = await sendFromCatalog(backend, 'Get app', env.id);
    expect(again.ok && again.response.body.preview).toContain('My first app');

    // Deleting an app that is not the requests' app leaves {{app_id}} alone; deleting that one empties it.
    expect(value(await call(backend, 'project.deleteApp', { environmentId: env.id, appId: second.id }))).toEqual({ deleted: true, clearedAppId: false });
    expect(await appIdOnDisk(h.dataDir, env.id)).toBe(first.id);
    expect(value(await call(backend, 'project.deleteApp', { environmentId: env.id, appId: first.id }))).toEqual({ deleted: true, clearedAppId: true });
    expect(await appIdOnDisk(h.dataDir, env.id)).toBe('');
    expect(appIdsTold().at(-1)).toBe('');
  });
});
