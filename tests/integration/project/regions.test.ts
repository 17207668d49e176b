import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthorizedSender, TokenManager, type TokenHttpRequest } from '../../../electron/backend/auth/index';
import { ProjectApi } from '../../../electron/backend/project/apiClient';
import { ProjectService } from '../../../electron/backend/project/service';
import { SandboxManager } from '../../../electron/backend/sandbox/manager';
import { CredentialService } from '../../../electron/backend/secrets/credentials';
import { accountFor, MemorySecretStore, SecretVault } from '../../../electron/backend/secrets/index';
import { EnvironmentStore } from '../../../electron/backend/storage/environments';
import { WebhookService } from '../../../electron/backend/webhooks/service';
import type { SendResult } from '../../../shared/model/httpRequest';
import type { RegionChoice } from '../../../shared/regions';
import type { ResolvedRequest } from '../../../shared/variables';

/**
 * A real region's hosts cannot be reached from the tests, so the wire is replaced (token sender
 * and request executor record what would have been sent); everything above it is the app's own.
 */
describe('a real region: token URL and the wrong-region 404', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function setup(region: RegionChoice, tokenUrl: string, answer: (req: ResolvedRequest) => { status: number; body: unknown }, withSecret = true) {
    const dataDir = await mkdtemp(join(tmpdir(), 'sce-regions-'));
    dirs.push(dataDir);
    const tokenCalls: TokenHttpRequest[] = [];
    const sent: ResolvedRequest[] = [];
    const tokens = new TokenManager({
      send: async (req) => {
        tokenCalls.push(req);
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ access_token: 'T', token_type: 'bearer', expires_in: 3600 }),
        };
      },
    });
    const executor = async (req: ResolvedRequest): Promise<SendResult> => {
      sent.push(req);
      const { status, body } = answer(req);
      const text = JSON.stringify(body);
      return {
        ok: true,
        response: {
          responseId: 'r',
          status,
          statusText: '',
          timeMs: 1,
          sizeBytes: text.length,
          headers: [],
          contentType: 'application/json',
          url: req.url,
          method: req.method,
          body: { preview: text, truncated: false, binary: false, previewLimit: 1 << 19 },
        },
      };
    };
    const environments = new EnvironmentStore(dataDir);
    await environments.load();
    const vault = new SecretVault({ dataDir, keychain: new MemorySecretStore() });
    const sandbox = new SandboxManager(() => undefined);
    const credentials = new CredentialService(vault, environments, () => sandbox.clientAuth());
    const hooks = new WebhookService({
      dataDir,
      vault,
      sandbox,
      environments: () => environments.state().environments,
      onReceived: () => undefined,
      onUpdated: () => undefined,
      onState: () => undefined,
    });
    const created = await environments.create('Real', region);
    const env = await environments.update({ ...created, projectId: 'p1', auth: { mode: 'oauth2', tokenUrl, keyId: 'kid' } });
    if (withSecret) await vault.set(accountFor(env.id, 'access-key-secret'), 'the-key-secret');
    const service = new ProjectService({
      api: new ProjectApi({ credentials, sandbox, authorized: new AuthorizedSender(executor, tokens) }),
      environments,
      tokens,
      vault,
      hooks,
      publicUrl: () => null,
      environmentChanged: () => undefined,
    });
    return { service, env, tokenCalls, sent };
  }

  it("uses the global token endpoint by default and the regional one when chosen; calls the region's host", async () => {
    const global = await setup('eu', '', () => ({ status: 200, body: { apps: [] } }));
    const checked = await global.service.check(global.env.id);
    expect(checked.ok && checked.value.token?.tokenUrl).toBe('https://auth.sinch.com/oauth2/token');
    expect(global.tokenCalls.map((c) => c.url)).toEqual(['https://auth.sinch.com/oauth2/token']);
    expect(global.sent.map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://eu.conversation.api.sinch.com/v1/projects/p1/apps']);

    const regional = await setup('us', 'https://us.auth.sinch.com/oauth2/token', () => ({
      status: 200,
      body: { apps: [{ id: 'A', display_name: 'x', channel_credentials: [] }] },
    }));
    const apps = await regional.service.listApps(regional.env.id);
    expect(apps.ok && apps.value.map((a) => [a.id, a.region])).toEqual([['A', 'us']]);
    expect(regional.tokenCalls.map((c) => c.url)).toEqual(['https://us.auth.sinch.com/oauth2/token']);
    expect(regional.sent[0]?.url).toBe('https://us.conversation.api.sinch.com/v1/projects/p1/apps');
  });

  it('404 from the wrong region says so and names the other regions', async () => {
    const { service, env } = await setup('eu', '', () => ({ status: 404, body: { error: { code: 404, message: 'Project not found', status: 'NOT_FOUND' } } }));
    const apps = await service.listApps(env.id);
    expect(apps.ok).toBe(false);
    if (apps.ok) return;
    expect(apps.problem.field).toBe('region');
    expect(apps.problem.message).toMatch(/^No such project in the eu region .*another region \(us, br\)/);
    expect(apps.problem.request).toBe('GET https://eu.conversation.api.sinch.com/v1/projects/p1/apps');
    const app = await service.getApp(env.id, 'APP');
    expect(app.ok).toBe(false);
    if (!app.ok)
      expect(app.problem).toMatchObject({ field: 'app', status: 404, message: expect.stringContaining("No app APP in this project's eu region") as unknown });
  });

  it('403 points at the project id; a missing key secret at the key secret', async () => {
    const { service, env } = await setup('br', '', () => ({ status: 403, body: { error: { code: 403, message: 'denied', status: 'PERMISSION_DENIED' } } }));
    const apps = await service.listApps(env.id);
    expect(!apps.ok && apps.problem.field).toBe('projectId');
    const noSecret = await setup('us', '', () => ({ status: 200, body: {} }), false);
    const missing = await noSecret.service.listApps(noSecret.env.id);
    expect(!missing.ok && missing.problem.field).toBe('keySecret');
    expect(noSecret.sent).toEqual([]);
  });
});
