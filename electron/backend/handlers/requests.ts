import { applyToEnvironment } from '../../../shared/captures';
import { toCurl } from '../../../shared/formats/curl';
import type { Environment } from '../../../shared/model/environment';
import type { CaptureReport, HttpRequestDraft, SendResult } from '../../../shared/model/httpRequest';
import { resolveRequest } from '../../../shared/variables';
import { redact, type AuthSettings } from '../auth/index';
import { validateBody } from '../catalog/validateBody';
import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';
import { DEFAULT_TIMEOUT_MS } from '../http/executor';
import { sendRequest } from '../runner/engine';

/** Sending requests, with credentials, captures and history; and what the editor asks about a request. */
export function requestHandlers(ctx: BackendContext): HandlerGroup<'requests'> & HandlerGroup<'responses'> & HandlerGroup<'history'> {
  const { environments, executor, responses, history, inFlight, credentials, authorized } = ctx;

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
      ctx.emit('history.changed', { total: (await history.list({ limit: 1, offset: 0 })).total });
    } catch (error) {
      console.error(`Could not write history: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const redactResult = (result: SendResult, secrets: string[]): SendResult => {
    if (secrets.length === 0 || !result.ok) return result;
    const response = { ...result.response, url: redact(result.response.url, secrets), body: { ...result.response.body, preview: redact(result.response.body.preview, secrets) } };
    return { ...result, response };
  };

  return {
    'requests.send': async ({ requestId, request, environmentId, collectionId, timeoutMs }) => {
      if (inFlight.has(requestId)) throw new BackendError('CONFLICT', `Request ${requestId} is already being sent.`);
      const env = environmentId === null ? null : environments.get(environmentId);
      if (env?.region === 'sandbox') await ctx.sandbox.ensureStarted();
      const scope = await ctx.scopeFor(env, collectionId ?? null, request.variables);
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
              auth = await credentials.authFor(env);
            } catch (error) {
              return { ok: false, error: { code: 'AUTH', message: error instanceof Error ? error.message : String(error) } };
            }
            if ('problem' in auth) return { ok: false, error: { code: 'AUTH', message: auth.problem } };
            const sent = await authorized.send(req, auth, opts);
            if (sent.kind === 'token-error') return { ok: false, error: { code: 'AUTH', message: sent.error.message }, timeline: sent.timeline };
            return { ...sent.result, timeline: sent.timeline };
          },
          timeoutMs: timeoutMs ?? ctx.settings.get().requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
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
            await credentials.saveEnvironment(applyToEnvironment(environments.get(env.id), captures.captured));
            await ctx.environmentsChanged();
          } else {
            for (const { variable, value } of captures.captured) {
              ctx.session.captures = [...ctx.session.captures.filter((v) => v.key !== variable), { key: variable, value, enabled: true }];
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
      const resolved = resolveRequest(request, await ctx.scopeFor(env, collectionId ?? null, request.variables));
      return { curl: toCurl(resolved, { includeSecrets }), unresolved: resolved.unresolved };
    },
    'responses.readBody': async ({ responseId, offset, length }) => {
      const body = responses.get(responseId);
      if (!body) throw new BackendError('NOT_FOUND', 'That response is no longer kept (only the 20 most recent are). Send the request again to save its body.');
      const end = Math.min(body.length, offset + length);
      return { base64: body.subarray(offset, end).toString('base64'), offset, totalBytes: body.length, done: end >= body.length };
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
      ctx.emit('history.changed', { total: 0 });
      return { cleared };
    },
  };
}
