import type { WebhookEvent, WebhookHeader } from '../../../shared/model/webhookEvent';
import { sendRaw, type SendResult } from './forward';
import { ALGORITHM_HEADER, NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signCallback } from './signature';

const SIGNATURE_HEADERS = new Set([SIGNATURE_HEADER, NONCE_HEADER, TIMESTAMP_HEADER, ALGORITHM_HEADER]);

/** Header marking a request the explorer sent again, so the listener (and the user) can tell. */
export const REPLAY_OF_HEADER = 'x-sinch-explorer-replay-of';

export interface ReplayOptions {
  /** New body text (edit-then-replay); the stored raw bytes otherwise. */
  body?: string;
  /**
   * Sign again with this secret: fresh nonce and timestamp, replacing the stored signature
   * headers. Without it the original headers go out unchanged, so an edited body shows as
   * `invalid` and an unedited one as `replayed` (same nonce) — which is the point of a replay.
   */
  resign?: { secret: string };
  /** Drop the signature headers altogether (to see how a handler treats unsigned callbacks). */
  unsigned?: boolean;
  timeoutMs?: number;
}

export interface ReplayRequest {
  method: string;
  headers: WebhookHeader[];
  body: Buffer;
}

/** The stored raw bytes of an event: the exact bytes when they were not UTF-8. */
export function rawBodyOf(event: Pick<WebhookEvent, 'bodyText' | 'bodyBase64'>): Buffer {
  return event.bodyBase64 !== undefined ? Buffer.from(event.bodyBase64, 'base64') : Buffer.from(event.bodyText, 'utf8');
}

/** Builds what a replay sends, without sending it (the page shows it before the user confirms). */
export function buildReplayRequest(event: WebhookEvent, options: ReplayOptions = {}): ReplayRequest {
  const body = options.body !== undefined ? Buffer.from(options.body, 'utf8') : rawBodyOf(event);
  let headers = event.headers.filter((h) => h.name.toLowerCase() !== REPLAY_OF_HEADER);
  if (options.resign || options.unsigned) headers = headers.filter((h) => !SIGNATURE_HEADERS.has(h.name.toLowerCase()));
  if (options.resign) {
    const signed = signCallback(options.resign.secret, body).headers;
    for (const [name, value] of Object.entries(signed)) headers.push({ name, value });
  }
  headers.push({ name: REPLAY_OF_HEADER, value: event.id });
  return { method: event.method, headers, body };
}

/**
 * Sends a stored event again to `target` (the listener's own URL, or any URL): same method,
 * headers (minus hop-by-hop) and raw body, or an edited body, optionally re-signed.
 */
export async function replayEvent(event: WebhookEvent, target: string, options: ReplayOptions = {}): Promise<SendResult & { request: ReplayRequest }> {
  const request = buildReplayRequest(event, options);
  const result = await sendRaw(target, request, { timeoutMs: options.timeoutMs });
  return { ...result, request };
}
