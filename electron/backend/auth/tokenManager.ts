import { createHmac, randomBytes } from 'node:crypto';
import { nodeTokenSender, TokenTimeoutError, type TokenHttpResponse, type TokenSender } from './httpSend';
import { displayUrl, redact } from './redact';
import { TokenError } from './tokenError';

/** The token endpoint every official Sinch SDK uses, valid for all regions (reference §1.4). */
export const DEFAULT_TOKEN_URL = 'https://auth.sinch.com/oauth2/token';

export interface TokenRequest {
  tokenUrl: string;
  keyId: string;
  keySecret: string;
  signal?: AbortSignal;
}

export interface AccessToken {
  accessToken: string;
  /** As the server spelled it (`bearer`, `Bearer`). */
  tokenType: string;
  /** Epoch ms: JWT `exp` when the token is a decodable JWT, else from `expires_in`. */
  expiresAt: number;
  /** Epoch ms when the token endpoint answered. */
  fetchedAt: number;
  /** Epoch ms after which getToken fetches a new one (expiresAt minus the skew). */
  refreshAt: number;
  /** True when no request went to the token endpoint for this call. */
  fromCache: boolean;
  /** For a fresh token: the token endpoint's status and how many requests it took (429 retries included). */
  status?: number;
  attempts?: number;
  /** Time spent in this call, ms. */
  timeMs: number;
}

export interface BackoffOptions {
  /** First retry waits up to this long. Default 1000 ms. */
  baseMs: number;
  /** Each retry waits up to this many times longer. Default 4 (1 s, 4 s, 16 s, as the Node SDK). */
  factor: number;
  maxMs: number;
}

export interface TokenManagerOptions {
  send?: TokenSender;
  now?: () => number;
  /** Refresh this long before expiry, but never more than half the token's lifetime. Default 60 s. */
  skewMs?: number;
  /** Retries after a 429 from the token endpoint. Default 3. */
  maxRetries?: number;
  backoff?: Partial<BackoffOptions>;
  /** For jitter; default Math.random. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Per token request. Default 15 s. */
  timeoutMs?: number;
  /** One line per token request; never holds a secret or a token. */
  log?: (line: string) => void;
}

interface CacheEntry {
  token: Omit<AccessToken, 'fromCache' | 'timeMs' | 'status' | 'attempts'>;
  /** Which secret got this token (HMAC under a per-process key; the secret itself is not kept). */
  secretTag: string;
}

/** Tokens without a decodable `exp` nor `expires_in` are assumed to last as long as Sinch's do. */
const ASSUMED_LIFETIME_MS = 3600 * 1000;

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('cancelled'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * OAuth2 client-credentials tokens (reference §2.2): one cached token per (token URL, key id),
 * refreshed shortly before it expires, one request in flight shared by every concurrent caller,
 * 429 answered with jittered exponential backoff. The SDK behaviours worth copying, in one place.
 */
export class TokenManager {
  private readonly send: TokenSender;
  private readonly now: () => number;
  private readonly skewMs: number;
  private readonly maxRetries: number;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();
  private readonly tagKey = randomBytes(32);

  constructor(options: TokenManagerOptions = {}) {
    this.send = options.send ?? nodeTokenSender;
    this.now = options.now ?? Date.now;
    this.skewMs = options.skewMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoff = { baseMs: 1000, factor: 4, maxMs: 16_000, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.log = options.log ?? (() => undefined);
  }

  async getToken(request: TokenRequest): Promise<AccessToken> {
    const started = performance.now();
    const { tokenUrl, keyId, keySecret } = checkRequest(request);
    const key = cacheKey(tokenUrl, keyId);
    const secretTag = createHmac('sha256', this.tagKey).update(keySecret).digest('base64');
    const cached = this.cache.get(key);
    // A changed secret for the same key id means the user fixed or rotated it: never answer with a token the old one got.
    if (cached && cached.secretTag === secretTag && this.now() < cached.token.refreshAt) {
      return { ...cached.token, fromCache: true, timeMs: Math.round(performance.now() - started) };
    }
    const flightKey = `${key}\u0000${secretTag}`;
    let flight = this.inFlight.get(flightKey);
    if (!flight) {
      flight = this.fetchToken(tokenUrl, keyId, keySecret, request.signal)
        .then((token) => {
          this.cache.set(key, {
            token: {
              accessToken: token.accessToken,
              tokenType: token.tokenType,
              expiresAt: token.expiresAt,
              fetchedAt: token.fetchedAt,
              refreshAt: token.refreshAt,
            },
            secretTag,
          });
          return token;
        })
        .finally(() => {
          this.inFlight.delete(flightKey);
        });
      this.inFlight.set(flightKey, flight);
    }
    const token = await flight;
    return { ...token, timeMs: Math.round(performance.now() - started) };
  }

  /** Drops the cached token (e.g. after the API answered 401); the next getToken fetches a new one. */
  invalidate(tokenUrl: string, keyId: string): void {
    this.cache.delete(cacheKey(tokenUrl.trim(), keyId.trim()));
  }

  /** Drops every cached token. */
  clear(): void {
    this.cache.clear();
  }

  private async fetchToken(tokenUrl: string, keyId: string, keySecret: string, signal: AbortSignal | undefined): Promise<AccessToken> {
    const shown = displayUrl(tokenUrl);
    const fail = (reason: ConstructorParameters<typeof TokenError>[0], message: string, status?: number): TokenError =>
      new TokenError(reason, redact(message, [keySecret]), shown, keyId, status);
    const headers = {
      Authorization: `Basic ${Buffer.from(`${keyId}:${keySecret}`, 'utf8').toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      'User-Agent': 'SinchConversationExplorer/0.1',
    };
    for (let attempt = 1; ; attempt++) {
      const sentAt = performance.now();
      let response: TokenHttpResponse;
      try {
        response = await this.send({ url: tokenUrl, headers, body: 'grant_type=client_credentials', timeoutMs: this.timeoutMs, ...(signal ? { signal } : {}) });
      } catch (error) {
        this.log(`token: POST ${shown} (key id ${keyId}) failed: ${redact(errorText(error), [keySecret])}`);
        if (signal?.aborted) throw fail('cancelled', 'Getting an access token was cancelled.');
        if (error instanceof TokenTimeoutError || (error as Error).name === 'TimeoutError') {
          throw fail(
            'timeout',
            `The token endpoint ${shown} did not answer within ${Math.round(this.timeoutMs / 1000)} s. Check the token URL and your network, then try again.`,
          );
        }
        throw fail('network', describeNetworkError(error, tokenUrl));
      }
      const ms = Math.round(performance.now() - sentAt);
      this.log(`token: POST ${shown} (key id ${keyId}) -> ${response.status} (${ms} ms)`);
      if (response.status === 429 && attempt <= this.maxRetries) {
        await this.sleep(this.retryDelay(attempt, response.headers['retry-after']), signal).catch(() => {
          throw fail('cancelled', 'Getting an access token was cancelled.');
        });
        continue;
      }
      if (response.status !== 200) throw fail(...describeStatus(response, shown, keyId, attempt - 1));
      return this.parseToken(response, shown, fail, attempt);
    }
  }

  /** Exponential ceiling with "equal jitter": half fixed, half random, so each wait is longer than the last. */
  private retryDelay(attempt: number, retryAfter: string | undefined): number {
    const ceiling = Math.min(this.backoff.maxMs, this.backoff.baseMs * this.backoff.factor ** (attempt - 1));
    const jittered = ceiling / 2 + (ceiling / 2) * this.random();
    const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
    return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, this.backoff.maxMs) : Math.round(jittered);
  }

  private parseToken(
    response: TokenHttpResponse,
    shown: string,
    fail: (reason: 'bad-response', message: string, status?: number) => TokenError,
    attempts: number,
  ): AccessToken {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(response.body);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      throw fail(
        'bad-response',
        `${shown} answered 200 but not with JSON: it is probably not an OAuth2 token endpoint. Check the token URL (Sinch's is ${DEFAULT_TOKEN_URL}).`,
        200,
      );
    }
    const accessToken = body.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw fail(
        'bad-response',
        `${shown} answered 200 without an access_token: it is probably not an OAuth2 token endpoint. Check the token URL (Sinch's is ${DEFAULT_TOKEN_URL}).`,
        200,
      );
    }
    const tokenType = typeof body.token_type === 'string' && body.token_type !== '' ? body.token_type : 'Bearer';
    const fetchedAt = this.now();
    const expiresIn = Number(body.expires_in);
    const jwtExp = decodeJwtExp(accessToken);
    let expiresAt: number;
    if (jwtExp !== undefined && jwtExp * 1000 > fetchedAt) expiresAt = jwtExp * 1000;
    else if (Number.isFinite(expiresIn) && expiresIn > 0) expiresAt = fetchedAt + expiresIn * 1000;
    else expiresAt = fetchedAt + ASSUMED_LIFETIME_MS;
    const lifetime = expiresAt - fetchedAt;
    const refreshAt = expiresAt - Math.min(this.skewMs, lifetime / 2);
    return { accessToken, tokenType, expiresAt, fetchedAt, refreshAt, fromCache: false, status: response.status, attempts, timeMs: 0 };
  }
}

function cacheKey(tokenUrl: string, keyId: string): string {
  return `${tokenUrl}\u0000${keyId}`;
}

function checkRequest(request: TokenRequest): { tokenUrl: string; keyId: string; keySecret: string } {
  const tokenUrl = (request.tokenUrl ?? '').trim() || DEFAULT_TOKEN_URL;
  const keyId = (request.keyId ?? '').trim();
  const keySecret = request.keySecret ?? '';
  const invalid = (message: string): TokenError => new TokenError('invalid-input', message, displayUrl(tokenUrl), keyId);
  if (keyId === '') throw invalid('No key id is set for this environment. Enter the access key id (Sinch dashboard → Settings → Access keys).');
  if (keySecret === '') throw invalid(`No key secret is stored for key id "${keyId}". Enter it in the environment's credentials.`);
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw invalid(`"${displayUrl(tokenUrl)}" is not a valid token URL. It must start with https:// (Sinch's is ${DEFAULT_TOKEN_URL}).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`The token URL must start with https:// or http:// (got ${url.protocol}).`);
  return { tokenUrl, keyId, keySecret };
}

/** The `exp` claim of a JWT, in seconds; undefined when the token is not a decodable JWT. */
export function decodeJwtExp(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

function oauthDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    const parts = [parsed.error, parsed.error_description].filter((p): p is string => typeof p === 'string' && p !== '');
    if (parts.length > 0) return `: ${parts.join(', ').slice(0, 300)}`;
  } catch {
    /* not JSON */
  }
  return '';
}

/**
 * The one sentence for a key the token endpoint refused, wherever it is shown (a send, the Project view's
 * Check, Get token now): what was refused, what to check, and where both values come from.
 */
export function refusedKeyMessage(keyId: string, answer: string): string {
  return `The token endpoint refused key id "${keyId}" (${answer}): check the key id and key secret in the Sinch dashboard (Settings → Access keys), and create a new key if the secret is lost (it is shown only once).`;
}

function describeStatus(response: TokenHttpResponse, shown: string, keyId: string, retries: number): [TokenError['reason'], string, number] {
  const status = response.status;
  const detail = oauthDetail(response.body);
  if (status === 401 || status === 403) {
    return ['rejected', refusedKeyMessage(keyId, `${status}${detail}`), status];
  }
  if (status === 404) return ['not-found', `Wrong token URL: ${shown} does not exist (404). Check the token URL (Sinch's is ${DEFAULT_TOKEN_URL}).`, status];
  if (status === 429) {
    return [
      'rate-limited',
      `The token endpoint ${shown} is rate limiting (429) and still was after ${retries} ${retries === 1 ? 'retry' : 'retries'}. Wait a minute, then try again; tokens are cached, so this is rare once one is fetched.`,
      status,
    ];
  }
  if (status >= 500)
    return ['server-error', `The token endpoint ${shown} failed (${status}${detail}). Try again later; if it persists, check Sinch's status page.`, status];
  if (status === 400)
    return [
      'bad-request',
      `The token endpoint ${shown} rejected the request (400${detail}). Check that the token URL points at an OAuth2 client-credentials endpoint.`,
      status,
    ];
  return [
    'bad-response',
    `The token endpoint ${shown} answered ${status}${detail} instead of a token. Check the token URL (Sinch's is ${DEFAULT_TOKEN_URL}).`,
    status,
  ];
}

function describeNetworkError(error: unknown, tokenUrl: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  let host = tokenUrl;
  let hostname = tokenUrl;
  try {
    const u = new URL(tokenUrl);
    host = u.host;
    hostname = u.hostname;
  } catch {
    /* keep the raw text */
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `Could not reach the token endpoint: ${host} refused the connection. Check the token URL, and that the server is running.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Could not reach the token endpoint: the host ${hostname} is unknown or unreachable. Check the token URL and your network.`;
    case 'ECONNRESET':
      return `The token endpoint ${host} closed the connection before answering. Try again; if it persists, check proxies and firewalls.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Could not reach the token endpoint: ${host} is unreachable from this network. Check your connection.`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `The TLS certificate of the token endpoint ${host} was rejected (${code}).`;
    default:
      return `Could not reach the token endpoint ${host}: ${errorText(error)}. Check the token URL and your network.`;
  }
}

function errorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
