import { afterEach, describe, expect, it } from 'vitest';
import type { Environment } from '../../../shared/model/environment';
import { call, startBackend, value, waitFor, type BackendHarness } from '../project/helpers';

const WEBHOOK_SECRET = 'whsec-orders-0123456789abcdef';
const VARIABLE_SECRET = 'padlocked-hook-secret-9876543210';

/**
 * Fire a sample…, signed: the page names a secret (a webhook secret, a padlocked variable or a sandbox webhook),
 * the backend signs as Sinch does, and the app's own listener then reads the sample as validly signed.
 */
describe('samples signed with a chosen secret', () => {
  let h: BackendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('lists the secrets by name only, and a sample signed with any of them is verified as valid', async () => {
    h = await startBackend();
    const { backend } = h;
    const created = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    const env: Environment = { ...created, variables: [{ key: 'webhook_secret', value: VARIABLE_SECRET, enabled: true, secret: true }] };
    await call(backend, 'environments.update', { environment: env });
    await call(backend, 'credentials.set', { environmentId: env.id, purpose: 'webhook-secret', name: 'orders-hook', value: WEBHOOK_SECRET });
    const listener = await call(backend, 'webhooks.start', { port: 0 });
    const app = value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'Shop' }));
    const hook = value(
      await call(backend, 'project.saveWebhook', {
        environmentId: env.id,
        appId: app.id,
        target: listener.url,
        triggers: ['MESSAGE_DELIVERY'],
        secret: { mode: 'generate' },
      }),
    );

    const choices = await call(backend, 'webhooks.signingSecrets', undefined);
    expect(choices).toEqual(
      expect.arrayContaining([
        { ref: { environmentId: env.id, name: 'orders-hook', kind: 'webhook-secret' }, label: 'Sandbox › orders-hook', kind: 'webhook-secret' },
        { ref: { environmentId: env.id, name: 'webhook_secret', kind: 'variable' }, label: 'Sandbox › {{webhook_secret}}', kind: 'variable' },
        { ref: { sandboxWebhookId: hook.id }, label: `sandbox webhook ${hook.id} (app ${app.id})`, kind: 'sandbox-webhook' },
      ]),
    );
    // Names, never values.
    expect(JSON.stringify(choices)).not.toContain(WEBHOOK_SECRET);
    expect(JSON.stringify(choices)).not.toContain(VARIABLE_SECRET);

    const fired: { sign?: (typeof choices)[number]['ref']; verdict: string; appId?: string }[] = [];
    for (const sign of [undefined, ...choices.map((c) => c.ref)]) {
      const before = (await call(backend, 'webhooks.query', { filter: {}, offset: 0, limit: 1 })).total;
      const result = await call(backend, 'webhooks.fireSample', { trigger: 'MESSAGE_DELIVERY', ...(sign ? { sign } : {}) });
      expect(result.status).toBe(200);
      const event = await waitFor(async () => {
        const page = await call(backend, 'webhooks.query', { filter: {}, offset: 0, limit: 1 });
        return page.total > before ? page.events[0] : undefined;
      });
      fired.push({ ...(sign ? { sign } : {}), verdict: event.verdict.kind, ...(event.correlation.appId ? { appId: event.correlation.appId } : {}) });
    }
    expect(fired[0]?.verdict).toBe('unsigned');
    for (const signed of fired.slice(1)) expect(signed.verdict, JSON.stringify(signed.sign)).toBe('valid');
    // Signed by a sandbox webhook, the sample is about that webhook's app.
    expect(fired.find((f) => f.sign && 'sandboxWebhookId' in f.sign)?.appId).toBe(app.id);
  });

  it('a secret that is gone is said plainly', async () => {
    h = await startBackend();
    const env = await call(h.backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    await call(h.backend, 'webhooks.start', { port: 0 });
    await expect(
      call(h.backend, 'webhooks.fireSample', { trigger: 'MESSAGE_DELIVERY', sign: { environmentId: env.id, name: 'nothing_here', kind: 'variable' } }),
    ).rejects.toThrow('No padlocked variable {{nothing_here}} is stored for that environment: pick another secret.');
    await expect(call(h.backend, 'webhooks.fireSample', { trigger: 'MESSAGE_DELIVERY', sign: { sandboxWebhookId: '01NOSUCHWEBHOOK' } })).rejects.toThrow(
      /The sandbox has no webhook 01NOSUCHWEBHOOK/,
    );
  });
});
