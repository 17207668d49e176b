export {
  TokenManager,
  DEFAULT_TOKEN_URL,
  decodeJwtExp,
  refusedKeyMessage,
  type AccessToken,
  type TokenRequest,
  type TokenManagerOptions,
  type BackoffOptions,
} from './tokenManager';
export { TokenError, type TokenErrorReason } from './tokenError';
export { nodeTokenSender, type TokenSender, type TokenHttpRequest, type TokenHttpResponse } from './httpSend';
export {
  AuthorizedSender,
  type AuthMode,
  type AuthSettings,
  type AuthTimelineEntry,
  type AuthorizedSendResult,
  type RequestExecutor,
} from './authorizedSender';
export { redact, displayUrl, REDACTED } from './redact';
