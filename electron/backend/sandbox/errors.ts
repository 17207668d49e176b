/**
 * Errors shaped like the Conversation API's Google-RPC envelope (reference §14):
 * `{ error: { code, message, status, details } }` where `code` repeats the HTTP status.
 */
export type RpcStatus =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'ABORTED'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNIMPLEMENTED'
  | 'UNAVAILABLE';

export interface ErrorDetail {
  '@type': string;
  [key: string]: unknown;
}

export interface ErrorEnvelope {
  error: { code: number; message: string; status: RpcStatus; details: ErrorDetail[] };
}

export class ApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: RpcStatus,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.httpStatus, message: this.message, status: this.status, details: this.details } };
  }

  /** `field` becomes a google.rpc.BadRequest detail so clients can highlight the offending input. */
  static invalid(message: string, field?: string): ApiError {
    const details: ErrorDetail[] = field ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', field_violations: [{ field, description: message }] }] : [];
    return new ApiError(400, 'INVALID_ARGUMENT', message, details);
  }

  static notFound(message: string): ApiError {
    return new ApiError(404, 'NOT_FOUND', message);
  }

  static failedPrecondition(message: string): ApiError {
    return new ApiError(400, 'FAILED_PRECONDITION', message);
  }

  static permissionDenied(message: string): ApiError {
    return new ApiError(403, 'PERMISSION_DENIED', message);
  }

  static unauthenticated(message: string, wwwAuthenticate: string): ApiError {
    return new ApiError(401, 'UNAUTHENTICATED', message, [], { 'WWW-Authenticate': wwwAuthenticate });
  }
}
