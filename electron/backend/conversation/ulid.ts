import { randomBytes } from 'node:crypto';

// Crockford base32, as in the ULID spec: no I, L, O, U so ids survive being read aloud or retyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];
let pool = Buffer.alloc(0);
let poolAt = 0;

/**
 * A 26-character ULID (48-bit millisecond time + 80 random bits). Sinch ids look like this, and
 * being time-ordered they sort by creation, which keeps in-memory listings stable.
 * Monotonic within one millisecond so two ids minted back to back still sort in order.
 * The sandbox names its resources with it, the webhook listener its events and the samples their
 * ids; it lives here rather than beside the pure shapes in shared/conversation/ because it draws
 * on node:crypto.
 */
export function ulid(now: number = Date.now()): string {
  let random: number[];
  if (now === lastTime) {
    random = incrementBase32(lastRandom);
  } else {
    // Drawn from a pool refilled 4 KB at a time: one randomBytes call per id cost more than the id.
    if (poolAt + 16 > pool.length) {
      pool = randomBytes(4096);
      poolAt = 0;
    }
    random = new Array<number>(16);
    for (let i = 0; i < 16; i++) random[i] = (pool[poolAt + i] as number) % 32;
    poolAt += 16;
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  let tail = '';
  for (const d of random) tail += ALPHABET.charAt(d);
  return time + tail;
}

function incrementBase32(digits: number[]): number[] {
  const next = digits.slice();
  for (let i = next.length - 1; i >= 0; i--) {
    const d = (next[i] ?? 0) + 1;
    if (d < 32) {
      next[i] = d;
      return next;
    }
    next[i] = 0;
  }
  // Overflow of 80 random bits within one millisecond cannot happen in practice; wrap silently.
  return next;
}
