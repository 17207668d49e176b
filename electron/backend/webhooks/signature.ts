import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * Conversation API callback signing (reference §13). Shared by the sandbox, which signs the
 * callbacks it sends, and the webhook inspector, which verifies what it receives.
 */

export const SIGNATURE_HEADER = 'x-sinch-webhook-signature';
export const NONCE_HEADER = 'x-sinch-webhook-signature-nonce';
export const TIMESTAMP_HEADER = 'x-sinch-webhook-signature-timestamp';
export const ALGORITHM_HEADER = 'x-sinch-webhook-signature-algorithm';
export const SIGNATURE_ALGORITHM = 'HmacSHA256';

/** Default accepted clock skew, in seconds, between the signing time and the receiver. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Base64 HMAC-SHA256 over `<raw body>.<nonce>.<timestamp>`, keyed with the secret's UTF-8
 * bytes. The body must be the exact bytes on the wire: re-serialised JSON would not match.
 */
/** Secrets as key objects, made once each: creating the key is a quarter of an HMAC over 1 KB. Few secrets live at once. */
const keys = new Map<string, KeyObject>();

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 64) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export function computeSignature(secret: string, rawBody: Buffer | string, nonce: string, timestamp: string): string {
  // An empty secret cannot be a key object; it still signs (and is refused elsewhere as a webhook secret).
  const hmac = createHmac('sha256', secret === '' ? Buffer.alloc(0) : keyOf(secret));
  hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  hmac.update(`.${nonce}.${timestamp}`, 'utf8');
  return hmac.digest('base64');
}

export interface SignOptions {
  /** Fixed nonce, for reproducible test vectors; random otherwise. */
  nonce?: string;
  /** Signing time in Unix seconds; now otherwise. */
  timestampSeconds?: number;
}

export function signCallback(
  secret: string,
  rawBody: Buffer | string,
  options: SignOptions = {},
): { headers: Record<string, string> } {
  const nonce = options.nonce ?? randomNonce();
  const timestamp = String(options.timestampSeconds ?? Math.floor(Date.now() / 1000));
  return {
    headers: {
      [SIGNATURE_HEADER]: computeSignature(secret, rawBody, nonce, timestamp),
      [NONCE_HEADER]: nonce,
      [TIMESTAMP_HEADER]: timestamp,
      [ALGORITHM_HEADER]: SIGNATURE_ALGORITHM,
    },
  };
}

export type SignatureFailure =
  | 'missing_headers'
  | 'unsupported_algorithm'
  | 'bad_timestamp'
  | 'timestamp_out_of_window'
  | 'signature_mismatch';

export interface SignatureCheck {
  valid: boolean;
  /** Why it is not valid; absent when valid. */
  failure?: SignatureFailure;
  received?: string;
  /** What the signature should be for this body, nonce and timestamp (absent if headers are missing). */
  computed?: string;
  nonce?: string;
  timestamp?: string;
  /** Receiver time minus signing time, in seconds. */
  skewSeconds?: number;
  /** Length in bytes of `<body>.<nonce>.<timestamp>`, to help spot a body that was altered. */
  signedLength?: number;
}

export interface VerifyOptions {
  nowSeconds?: number;
  toleranceSeconds?: number;
}

type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * Verifies a received callback. Header names are matched case-insensitively because proxies
 * and frameworks disagree on casing. Nonce replay tracking is left to the caller, which owns
 * the history of seen nonces.
 */
export function verifySignature(
  secret: string,
  rawBody: Buffer | string,
  headers: HeaderBag,
  options: VerifyOptions = {},
): SignatureCheck {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) lower[name.toLowerCase()] = first;
  }
  const received = lower[SIGNATURE_HEADER];
  const nonce = lower[NONCE_HEADER];
  const timestamp = lower[TIMESTAMP_HEADER];
  const algorithm = lower[ALGORITHM_HEADER];
  if (received === undefined || nonce === undefined || timestamp === undefined) {
    return { valid: false, failure: 'missing_headers', received, nonce, timestamp };
  }
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const computed = computeSignature(secret, body, nonce, timestamp);
  const signedLength = body.length + Buffer.byteLength(`.${nonce}.${timestamp}`, 'utf8');
  const base: SignatureCheck = { valid: false, received, computed, nonce, timestamp, signedLength };
  if (algorithm !== undefined && algorithm !== SIGNATURE_ALGORITHM) {
    return { ...base, failure: 'unsupported_algorithm' };
  }
  if (!/^\d+$/.test(timestamp)) return { ...base, failure: 'bad_timestamp' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const skewSeconds = now - Number(timestamp);
  const withSkew = { ...base, skewSeconds };
  if (!constantTimeEqual(received, computed)) return { ...withSkew, failure: 'signature_mismatch' };
  if (Math.abs(skewSeconds) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ...withSkew, failure: 'timestamp_out_of_window' };
  }
  return { ...withSkew, valid: true };
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual throws on different lengths; a length mismatch leaks nothing about the secret.
  return left.length === right.length && timingSafeEqual(left, right);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID-shaped random string, like the nonces Sinch sends. */
function randomNonce(): string {
  const bytes = randomBytes(26);
  let out = '';
  for (const b of bytes) out += CROCKFORD.charAt(b % 32);
  return out;
}
