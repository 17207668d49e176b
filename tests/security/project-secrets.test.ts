import { afterEach, describe, expect, it } from 'vitest';
import { accountFor } from '../../electron/backend/secrets/index';
import { CALLBACK_SECRET_FIELD, CHANNEL_CREDENTIAL_FORMS } from '../../shared/catalog/channelCredentials';
import { call, filesUnder, startBackend, value, type BackendHarness } from '../integration/project/helpers';

/**
 * Issue #12: secrets typed in the Project view (channel credentials, webhook secrets, the ngrok
 * authtoken) go to the API or the keychain and nowhere else: not to a result, an event or a file.
 */
describe('project secrets never reach the page or the disk', () => {
  let h: BackendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('every channel form, a typed webhook secret and the authtoken', async () => {
    h = await startBackend();
    const { backend } = h;
    const shown: unknown[] = [];
    const keep = <T>(r: T): T => {
      shown.push(r);
      return r;
    };
    const secrets: string[] = [];
    const env = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    const app = value(keep(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'Secrets' })));
    let n = 0;
    for (const form of CHANNEL_CREDENTIAL_FORMS) {
      // One app per LINE shape: an app has one credential per channel unless they are told apart.
      const target =
        form.channel === 'LINE' && form.id !== 'LINE' ? value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: form.id })) : app;
      const values = [...form.fields, CALLBACK_SECRET_FIELD].map((f) => {
        if (f.kind === 'boolean') return { path: f.path, value: true };
        const v = f.kind === 'secret' ? `S3CRET-${form.id}-${f.path}-${n++}-xyz` : `plain-${f.path}`;
        if (f.kind === 'secret') secrets.push(v);
        return { path: f.path, value: v };
      });
      const saved = keep(await call(backend, 'project.saveChannel', { environmentId: env.id, appId: target.id, formId: form.id, values }));
      expect(saved.ok, `${form.id}: ${saved.ok ? '' : saved.problem.message}`).toBe(true);
      if (!saved.ok) continue;
      const channel = saved.value.channels.find((c) => c.formId === form.id);
      expect(channel, form.id).toBeDefined();
      for (const field of channel?.fields ?? []) if (field.secret) expect(field, `${form.id} ${field.path}`).toMatchObject({ value: null, set: true });
    }
    keep(await call(backend, 'project.listApps', { environmentId: env.id }));
    keep(await call(backend, 'project.getApp', { environmentId: env.id, appId: app.id }));
    keep(
      await call(backend, 'project.reorderChannels', {
        environmentId: env.id,
        appId: app.id,
        order: value(await call(backend, 'project.getApp', { environmentId: env.id, appId: app.id }))
          .channels.map((c) => c.key)
          .reverse(),
      }),
    );

    const typed = 'typed-webhook-secret-0123456789';
    secrets.push(typed);
    const hook = value(
      keep(
        await call(backend, 'project.saveWebhook', {
          environmentId: env.id,
          appId: app.id,
          target: 'https://example.test/cb',
          triggers: ['MESSAGE_INBOUND'],
          secret: { mode: 'typed', value: typed },
        }),
      ),
    );
    expect(await h.keychain.get(accountFor(env.id, 'webhook-secret', hook.id))).toBe(typed);
    const regenerated = value(
      keep(
        await call(backend, 'project.saveWebhook', {
          environmentId: env.id,
          appId: app.id,
          webhookId: hook.id,
          target: 'https://example.test/cb',
          triggers: ['MESSAGE_INBOUND'],
          secret: { mode: 'generate' },
        }),
      ),
    );
    const generated = await h.keychain.get(accountFor(env.id, 'webhook-secret', regenerated.id));
    expect(generated).not.toBe(typed);
    secrets.push(generated ?? 'missing');
    keep(await call(backend, 'project.listWebhooks', { environmentId: env.id, appId: app.id }));
    const authtoken = 'ngrok-authtoken-secret-abcdef123456';
    secrets.push(authtoken);
    keep(await call(backend, 'tunnel.setAuthtoken', { value: authtoken }));
    keep(await call(backend, 'tunnel.status'));

    const page = JSON.stringify([shown, h.events]);
    for (const s of secrets) expect(page.includes(s), s).toBe(false);
    const dataDir = h.dataDir;
    // Closing flushes the sandbox's saved state: its secret values go to the keychain, not the file.
    await backend.close();
    const files = await filesUnder(dataDir);
    expect(files.some((f) => f.path.endsWith('sandbox-state.json'))).toBe(true);
    for (const file of files) for (const s of secrets) expect(file.text.includes(s), `${s} in ${file.path}`).toBe(false);
  }, 30_000);
});
