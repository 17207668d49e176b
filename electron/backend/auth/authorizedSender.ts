import type { SendResult } from '../../../shared/model/httpRequest';
import type { ResolvedRequest } from '../../../shared/variables';
import type { ExecuteOptions, HttpExecutor } from '../http/executor';
import { displayUrl, redact } from './redact';
import { TokenError } from './tokenError';
import { DEFAULT_TOKEN_URL, type AccessToken, type TokenManager } from './tokenManager';

export type AuthMode = 'oauth2' | 'basic' | 'none';

export type AuthSettings =
  | { mode: 'none' }
  | { mode: 'basic'; keyId: string; keySecret: string }
  /** tokenUrl: empty = Sinch's global endpoint. */
  | { mode: 'oauth2'; tokenUrl: string; keyId: string; keySecret: string };

/** What happened on the way, in order. Labels name URLs, key ids and statuses: never a secret or a token. */
export interface AuthTimelineEntry {
  kind: 'token' | 'request' | 'retry';
  label: string;
  status?: number;
  timeMs: number;
  fromCache?: boolean;
}

export type RequestExecutor = (request: ResolvedRequest, options: ExecuteOptions) => Promise<SendResult>;

export type AuthorizedSendResult =
  | { kind: 'response'; result: SendResult; timeline: AuthTimelineEntry[] }
  /** No token could be fetched, so the request was not sent (or not re-sent after a 401). */
  | { kind: 'token-error'; error: TokenError; timeline: AuthTimelineEntry[] };

/**
 * Sends a resolved request with the environment's credentials: a Bearer token (OAuth2) or Basic
 * auth. On a 401 with OAuth2 it drops the token, fetches a new one and retries once, as the Sinch
 * SDKs do. The caller's request object is never changed, and no credential is returned.
 */
export class AuthorizedSender {
  private readonly execute: RequestExecutor;

  constructor(
    executor: HttpExecutor | RequestExecutor,
    private readonly tokens: TokenManager,
  ) {
    this.execute = typeof executor === 'function' ? executor : (request, options) => executor.execute(request, options);
  }

  async send(request: ResolvedRequest, auth: AuthSettings, options: ExecuteOptions): Promise<AuthorizedSendResult> {
    const timeline: AuthTimelineEntry[] = [];
    const secrets = auth.mode === 'none' ? [] : [auth.keySecret];
    const requestLabel = (prefix: string): string => redact(`${prefix}${request.method} ${displayUrl(request.url)}`, secrets);

    // Nothing can be sent with unresolved variables; do not spend a token request on it.
    if (auth.mode === 'none' || request.unresolved.length > 0) {
      const result = await this.execute(request, options);
      timeline.push(requestEntry('request', requestLabel(''), result));
      return { kind: 'response', result, timeline };
    }

    if (auth.mode === 'basic') {
      const header = `Basic ${Buffer.from(`${auth.keyId}:${auth.keySecret}`, 'utf8').toString('base64')}`;
      const result = await this.execute(withAuthorization(request, header), options);
      timeline.push(requestEntry('request', requestLabel(`Basic auth (key id ${auth.keyId}): `), result));
      return { kind: 'response', result, timeline };
    }

    const tokenRequest = { tokenUrl: auth.tokenUrl.trim() || DEFAULT_TOKEN_URL, keyId: auth.keyId, keySecret: auth.keySecret, signal: options.signal };
    const first = await this.token(tokenRequest, timeline);
    if (first instanceof TokenError) return { kind: 'token-error', error: first, timeline };
    const result = await this.execute(withAuthorization(request, bearer(first)), options);
    timeline.push(requestEntry('request', requestLabel(''), result));

    if (!result.ok || result.response.status !== 401) return { kind: 'response', result, timeline };
    // A cached token can go stale for reasons other than its clock (a revoked key, a restarted
    // server); a fresh one that is refused without "expired" would only be refused again.
    const challenge = result.response.headers
      .filter((h) => h.name.toLowerCase() === 'www-authenticate')
      .map((h) => h.value)
      .join(', ');
    if (!first.fromCache && !/expired/i.test(challenge)) return { kind: 'response', result, timeline };

    this.tokens.invalidate(tokenRequest.tokenUrl, tokenRequest.keyId);
    const second = await this.token(tokenRequest, timeline, 'after 401: ');
    if (second instanceof TokenError) return { kind: 'token-error', error: second, timeline };
    const retried = await this.execute(withAuthorization(request, bearer(second)), options);
    timeline.push(requestEntry('retry', requestLabel('Retry with a new token: '), retried));
    return { kind: 'response', result: retried, timeline };
  }

  private async token(
    request: { tokenUrl: string; keyId: string; keySecret: string; signal: AbortSignal },
    timeline: AuthTimelineEntry[],
    prefix = '',
  ): Promise<AccessToken | TokenError> {
    const started = performance.now();
    const where = `${displayUrl(request.tokenUrl)} (key id ${request.keyId})`;
    try {
      const token = await this.tokens.getToken(request);
      const retries = (token.attempts ?? 1) - 1;
      timeline.push({
        kind: 'token',
        label: redact(
          token.fromCache
            ? `${prefix}Token from cache for ${where}, valid until ${new Date(token.expiresAt).toISOString()}`
            : `${prefix}Token fetched: POST ${where}${retries > 0 ? ` after ${retries} × 429` : ''}`,
          [request.keySecret],
        ),
        ...(token.status !== undefined ? { status: token.status } : {}),
        timeMs: token.timeMs,
        fromCache: token.fromCache,
      });
      return token;
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      timeline.push({
        kind: 'token',
        label: redact(`${prefix}Token request failed: POST ${where}`, [request.keySecret]),
        ...(error.status !== undefined ? { status: error.status } : {}),
        timeMs: Math.round(performance.now() - started),
        fromCache: false,
      });
      return error;
    }
  }
}

function bearer(token: AccessToken): string {
  // RFC 6750 spells it "Bearer"; some servers answer "bearer" in token_type.
  return `${token.tokenType.toLowerCase() === 'bearer' ? 'Bearer' : token.tokenType} ${token.accessToken}`;
}

/** A copy of the request with exactly one Authorization header: ours replaces any the user typed. */
function withAuthorization(request: ResolvedRequest, value: string): ResolvedRequest {
  return {
    ...request,
    headers: [...request.headers.filter((h) => h.name.toLowerCase() !== 'authorization'), { name: 'Authorization', value }],
  };
}

function requestEntry(kind: 'request' | 'retry', label: string, result: SendResult): AuthTimelineEntry {
  if (result.ok) return { kind, label: `${label} → ${result.response.status}`, status: result.response.status, timeMs: result.response.timeMs };
  return { kind, label: `${label} → ${result.error.code}`, timeMs: result.error.timeMs ?? 0 };
}
