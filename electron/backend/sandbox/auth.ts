import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors';
import { Reply, type RequestContext } from './http/router';
import { ulid } from '../conversation/ulid';

export interface Credentials {
  projectId: string;
  keyId: string;
  keySecret: string;
}

export interface Principal {
  projectId: string;
  keyId: string;
  scheme: 'bearer' | 'basic';
}

interface TokenClaims {
  iss: string;
  sub: string;
  project_id: string;
  iat: number;
  exp: number;
  jti: string;
}

const BEARER_CHALLENGE = 'Bearer realm="sinch-sandbox"';

/**
 * Issues and checks JWT-shaped access tokens (HS256 with a per-launch key), so SDKs that decode
 * `exp` to refresh early behave exactly as they do against auth.sinch.com.
 */
export class TokenAuthority {
  private readonly signingKey = randomBytes(32);

  constructor(
    private readonly credentials: Credentials,
    private readonly ttlSeconds: number,
    private readonly issuer: string,
  ) {}

  /** POST /oauth2/token (client-credentials grant, client id/secret in Basic auth). */
  handleTokenRequest(ctx: RequestContext): Reply {
    const form = new URLSearchParams(ctx.rawBody.toString('utf8'));
    const basic = parseBasic(ctx.headers.authorization);
    // RFC 6749 §2.3.1 also allows the client credentials as form fields.
    const clientId = basic?.user ?? form.get('client_id') ?? undefined;
    const clientSecret = basic?.password ?? form.get('client_secret') ?? undefined;
    if (clientId === undefined || clientSecret === undefined) {
      return oauthError(401, 'invalid_client', 'Client authentication failed: no credentials were sent.');
    }
    if (!this.matchesKey(clientId, clientSecret)) {
      return oauthError(401, 'invalid_client', 'Client authentication failed: unknown key id or wrong key secret.');
    }
    const grantType = form.get('grant_type');
    if (grantType === null) return oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type '${grantType}'`);
    }
    return new Reply(
      200,
      { access_token: this.issue(), token_type: 'bearer', expires_in: this.ttlSeconds, scope: '' },
      { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    );
  }

  issue(nowMs: number = Date.now()): string {
    const iat = Math.floor(nowMs / 1000);
    const claims: TokenClaims = {
      iss: this.issuer,
      sub: this.credentials.keyId,
      project_id: this.credentials.projectId,
      iat,
      exp: iat + this.ttlSeconds,
      jti: ulid(),
    };
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${this.sign(`${head}.${body}`)}`;
  }

  /** Throws 401 for missing/bad/expired credentials and 403 for another project's path. */
  authenticate(ctx: RequestContext, projectIdInPath: string | undefined): Principal {
    const header = ctx.headers.authorization;
    if (!header) {
      throw ApiError.unauthenticated(
        'Request is missing required authentication credential. Expected OAuth 2 access token or Basic credentials.',
        BEARER_CHALLENGE,
      );
    }
    const principal = this.principalFrom(header);
    if (projectIdInPath !== undefined && projectIdInPath !== principal.projectId) {
      throw ApiError.permissionDenied(`Permission denied for project '${projectIdInPath}'.`);
    }
    return principal;
  }

  private principalFrom(header: string): Principal {
    const [scheme = '', value = ''] = header.split(/\s+/, 2);
    if (scheme.toLowerCase() === 'basic') {
      const basic = parseBasic(header);
      if (!basic || !this.matchesKey(basic.user, basic.password)) {
        throw ApiError.unauthenticated('Invalid Basic credentials: unknown key id or wrong key secret.', 'Basic realm="sinch-sandbox"');
      }
      return { projectId: this.credentials.projectId, keyId: basic.user, scheme: 'basic' };
    }
    if (scheme.toLowerCase() !== 'bearer') {
      throw ApiError.unauthenticated(`Unsupported authorization scheme '${scheme}'.`, BEARER_CHALLENGE);
    }
    const claims = this.verify(value);
    if (!claims) {
      throw ApiError.unauthenticated(
        'Request had invalid authentication credentials. Expected OAuth 2 access token.',
        `${BEARER_CHALLENGE}, error="invalid_token", error_description="The access token is malformed or was not issued by this server"`,
      );
    }
    if (claims.exp * 1000 <= Date.now()) {
      // The SDKs look for the word "expired" in this header to refetch a token and retry once.
      throw ApiError.unauthenticated(
        'Request had invalid authentication credentials. The access token expired.',
        `${BEARER_CHALLENGE}, error="invalid_token", error_description="The access token expired"`,
      );
    }
    return { projectId: claims.project_id, keyId: claims.sub, scheme: 'bearer' };
  }

  private verify(token: string): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [head = '', body = '', signature = ''] = parts;
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const got = Buffer.from(signature);
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenClaims>;
      if (typeof claims.exp !== 'number' || typeof claims.project_id !== 'string' || typeof claims.sub !== 'string') {
        return undefined;
      }
      return claims as TokenClaims;
    } catch {
      return undefined;
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.signingKey).update(data).digest('base64url');
  }

  private matchesKey(id: string, secret: string): boolean {
    return safeEqual(id, this.credentials.keyId) && safeEqual(secret, this.credentials.keySecret);
  }
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  if (!header) return undefined;
  const m = /^basic\s+(.+)$/i.exec(header.trim());
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function oauthError(status: number, error: string, description: string): Reply {
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Basic realm="sinch-sandbox"' } : {};
  return new Reply(status, { error, error_description: description }, headers);
}

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}
