import { afterEach, describe, expect, it } from 'vitest';
import { accountFor, KeychainUnavailableError, type SecretStore } from '../../../electron/backend/secrets/index';
import type { ProjectResult } from '../../../shared/model/project';
import { call, filesUnder, startBackend, value, waitFor, type BackendHarness } from './helpers';

/**
 * The getting-started journey against the app's own sandbox, through the real backend: access,
 * an app, channels and their order, a webhook with a generated secret pointing at the listener,
 * a message whose delivery callback the inspector verifies at once.
 */
describe('project journey against the sandbox', () => {
  let h: BackendHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('creates an app, orders its channels, adds a webhook with a keychain secret and sees a verified delivery', async () => {
    h = await startBackend();
    const { backend, keychain } = h;
    const outputs: unknown[] = [];
    const keep = <T>(r: T): T => {
      outputs.push(r);
      return r;
    };
    const env = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });

    const check = value(keep(await call(backend, 'project.check', { environmentId: env.id })));
    expect(check.token?.expiresAt).toBeGreaterThan(Date.now());
    expect(check.token?.tokenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
    expect(check.region).toBe('sandbox');

    const app = value(keep(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'Getting started' })));
    expect(app.channels).toEqual([]);
    expect(app.region).toBe('sandbox');

    const smsToken = 'sms-plan-token-0123456789';
    const waToken = 'wa-bearer-token-9876543210';
    const first = value(
      keep(
        await call(backend, 'project.saveChannel', {
          environmentId: env.id,
          appId: app.id,
          formId: 'SMS',
          values: [
            { path: 'claimed_identity', value: 'plan-1' },
            { path: 'token', value: smsToken },
          ],
        }),
      ),
    );
    expect(first.channels.map((c) => c.key)).toEqual(['SMS']);
    let shown = value(
      keep(
        await call(backend, 'project.saveChannel', {
          environmentId: env.id,
          appId: app.id,
          formId: 'WHATSAPP',
          values: [
            { path: 'claimed_identity', value: 'bot-1' },
            { path: 'token', value: waToken },
          ],
        }),
      ),
    );
    expect(shown.channels.map((c) => c.key)).toEqual(['SMS', 'WHATSAPP']);
    const tokenField = shown.channels[0]?.fields.find((f) => f.path === 'token');
    expect(tokenField).toEqual({ path: 'token', value: null, secret: true, set: true });
    expect(shown.channels[0]?.fields.find((f) => f.path === 'claimed_identity')?.value).toBe('plan-1');

    // Editing without retyping the secret keeps the app's value.
    shown = value(
      keep(
        await call(backend, 'project.saveChannel', {
          environmentId: env.id,
          appId: app.id,
          formId: 'SMS',
          key: 'SMS',
          values: [
            { path: 'claimed_identity', value: 'plan-2' },
            { path: 'token', value: '' },
          ],
        }),
      ),
    );
    expect(shown.channels[0]?.fields.find((f) => f.path === 'claimed_identity')?.value).toBe('plan-2');
    expect(shown.channels[0]?.fields.find((f) => f.path === 'token')?.set).toBe(true);

    const reordered = value(keep(await call(backend, 'project.reorderChannels', { environmentId: env.id, appId: app.id, order: ['WHATSAPP', 'SMS'] })));
    expect(reordered.channels.map((c) => c.key)).toEqual(['WHATSAPP', 'SMS']);
    const fetched = value(keep(await call(backend, 'project.getApp', { environmentId: env.id, appId: app.id })));
    expect(fetched.channels.map((c) => c.key)).toEqual(['WHATSAPP', 'SMS']);
    expect(fetched.displayName).toBe('Getting started');

    const stale = keep(await call(backend, 'project.reorderChannels', { environmentId: env.id, appId: app.id, order: ['SMS', 'MESSENGER'] }));
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.problem).toMatchObject({ field: 'order', message: "The app's channels changed since they were shown; reloaded." });

    const renamed = value(keep(await call(backend, 'project.renameApp', { environmentId: env.id, appId: app.id, displayName: 'Renamed' })));
    expect(renamed.displayName).toBe('Renamed');
    expect(renamed.channels.map((c) => c.key)).toEqual(['WHATSAPP', 'SMS']);

    const listener = await call(backend, 'webhooks.start', { port: 0 });
    // A first callback fills the inspector's secret cache before the webhook exists.
    await call(backend, 'webhooks.fireSample', { trigger: 'MESSAGE_DELIVERY' });
    const hook = value(
      keep(
        await call(backend, 'project.saveWebhook', {
          environmentId: env.id,
          appId: app.id,
          target: listener.url,
          triggers: ['MESSAGE_DELIVERY', 'MESSAGE_SUBMIT'],
          secret: { mode: 'generate' },
        }),
      ),
    );
    expect(hook).toMatchObject({ secretInKeychain: true, secretOnServer: true, pointsAt: 'listener', targetType: 'HTTP' });
    const webhookSecret = await keychain.get(accountFor(env.id, 'webhook-secret', hook.id));
    expect(webhookSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Straight away (no 2 s wait for the inspector's secret cache): a send, its delivery verified.
    const sent = value(
      keep(
        await call(backend, 'project.sendTestMessage', {
          environmentId: env.id,
          appId: app.id,
          channel: 'SMS',
          identity: '+15550001234',
          text: 'Hello from the guide',
        }),
      ),
    );
    expect(sent.messageId).not.toBe('');
    const delivered = await waitFor(async () => {
      const { events } = await call(backend, 'webhooks.query', { filter: {}, offset: 0, limit: 100 });
      return events.find((e) => e.correlation.messageId === sent.messageId && e.correlation.status === 'DELIVERED');
    });
    expect(delivered.verdict.kind).toBe('valid');
    // Verified with the keychain secret tied to the webhook (not only the sandbox's own copy).
    expect(delivered.verdict.secretLabel).toBe(`Sandbox › ${hook.id}`);
    const { events } = await call(backend, 'webhooks.query', { filter: {}, offset: 0, limit: 100 });
    const mine = events.filter((e) => e.correlation.messageId === sent.messageId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((e) => e.verdict.kind === 'valid')).toBe(true);

    // Routing: the send created a contact with an SMS identity; the app's order puts WhatsApp first,
    // but the contact has no WhatsApp identity, and the message opened a conversation on SMS.
    const contacts = value(keep(await call(backend, 'project.listContacts', { environmentId: env.id })));
    const contact = contacts.contacts.find((c) => c.channelIdentities.some((ci) => ci.identity === '+15550001234'));
    expect(contact).toBeDefined();
    const routing = value(keep(await call(backend, 'project.explainRouting', { environmentId: env.id, appId: app.id, contactId: contact?.id ?? '' })));
    expect(routing.appOrder).toEqual(['WHATSAPP', 'SMS']);
    expect(routing.first).toEqual({ channel: 'SMS', identity: '+15550001234' });
    const wa = routing.candidates.find((c) => c.channel === 'WHATSAPP');
    expect(wa).toMatchObject({ usable: false });
    expect(wa?.note).toContain('no WHATSAPP identity');
    const withPriority = value(
      keep(await call(backend, 'project.setContactPriority', { environmentId: env.id, contactId: contact?.id ?? '', channelPriority: ['SMS', 'WHATSAPP'] })),
    );
    expect(withPriority.channelPriority).toEqual(['SMS', 'WHATSAPP']);

    // The limit: 5 webhooks per app, the 6th refused in words before it reaches the API.
    for (let i = 2; i <= 5; i++) {
      value(
        keep(
          await call(backend, 'project.saveWebhook', {
            environmentId: env.id,
            appId: app.id,
            target: `https://example.test/hook/${i}`,
            triggers: ['MESSAGE_INBOUND'],
            secret: { mode: 'none' },
          }),
        ),
      );
    }
    const sixth = keep(
      await call(backend, 'project.saveWebhook', {
        environmentId: env.id,
        appId: app.id,
        target: 'https://example.test/hook/6',
        triggers: ['MESSAGE_INBOUND'],
        secret: { mode: 'generate' },
      }),
    );
    expect(sixth.ok).toBe(false);
    if (!sixth.ok) {
      expect(sixth.problem.field).toBe('target');
      expect(sixth.problem.message).toContain('the most Sinch allows per app (5)');
      expect(sixth.problem.status).toBeUndefined();
    }
    const hooks = value(keep(await call(backend, 'project.listWebhooks', { environmentId: env.id, appId: app.id })));
    expect(hooks).toHaveLength(5);

    // Deleting the webhook removes its secret from the keychain.
    value(keep(await call(backend, 'project.deleteWebhook', { environmentId: env.id, appId: app.id, webhookId: hook.id })));
    expect(await keychain.get(accountFor(env.id, 'webhook-secret', hook.id))).toBeNull();

    // No secret reached the page or a file.
    const secrets = [smsToken, waToken, webhookSecret ?? 'unreachable'];
    const page = JSON.stringify(outputs);
    for (const s of secrets) expect(page).not.toContain(s);
    await backend.close();
    for (const file of await filesUnder(h.dataDir)) for (const s of secrets) expect(file.text.includes(s), `${s} in ${file.path}`).toBe(false);
  }, 30_000);

  it('refuses a sixth webhook even when the API would be asked; refuses long and Sinch targets', async () => {
    h = await startBackend();
    const { backend } = h;
    const env = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    const app = value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'Limits' }));
    const save = (target: string): Promise<ProjectResult<unknown>> =>
      backend.handlers['project.saveWebhook']({ environmentId: env.id, appId: app.id, target, triggers: ['MESSAGE_INBOUND'], secret: { mode: 'none' } });
    const long = await save(`https://example.test/${'a'.repeat(760)}`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.problem).toMatchObject({ field: 'target', message: expect.stringContaining('at most 742 characters') as unknown });
    // The contract refuses it too, before any handler runs.
    await expect(
      call(backend, 'project.saveWebhook', {
        environmentId: env.id,
        appId: app.id,
        target: `https://example.test/${'a'.repeat(760)}`,
        triggers: ['MESSAGE_INBOUND'],
        secret: { mode: 'none' },
      }),
    ).rejects.toThrow(/at most 742/);
    for (const target of ['https://us.conversation.api.sinch.com/hook', 'https://conversation-api.eu.sinch.com/x']) {
      const sinch = await save(target);
      expect(sinch.ok).toBe(false);
      if (!sinch.ok) expect(sinch.problem.message).toContain('Sinch refuses its own Conversation API hosts');
    }
    const noScheme = await save('example.test/hook');
    expect(noScheme.ok).toBe(false);
    const first = await save('https://example.test/same');
    expect(first.ok).toBe(true);
    const duplicate = await save('https://example.test/same');
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.problem.message).toContain('already has this target');
    const unknownApp = await call(backend, 'project.listWebhooks', { environmentId: env.id, appId: 'NOPE' });
    expect(unknownApp.ok).toBe(false);
    if (!unknownApp.ok) expect(unknownApp.problem).toMatchObject({ field: 'app', status: 404 });
    const badChannel = await call(backend, 'project.saveChannel', {
      environmentId: env.id,
      appId: app.id,
      formId: 'SMS',
      values: [{ path: 'claimed_identity', value: 'x' }],
    });
    expect(badChannel.ok).toBe(false);
    if (!badChannel.ok) expect(badChannel.problem).toMatchObject({ field: 'channel', message: 'SMS: Token is required.' });

    // A wrong project id: the sandbox answers as Sinch does for a project the key cannot reach (403).
    await call(backend, 'environments.update', { environment: { ...env, projectId: 'not-my-project' } });
    const wrong = await call(backend, 'project.listApps', { environmentId: env.id });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.problem).toMatchObject({ field: 'projectId', status: 403 });
      expect(wrong.problem.request).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v1\/projects\/not-my-project\/apps$/);
      expect(wrong.problem.body).toContain('PERMISSION_DENIED');
    }
  }, 20_000);

  it('without a keychain a webhook with a secret is refused before the API is asked; without a secret it is made', async () => {
    const down = (): never => {
      throw new KeychainUnavailableError('no-secret-service', 'No Secret Service is running.', 'Start gnome-keyring.');
    };
    const keychain: SecretStore = {
      kind: 'keychain',
      get: async () => down(),
      set: async () => down(),
      delete: async () => down(),
      has: async () => down(),
      accounts: async () => down(),
    };
    h = await startBackend({ keychain });
    const { backend } = h;
    const env = await call(backend, 'environments.create', { name: 'Sandbox', region: 'sandbox' });
    const app = value(await call(backend, 'project.createApp', { environmentId: env.id, displayName: 'No keychain' }));
    const refused = await call(backend, 'project.saveWebhook', {
      environmentId: env.id,
      appId: app.id,
      target: 'https://example.test/a',
      triggers: ['MESSAGE_INBOUND'],
      secret: { mode: 'generate' },
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem).toMatchObject({ field: 'secret', message: expect.stringContaining('No Secret Service is running.') as unknown });
    expect(value(await call(backend, 'project.listWebhooks', { environmentId: env.id, appId: app.id }))).toEqual([]);
    const plain = value(
      await call(backend, 'project.saveWebhook', {
        environmentId: env.id,
        appId: app.id,
        target: 'https://example.test/a',
        triggers: ['MESSAGE_INBOUND'],
        secret: { mode: 'none' },
      }),
    );
    expect(plain).toMatchObject({ secretInKeychain: false, secretOnServer: false });
  }, 20_000);
});
