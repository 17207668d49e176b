import type {
  AppInfo,
  CollectionsState,
  EnvironmentSecrets,
  VaultStatus,
  EventName,
  EventPayload,
  MethodName,
  MethodOutput,
  ParsedInput,
} from '../../shared/contract';
import { buildScope, resolveRequest, type VariableScope } from '../../shared/variables';
import type { Environment } from '../../shared/model/environment';
import { GLOBAL_AUTH_URL } from '../../shared/regions';
import { diffEvents, type WebhookFilter } from '../../shared/model/webhookEvent';
import type { KeyValue } from '../../shared/model/keyValue';
import { BackendError } from './errors';
import { DEFAULT_TIMEOUT_MS, HttpExecutor } from './http/executor';
import { ResponseStore } from './http/responseStore';
import { SandboxManager } from './sandboxManager';
import { WebhookService } from './webhookService';
import { AuthorizedSender, TokenError, TokenManager, redact, type AuthSettings } from './auth/index';
import { KeytarSecretStore, SecretVault, accountFor, parseAccount, type SecretStore } from './secrets/index';
import { DEMO_CREDENTIALS } from './sandbox/index';
import { CollectionStore } from './storage/collections';
import { GlobalsStore } from './storage/globals';
import { HistoryStore } from './storage/history';
import { SettingsStore } from './storage/settings';
import { validateBody } from './catalog/validateBody';
import { BUILTIN_COLLECTION } from '../../shared/catalog';
import { applyToEnvironment } from '../../shared/captures';
import { sendRequest } from './runner/engine';
import { toCurl } from '../../shared/formats/curl';
import { exportCollection } from '../../shared/formats/exportCollection';
import type { CaptureReport, HttpRequestDraft, SendResult } from '../../shared/model/httpRequest';
import { isAbsolute, join } from 'node:path';
import { EnvironmentStore } from './storage/environments';

export interface BackendOptions {
  dataDir: string;
  /** Where collections live when the user has not chosen a folder (default: <dataDir>/workspace). */
  workspaceDir?: string;
  /** The keychain to keep secrets in (default: the OS keychain through keytar). */
  keychain?: SecretStore;
  /** Keychain service name (tests use their own, so they never touch the user's entries). */
  keychainService?: string;
  host: AppInfo['host'];
  version?: string;
}

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> };
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Backend {
  handlers: Handlers;
  /** Subscribes to every contract event; returns the unsubscribe function. */
  subscribe(sink: EventSink): () => void;
  close(): Promise<void>;
}

/** The composition root of everything Electron-free: one place where services are wired. */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const sinks = new Set<EventSink>();
  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };
  const environments = new EnvironmentStore(options.dataDir);
  await environments.load();
  const settings = new SettingsStore(options.dataDir);
  const workspaceDir = (await settings.load()).workspaceDir ?? options.workspaceDir ?? join(options.dataDir, 'workspace');
  const collections = new CollectionStore(workspaceDir);
  await collections.load();
  const globals = new GlobalsStore(options.dataDir);
  await globals.load();
  const history = new HistoryStore(options.dataDir);
  const vault = new SecretVault({
    dataDir: options.dataDir,
    keychain: options.keychain ?? new KeytarSecretStore(options.keychainService ? { service: options.keychainService } : {}),
  });

  /** Values captured while no environment was active: kept for this session only. */
  let sessionCaptures: { key: string; value: string; enabled: boolean }[] = [];
  const responses = new ResponseStore();
  const executor = new HttpExecutor(responses);
  const tokens = new TokenManager();
  const authorized = new AuthorizedSender(executor, tokens);
  const inFlight = new Map<string, AbortController>();
  const sandbox = new SandboxManager((status) => emit('sandbox.changed', status));
  const hooks = new WebhookService({
    dataDir: options.dataDir,
    vault,
    sandbox,
    environments: () => environments.state().environments,
    onEvent: (event, kind) => emit(kind === 'received' ? 'webhooks.received' : 'webhooks.updated', { event }),
    onState: (state) => emit('webhooks.state', state),
  });
  await hooks.load();

  /** Choosing the Sandbox region starts the sandbox; its URLs then fill {{base_url}}. */
  const syncSandbox = async (): Promise<void> => {
    const active = environments.find(environments.state().activeId);
    if (active?.region === 'sandbox') await sandbox.ensureStarted();
  };
  const collectionsChanged = (): CollectionsState => {
    const state = collections.state();
    emit('collections.changed', state);
    return state;
  };

  /** Every scope a request sees: global < collection < environment (or session captures) < request. */
  /**
   * Saves an environment: values of variables marked secret go to the vault and the file keeps
   * only their names. Without a usable vault this fails with the vault's own advice, before any
   * file is written: a secret is never stored in plain text instead.
   */
  const saveEnvironment = async (env: Environment): Promise<Environment> => {
    const toStore = env.variables.filter((v) => v.secret && v.key.trim() !== '' && v.value !== '');
    for (const v of toStore) await vault.set(accountFor(env.id, 'variable', v.key.trim()), v.value);
    const saved = await environments.update({ ...env, variables: env.variables.map((v) => (v.secret ? { ...v, value: '' } : v)) });
    // Forget the values of variables that are no longer secret (or no longer exist).
    const keep = new Set(saved.variables.filter((v) => v.secret).map((v) => v.key.trim()));
    try {
      for (const account of await vault.accounts()) {
        const parsed = parseAccount(account);
        if (parsed?.environmentId === env.id && parsed.purpose === 'variable' && !keep.has(parsed.name)) await vault.delete(account);
      }
    } catch {
      /* no vault, so nothing stored to forget */
    }
    return saved;
  };

  /** The environment with its secret variables' values read from the vault, for sending only. */
  const withSecrets = async (env: Environment): Promise<Environment> => {
    if (!env.variables.some((v) => v.secret)) return env;
    const variables = [];
    for (const v of env.variables) {
      if (!v.secret || v.key.trim() === '') variables.push(v);
      else variables.push({ ...v, value: (await vault.get(accountFor(env.id, 'variable', v.key.trim()))) ?? '' });
    }
    return { ...env, variables };
  };

  const scopeFor = async (plainEnv: Environment | null, collectionId: string | null, requestVariables: KeyValue[] | undefined): Promise<VariableScope> => {
    const env = plainEnv ? await withSecrets(plainEnv) : null;
    const collection = collectionId === BUILTIN_COLLECTION.id ? BUILTIN_COLLECTION : collectionId ? collections.state().collections.find((c) => c.id === collectionId) : undefined;
    return buildScope(env, sandbox.status().urls, {
      globals: await globals.get(),
      collection: collection?.variables,
      captured: env ? undefined : sessionCaptures,
      request: requestVariables,
    });
  };

  const redactResult = (result: SendResult, secrets: string[]): SendResult => {
    if (secrets.length === 0 || !result.ok) return result;
    const response = { ...result.response, url: redact(result.response.url, secrets), body: { ...result.response.body, preview: redact(result.response.body.preview, secrets) } };
    return { ...result, response };
  };

  /** History is a convenience: a failure to write it is reported in the log, never fails the send. */
  const recordHistory = async (request: HttpRequestDraft & { name?: string }, resolvedUrl: string, env: Environment | null, result: SendResult): Promise<void> => {
    try {
      await history.append({
        name: request.name ?? '',
        environmentName: env?.name ?? null,
        request: { method: request.method, url: request.url, params: request.params, headers: request.headers, body: request.body },
        resolvedUrl,
        response: result.ok
          ? {
              status: result.response.status,
              timeMs: result.response.timeMs,
              sizeBytes: result.response.sizeBytes,
              headers: result.response.headers,
              body: result.response.body.binary ? '' : result.response.body.preview,
              bodyTruncated: result.response.body.truncated,
            }
          : null,
        error: result.ok ? null : { code: result.error.code, message: result.error.message, ...(result.error.timeMs !== undefined ? { timeMs: result.error.timeMs } : {}) },
      });
      emit('history.changed', { total: (await history.list({ limit: 1, offset: 0 })).total });
    } catch (error) {
      console.error(`Could not write history: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /**
   * The credentials a request of this environment is sent with. The sandbox uses its public demo
   * key against its own token endpoint; other environments read their key secret from the vault.
   */
  const authFor = async (env: Environment | null): Promise<AuthSettings | { problem: string }> => {
    if (!env) return { mode: 'none' };
    if (env.region === 'sandbox') {
      const handle = sandbox.status();
      if (!handle.authUrl) return { problem: 'The sandbox is not running.' };
      return { mode: 'oauth2', tokenUrl: handle.authUrl, keyId: DEMO_CREDENTIALS.keyId, keySecret: DEMO_CREDENTIALS.keySecret };
    }
    // No key id means no credentials were set up: the request goes out without Authorization
    // (the timeline says so), which is what a request to a non-Sinch URL wants anyway.
    if (env.auth.mode === 'none' || env.auth.keyId.trim() === '') return { mode: 'none' };
    const keySecret = await vault.get(accountFor(env.id, 'access-key-secret'));
    if (keySecret === null) {
      return { problem: `No key secret is stored for environment "${env.name}". Paste it under Environments › ${env.name} › Access key (it goes to the OS keychain).` };
    }
    return env.auth.mode === 'basic' ? { mode: 'basic', keyId: env.auth.keyId.trim(), keySecret } : { mode: 'oauth2', tokenUrl: env.auth.tokenUrl, keyId: env.auth.keyId.trim(), keySecret };
  };

  const environmentSecrets = async (environmentId: string): Promise<EnvironmentSecrets> => {
    const mine = (await vault.accounts()).map(parseAccount).filter((a) => a?.environmentId === environmentId);
    return {
      accessKeySecret: mine.some((a) => a?.purpose === 'access-key-secret'),
      webhookSecrets: mine.flatMap((a) => (a?.purpose === 'webhook-secret' ? [a.name] : [])).sort(),
    };
  };

  const vaultChanged = async (): Promise<VaultStatus> => {
    const status = await vault.status();
    emit('credentials.changed', status);
    return status;
  };

  const changed = async (): Promise<void> => {
    emit('environments.changed', environments.state());
    await syncSandbox();
  };
  await syncSandbox().catch(() => undefined);

  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'Sinch Conversation Explorer',
      version: options.version ?? '0.0.0',
      host: options.host,
      platform: process.platform,
      dataDir: options.dataDir,
      defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
    }),
    'environments.list': async () => environments.load(),
    'environments.create': async ({ name, region }) => {
      const env = await environments.create(name, region);
      await changed();
      return env;
    },
    'environments.update': async ({ environment }) => {
      const env = await saveEnvironment(environment);
      await changed();
      return env;
    },
    'environments.duplicate': async ({ id }) => {
      const env = await environments.duplicate(id);
      // The copy gets the original's secrets too, or its secret variables would silently be empty.
      try {
        for (const account of await vault.accounts()) {
          const parsed = parseAccount(account);
          if (parsed?.environmentId !== id) continue;
          const value = await vault.get(account);
          if (value === null) continue;
          await vault.set(parsed.purpose === 'access-key-secret' ? accountFor(env.id, 'access-key-secret') : accountFor(env.id, parsed.purpose, parsed.name), value);
        }
      } catch {
        /* no vault: nothing to copy */
      }
      await changed();
      return env;
    },
    'environments.delete': async ({ id }) => {
      const deleted = await environments.delete(id);
      // Its secrets go with it; a keychain that cannot be reached keeps them (nothing to leak).
      if (deleted) await vault.deleteEnvironmentSecrets(id).catch(() => 0);
      if (deleted) await changed();
      return { deleted };
    },
    'environments.setActive': async ({ id }) => {
      await environments.setActive(id);
      await changed();
      return environments.state();
    },
    'requests.send': async ({ requestId, request, environmentId, collectionId, timeoutMs }) => {
      if (inFlight.has(requestId)) throw new BackendError('CONFLICT', `Request ${requestId} is already being sent.`);
      const env = environmentId === null ? null : environments.get(environmentId);
      if (env?.region === 'sandbox') await sandbox.ensureStarted();
      const scope = await scopeFor(env, collectionId ?? null, request.variables);
      const controller = new AbortController();
      inFlight.set(requestId, controller);
      try {
        // The one engine the runner and the CLI use too: resolve, authorize, check JSON, send, capture.
        const { resolved, result, captures } = await sendRequest(request, {
          scope,
          send: async (req, opts) => {
            // A request that says `auth: none`, or carries its own Authorization, is sent as it is.
            if (request.auth === 'none' || req.headers.some((h) => h.name.toLowerCase() === 'authorization')) return executor.execute(req, opts);
            let auth: AuthSettings | { problem: string };
            try {
              auth = await authFor(env);
            } catch (error) {
              return { ok: false, error: { code: 'AUTH', message: error instanceof Error ? error.message : String(error) } };
            }
            if ('problem' in auth) return { ok: false, error: { code: 'AUTH', message: auth.problem } };
            const sent = await authorized.send(req, auth, opts);
            if (sent.kind === 'token-error') return { ok: false, error: { code: 'AUTH', message: sent.error.message }, timeline: sent.timeline };
            return { ...sent.result, timeline: sent.timeline };
          },
          timeoutMs: timeoutMs ?? settings.get().requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
          signal: controller.signal,
          bodyText: (response) => responses.get(response.responseId)?.toString('utf8'),
        });
        if (result.ok || !['UNRESOLVED_VARIABLES', 'INVALID_BODY', 'AUTH'].includes(result.error.code)) {
          // Secret variables were resolved into the request: their values must not reach history.
          const secretValues = [...scope.values()].filter((v) => v.secret && v.value !== '').map((v) => v.value);
          await recordHistory(request, redact(resolved.url, secretValues), env, redactResult(result, secretValues));
        }
        if (!result.ok || !request.captures || request.captures.length === 0) return result;
        const report: CaptureReport = { ...captures, target: env ? 'environment' : 'session' };
        if (captures.captured.length > 0) {
          if (env) {
            // Re-read: the environment may have been edited while the request was on the wire.
            await saveEnvironment(applyToEnvironment(environments.get(env.id), captures.captured));
            await changed();
          } else {
            for (const { variable, value } of captures.captured) {
              sessionCaptures = [...sessionCaptures.filter((v) => v.key !== variable), { key: variable, value, enabled: true }];
            }
          }
        }
        return { ...result, captures: report };
      } finally {
        inFlight.delete(requestId);
      }
    },
    'requests.cancel': async ({ requestId }) => {
      const controller = inFlight.get(requestId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
    'responses.readBody': async ({ responseId, offset, length }) => {
      const body = responses.get(responseId);
      if (!body) throw new BackendError('NOT_FOUND', 'That response is no longer kept (only the 20 most recent are). Send the request again to save its body.');
      const end = Math.min(body.length, offset + length);
      return { base64: body.subarray(offset, end).toString('base64'), offset, totalBytes: body.length, done: end >= body.length };
    },
    'collections.list': async () => collections.load(),
    'collections.create': async ({ name }) => {
      const created = await collections.createCollection(name);
      collectionsChanged();
      return created;
    },
    'collections.importBuiltin': async ({ name }) => {
      const created = await collections.importTree(BUILTIN_COLLECTION, name ?? BUILTIN_COLLECTION.name);
      collectionsChanged();
      return created;
    },
    'collections.rename': async ({ id, name }) => {
      await collections.renameCollection(id, name);
      return collectionsChanged();
    },
    'collections.duplicate': async ({ id }) => {
      const copy = await collections.duplicateCollection(id);
      collectionsChanged();
      return copy;
    },
    'collections.delete': async ({ id }) => {
      await collections.deleteCollection(id);
      return collectionsChanged();
    },
    'collections.update': async ({ id, description, variables }) => {
      await collections.updateCollection(id, { ...(description !== undefined ? { description } : {}), ...(variables !== undefined ? { variables } : {}) });
      return collectionsChanged();
    },
    'collections.createFolder': async ({ parentId, name }) => {
      await collections.createFolder(parentId, name);
      return collectionsChanged();
    },
    'collections.saveRequest': async ({ parentId, request }) => {
      const saved = await collections.saveRequest(parentId, request);
      collectionsChanged();
      return saved;
    },
    'collections.renameItem': async ({ id, name }) => {
      await collections.renameItem(id, name);
      return collectionsChanged();
    },
    'collections.duplicateItem': async ({ id }) => {
      await collections.duplicateItem(id);
      return collectionsChanged();
    },
    'collections.deleteItem': async ({ id }) => {
      await collections.deleteItem(id);
      return collectionsChanged();
    },
    'collections.moveItem': async ({ id, parentId, index }) => {
      await collections.moveItem(id, parentId, index);
      return collectionsChanged();
    },
    'collections.export': async ({ id }) => {
      const tree = id === BUILTIN_COLLECTION.id ? BUILTIN_COLLECTION : collections.getCollection(id);
      const { text, placeholders } = exportCollection(tree);
      return { fileName: `${tree.name.replace(/[^\w.-]+/g, '_')}.sinch-explorer.json`, text, placeholders };
    },
    'workspace.set': async ({ dir }) => {
      if (!isAbsolute(dir)) throw new BackendError('INVALID_INPUT', `"${dir}" is not an absolute path. Give the full path of the folder for your collections.`);
      const state = await collections.setWorkspace(dir);
      await settings.update({ workspaceDir: dir });
      emit('collections.changed', state);
      return state;
    },
    'settings.get': async () => ({ requestTimeoutMs: settings.get().requestTimeoutMs }),
    'settings.set': async ({ requestTimeoutMs }) => ({ requestTimeoutMs: (await settings.update({ requestTimeoutMs })).requestTimeoutMs }),
    'globals.get': async () => globals.get(),
    'globals.set': async ({ variables }) => {
      const saved = await globals.save(variables);
      emit('globals.changed', saved);
      return saved;
    },
    'requests.validateBody': async ({ schemaId, text }) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { problems: [] };
      }
      const result = validateBody(schemaId, value);
      return { problems: result.ok ? [] : result.problems };
    },
    'requests.toCurl': async ({ request, environmentId, collectionId, includeSecrets }) => {
      const env = environmentId === null ? null : environments.get(environmentId);
      const resolved = resolveRequest(request, await scopeFor(env, collectionId ?? null, request.variables));
      return { curl: toCurl(resolved, { includeSecrets }), unresolved: resolved.unresolved };
    },
    'history.list': async ({ query, limit, offset }) => {
      const page = await history.list({ ...(query !== undefined ? { query } : {}), limit, offset });
      return { entries: page.entries, total: page.total };
    },
    'history.get': async ({ id }) => {
      const entry = await history.get(id);
      if (!entry) throw new BackendError('NOT_FOUND', 'That history entry is gone (history keeps the newest 1000 requests).');
      return entry;
    },
    'history.clear': async () => {
      const cleared = await history.clear();
      emit('history.changed', { total: 0 });
      return { cleared };
    },
    'credentials.status': async () => vault.status(),
    'credentials.useEncryptedFile': async ({ passphrase }) => {
      await vault.useEncryptedFile(passphrase);
      return vaultChanged();
    },
    'credentials.list': async ({ environmentId }) => {
      environments.get(environmentId);
      return environmentSecrets(environmentId);
    },
    'credentials.set': async ({ environmentId, purpose, name, value }) => {
      environments.get(environmentId);
      if (purpose === 'webhook-secret' && !name) throw new BackendError('INVALID_INPUT', 'A webhook secret needs a name: the webhook id or app id it belongs to.');
      await vault.set(purpose === 'webhook-secret' ? accountFor(environmentId, 'webhook-secret', name ?? '') : accountFor(environmentId, 'access-key-secret'), value);
      if (purpose === 'access-key-secret') {
        const env = environments.get(environmentId);
        // A new secret makes any cached token for this key suspect.
        tokens.invalidate(env.auth.tokenUrl.trim() || GLOBAL_AUTH_URL, env.auth.keyId.trim());
      }
      return environmentSecrets(environmentId);
    },
    'credentials.delete': async ({ environmentId, purpose, name }) => {
      await vault.delete(purpose === 'webhook-secret' ? accountFor(environmentId, 'webhook-secret', name ?? '') : accountFor(environmentId, 'access-key-secret'));
      return environmentSecrets(environmentId);
    },
    'auth.getToken': async ({ environmentId }) => {
      const env = environments.get(environmentId);
      if (env.region === 'sandbox') await sandbox.ensureStarted();
      const auth = await authFor(env);
      if ('problem' in auth) throw new BackendError('AUTH', auth.problem);
      if (auth.mode !== 'oauth2') throw new BackendError('INVALID_INPUT', `Environment "${env.name}" does not use OAuth2, so there is no token to get.`);
      const tokenUrl = auth.tokenUrl.trim() || GLOBAL_AUTH_URL;
      try {
        const token = await tokens.getToken({ tokenUrl, keyId: auth.keyId, keySecret: auth.keySecret });
        return { tokenUrl, keyId: auth.keyId, tokenType: token.tokenType, expiresAt: token.expiresAt, fromCache: token.fromCache };
      } catch (error) {
        if (error instanceof TokenError) throw new BackendError('AUTH', error.message);
        throw error;
      }
    },
    'webhooks.status': async () => hooks.state(),
    'webhooks.start': async ({ port, host }) => hooks.start(port, host),
    'webhooks.stop': async () => hooks.stop(),
    'webhooks.configure': async ({ reply, forwardTo }) => hooks.configure({ ...(reply ? { reply } : {}), ...(forwardTo !== undefined ? { forwardTo } : {}) }),
    'webhooks.query': async ({ filter, offset, limit }) => {
      const page = hooks.store.query(filter as WebhookFilter, { offset, limit });
      return { events: page.events, total: page.total };
    },
    'webhooks.get': async ({ id }) => hooks.get(id),
    'webhooks.clear': async () => ({ cleared: await hooks.store.clear() }),
    'webhooks.timeline': async (key) => hooks.store.timeline(key),
    'webhooks.replay': async ({ id, target, body, resign }) => hooks.replay(id, target, body, resign ? await hooks.secret(resign.environmentId, resign.name) : undefined),
    'webhooks.fireSample': async ({ trigger, appId, sign }) => hooks.fireSample(trigger, appId, sign ? await hooks.secret(sign.environmentId, sign.name) : undefined),
    'webhooks.diff': async ({ a, b }) => diffEvents(hooks.get(a), hooks.get(b)),
    'sandbox.status': async () => sandbox.status(),
    'sandbox.start': async () => {
      await sandbox.ensureStarted();
      return sandbox.status();
    },
    'sandbox.stop': async () => {
      await sandbox.stop();
      return sandbox.status();
    },
    'sandbox.simulateInbound': async (input) => sandbox.simulateInbound(input),
  };

  return {
    handlers,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      for (const controller of inFlight.values()) controller.abort();
      await hooks.close();
      await sandbox.stop();
      sinks.clear();
    },
  };
}

