import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, signCallback, verifySignature } from '../../../electron/backend/webhooks/signature';

describe('callback signature helpers', () => {
  const secret = 'my-webhook-secret';
  const body = '{"app_id":"01ABC","message":{"id":"01M"}}\n';

  it('signs <raw body>.<nonce>.<timestamp> with HMAC-SHA256, base64 with padding', () => {
    const expected = createHmac('sha256', secret).update(`${body}.01NONCE.1634579353`).digest('base64');
    const signature = computeSignature(secret, body, '01NONCE', '1634579353');
    expect(signature).toBe(expected);
    expect(signature).toHaveLength(44);
    expect(signature.endsWith('=')).toBe(true);
    expect(computeSignature(secret, Buffer.from(body), '01NONCE', '1634579353')).toBe(expected);
  });

  it("gives what Node's Hmac gives for any secret length and body size (the pads are made by hand)", () => {
    // Secrets shorter than, exactly, and longer than SHA-256's 64-byte block (a longer one is hashed
    // first), multi-byte characters, empty; bodies empty, small, and larger than the reused buffer.
    const secrets = ['', 's', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(65), 'ü'.repeat(40), 'k'.repeat(300)];
    const bodies = [Buffer.alloc(0), Buffer.from(body), Buffer.alloc(100_000, 0x61), Buffer.from('{"t":"é😀"}')];
    for (const s of secrets) {
      for (const b of bodies) {
        const expected = createHmac('sha256', Buffer.from(s, 'utf8')).update(b).update('.nönce.1634579353').digest('base64');
        expect(computeSignature(s, b, 'nönce', '1634579353'), `secret of ${s.length} chars, body of ${b.length} bytes`).toBe(expected);
      }
    }
    // After a large body, a small one is not signed over the large one's leftover bytes.
    expect(computeSignature(secret, body, 'n', '1')).toBe(createHmac('sha256', secret).update(`${body}.n.1`).digest('base64'));
  });

  it('produces the four headers and verifies its own output', () => {
    const { headers } = signCallback(secret, body);
    expect(headers['x-sinch-webhook-signature-algorithm']).toBe('HmacSHA256');
    expect(headers['x-sinch-webhook-signature-timestamp']).toMatch(/^\d+$/);
    expect(headers['x-sinch-webhook-signature-nonce']).toMatch(/^[0-9A-Z]{26}$/);
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifySignature(secret, body, upper).valid).toBe(true);
  });

  it('explains why a callback does not verify', () => {
    const { headers } = signCallback(secret, body, { nonce: 'N', timestampSeconds: 1_000_000 });
    expect(verifySignature(secret, body, headers, { nowSeconds: 1_000_100 }).valid).toBe(true);
    expect(verifySignature(secret, `${body} `, headers, { nowSeconds: 1_000_000 }).failure).toBe('signature_mismatch');
    expect(verifySignature('other', body, headers, { nowSeconds: 1_000_000 }).failure).toBe('signature_mismatch');
    const late = verifySignature(secret, body, headers, { nowSeconds: 1_000_301 });
    expect(late.failure).toBe('timestamp_out_of_window');
    expect(late.skewSeconds).toBe(301);
    expect(verifySignature(secret, body, {}).failure).toBe('missing_headers');
  });
});
