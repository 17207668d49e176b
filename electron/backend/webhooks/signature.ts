import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

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
 * A secret's HMAC pads (RFC 2104), made once each. With them an HMAC is two one-shot hashes
 * (`crypto.hash`), with no Hmac object and native handle made and collected per callback: at
 * thousands of callbacks a second that handle, not the hashing, was most of the cost.
 */
interface Pads {
  inner: Buffer;
  outer: Buffer;
}
const BLOCK = 64;
const pads = new Map<string, Pads>();
/** Reused for the inner hash's input (synchronous use only); a larger body gets a buffer of its own. */
const SCRATCH_BYTES = 64 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
const outerInput = Buffer.allocUnsafe(BLOCK + 32);

function padsOf(secret: string): Pads {
  let found = pads.get(secret);
  if (!found) {
    if (pads.size >= 64) pads.clear();
    let key = Buffer.from(secret, 'utf8');
    if (key.length > BLOCK) key = createHash('sha256').update(key).digest();
    const inner = Buffer.alloc(BLOCK, 0x36);
    const outer = Buffer.alloc(BLOCK, 0x5c);
    for (let i = 0; i < key.length; i++) {
      inner[i] = (inner[i] as number) ^ (key[i] as number);
      outer[i] = (outer[i] as number) ^ (key[i] as number);
    }
    found = { inner, outer };
    pads.set(secret, found);
  }
  return found;
}

/**
 * Base64 HMAC-SHA256 over `<raw body>.<nonce>.<timestamp>`, keyed with the secret's UTF-8
 * bytes. The body must be the exact bytes on the wire: re-serialised JSON would not match.
 */
export function computeSignature(secret: string, rawBody: Buffer | string, nonce: string, timestamp: string): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const suffix = `.${nonce}.${timestamp}`;
  const { inner, outer } = padsOf(secret);
  const size = BLOCK + body.length + Buffer.byteLength(suffix, 'utf8');
  const input = size <= SCRATCH_BYTES ? scratch : Buffer.allocUnsafe(size);
  inner.copy(input, 0);
  body.copy(input, BLOCK);
  input.write(suffix, BLOCK + body.length, 'utf8');
  outer.copy(outerInput, 0);
  hash('sha256', input.subarray(0, size), 'buffer').copy(outerInput, BLOCK);
  return hash('sha256', outerInput, 'buffer').toString('base64');
}

export interface SignOptions {
  /** Fixed nonce, for reproducible test vectors; random otherwise. */
  nonce?: string;
  /** Signing time in Unix seconds; now otherwise. */
  timestampSeconds?: number;
}

export function signCallback(secret: string, rawBody: Buffer | string, options: SignOptions = {}): { headers: Record<string, string> } {
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

export type SignatureFailure = 'missing_headers' | 'unsupported_algorithm' | 'bad_timestamp' | 'timestamp_out_of_window' | 'signature_mismatch';

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
export function verifySignature(secret: string, rawBody: Buffer | string, headers: HeaderBag, options: VerifyOptions = {}): SignatureCheck {
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
  if (!constantTimeEquals(received, computed)) return { ...withSkew, failure: 'signature_mismatch' };
  if (Math.abs(skewSeconds) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ...withSkew, failure: 'timestamp_out_of_window' };
  }
  return { ...withSkew, valid: true };
}

/** Constant-time string comparison; differing lengths return false without comparing. */
export function constantTimeEquals(a: string, b: string): boolean {
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
