import { beforeEach, describe, expect, test, vi } from 'vitest';
import { useStore, wireEvents } from '../../../../renderer/store';
import { movedOrder } from '../../../../renderer/features/project/projectSlice';
import { currentStep } from '../../../../renderer/features/project/firstRunSteps';
import {
  EMPTY_FIRST_RUN,
  type FirstRunState,
  type ProjectApp,
  type ProjectChannel,
  type ProjectWebhook,
  type TunnelState,
} from '../../../../shared/model/project';
import type { WebhookEventSummary } from '../../../../shared/model/webhookEvent';
import { backend } from './harness';
import { environment, environments, webhookEvent } from './fixtures';
import type { Handlers } from './fakeContract';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));

const initial = useStore.getState();
const state = () => useStore.getState();

const channel = (name: string, change: Partial<ProjectChannel> = {}): ProjectChannel => ({
  key: name,
  channel: name,
  formId: name,
  credentialKey: 'static_bearer',
  fields: [
    { path: 'claimed_identity', value: `${name}-sender`, secret: false, set: true },
    { path: 'token', value: null, secret: true, set: true },
  ],
  state: { status: 'ACTIVE', description: '' },
  channelKnownId: null,
  ...change,
});

const app = (change: Partial<ProjectApp> = {}): ProjectApp => ({
  id: 'APP1',
  displayName: 'Support bot',
  region: 'sandbox',
  channels: [channel('SMS'), channel('WHATSAPP')],
  processingMode: 'CONVERSATION',
  webhookCount: 0,
  ...change,
});

const webhook = (change: Partial<ProjectWebhook> = {}): ProjectWebhook => ({
  id: 'WH1',
  appId: 'APP1',
  target: 'http://127.0.0.1:3737/',
  targetType: 'HTTP',
  triggers: ['MESSAGE_DELIVERY'],
  secretOnServer: true,
  secretInKeychain: true,
  pointsAt: 'listener',
  ...change,
});

const tunnelState = (change: Partial<TunnelState> = {}): TunnelState => ({
  mode: 'off',
  status: 'idle',
  publicUrl: null,
  forwardsTo: null,
  hasAuthtoken: false,
  ...change,
});

const env = environment({ id: 'env-s', name: 'Sandbox', region: 'sandbox' });

/** A backend whose project has one app; `more` replaces or adds answers. */
function answers(more: Handlers = {}): Handlers {
  let run: FirstRunState = { ...EMPTY_FIRST_RUN };
  return {
    'project.listApps': () => ({ ok: true, value: [app()] }),
    'project.getApp': () => ({ ok: true, value: app() }),
    'project.listWebhooks': () => ({ ok: true, value: [] }),
    'firstRun.get': () => run,
    'firstRun.save': (next) => {
      run = next;
      return run;
    },
    'tunnel.status': () => tunnelState(),
    'webhooks.timeline': () => [],
    ...more,
  };
}

beforeEach(() => {
  useStore.setState(initial, true);
  useStore.setState({ environments: environments([env]), environmentsLoaded: true });
  backend().answer(answers());
});

describe('project: access and apps', () => {
  test('a good check keeps the token and app count, lists the apps and opens the first one with its webhooks', async () => {
    backend().answer(
      answers({
        'project.check': () => ({
          ok: true,
          value: {
            token: { tokenUrl: 'http://127.0.0.1/oauth2/token', keyId: 'k', tokenType: 'bearer', expiresAt: Date.now() + 3_600_000, fromCache: false },
            appCount: 1,
            region: 'sandbox',
          },
        }),
        'project.listWebhooks': () => ({ ok: true, value: [webhook()] }),
      }),
    );
    await expect(state().checkAccess()).resolves.toBe(true);
    expect(state().project.access.result?.appCount).toBe(1);
    expect(state().project.apps?.map((a) => a.id)).toEqual(['APP1']);
    expect(state().project.selectedAppId).toBe('APP1');
    expect(state().project.webhooks?.map((w) => w.id)).toEqual(['WH1']);
    expect(backend().callsTo('project.check')).toEqual([{ environmentId: 'env-s' }]);
  });

  test('a refused check is kept next to the field it names, with the API’s own answer', async () => {
    const problem = {
      message: 'No project "nope" in region us: check the project ID.',
      field: 'projectId' as const,
      status: 404,
      request: 'GET https://us.conversation.api.sinch.com/v1/projects/nope/apps',
      body: '{"error":{"code":404}}',
    };
    backend().answer(answers({ 'project.check': () => ({ ok: false, problem }) }));
    await expect(state().checkAccess()).resolves.toBe(false);
    expect(state().project.problems.projectId).toEqual(problem);
    expect(state().project.problems.access).toBeUndefined();
    expect(state().project.access).toEqual({ checking: false, result: null, checkedAt: null });
    expect(backend().callsTo('project.listApps')).toEqual([]);

    // Put right, the next check clears it.
    backend().answer(answers({ 'project.check': () => ({ ok: true, value: { token: null, appCount: 1, region: 'us' } }) }));
    await expect(state().checkAccess()).resolves.toBe(true);
    expect(state().project.problems).toEqual({});
  });

  test('the Access card’s save failing is said under the card in words, never as the contract’s path nor in a toast', async () => {
    backend().answer(
      answers({
        'environments.update': () =>
          Promise.reject(new Error('environments.update: environment.customBaseUrl: Base URL must start with http:// or https:// (got "x")')),
      }),
    );
    await expect(state().saveAccess(environment({ region: 'custom', customBaseUrl: 'x' }))).resolves.toBe(false);
    expect(state().project.problems.access?.message).toBe('Base URL must start with http:// or https:// (got "x")');
    expect(state().toasts).toEqual([]);
  });

  test('a call that fails outright (bad input, no connection) is said in its words under the field, not lost', async () => {
    backend().answer(answers({ 'project.createApp': () => Promise.reject(new Error('An app needs a display name')) }));
    await expect(state().createApp(' ')).resolves.toBeNull();
    expect(state().project.problems.displayName?.message).toBe('An app needs a display name');
  });

  test('creating an app adds and opens it, and during the first run remembers it', async () => {
    state().onEnvironmentsChanged(environments([env]));
    useStore.setState({ firstRunOpen: true, firstRun: { ...EMPTY_FIRST_RUN, done: ['environment', 'access'] } });
    backend().answer(
      answers({
        'project.createApp': ({ displayName }) => ({ ok: true, value: app({ id: 'APP2', displayName, channels: [] }) }),
        'project.getApp': () => ({ ok: true, value: app({ id: 'APP2', displayName: 'Shop', channels: [] }) }),
      }),
    );
    useStore.setState({ project: { ...state().project, apps: [app()] } });
    const created = await state().createApp('Shop');
    expect(created?.id).toBe('APP2');
    expect(state().project.selectedAppId).toBe('APP2');
    expect(state().project.apps?.map((a) => a.id)).toEqual(['APP1', 'APP2']);
    expect(backend().callsTo('firstRun.save').at(-1)).toMatchObject({ appId: 'APP2', done: ['environment', 'access', 'app'] });
  });

  test('deleting the open app opens the next one', async () => {
    backend().answer(
      answers({
        'project.deleteApp': () => ({ ok: true, value: { deleted: true, clearedAppId: false } }),
        'project.getApp': () => ({ ok: true, value: app({ id: 'APP2' }) }),
      }),
    );
    useStore.setState({ project: { ...state().project, apps: [app(), app({ id: 'APP2' })], selectedAppId: 'APP1' } });
    await expect(state().deleteApp('APP1')).resolves.toBe(true);
    expect(state().project.apps?.map((a) => a.id)).toEqual(['APP2']);
    expect(state().project.selectedAppId).toBe('APP2');
  });
});

describe("project: the app is the environment's app", () => {
  const withAppId = (appId: string) => useStore.setState({ environments: environments([{ ...env, appId }]) });

  test('the app the environment names is the one opened, whichever comes first in the list', async () => {
    withAppId('APP2');
    backend().answer(
      answers({
        'project.listApps': () => ({ ok: true, value: [app(), app({ id: 'APP2', displayName: 'Shop' })] }),
        'project.getApp': ({ appId }) => ({ ok: true, value: app({ id: appId }) }),
      }),
    );
    await state().loadApps();
    expect(state().project.selectedAppId).toBe('APP2');
    // Opening the view changes nothing in the environment.
    expect(backend().callsTo('project.useApp')).toEqual([]);
  });

  test('picking an app makes it the environment’s App ID; picking the one it already is sends nothing', async () => {
    withAppId('APP1');
    backend().answer(answers({ 'project.useApp': ({ appId }) => ({ appId }), 'project.getApp': ({ appId }) => ({ ok: true, value: app({ id: appId }) }) }));
    useStore.setState({ project: { ...state().project, environmentId: 'env-s', apps: [app(), app({ id: 'APP2' })], selectedAppId: 'APP1' } });
    await state().selectApp('APP2');
    expect(state().project.selectedAppId).toBe('APP2');
    expect(backend().callsTo('project.useApp')).toEqual([{ environmentId: 'env-s', appId: 'APP2' }]);
    withAppId('APP2');
    await state().selectApp('APP2');
    expect(backend().callsTo('project.useApp')).toHaveLength(1);
  });

  test('an App ID that could not be set is said under Apps; a created app is said to be the requests’ app', async () => {
    backend().answer(
      answers({
        'project.createApp': () => ({
          ok: true,
          value: { ...app({ id: 'APP2' }), appIdProblem: 'The app was created, but the environment’s App ID could not be set to it (disk full).' },
        }),
      }),
    );
    await state().createApp('Shop');
    expect(state().project.problems.app?.message).toContain('could not be set');
    expect(JSON.stringify(state().project.apps)).not.toContain('appIdProblem');
    backend().answer(answers({ 'project.createApp': () => ({ ok: true, value: app({ id: 'APP3' }) }) }));
    await state().createApp('Third');
    expect(state().toasts.at(-1)?.message).toBe('Created app "Support bot" (APP3): your requests now use it ({{app_id}}).');
  });

  test('deleting the requests’ app says {{app_id}} is empty now and shows the next app without making it the requests’ app', async () => {
    withAppId('APP1');
    backend().answer(
      answers({
        'project.deleteApp': () => ({ ok: true, value: { deleted: true, clearedAppId: true } }),
        'project.getApp': () => ({ ok: true, value: app({ id: 'APP2' }) }),
      }),
    );
    useStore.setState({ project: { ...state().project, environmentId: 'env-s', apps: [app(), app({ id: 'APP2' })], selectedAppId: 'APP1' } });
    await state().deleteApp('APP1');
    expect(state().toasts.at(-1)?.message).toBe(
      'Deleted app "Support bot". It was the app your requests use, so {{app_id}} is empty now: pick another app under Apps.',
    );
    expect(state().project.selectedAppId).toBe('APP2');
    expect(backend().callsTo('project.useApp')).toEqual([]);
  });

  test('the Check’s app count follows apps created and deleted (it said "0 apps in project" after one was created)', async () => {
    backend().answer(
      answers({
        'project.check': () => ({ ok: true, value: { token: null, appCount: 0, region: 'sandbox' } }),
        'project.listApps': () => ({ ok: true, value: [] }),
        'project.createApp': () => ({ ok: true, value: app() }),
        'project.deleteApp': () => ({ ok: true, value: { deleted: true, clearedAppId: false } }),
      }),
    );
    await state().checkAccess();
    expect(state().project.access.result?.appCount).toBe(0);
    await state().createApp('Support bot');
    expect(state().project.access.result?.appCount).toBe(1);
    await state().deleteApp('APP1');
    expect(state().project.access.result?.appCount).toBe(0);
  });
});

describe('project: channels and their priority', () => {
  beforeEach(() => {
    useStore.setState({ project: { ...state().project, environmentId: 'env-s', apps: [app()], selectedAppId: 'APP1' } });
  });

  test('movedOrder moves one key and clamps at the ends', () => {
    expect(movedOrder(['A', 'B', 'C'], 'C', -1)).toEqual(['A', 'C', 'B']);
    expect(movedOrder(['A', 'B', 'C'], 'A', -1)).toBeNull();
    expect(movedOrder(['A', 'B', 'C'], 'A', 5)).toEqual(['B', 'C', 'A']);
    expect(movedOrder(['A'], 'X', 1)).toBeNull();
  });

  test('moving a channel sends every key in the new order and announces the new position', async () => {
    backend().answer(answers({ 'project.reorderChannels': ({ order }) => ({ ok: true, value: app({ channels: order.map((k) => channel(k)) }) }) }));
    await expect(state().moveChannel('WHATSAPP', -1)).resolves.toBe(true);
    expect(backend().callsTo('project.reorderChannels')).toEqual([{ environmentId: 'env-s', appId: 'APP1', order: ['WHATSAPP', 'SMS'] }]);
    expect(state().project.apps?.[0]?.channels.map((c) => c.key)).toEqual(['WHATSAPP', 'SMS']);
    expect(state().project.announcement).toBe('WHATSAPP moved to position 1 of 2.');
  });

  test('a failed reorder shows the order the server has (the app is read again) and the problem', async () => {
    const problem = { message: 'The API refused the new order.', field: 'order' as const, status: 400, body: '{"error":{"message":"bad"}}' };
    // The server still has its own order: SMS first.
    backend().answer(answers({ 'project.reorderChannels': () => ({ ok: false, problem }), 'project.getApp': () => ({ ok: true, value: app() }) }));
    await expect(state().reorderChannels(['WHATSAPP', 'SMS'])).resolves.toBe(false);
    expect(state().project.apps?.[0]?.channels.map((c) => c.key)).toEqual(['SMS', 'WHATSAPP']);
    expect(state().project.problems.order).toEqual(problem);
    expect(backend().callsTo('project.getApp')).toHaveLength(1);
  });

  test('a channel’s typed secret goes to the backend and is never kept in the store', async () => {
    backend().answer(answers({ 'project.saveChannel': () => ({ ok: true, value: app({ channels: [...app().channels, channel('RCS')] }) }) }));
    const ok = await state().saveChannel({
      formId: 'RCS',
      values: [
        { path: 'claimed_identity', value: 'agent' },
        { path: 'token', value: 'typed-channel-token-123' },
      ],
    });
    expect(ok).toBe(true);
    expect(backend().callsTo('project.saveChannel')[0]).toMatchObject({ environmentId: 'env-s', appId: 'APP1', formId: 'RCS' });
    expect(JSON.stringify(state().project)).not.toContain('typed-channel-token-123');
    expect(state().project.apps?.[0]?.channels.map((c) => c.key)).toEqual(['SMS', 'WHATSAPP', 'RCS']);
  });

  test('a channel the API rejects keeps the problem next to the channel form', async () => {
    const problem = {
      message: 'WhatsApp rejected the credentials: check the sender id.',
      field: 'channel' as const,
      status: 400,
      request: 'PATCH …?update_mask=channel_credentials',
      body: '{}',
    };
    backend().answer(answers({ 'project.saveChannel': () => ({ ok: false, problem }) }));
    await expect(state().saveChannel({ formId: 'WHATSAPP', values: [] })).resolves.toBe(false);
    expect(state().project.problems.channel).toEqual(problem);
  });

  test('the contact’s priority is saved and the routing explained again', async () => {
    const contact = { id: 'C1', displayName: 'Ann', channelIdentities: [{ channel: 'SMS', identity: '+46', appId: '' }], channelPriority: ['SMS'] };
    backend().answer(
      answers({
        'project.setContactPriority': () => ({ ok: true, value: contact }),
        'project.explainRouting': () => ({
          ok: true,
          value: { contact, appOrder: ['SMS', 'WHATSAPP'], activeConversation: null, candidates: [], first: { channel: 'SMS', identity: '+46' }, steps: [] },
        }),
      }),
    );
    useStore.setState({ project: { ...state().project, contacts: [{ ...contact, channelPriority: [] }] } });
    await expect(state().setContactPriority('C1', ['SMS'])).resolves.toBe(true);
    expect(backend().callsTo('project.setContactPriority')).toEqual([{ environmentId: 'env-s', contactId: 'C1', channelPriority: ['SMS'] }]);
    expect(state().project.contacts?.[0]?.channelPriority).toEqual(['SMS']);
    expect(state().project.routing?.first).toEqual({ channel: 'SMS', identity: '+46' });
  });
});

describe('project: webhooks and the public URL', () => {
  beforeEach(() => {
    useStore.setState({ project: { ...state().project, environmentId: 'env-s', apps: [app()], selectedAppId: 'APP1', webhooks: [] } });
  });

  test('a webhook with a generated secret is created; a typed secret is passed on, not kept', async () => {
    backend().answer(
      answers({
        'project.saveWebhook': () => ({ ok: true, value: webhook() }),
        'credentials.status': () => ({ backend: 'keychain', available: true, locked: false, encryptedFileExists: false }),
        'credentials.list': () => ({ accessKeySecret: false, webhookSecrets: ['WH1'] }),
      }),
    );
    await state().saveWebhook({ target: 'http://127.0.0.1:3737/', triggers: ['MESSAGE_DELIVERY'], secret: { mode: 'generate' } });
    expect(state().project.webhooks?.map((w) => w.id)).toEqual(['WH1']);
    await state().saveWebhook({
      webhookId: 'WH1',
      target: 'http://127.0.0.1:3737/',
      triggers: ['MESSAGE_DELIVERY'],
      secret: { mode: 'typed', value: 'typed-webhook-secret' },
    });
    expect(
      backend()
        .callsTo('project.saveWebhook')
        .map((c) => c.secret),
    ).toEqual([{ mode: 'generate' }, { mode: 'typed', value: 'typed-webhook-secret' }]);
    expect(state().project.webhooks).toHaveLength(1);
    expect(JSON.stringify(state())).not.toContain('typed-webhook-secret');
  });

  test('the sixth webhook refused by the API is said next to the target', async () => {
    const problem = { message: 'An app has at most 5 webhooks: delete one first.', field: 'target' as const, status: 400 };
    backend().answer(answers({ 'project.saveWebhook': () => ({ ok: false, problem }) }));
    await expect(state().saveWebhook({ target: 'https://example.com/6', triggers: ['MESSAGE_INBOUND'], secret: { mode: 'none' } })).resolves.toBeNull();
    expect(state().project.problems.target).toEqual(problem);
  });

  test('pointing the webhook at the public URL updates the list; a pasted URL the contract refuses is said under the tunnel', async () => {
    backend().answer(
      answers({
        'project.usePublicUrl': () => ({ ok: true, value: { ...webhook({ target: 'https://abc.ngrok.app/', pointsAt: 'public-url' }), created: true } }),
        'tunnel.setPublicUrl': () => Promise.reject(new Error('Paste a full https:// URL')),
      }),
    );
    await expect(state().pointWebhookAtPublicUrl()).resolves.toBe(true);
    expect(state().project.webhooks?.[0]).toMatchObject({ target: 'https://abc.ngrok.app/', pointsAt: 'public-url' });
    expect(state().project.webhooks?.[0]).not.toHaveProperty('created');
    await expect(state().setPublicUrl('nope')).resolves.toBe(false);
    expect(state().project.problems.tunnel?.message).toBe('Paste a full https:// URL');
  });

  test('tunnel.changed reaches the slice through wireEvents', () => {
    const off = wireEvents(backend().client);
    const next = tunnelState({ mode: 'ngrok', status: 'online', publicUrl: 'https://abc.ngrok.app', forwardsTo: 'http://127.0.0.1:3737/', hasAuthtoken: true });
    backend().emit('tunnel.changed', next);
    expect(state().tunnel).toBe(next);
    off();
  });
});

describe('the guided first run', () => {
  test('opens by itself on a first launch (no environment), not for a user who has environments', async () => {
    useStore.setState({ environments: environments([]) });
    await state().loadFirstRun();
    expect(state().firstRunOpen).toBe(true);

    useStore.setState({ ...initial, environments: environments([env]), environmentsLoaded: true, firstRunOpen: false });
    await state().loadFirstRun();
    expect(state().firstRunOpen).toBe(false);
    expect(currentStep(state().firstRun)).toBe('environment');
  });

  test('skip remembers it; the header reopens it on the Project view', async () => {
    useStore.setState({ firstRunOpen: true, firstRun: { ...EMPTY_FIRST_RUN } });
    await state().skipFirstRun();
    expect(state().firstRunOpen).toBe(false);
    expect(backend().callsTo('firstRun.save').at(-1)?.dismissed).toBe(true);
    await state().reopenFirstRun();
    expect(state().firstRunOpen).toBe(true);
    expect(state().view).toBe('project');
    expect(backend().callsTo('firstRun.save').at(-1)?.dismissed).toBe(false);
  });

  test('steps are remembered in the guide’s order whatever order they are done in', async () => {
    useStore.setState({ firstRun: { ...EMPTY_FIRST_RUN, done: ['access'] } });
    await state().firstRunReached({ kind: 'environmentChosen', environmentId: 'env-s' });
    expect(state().firstRun?.done).toEqual(['environment', 'access']);
    expect(currentStep(state().firstRun)).toBe('app');
  });

  test('the sent message’s delivery callback ends the run with its signature verdict; other callbacks are ignored', async () => {
    const off = wireEvents(backend().client);
    useStore.setState({
      project: { ...state().project, environmentId: 'env-s', apps: [app()], selectedAppId: 'APP1' },
      firstRun: { ...EMPTY_FIRST_RUN, done: ['environment', 'access', 'app', 'channels', 'order', 'webhook'] },
    });
    backend().answer(
      answers({ 'project.sendTestMessage': () => ({ ok: true, value: { messageId: 'M1' } }), 'webhooks.query': () => ({ events: [], total: 0 }) }),
    );
    await expect(state().sendTestMessage({ channel: 'SMS', identity: '+46700000001', text: 'Hi' })).resolves.toBe(true);
    expect(backend().callsTo('webhooks.timeline')).toEqual([{ messageId: 'M1' }]);
    expect(state().firstRun?.messageId).toBe('M1');
    expect(currentStep(state().firstRun)).toBe('callback');

    const summary = (change: Parameters<typeof webhookEvent>[0]): WebhookEventSummary => {
      const { headers: _h, bodyText: _b, ...rest } = webhookEvent(change);
      return rest;
    };
    backend().emit('webhooks.received', { count: 1, events: [summary({ id: 'E0', correlation: { messageId: 'OTHER', status: 'DELIVERED' } })] });
    backend().emit('webhooks.received', { count: 1, events: [summary({ id: 'E1', trigger: 'MESSAGE_INBOUND', correlation: { messageId: 'M1' } })] });
    expect(state().project.delivery).toBeNull();
    backend().emit('webhooks.received', { count: 1, events: [summary({ id: 'E2', correlation: { messageId: 'M1', status: 'DELIVERED' } })] });
    expect(state().project.delivery).toEqual({ eventId: 'E2', status: 'DELIVERED', verdict: 'valid' });
    await vi.waitFor(() => expect(state().firstRun?.done).toContain('callback'));
    expect(currentStep(state().firstRun)).toBeNull();
    off();
  });

  test('after a restart a finished run reads as it ended: the delivery it saw, not a wait for one', async () => {
    const off = wireEvents(backend().client);
    useStore.setState({ firstRun: { ...EMPTY_FIRST_RUN, done: ['environment', 'access', 'app', 'channels', 'order', 'webhook', 'message'], messageId: 'M1' } });
    useStore.setState({ project: { ...state().project, sent: { messageId: 'M1', channel: 'SMS', identity: '+46' } } });
    const { headers: _h, bodyText: _b, ...report } = webhookEvent({ id: 'E2', correlation: { messageId: 'M1', status: 'DELIVERED' } });
    backend().emit('webhooks.received', { count: 1, events: [report] });
    await vi.waitFor(() => expect(state().firstRun?.done).toContain('callback'));
    // The report is kept with the run…
    expect(backend().callsTo('firstRun.save').at(-1)?.delivery).toEqual({ eventId: 'E2', status: 'DELIVERED', verdict: 'valid' });
    off();

    // …so a new launch (no report in memory, the event store not asked) shows it again.
    const saved = state().firstRun;
    useStore.setState({ ...initial, environments: environments([env]), environmentsLoaded: true });
    backend().answer(answers({ 'firstRun.get': () => saved ?? EMPTY_FIRST_RUN }));
    await state().loadFirstRun();
    expect(state().project.sent?.messageId).toBe('M1');
    expect(state().project.delivery).toEqual({ eventId: 'E2', status: 'DELIVERED', verdict: 'valid' });
    expect(currentStep(state().firstRun)).toBeNull();
  });

  test('the first environment is created, made active, and the step remembered', async () => {
    useStore.setState({ environments: environments([]) });
    const created = environment({ id: 'env-new', name: 'Sinch EU', region: 'eu', projectId: '' });
    backend().answer(
      answers({
        'environments.create': () => created,
        'environments.list': () => environments([created], null),
        'environments.update': ({ environment: e }) => e as typeof created,
        'environments.setActive': () => environments([{ ...created, projectId: 'PROJ' }], 'env-new'),
      }),
    );
    await expect(state().createFirstEnvironment('Sinch EU', 'eu', ' PROJ ')).resolves.toBe(true);
    expect(backend().callsTo('environments.create')).toEqual([{ name: 'Sinch EU', region: 'eu' }]);
    expect(backend().callsTo('environments.update')[0]?.environment.projectId).toBe('PROJ');
    expect(state().environments.activeId).toBe('env-new');
    expect(state().firstRun).toMatchObject({ environmentId: 'env-new', done: ['environment'] });
  });
});
