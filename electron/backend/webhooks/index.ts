/** The webhook inspector's backend: one import for the composition root and the CLI. */
export { WebhookEventStore, DEFAULT_WEBHOOK_STORE_LIMITS, WEBHOOK_LINE_VERSION, type WebhookPage, type WebhookStoreLimits } from './eventStore';
export { forwardCallback, passThroughHeaders, sendRaw, HOP_BY_HOP_HEADERS, DEFAULT_FORWARD_TIMEOUT_MS, type RawRequest, type SendResult } from './forward';
export {
  WebhookListener,
  DEFAULT_LISTENER_PORT,
  DEFAULT_LISTENER_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_NONCE_CACHE_SIZE,
  DEFAULT_REPLY,
  type ListenerStatus,
  type ReplyConfig,
  type SecretsProvider,
  type WebhookListenerOptions,
} from './listener';
export { replayEvent, buildReplayRequest, rawBodyOf, REPLAY_OF_HEADER, type ReplayOptions, type ReplayRequest } from './replay';
export { sampleCallback, fireSample, SAMPLE_APP_ID, SAMPLE_PROJECT_ID, type SampleCallback, type SampleOptions } from './samples';
export { verifyCallback, NonceCache, signatureHeadersOf, type CandidateSecret, type VerifyCallbackOptions } from './verify';
export { computeSignature, constantTimeEquals, signCallback, verifySignature } from './signature';
