import { BackendError } from '../errors';

export type TokenErrorReason =
  'invalid-input' | 'rejected' | 'not-found' | 'bad-request' | 'rate-limited' | 'server-error' | 'bad-response' | 'network' | 'timeout' | 'cancelled';

/**
 * Getting an access token failed: distinct from an error of the API call itself, so the UI can
 * point at the credentials or the token URL instead of the request. Its message never holds the
 * key secret or a token (it is built from the key id and the URL only, and redacted anyway).
 */
export class TokenError extends BackendError {
  constructor(
    readonly reason: TokenErrorReason,
    message: string,
    readonly tokenUrl: string,
    readonly keyId: string,
    /** HTTP status from the token endpoint, when it answered. */
    readonly status?: number,
  ) {
    super(
      reason === 'invalid-input' || reason === 'rejected' || reason === 'not-found' || reason === 'bad-request' || reason === 'bad-response'
        ? 'INVALID_INPUT'
        : 'INTERNAL',
      message,
    );
    this.name = 'TokenError';
  }

  /** Plain data for the contract or a log line. */
  toJSON(): { name: string; reason: TokenErrorReason; message: string; tokenUrl: string; keyId: string; status?: number } {
    return {
      name: this.name,
      reason: this.reason,
      message: this.message,
      tokenUrl: this.tokenUrl,
      keyId: this.keyId,
      ...(this.status !== undefined ? { status: this.status } : {}),
    };
  }
}
