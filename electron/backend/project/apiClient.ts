import type { SandboxStatus } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import type { ApiProblem, ProjectField } from '../../../shared/model/project';
import { environmentHosts } from '../../../shared/variables';
import { DEFAULT_TOKEN_URL, redact, type AuthSettings, type AuthorizedSender, type TokenError } from '../auth/index';
import { redactDeep } from '../auth/redact';
import type { CredentialService } from '../secrets/credentials';

export const PROJECT_CALL_TIMEOUT_MS = 20_000;

export type HttpMethodName = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** How a refusal of one call reads, by HTTP status: the sentence and the field it belongs to. */
export type Refusals = Partial<Record<number | 'other', { message: string; field?: ProjectField }>>;

export interface ApiCall {
  method: HttpMethodName;
  /** Below `/v1/projects/{project_id}`, e.g. `/apps/{id}`; ids are encoded by the caller. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** What a refusal means for this call (401/403 have sensible defaults). */
  refusals?: Refusals;
  /** Values sent in this call that must not appear in what is shown (channel secrets, a webhook secret). */
  secrets?: readonly string[];
}

export type ApiAnswer = { ok: true; status: number; json: unknown } | { ok: false; problem: ApiProblem };

/**
 * What a project call needs of the app's sandbox: started on demand, then its URLs and its demo
 * project id. Declared here, not imported: the sandbox manager fits it, and this side of the app
 * does not depend on the simulator.
 */
export interface SandboxHost {
  ensureStarted(): Promise<unknown>;
  status(): Pick<SandboxStatus, 'urls' | 'demo'>;
}

/** The environment's target: base URL, project id, credentials. */
interface Target {
  base: string;
  projectId: string;
  auth: AuthSettings;
}

/**
 * Calls the environment's Conversation API exactly as `requests.send` does (same host, same
 * credentials, same token cache), and turns any refusal into words next to a field, with the
 * API's own body (redacted) one click away. Never throws for an API's answer.
 */
export class ProjectApi {
  constructor(
    private readonly deps: {
      credentials: CredentialService;
      sandbox: SandboxHost;
      authorized: AuthorizedSender;
    },
  ) {}

  /** Base URL, project id and credentials for an environment, or what is missing, in words. */
  async target(env: Environment): Promise<Target | { problem: ApiProblem }> {
    if (env.region === 'sandbox') {
      try {
        await this.deps.sandbox.ensureStarted();
      } catch (error) {
        return { problem: { message: error instanceof Error ? error.message : String(error), field: 'region' } };
      }
    }
    const sandbox = this.deps.sandbox.status();
    const hosts = environmentHosts(env, sandbox.urls);
    if (hosts.conversation === '') {
      return {
        problem: {
          message:
            env.region === 'custom'
              ? 'This environment has no base URL: enter it under Access › Base URL (or in Environments).'
              : 'The sandbox is not running.',
          field: 'region',
        },
      };
    }
    const projectId = env.projectId.trim() || (env.region === 'sandbox' ? sandbox.demo.projectId : '');
    if (projectId === '') return { problem: { message: 'Enter the project id (Sinch dashboard › Settings › Project).', field: 'projectId' } };
    let auth: AuthSettings | { problem: string };
    try {
      auth = await this.deps.credentials.authFor(env);
    } catch (error) {
      return { problem: { message: error instanceof Error ? error.message : String(error), field: 'keySecret' } };
    }
    if ('problem' in auth) return { problem: { message: auth.problem, field: 'keySecret' } };
    if (auth.mode === 'none' && env.region !== 'custom') {
      return {
        problem: { message: 'This environment has no access key. Enter the key id and key secret (Sinch dashboard › Settings › Access keys).', field: 'keyId' },
      };
    }
    return { base: hosts.conversation.replace(/\/+$/, ''), projectId, auth };
  }

  async call(env: Environment, call: ApiCall): Promise<ApiAnswer> {
    const target = await this.target(env);
    if ('problem' in target) return { ok: false, problem: target.problem };
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const url = `${target.base}/v1/projects/${encodeURIComponent(target.projectId)}${call.path}${query}`;
    const requestLine = `${call.method} ${url}`;
    const secrets = [...(call.secrets ?? []), ...(target.auth.mode === 'none' ? [] : [target.auth.keySecret])];
    const headers = [{ name: 'Accept', value: 'application/json' }];
    if (call.body !== undefined) headers.push({ name: 'Content-Type', value: 'application/json' });
    const sent = await this.deps.authorized.send(
      { method: call.method, url, headers, body: call.body === undefined ? null : JSON.stringify(call.body), unresolved: [] },
      target.auth,
      { timeoutMs: PROJECT_CALL_TIMEOUT_MS, signal: AbortSignal.timeout(PROJECT_CALL_TIMEOUT_MS + 5000) },
    );
    if (sent.kind === 'token-error') return { ok: false, problem: tokenProblem(sent.error, target.auth, secrets) };
    const result = sent.result;
    if (!result.ok) {
      return {
        ok: false,
        problem: redactDeep(
          { message: `No answer from ${new URL(url).host}: ${result.error.message}`, field: 'network' as const, request: requestLine },
          secrets,
        ),
      };
    }
    const status = result.response.status;
    const text = result.response.body.preview;
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      json = null;
    }
    if (status >= 200 && status < 300) return { ok: true, status, json };
    const apiMessage = apiErrorMessage(json);
    const meaning = call.refusals?.[status] ?? defaultRefusal(status, env, target.projectId) ?? call.refusals?.other;
    const message = meaning
      ? `${meaning.message}${apiMessage ? ` The API says: ${apiMessage}` : ''}`
      : `The API answered ${status}${apiMessage ? `: ${apiMessage}` : '.'}`;
    return {
      ok: false,
      problem: redactDeep({ message, ...(meaning?.field ? { field: meaning.field } : {}), status, request: requestLine, body: text }, secrets),
    };
  }
}

function defaultRefusal(status: number, env: Environment, projectId: string): { message: string; field?: ProjectField } | undefined {
  if (status === 401) return { message: 'The API refused the access key (401). Check the key id and key secret.', field: 'keySecret' };
  if (status === 403)
    return {
      message: `The access key has no access to project ${projectId} (403). Is the project id right, and does the key belong to it?`,
      field: 'projectId',
    };
  if (status === 429) return { message: 'Too many requests (429): wait a moment and try again.' };
  if (status >= 500) return { message: `The API had a problem (${status}); try again in a moment.` };
  void env;
  return undefined;
}

/** `{ error: { message } }` (reference §14.1), or an OAuth-style `{ error, error_description }`. */
export function apiErrorMessage(json: unknown): string {
  if (typeof json !== 'object' || json === null) return '';
  const error = (json as { error?: unknown }).error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string')
    return (error as { message: string }).message;
  if (typeof error === 'string') {
    const description = (json as { error_description?: unknown }).error_description;
    return typeof description === 'string' ? `${error}: ${description}` : error;
  }
  return '';
}

export function tokenProblem(error: TokenError, auth: AuthSettings, secrets: readonly string[]): ApiProblem {
  const tokenUrl = auth.mode === 'oauth2' ? auth.tokenUrl.trim() || DEFAULT_TOKEN_URL : error.tokenUrl;
  let field: ProjectField = 'tokenUrl';
  let lead = '';
  if (error.reason === 'rejected') {
    // The token error already says what was refused and what to check: a lead would say it twice.
    field = 'keySecret';
  } else if (error.reason === 'not-found') {
    lead = `The token URL answered ${error.status ?? 404}: is it the right URL? `;
  } else if (error.reason === 'network' || error.reason === 'timeout') {
    field = 'network';
    lead = 'The token host could not be reached. ';
  }
  return {
    message: redact(`${lead}${error.message}`, secrets),
    field,
    ...(error.status !== undefined ? { status: error.status } : {}),
    request: `POST ${tokenUrl}`,
  };
}
