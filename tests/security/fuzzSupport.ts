import { connect } from 'node:net';
import fc from 'fast-check';

/** Property names an attacker reaches for, mixed into generated keys and paths. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineSetter__'] as const;

/** Bounded runs: enough to find the classic mistakes, short enough for `npm test`. */
export function runs(numRuns: number, timeLimitMs = 20_000): fc.Parameters<unknown> {
  return { numRuns, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false };
}

/**
 * JSON text (not values: JSON.stringify would never emit an own "__proto__" key) with hostile
 * keys, `fieldKeys` the endpoint knows, and arbitrary strings, nested a few levels.
 */
export function jsonText(fieldKeys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.constantFrom(...fieldKeys), fc.string({ maxLength: 8 }));
  const leaf = fc.oneof(
    fc.constant('null'),
    fc.boolean().map(String),
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
    fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  );
  const { value } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
    object: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  }));
  return value;
}

/** Text that is not JSON, or JSON nested far too deep. */
export function hostileText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer({ min: 0, max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc.integer({ min: 0, max: 5000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    fc.nat({ max: 200 }).map((n) => '['.repeat(n)),
  );
}

/** A snapshot of Object.prototype, to prove nothing was added or replaced. */
export function prototypeSnapshot(): string {
  return Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((name) => `${name}:${typeof Object.getOwnPropertyDescriptor(Object.prototype, name)?.value}`)
    .join(',');
}

export interface RawReply {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 exchange written by hand on a fresh socket, so request targets and bytes reach the
 * server exactly as generated (fetch and node:http would normalise or refuse them first).
 */
export function rawExchange(port: number, head: string, body: Buffer = Buffer.alloc(0), timeoutMs = 10_000): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(head.slice(0, 120))}`));
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const lines = (end === -1 ? text : text.slice(0, end)).split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status, headers, body: end === -1 ? '' : text.slice(end + 4) });
    });
    // No half-close: a server may answer after its own async work, and the request says
    // `Connection: close`, so the server ends the exchange.
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}
