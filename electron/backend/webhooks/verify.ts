import type { SignatureVerdict, WebhookHeader } from '../../../shared/model/webhookEvent';
import {
  ALGORITHM_HEADER,
  DEFAULT_TOLERANCE_SECONDS,
  NONCE_HEADER,
  SIGNATURE_ALGORITHM,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  computeSignature,
  constantTimeEquals,
} from './signature';

/** A webhook secret the listener may try; the label is what the page shows (never the secret). */
export interface CandidateSecret {
  label: string;
  secret: string;
}

/**
 * Remembers the nonces of signed callbacks to spot a replay. Bounded: the least recently seen
 * nonce is forgotten first. A ring of sightings in order plus a map from each nonce to its latest
 * sighting: a Map used as the queue itself (delete the first key, add at the end) made V8 walk
 * its deleted slots on every eviction, about 8 µs a callback once full.
 */
export class NonceCache {
  /** Nonce → number of its latest sighting. */
  private readonly seen = new Map<string, number>();
  private readonly ring: string[] = [];
  private sightings = 0;

  constructor(readonly capacity = 10_000) {}

  /** Whether the nonce was seen before; records it either way (and refreshes its place). */
  checkAndRemember(nonce: string): boolean {
    const before = this.seen.has(nonce);
    if (this.capacity <= 0) return before;
    const at = this.sightings++;
    const slot = at % this.capacity;
    if (this.ring.length < this.capacity) {
      this.ring.push(nonce);
    } else {
      // The oldest sighting leaves the ring; its nonce is forgotten unless it was seen again since.
      const oldest = this.ring[slot] as string;
      if (this.seen.get(oldest) === at - this.capacity) this.seen.delete(oldest);
      this.ring[slot] = nonce;
    }
    this.seen.set(nonce, at);
    return before;
  }

  has(nonce: string): boolean {
    return this.seen.has(nonce);
  }

  get size(): number {
    return this.seen.size;
  }

  clear(): void {
    this.seen.clear();
    this.ring.length = 0;
    this.sightings = 0;
  }
}

export interface VerifyCallbackOptions {
  /** Receiver clock, Unix seconds; now by default. */
  nowSeconds?: number;
  /** Accepted |skew|, seconds; default 300 (§13 "± 5 minutes"). */
  toleranceSeconds?: number;
  /** Replay memory; without one, no nonce counts as seen. */
  nonces?: NonceCache;
}

/** Which signature headers a request carries, without needing its body. */
export function signatureHeadersOf(headers: readonly WebhookHeader[]): {
  signature?: string;
  nonce?: string;
  timestamp?: string;
  algorithm?: string;
} {
  // One pass, each name lower-cased once (this runs for every callback); the first of a repeated header wins.
  const found: { signature?: string; nonce?: string; timestamp?: string; algorithm?: string } = {};
  for (const header of headers) {
    const name = header.name.toLowerCase();
    if (name === SIGNATURE_HEADER) found.signature ??= header.value;
    else if (name === NONCE_HEADER) found.nonce ??= header.value;
    else if (name === TIMESTAMP_HEADER) found.timestamp ??= header.value;
    else if (name === ALGORITHM_HEADER) found.algorithm ??= header.value;
  }
  return { signature: found.signature, nonce: found.nonce, timestamp: found.timestamp, algorithm: found.algorithm };
}

/**
 * Verdict for one callback (§13): over the raw bytes exactly as received, trying each candidate
 * secret with a constant-time comparison. Order of checks:
 * unsigned → malformed_headers → unknown_secret (no candidate) → invalid (none matched) →
 * replayed (nonce seen before) → stale (outside the window) → valid.
 * The nonce is remembered only when a secret matched, so forged requests cannot flood the cache.
 */
export function verifyCallback(
  rawBody: Buffer,
  headers: readonly WebhookHeader[],
  candidates: readonly CandidateSecret[],
  options: VerifyCallbackOptions = {},
): SignatureVerdict {
  const { signature, nonce, timestamp, algorithm } = signatureHeadersOf(headers);
  const nonceSeen = nonce !== undefined && (options.nonces?.has(nonce) ?? false);
  const base: SignatureVerdict['details'] = {
    receivedSignature: signature,
    algorithm,
    nonce,
    timestamp,
    nonceSeenBefore: nonceSeen,
  };
  if (signature === undefined && nonce === undefined && timestamp === undefined && algorithm === undefined) {
    return { kind: 'unsigned', details: { nonceSeenBefore: false, note: 'No x-sinch-webhook-signature headers: the webhook has no secret.' } };
  }
  const missing = [
    signature === undefined ? SIGNATURE_HEADER : null,
    nonce === undefined ? NONCE_HEADER : null,
    timestamp === undefined ? TIMESTAMP_HEADER : null,
  ].filter((x): x is string => x !== null);
  if (missing.length > 0) {
    return { kind: 'malformed_headers', details: { ...base, note: `Missing ${missing.join(', ')}.` } };
  }
  if (algorithm !== undefined && algorithm !== SIGNATURE_ALGORITHM) {
    return { kind: 'malformed_headers', details: { ...base, note: `Unsupported algorithm "${algorithm}"; only ${SIGNATURE_ALGORITHM} is documented.` } };
  }
  const sig = signature as string;
  const n = nonce as string;
  const ts = timestamp as string;
  if (!/^\d{1,15}$/.test(ts)) {
    return { kind: 'malformed_headers', details: { ...base, note: `The timestamp "${ts}" is not Unix seconds.` } };
  }
  const toleranceSeconds = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const skewSeconds = now - Number(ts);
  const nonceBytes = Buffer.byteLength(n, 'utf8');
  const timestampBytes = Buffer.byteLength(ts, 'utf8');
  // Each verdict's details are one object literal with every field in the same order: spreading
  // an object and adding fields to the copy takes V8's slow path, ~1.5 µs a field, per callback.
  const signedDetails = (computedSignature: string | undefined, nonceSeenBefore: boolean, note: string | undefined): SignatureVerdict['details'] => ({
    receivedSignature: sig,
    computedSignature,
    algorithm,
    nonce: n,
    timestamp: ts,
    skewSeconds,
    signedStringLength: rawBody.length + 1 + nonceBytes + 1 + timestampBytes,
    signedStringParts: { bodyBytes: rawBody.length, nonce: nonceBytes, timestamp: timestampBytes },
    nonceSeenBefore,
    triedSecrets: candidates.map((c) => c.label),
    toleranceSeconds,
    note,
  });
  if (candidates.length === 0) {
    return { kind: 'unknown_secret', details: signedDetails(undefined, nonceSeen, 'Signed, but no secret is configured for this app or webhook.') };
  }
  let matched: CandidateSecret | undefined;
  let firstComputed: string | undefined;
  for (const candidate of candidates) {
    const computed = computeSignature(candidate.secret, rawBody, n, ts);
    firstComputed ??= computed;
    // Compare every candidate (no early exit) so timing does not reveal which secret matched.
    if (constantTimeEquals(sig, computed) && !matched) matched = candidate;
  }
  if (!matched) {
    return {
      kind: 'invalid',
      secretLabel: candidates[0]?.label,
      details: signedDetails(
        firstComputed,
        nonceSeen,
        'No configured secret gives this signature: the body, nonce or timestamp was altered, or another secret signed it.',
      ),
    };
  }
  const seenBefore = options.nonces ? options.nonces.checkAndRemember(n) : false;
  if (seenBefore)
    return {
      kind: 'replayed',
      secretLabel: matched.label,
      details: signedDetails(sig, true, 'This nonce was already received: a replay (or a retry reusing the nonce).'),
    };
  if (Math.abs(skewSeconds) > toleranceSeconds) {
    return {
      kind: 'stale',
      secretLabel: matched.label,
      details: signedDetails(sig, false, `Signed ${skewSeconds} s from now; the window is ±${toleranceSeconds} s.`),
    };
  }
  return { kind: 'valid', secretLabel: matched.label, details: signedDetails(sig, false, undefined) };
}
