import { applyToEnvironment } from '../../../shared/captures';
import type { Environment } from '../../../shared/model/environment';
import type { ParsedInput } from '../../../shared/contract';
import type { CaptureReport, SendResult } from '../../../shared/model/httpRequest';
import { redact, type AuthSettings } from '../auth/index';
import { generateCode } from '../codegen/index';
import { prepareRequest, secretValues } from '../codegen/prepare';
import { redactDeep, shortSecretNames, shortSecretWarning } from '../auth/redact';
import { validateBody } from '../catalog/validateBody';
import type { BackendContext, HandlerGroup } from '../context';
import { BackendError } from '../errors';
import { DEFAULT_TIMEOUT_MS } from '../http/executor';
import type { HistoryInput } from '../storage/history';
import { MAX_JSON_DEPTH, nestingBeyond } from '../../../shared/safeObject';
import { sendRequest } from '../runner/engine';

type SendInput = ParsedInput<'requests.send'>['request'];

/** Bodies checked against an operation's schema before sending; larger ones go to the API unchecked. */
const VALIDATE_MAX_CHARS = 1024 * 1024;

type RequestDeps = Pick<
  BackendContext,
  'environments' | 'settings' | 'credentials' | 'tokens' | 'authorized' | 'executor' | 'responses' | 'history' | 'sandbox' | 'inFlight' | 'session' | 'emit' | 'scopeFor' | 'environmentsChanged'
>;

/** `requests.*`: sending requests, with credentials, captures and history; and what the editor asks about a request. */
export function requestHandlers(deps: RequestDeps): HandlerGroup<'requests'> {
  const { environments, credentials, authorized, executor, responses, history, sandbox, inFlight, session, emit } = deps;

  /** Short padlocked values already warned about in a send result (environment id and name): once each per run. */
  const warnedShort = new Set<string>();

  /**
   * History is a convenience: a failure to write it never fails the send. It is logged, and said
   * in the result (returned here) so the user knows this one is not in History.
   */
  const recordHistory = async (
    request: SendInput,
    resolvedUrl: string,
    env: Environment | null,
    collectionId: string | null,
    result: SendResult,
    secrets: readonly string[],
  ): Promise<string | null> => {
    try {
      // Every field may carry a padlocked value (typed in, echoed back, quoted in an error): all are redacted.
      const input: HistoryInput = redactDeep(
        {
          name: request.name ?? '',
          environmentName: env?.name ?? null,
          collectionId,
          request: {
            method: request.method,
            url: request.url,
            params: request.params,
            headers: request.headers,
            body: request.body,
            variables: request.variables ?? [],
            captures: request.captures ?? [],
            auth: request.auth ?? 'inherit',
          },
          resolvedUrl,
          response: result.ok
            ? {
                status: result.response.status,
                statusText: result.response.statusText,
                timeMs: result.response.timeMs,
                sizeBytes: result.response.sizeBytes,
                headers: result.response.headers,
                body: result.response.body.binary ? '' : result.response.body.preview,
                bodyTruncated: result.response.body.truncated,
                binary: result.response.body.binary,
              }
            : null,
          error: result.ok ? null : { code: result.error.code, message: result.error.message, ...(result.error.timeMs !== undefined ? { timeMs: result.error.timeMs } : {}) },
        },
        secrets,
      );
      await history.append(input);
      emit('history.changed', { total: (await history.list({ limit: 1, offset: 0 })).total });
      return null;
    } catch (error) {
      const why = redact(error instanceof Error ? error.message : String(error), secrets);
      console.error(`Could not write history: ${why}`);
      return `This send is not in History: it could not be written (${why}). The response here is complete.`;
    }
  };

  /**
   * What the page may see of a result: every string with the padlocked values replaced, for
   * failures too (an INVALID_URL message quotes the URL). The full body kept for "Save body" is
   * redacted the same way when it is text.
   */
  const redactResult = (result: SendResult, secrets: readonly string[]): SendResult => {
    if (secrets.length === 0) return result;
    if (result.ok && !result.response.body.binary) {
      const kept = responses.get(result.response.responseId);
      if (kept) {
        const text = kept.toString('utf8');
        const clean = redact(text, secrets);
        if (clean !== text) responses.replace(result.response.responseId, Buffer.from(clean, 'utf8'));
      }
    }
    return redactDeep(result, secrets);
  };

  return {
    'requests.send': async ({ requestId, request, environmentId, collectionId, timeoutMs }) => {
      if (inFlight.has(requestId)) throw new BackendError('CONFLICT', `Request ${requestId} is already being sent.`);
      const env = environmentId === null ? null : environments.get(environmentId);
      if (env?.region === 'sandbox') await sandbox.ensureStarted();
      const scope = await deps.scopeFor(env, collectionId ?? null, request.variables);
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
          timeoutMs: timeoutMs ?? deps.settings.get().requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
          signal: controller.signal,
          bodyText: (response) => responses.get(response.responseId)?.toString('utf8'),
        });
        // Secret variables were resolved into the request: their values must not reach history or the page.
        const secrets = secretValues(scope);
        const warnings: string[] = [];
        const short = shortSecretNames(new Map([...scope].filter(([, v]) => v.secret).map(([name, v]) => [name, v.value]))).filter(
          (name) => !warnedShort.has(`${env?.id ?? ''}\u0000${name}`),
        );
        if (short.length > 0) {
          for (const name of short) warnedShort.add(`${env?.id ?? ''}\u0000${name}`);
          warnings.push(shortSecretWarning(short));
        }
        const redacted = redactResult(result, secrets);
        if (result.ok || !['UNRESOLVED_VARIABLES', 'INVALID_BODY', 'AUTH'].includes(result.error.code)) {
          const lost = await recordHistory(request, resolved.url, env, collectionId ?? null, redacted, secrets);
          if (lost !== null) warnings.push(lost);
        }
        const shown: SendResult = warnings.length > 0 ? { ...redacted, warnings } : redacted;
        if (!shown.ok || !request.captures || request.captures.length === 0) return shown;
        const report: CaptureReport = { ...captures, target: env ? 'environment' : 'session' };
        if (captures.captured.length > 0) {
          if (env) {
            // Re-read: the environment may have been edited while the request was on the wire.
            await credentials.saveEnvironment(applyToEnvironment(environments.get(env.id), captures.captured));
            await deps.environmentsChanged();
          } else {
            for (const { variable, value } of captures.captured) {
              session.captures = [...session.captures.filter((v) => v.key !== variable), { key: variable, value, enabled: true }];
            }
          }
        }
        return { ...shown, captures: redactDeep(report, secrets) };
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
      // A Conversation API body is a few kilobytes: a larger one (a paste) is left to the API to
      // judge rather than parsed and walked here, which held the backend up for half a second at 20 MB.
      if (text.length > VALIDATE_MAX_CHARS || nestingBeyond(text, MAX_JSON_DEPTH) >= 0) return { problems: [] };
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
      // The Code panel's curl is this same command: one preparation (electron/backend/codegen).
      const prepared = await prepareRequest(deps, { request, environmentId, collectionId, includeSecrets });
      const { code, warnings } = await generateCode(prepared, 'curl', includeSecrets);
      return { curl: code, unresolved: prepared.unresolved, warnings };
    },
  };
}
