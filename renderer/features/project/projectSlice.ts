/**
 * The Project view: the active environment's project, its apps, their channels in priority order,
 * their webhooks, the public URL, and the guided first run. Every call goes through the contract;
 * a refusal from the API comes back as a result and is kept next to the field it belongs to.
 * No secret is ever kept here: typed channel secrets and webhook secrets pass through to the backend.
 */
import type { StateCreator } from 'zustand';
import type { MethodInput } from '../../../shared/contract';
import type { WebhookEventSummary } from '../../../shared/model/webhookEvent';
import {
  EMPTY_FIRST_RUN,
  type AccessCheck,
  type ApiProblem,
  type FirstRunDelivery,
  type FirstRunState,
  type ProjectApp,
  type ProjectContact,
  type ProjectField,
  type ProjectResult,
  type ProjectWebhook,
  type RoutingExplanation,
  type TunnelState,
} from '../../../shared/model/project';
import type { Environment } from '../../../shared/model/environment';
import type { RegionChoice } from '../../../shared/regions';
import { api } from '../../api';
import type { StoreState } from '../../store';
import { advanceFirstRun, type FirstRunMilestone } from './firstRunSteps';

export type ProblemKey = ProjectField | 'access';
export type Problems = Partial<Record<ProblemKey, ApiProblem>>;

/** The first run's test message and what came back for it. */
export interface SentMessage {
  messageId: string;
  channel: string;
  identity: string;
}

export type DeliverySeen = FirstRunDelivery;

export interface ProjectState {
  /** The environment the data below belongs to; when the active one changes it is read again. */
  environmentId: string | null;
  access: { checking: boolean; result: AccessCheck | null; checkedAt: number | null };
  apps: ProjectApp[] | null;
  appsLoading: boolean;
  selectedAppId: string | null;
  webhooks: ProjectWebhook[] | null;
  contacts: ProjectContact[] | null;
  routing: RoutingExplanation | null;
  /** Problems by the field or step they belong to. */
  problems: Problems;
  /** Calls in flight, by action (to disable buttons and show progress). */
  busy: Partial<Record<string, boolean>>;
  /** The last change of channel order, said to screen readers. */
  announcement: string;
  sent: SentMessage | null;
  delivery: DeliverySeen | null;
}

export interface ProjectSlice {
  project: ProjectState;
  tunnel: TunnelState | null;
  firstRun: FirstRunState | null;
  /** The checklist shows (first launch without an environment, a run in progress, or reopened from the header). */
  firstRunOpen: boolean;
  /** Reads what the Project view shows for the active environment (apps, tunnel, first run). */
  loadProject(): Promise<void>;
  checkAccess(): Promise<boolean>;
  /**
   * Saves the Access card's fields. A refusal is said under the card in words (never as the contract's
   * `environments.update: environment.…` text, nor in a toast over the buttons); true when saved.
   */
  saveAccess(environment: Environment): Promise<boolean>;
  loadApps(): Promise<void>;
  /** The user picks an app: it is shown, and becomes the environment's App ID (`{{app_id}}`). */
  selectApp(appId: string | null): Promise<void>;
  /** Shows an app (its channels, webhooks) without changing the environment: to follow an App ID set elsewhere. */
  showApp(appId: string | null): Promise<void>;
  /** Makes the app the environment's App ID, so every request with `{{app_id}}` uses it; a failure is said under Apps. */
  setRequestsApp(appId: string): Promise<boolean>;
  createApp(displayName: string): Promise<ProjectApp | null>;
  renameApp(appId: string, displayName: string): Promise<boolean>;
  deleteApp(appId: string): Promise<boolean>;
  saveChannel(input: Omit<MethodInput<'project.saveChannel'>, 'environmentId' | 'appId'>): Promise<boolean>;
  removeChannel(key: string): Promise<boolean>;
  /** Saves a new order of the selected app's channels; shown at once, and as the server has it after a failure. */
  reorderChannels(order: string[], moved?: string): Promise<boolean>;
  /** Moves one channel up (-1) or down (+1) in the order. */
  moveChannel(key: string, delta: number): Promise<boolean>;
  loadContacts(): Promise<void>;
  explainRouting(contactId: string): Promise<void>;
  setContactPriority(contactId: string, channelPriority: string[]): Promise<boolean>;
  loadWebhooks(): Promise<void>;
  saveWebhook(input: Omit<MethodInput<'project.saveWebhook'>, 'environmentId' | 'appId'>): Promise<ProjectWebhook | null>;
  deleteWebhook(webhookId: string): Promise<boolean>;
  /** Points the selected app's webhook at the public URL, with a fresh secret. */
  pointWebhookAtPublicUrl(): Promise<boolean>;
  sendTestMessage(input: { channel: string; identity: string; text: string }): Promise<boolean>;
  clearProblem(key: ProblemKey): void;
  loadTunnel(): Promise<void>;
  onTunnelChanged(tunnel: TunnelState): void;
  startTunnel(): Promise<void>;
  stopTunnel(): Promise<void>;
  setPublicUrl(url: string | null): Promise<boolean>;
  setTunnelAuthtoken(value: string): Promise<boolean>;
  deleteTunnelAuthtoken(): Promise<void>;
  loadFirstRun(): Promise<void>;
  /** Tells the guided run what happened; the steps it ends are marked done (remembered across restarts). */
  firstRunReached(milestone: FirstRunMilestone): Promise<void>;
  skipFirstRun(): Promise<void>;
  reopenFirstRun(): Promise<void>;
  /** Creates the first environment (the checklist's first step) and makes it active. */
  createFirstEnvironment(name: string, region: RegionChoice, projectId: string): Promise<boolean>;
  /** A received callback (routed by wireEvents): the first run waits for its message's delivery report. */
  onProjectWebhook(event: WebhookEventSummary): void;
}

export const EMPTY_PROJECT: ProjectState = {
  environmentId: null,
  access: { checking: false, result: null, checkedAt: null },
  apps: null,
  appsLoading: false,
  selectedAppId: null,
  webhooks: null,
  contacts: null,
  routing: null,
  problems: {},
  busy: {},
  announcement: '',
  sent: null,
  delivery: null,
};

/** A new order with `key` moved by `delta` places (clamped); null when it does not move. */
export function movedOrder(order: string[], key: string, delta: number): string[] | null {
  const from = order.indexOf(key);
  if (from < 0) return null;
  const to = Math.max(0, Math.min(order.length - 1, from + delta));
  if (to === from) return null;
  const next = order.filter((k) => k !== key);
  next.splice(to, 0, key);
  return next;
}

/** What a Check can go wrong on: all of it is checked again, so all of it is cleared first. */
const ACCESS_PROBLEMS: readonly ProblemKey[] = ['region', 'projectId', 'keyId', 'keySecret', 'tokenUrl', 'network', 'app'];

const channelLabel = (app: ProjectApp | undefined, key: string): string => app?.channels.find((c) => c.key === key)?.channel ?? key;

export const createProjectSlice: StateCreator<StoreState, [], [], ProjectSlice> = (set, get) => {
  const patch = (change: Partial<ProjectState> | ((p: ProjectState) => Partial<ProjectState>)): void =>
    set((s) => ({ project: { ...s.project, ...(typeof change === 'function' ? change(s.project) : change) } }));
  const setBusy = (key: string, on: boolean): void => patch((p) => ({ busy: { ...p.busy, [key]: on } }));
  const putProblem = (key: ProblemKey, problem: ApiProblem | null): void =>
    patch((p) => {
      const problems = { ...p.problems };
      if (problem) problems[key] = problem;
      else delete problems[key];
      return { problems };
    });
  const envId = (): string | null => get().environments.activeId;
  /** The active environment's App ID: the app the Project view works on and requests use. */
  const requestsAppId = (): string =>
    get()
      .environments.environments.find((e) => e.id === envId())
      ?.appId.trim() ?? '';
  /** The Check's line counts the project's apps: it follows creates and deletes instead of keeping the count it saw. */
  const countApps = (apps: ProjectApp[] | null): void =>
    patch((p) => (p.access.result && apps ? { access: { ...p.access, result: { ...p.access.result, appCount: apps.length } } } : {}));
  const appId = (): string | null => get().project.selectedAppId;
  const putApp = (app: ProjectApp): void =>
    patch((p) => ({ apps: p.apps ? (p.apps.some((a) => a.id === app.id) ? p.apps.map((a) => (a.id === app.id ? app : a)) : [...p.apps, app]) : [app] }));

  /**
   * Runs one call of the Project view. An API refusal (a result) is kept under the field it names, else
   * under `key`; a failure of the call itself (bad input, no connection) is kept there too, in its words.
   * The key's earlier problem goes when the call starts.
   */
  /** Where each call last left its problem (the API may name another field than `key`): cleared when it runs again. */
  const lastProblemOf = new Map<string, ProblemKey>();
  async function run<T>(key: ProblemKey, busyKey: string, work: () => Promise<ProjectResult<T>>, alsoClears: readonly ProblemKey[] = []): Promise<T | null> {
    for (const k of new Set<ProblemKey>([key, ...alsoClears, ...(lastProblemOf.has(busyKey) ? [lastProblemOf.get(busyKey) as ProblemKey] : [])]))
      putProblem(k, null);
    lastProblemOf.delete(busyKey);
    setBusy(busyKey, true);
    try {
      const result = await work();
      if (result.ok) return result.value;
      const at = result.problem.field ?? key;
      lastProblemOf.set(busyKey, at);
      putProblem(at, result.problem);
      return null;
    } catch (error) {
      putProblem(key, { message: error instanceof Error ? error.message : String(error), field: key === 'access' ? undefined : key });
      return null;
    } finally {
      setBusy(busyKey, false);
    }
  }

  const saveRun = async (next: FirstRunState): Promise<void> => {
    set({ firstRun: next });
    const saved = await api.call('firstRun.save', next).catch(() => null);
    if (saved) set({ firstRun: saved });
  };

  /** The delivery report of the sent message may have come before the page looked: ask the store once. */
  const lookForDelivery = async (messageId: string): Promise<void> => {
    const items = await api.call('webhooks.timeline', { messageId }).catch(() => [] as WebhookEventSummary[]);
    for (const event of items) get().onProjectWebhook(event);
  };

  return {
    project: EMPTY_PROJECT,
    tunnel: null,
    firstRun: null,
    firstRunOpen: false,
    async loadProject() {
      const id = envId();
      if (get().project.environmentId !== id) patch({ ...EMPTY_PROJECT, environmentId: id, sent: get().project.sent, delivery: get().project.delivery });
      await Promise.all([get().loadFirstRun(), get().loadTunnel(), id ? get().loadApps() : Promise.resolve()]);
    },
    async checkAccess() {
      const environmentId = envId();
      if (!environmentId) return false;
      patch((p) => ({ access: { ...p.access, checking: true } }));
      const result = await run('access', 'check', () => api.call('project.check', { environmentId }), ACCESS_PROBLEMS);
      patch({ access: { checking: false, result, checkedAt: result ? Date.now() : null } });
      if (!result) return false;
      await get().firstRunReached({ kind: 'accessChecked', environmentId });
      await get().loadApps();
      return true;
    },
    async saveAccess(environment) {
      putProblem('access', null);
      try {
        await api.call('environments.update', { environment });
        get().notify('info', `Saved environment "${environment.name}".`);
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // The contract names the method and the field path first: the sentence after them is the user's.
        putProblem('access', { message: message.replace(/^environments\.update: (?:environment\.[\w.]+: )?/, '') });
        return false;
      }
    },
    async loadApps() {
      const environmentId = envId();
      if (!environmentId) return;
      patch({ appsLoading: true });
      const apps = await run('app', 'apps', () => api.call('project.listApps', { environmentId }));
      patch((p) => ({ appsLoading: false, apps: apps ?? p.apps }));
      if (!apps) return;
      countApps(apps);
      // The environment's app first: it is the one requests use. Else the one shown, else the first (shown only:
      // the environment changes when the user picks it).
      const has = (id: string | null | undefined): id is string => !!id && apps.some((a) => a.id === id);
      const selected = get().project.selectedAppId;
      const wanted = requestsAppId();
      const keep = has(wanted) ? wanted : has(selected) ? selected : (apps[0]?.id ?? null);
      if (keep !== selected) await get().showApp(keep);
      else if (keep) await get().loadWebhooks();
    },
    async selectApp(id) {
      await get().showApp(id);
      if (id) await get().setRequestsApp(id);
    },
    async setRequestsApp(id) {
      const environmentId = envId();
      if (!environmentId) return false;
      if (requestsAppId() === id) return true;
      const used = await run('app', 'useApp', async () => ({ ok: true as const, value: await api.call('project.useApp', { environmentId, appId: id }) }));
      return used !== null;
    },
    async showApp(id) {
      patch({ selectedAppId: id, webhooks: null, routing: null, problems: {} });
      if (!id) return;
      const environmentId = envId();
      if (!environmentId) return;
      const [app] = await Promise.all([run('app', 'app', () => api.call('project.getApp', { environmentId, appId: id })), get().loadWebhooks()]);
      if (app && get().project.selectedAppId === id) putApp(app);
    },
    async createApp(displayName) {
      const environmentId = envId();
      if (!environmentId) return null;
      const created = await run('displayName', 'createApp', () => api.call('project.createApp', { environmentId, displayName }));
      if (!created) return null;
      const { appIdProblem, ...app } = created;
      putApp(app);
      countApps(get().project.apps);
      // The backend made it the environment's App ID (the event follows): shown here at once.
      await get().showApp(app.id);
      if (appIdProblem) putProblem('app', { message: appIdProblem, field: 'app' });
      get().notify('info', `Created app "${app.displayName}" (${app.id})${appIdProblem ? '' : ': your requests now use it ({{app_id}})'}.`);
      await get().firstRunReached({ kind: 'appChosen', appId: app.id, environmentId });
      return app;
    },
    async renameApp(id, displayName) {
      const environmentId = envId();
      if (!environmentId) return false;
      const app = await run('displayName', 'renameApp', () => api.call('project.renameApp', { environmentId, appId: id, displayName }));
      if (app) putApp(app);
      return app !== null;
    },
    async deleteApp(id) {
      const environmentId = envId();
      if (!environmentId) return false;
      const done = await run('app', 'deleteApp', () => api.call('project.deleteApp', { environmentId, appId: id }));
      if (!done) return false;
      const name = get().project.apps?.find((a) => a.id === id)?.displayName ?? id;
      patch((p) => ({ apps: p.apps?.filter((a) => a.id !== id) ?? null }));
      countApps(get().project.apps);
      get().notify(
        'info',
        done.clearedAppId
          ? `Deleted app "${name}". It was the app your requests use, so {{app_id}} is empty now: pick another app under Apps.`
          : `Deleted app "${name}".`,
      );
      // The next app is shown, not made the requests' app: the user picks that.
      if (get().project.selectedAppId === id) await get().showApp(get().project.apps?.[0]?.id ?? null);
      return true;
    },
    async saveChannel(input) {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return false;
      const app = await run('channel', 'saveChannel', () => api.call('project.saveChannel', { ...input, environmentId, appId: id }));
      if (!app) return false;
      putApp(app);
      await get().firstRunReached({ kind: 'channelSaved', channelCount: app.channels.length });
      return true;
    },
    async removeChannel(key) {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return false;
      const app = await run('channel', `remove:${key}`, () => api.call('project.removeChannel', { environmentId, appId: id, key }));
      if (app) putApp(app);
      return app !== null;
    },
    async reorderChannels(order, moved) {
      const environmentId = envId();
      const id = appId();
      const before = get().project.apps?.find((a) => a.id === id);
      if (!environmentId || !id || !before) return false;
      if (moved) patch({ announcement: `${channelLabel(before, moved)} moved to position ${order.indexOf(moved) + 1} of ${order.length}.` });
      // Shown at once; the server's answer (or, after a failure, the app read again) has the last word.
      const byKey = new Map(before.channels.map((c) => [c.key, c]));
      const optimistic = order.map((k) => byKey.get(k)).filter((c) => c !== undefined);
      if (optimistic.length === before.channels.length) putApp({ ...before, channels: optimistic });
      const app = await run('order', 'reorder', () => api.call('project.reorderChannels', { environmentId, appId: id, order }));
      if (app) {
        putApp(app);
        await get().firstRunReached({ kind: 'channelsOrdered' });
        return true;
      }
      const fresh = await api.call('project.getApp', { environmentId, appId: id }).catch(() => null);
      putApp(fresh?.ok ? fresh.value : before);
      patch({ announcement: 'The new order was not saved; the order shown is the one the app has.' });
      return false;
    },
    async moveChannel(key, delta) {
      const app = get().project.apps?.find((a) => a.id === appId());
      if (!app) return false;
      const order = movedOrder(
        app.channels.map((c) => c.key),
        key,
        delta,
      );
      if (!order) return false;
      return get().reorderChannels(order, key);
    },
    async loadContacts() {
      const environmentId = envId();
      if (!environmentId) return;
      const page = await run('contact', 'contacts', () => api.call('project.listContacts', { environmentId }));
      if (page) patch({ contacts: page.contacts });
    },
    async explainRouting(contactId) {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return;
      const routing = await run('contact', 'routing', () => api.call('project.explainRouting', { environmentId, appId: id, contactId }));
      patch({ routing });
    },
    async setContactPriority(contactId, channelPriority) {
      const environmentId = envId();
      if (!environmentId) return false;
      const contact = await run('contact', 'priority', () =>
        api.call('project.setContactPriority', {
          environmentId,
          contactId,
          channelPriority: channelPriority as MethodInput<'project.setContactPriority'>['channelPriority'],
        }),
      );
      if (!contact) return false;
      patch((p) => ({ contacts: p.contacts?.map((c) => (c.id === contact.id ? contact : c)) ?? null }));
      await get().explainRouting(contactId);
      return true;
    },
    async loadWebhooks() {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return;
      const webhooks = await run('target', 'webhooks', () => api.call('project.listWebhooks', { environmentId, appId: id }));
      if (webhooks && get().project.selectedAppId === id) patch({ webhooks });
    },
    async saveWebhook(input) {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return null;
      const webhook = await run('target', 'saveWebhook', () => api.call('project.saveWebhook', { ...input, environmentId, appId: id }));
      if (!webhook) return null;
      patch((p) => ({
        webhooks: p.webhooks?.some((w) => w.id === webhook.id) ? p.webhooks.map((w) => (w.id === webhook.id ? webhook : w)) : [...(p.webhooks ?? []), webhook],
      }));
      get().notify(
        'info',
        input.webhookId
          ? 'Saved the webhook.'
          : `Created webhook ${webhook.id}${webhook.secretInKeychain ? '; its secret is in the keychain, so its callbacks are verified' : ''}.`,
      );
      await get().firstRunReached({ kind: 'webhookSaved' });
      void get().loadCredentials(environmentId);
      return webhook;
    },
    async deleteWebhook(webhookId) {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return false;
      const done = await run('target', `deleteWebhook:${webhookId}`, () => api.call('project.deleteWebhook', { environmentId, appId: id, webhookId }));
      if (!done) return false;
      patch((p) => ({ webhooks: p.webhooks?.filter((w) => w.id !== webhookId) ?? null }));
      get().notify('info', 'Deleted the webhook.');
      return true;
    },
    async pointWebhookAtPublicUrl() {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return false;
      const webhook = await run('tunnel', 'usePublicUrl', () => api.call('project.usePublicUrl', { environmentId, appId: id }));
      if (!webhook) return false;
      const { created, ...hook } = webhook;
      patch((p) => ({
        webhooks: p.webhooks?.some((w) => w.id === hook.id) ? p.webhooks.map((w) => (w.id === hook.id ? hook : w)) : [...(p.webhooks ?? []), hook],
      }));
      get().notify('info', `${created ? 'Created' : 'Updated'} webhook ${hook.id}: callbacks now go to ${hook.target}, signed with a fresh secret.`);
      await get().firstRunReached({ kind: 'webhookSaved' });
      return true;
    },
    async sendTestMessage(input) {
      const environmentId = envId();
      const id = appId();
      if (!environmentId || !id) return false;
      const sent = await run('message', 'send', () => api.call('project.sendTestMessage', { ...input, environmentId, appId: id }));
      if (!sent) return false;
      patch({ sent: { messageId: sent.messageId, channel: input.channel, identity: input.identity }, delivery: null });
      await get().firstRunReached({ kind: 'messageSent', messageId: sent.messageId });
      await lookForDelivery(sent.messageId);
      return true;
    },
    clearProblem(key) {
      putProblem(key, null);
    },
    async loadTunnel() {
      const tunnel = await api.call('tunnel.status').catch(() => null);
      if (tunnel) set({ tunnel });
    },
    onTunnelChanged(tunnel) {
      set({ tunnel });
    },
    async startTunnel() {
      putProblem('tunnel', null);
      setBusy('tunnel', true);
      const tunnel = await get().attempt(() => api.call('tunnel.start'));
      setBusy('tunnel', false);
      if (tunnel) set({ tunnel });
    },
    async stopTunnel() {
      const tunnel = await get().attempt(() => api.call('tunnel.stop'));
      if (tunnel) set({ tunnel });
    },
    async setPublicUrl(url) {
      putProblem('tunnel', null);
      try {
        set({ tunnel: await api.call('tunnel.setPublicUrl', { url }) });
        return true;
      } catch (error) {
        putProblem('tunnel', { message: error instanceof Error ? error.message : String(error), field: 'tunnel' });
        return false;
      }
    },
    async setTunnelAuthtoken(value) {
      putProblem('tunnel', null);
      try {
        set({ tunnel: await api.call('tunnel.setAuthtoken', { value }) });
        get().notify('info', 'Stored the ngrok authtoken in the keychain.');
        return true;
      } catch (error) {
        putProblem('tunnel', { message: error instanceof Error ? error.message : String(error), field: 'tunnel' });
        return false;
      }
    },
    async deleteTunnelAuthtoken() {
      const tunnel = await get().attempt(() => api.call('tunnel.deleteAuthtoken'));
      if (tunnel) set({ tunnel });
    },
    async loadFirstRun() {
      const run = await api.call('firstRun.get').catch(() => null);
      if (!run) return;
      const noEnvironment = get().environmentsLoaded && get().environments.environments.length === 0;
      // Opens by itself on a first launch (no environment yet) or while a run is under way; else from the header.
      const open = !run.dismissed && (noEnvironment || run.done.length > 0);
      set((s) => ({ firstRun: run, firstRunOpen: s.firstRunOpen || open }));
      if (run.messageId && !get().project.sent) {
        // After a restart the run reads as it ended: the delivery seen then, not a wait for one.
        patch({ sent: { messageId: run.messageId, channel: '', identity: '' }, delivery: get().project.delivery ?? run.delivery ?? null });
        if (!run.done.includes('callback')) await lookForDelivery(run.messageId);
      }
    },
    async firstRunReached(milestone) {
      const next = advanceFirstRun(get().firstRun ?? EMPTY_FIRST_RUN, milestone, {
        open: get().firstRunOpen,
        activeEnvironmentId: get().environments.activeId,
      });
      if (next) await saveRun(next);
    },
    async skipFirstRun() {
      set({ firstRunOpen: false });
      await saveRun({ ...(get().firstRun ?? EMPTY_FIRST_RUN), dismissed: true });
    },
    async reopenFirstRun() {
      set({ firstRunOpen: true });
      get().setView('project');
      await saveRun({ ...(get().firstRun ?? EMPTY_FIRST_RUN), dismissed: false });
    },
    async createFirstEnvironment(name, region, projectId) {
      putProblem('region', null);
      const env = await get().createEnvironment(name, region);
      if (!env) return false;
      // The sandbox serves one demo project: filled in, so catalog requests with {{project_id}} work too.
      const project = projectId.trim() || (region === 'sandbox' ? get().sandbox.demo.projectId : '');
      if (project !== '' && project !== env.projectId) {
        const saved = await get().attempt(() => api.call('environments.update', { environment: { ...env, projectId: project } }));
        if (!saved) return false;
      }
      await get().setActiveEnvironment(env.id);
      await get().firstRunReached({ kind: 'environmentChosen', environmentId: env.id });
      await get().loadProject();
      return true;
    },
    onProjectWebhook(event) {
      const sent = get().project.sent;
      if (!sent || event.trigger !== 'MESSAGE_DELIVERY' || event.correlation.messageId !== sent.messageId) return;
      const delivery: DeliverySeen = { eventId: event.id, status: (event.correlation.status ?? event.summary).slice(0, 200), verdict: event.verdict.kind };
      // A later report (DELIVERED after QUEUED_ON_CHANNEL) replaces an earlier one, and is remembered with the run.
      patch({ delivery });
      const run = get().firstRun;
      if (!run?.done.includes('callback')) void get().firstRunReached({ kind: 'deliverySeen', delivery });
      else if (JSON.stringify(run.delivery) !== JSON.stringify(delivery)) void saveRun({ ...run, delivery });
    },
  };
};
