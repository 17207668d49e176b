import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookListener } from '../../../electron/backend/webhooks/listener';
import { sampleCallback } from '../../../electron/backend/webhooks/samples';
import { signCallback } from '../../../electron/backend/webhooks/signature';
import { post, SECRET, startHarness, type Harness } from './helpers';

describe('webhook listener over HTTP', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('gives each signed callback its verdict: valid, tampered, wrong secret, missing headers, stale, replayed, unsigned', async () => {
    h = await startHarness();
    const sample = sampleCallback('MESSAGE_DELIVERY', { secret: SECRET });
    expect(await post(`${h.url}sinch`, sample.body, sample.headers)).toBe(200);
    // The same request again: same nonce → replay.
    expect(await post(`${h.url}sinch`, sample.body, sample.headers)).toBe(200);
    await post(h.url, sample.body.replace('DELIVERED', 'FAILED'), sampleCallback('MESSAGE_DELIVERY', { secret: SECRET }).headers);
    const tampered = sampleCallback('MESSAGE_DELIVERY', { secret: SECRET });
    await post(h.url, `${tampered.body} `, tampered.headers);
    const wrong = sampleCallback('MESSAGE_DELIVERY', { secret: 'someone-else' });
    await post(h.url, wrong.body, wrong.headers);
    const missing = sampleCallback('MESSAGE_DELIVERY', { secret: SECRET });
    delete missing.headers['x-sinch-webhook-signature-timestamp'];
    await post(h.url, missing.body, missing.headers);
    const stale = sampleCallback('MESSAGE_DELIVERY', { secret: SECRET, now: new Date(Date.now() - 600_000) });
    await post(h.url, stale.body, stale.headers);
    const unsigned = sampleCallback('MESSAGE_DELIVERY');
    await post(h.url, unsigned.body, unsigned.headers);
    await h.listener.idle();
    expect(h.events.map((e) => e.verdict.kind)).toEqual(['valid', 'replayed', 'invalid', 'invalid', 'invalid', 'malformed_headers', 'stale', 'unsigned']);
    const [valid, replayed] = h.events;
    expect(valid?.verdict.secretLabel).toBe('test');
    expect(valid?.verdict.details.computedSignature).toBe(sample.headers['x-sinch-webhook-signature']);
    expect(valid?.path).toBe('/sinch');
    expect(valid?.trigger).toBe('MESSAGE_DELIVERY');
    expect(valid?.bodyText).toBe(sample.body);
    expect(replayed?.verdict.details.nonceSeenBefore).toBe(true);
    expect(h.events[6]?.verdict.details.skewSeconds).toBeGreaterThanOrEqual(599);
    expect(h.store.query({ verdicts: ['invalid'] }).total).toBe(3);
  });

  it('says unknown_secret when no secret is configured for the app, and asks the provider with the app id', async () => {
    const asked: Array<string | undefined> = [];
    h = await startHarness({
      secretsFor: async ({ appId }) => {
        asked.push(appId);
        return appId === 'APP-WITH-SECRET' ? [{ label: 'webhook:1', secret: SECRET }] : [];
      },
    });
    const other = sampleCallback('MESSAGE_INBOUND', { appId: 'APP-NO-SECRET', secret: SECRET });
    await post(h.url, other.body, other.headers);
    const known = sampleCallback('MESSAGE_INBOUND', { appId: 'APP-WITH-SECRET', secret: SECRET });
    await post(h.url, known.body, known.headers);
    await h.listener.idle();
    expect(h.events.map((e) => [e.verdict.kind, e.verdict.secretLabel])).toEqual([
      ['unknown_secret', undefined],
      ['valid', 'webhook:1'],
    ]);
    expect(asked).toEqual(['APP-NO-SECRET', 'APP-WITH-SECRET']);
  });

  it('records bad input instead of dropping it: malformed JSON, other content types, empty and non-UTF-8 bodies, headers without a body', async () => {
    h = await startHarness();
    await post(h.url, '{"app_id": "x", broken', { 'Content-Type': 'application/json' });
    await post(h.url, 'hello=world', { 'Content-Type': 'application/x-www-form-urlencoded' });
    await post(h.url, '', { 'Content-Type': 'application/json' });
    await post(h.url, Buffer.from([0xff, 0xfe, 0x00, 0x41]), { 'Content-Type': 'application/octet-stream' });
    await post(h.url, '', signCallback(SECRET, '{"signed":"but the body is missing"}').headers);
    await h.listener.idle();
    const [malformed, form, empty, binary, headersOnly] = h.events;
    expect(h.events).toHaveLength(5);
    expect(h.events.every((e) => e.responseStatus === 200 && e.rejected === null && e.trigger === 'UNKNOWN')).toBe(true);
    expect(malformed?.json.ok).toBe(false);
    expect(malformed?.bodyText).toBe('{"app_id": "x", broken');
    expect(form?.json).toMatchObject({ ok: false, error: expect.stringContaining('application/x-www-form-urlencoded') as unknown });
    expect(empty?.json).toEqual({ ok: false, error: 'empty body' });
    expect(empty?.sizeBytes).toBe(0);
    expect(binary?.bodyBase64).toBe(Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('base64'));
    expect(headersOnly?.verdict.kind).toBe('invalid');
    expect(headersOnly?.verdict.details.signedStringParts?.bodyBytes).toBe(0);
    expect(h.store.query().total).toBe(5);
  });

  it('answers 413 to a 2 MB body (declared or chunked) and records it as rejected', async () => {
    h = await startHarness();
    const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
    expect(await post(h.url, big, { 'Content-Type': 'application/json' })).toBe(413);
    // Chunked: no Content-Length, so the limit is found while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(h?.url ?? '', { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 32; i++) req.write(big.subarray(0, 64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    await h.listener.idle();
    expect(h.events.map((e) => [e.rejected?.reason, e.responseStatus, e.bodyText])).toEqual([
      ['too_large', 413, ''],
      ['too_large', 413, ''],
    ]);
    expect(h.events[0]?.sizeBytes).toBe(2 * 1024 * 1024);
    expect(h.listener.status().rejected).toBe(2);
  });

  it('answers 408 to a client that stalls mid-body, records what arrived, and answers 405 to a GET', async () => {
    h = await startHarness({ bodyTimeoutMs: 300 });
    const port = h.listener.status().port;
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"app_id":');
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    const res = await fetch(`${h.url}probe`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    await h.listener.idle();
    expect(h.events.map((e) => [e.rejected?.reason, e.responseStatus, e.path])).toEqual([
      ['timeout', 408, '/slow'],
      ['method', 405, '/probe'],
    ]);
    expect(h.events[0]?.bodyText).toBe('{"app_id":');
  });

  it('answers 200 concurrent connections and loses none', async () => {
    h = await startHarness();
    const url = h.url;
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const s = sampleCallback(i % 2 ? 'MESSAGE_INBOUND' : 'MESSAGE_DELIVERY', { secret: SECRET });
        // A fresh connection each: no keep-alive pooling hides concurrency.
        return fetch(`${url}n/${i}`, { method: 'POST', headers: { ...s.headers, Connection: 'close' }, body: s.body }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        });
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    await h.listener.idle();
    expect(h.store.query().total).toBe(200);
    expect(new Set(h.events.map((e) => e.path)).size).toBe(200);
    expect(h.events.every((e) => e.verdict.kind === 'valid')).toBe(true);
    await h.store.flush();
  });

  it('replies as configured, changeable at runtime (status, body, delay)', async () => {
    h = await startHarness({ reply: { status: 503 } });
    expect(await post(h.url, '{}')).toBe(503);
    h.listener.setReply({ status: 202, body: '{"ok":true}', contentType: 'application/json', delayMs: 150 });
    const started = Date.now();
    const res = await fetch(h.url, { method: 'POST', body: '{}' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('{"ok":true}');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(() => h?.listener.setReply({ status: 42 })).toThrow(/between 100 and 599/);
    await h.listener.idle();
    expect(h.events.map((e) => e.responseStatus)).toEqual([503, 202]);
  });

  it('names the port and what to do when it is taken, and warns when reachable from the network', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(new WebhookListener({ port }).start()).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*choose another port`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    expect(new WebhookListener().status()).toMatchObject({ host: '127.0.0.1', port: 3737, listening: false });
    expect(new WebhookListener().status().warning).toBeUndefined();
    expect(new WebhookListener({ host: '0.0.0.0' }).status().warning).toMatch(/reachable from other machines/);
  });
});
