// Finding 6 of issue #10: the webhook listener kept slow-header connections open ~23 s with a
// 10 s header timeout (Node only checks every 30 s), and a binary flood held ~800 MB because each
// non-UTF-8 body was kept three times (bytes, a lossy text copy, base64).
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { post, startHarness, type Harness } from '../integration/webhooks/helpers';

/** Opens a connection that sends its headers one line at a time, forever; resolves with how long the listener let it live. */
function slowHeaders(url: string, everyMs: number, giveUpMs: number): Promise<number> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1');
    let n = 0;
    socket.write('POST /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => socket.write(`X-Slow-${n++}: ${'a'.repeat(8)}\r\n`), everyMs);
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      resolve(Date.now() - started);
    });
  });
}

describe('webhook listener limits', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('closes a connection still sending headers when the header timeout passes', async () => {
    h = await startHarness({ headersTimeoutMs: 1000 });
    const lived = await slowHeaders(h.url, 200, 8000);
    expect(lived).toBeGreaterThanOrEqual(900);
    expect(lived).toBeLessThan(2500);
    // Ordinary callbacks still go through.
    expect(await post(h.url, '{"app_id":"a"}', { 'Content-Type': 'application/json' })).toBe(200);
  });

  it('a connection that sends nothing at all is closed at the header timeout too', async () => {
    h = await startHarness({ headersTimeoutMs: 1000 });
    const { port } = new URL(h.url);
    const lived = await new Promise<number>((resolve) => {
      const started = Date.now();
      const socket = connect(Number(port), '127.0.0.1');
      const giveUp = setTimeout(() => socket.destroy(), 8000);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve(Date.now() - started);
      });
    });
    expect(lived).toBeLessThan(2500);
  });

  it('keeps a binary body once (base64) with a short text preview, so a flood stays bounded', async () => {
    h = await startHarness({ maxBodyBytes: 256 * 1024 });
    const body = randomBytes(200 * 1024);
    body[0] = 0xff; // never valid UTF-8
    for (let i = 0; i < 8; i++) expect(await post(h.url, body, { 'Content-Type': 'application/octet-stream' })).toBe(200);
    await h.listener.idle();
    expect(h.events).toHaveLength(8);
    for (const event of h.events) {
      expect(Buffer.from(event.bodyBase64 ?? '', 'base64').equals(body)).toBe(true);
      expect(event.sizeBytes).toBe(body.length);
      // The lossy text copy is a preview, not a second (and, as UTF-16 with U+FFFD, larger) copy.
      expect(event.bodyText.length).toBeLessThanOrEqual(4096);
      const stored = h.store.get(event.id);
      expect(stored?.bodyBase64).toBe(event.bodyBase64);
    }
  });

  it('bodies held at once across connections are capped: past the cap a sender gets 503 (and retries), and the budget comes back', async () => {
    h = await startHarness({ maxBodyBytes: 256 * 1024, maxBufferedBytes: 250 * 1024 });
    const { port } = new URL(h.url);
    const open = (): { socket: Socket; reply: Promise<string> } => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('error', () => undefined);
      const reply = new Promise<string>((resolve) => {
        socket.on('data', () => {
          if (text.includes('\r\n')) resolve(text.split('\r\n')[0] ?? '');
        });
        socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
      });
      socket.write(
        `POST /held HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: ${200 * 1024}\r\nConnection: close\r\n\r\n`,
      );
      return { socket, reply };
    };
    const a = open();
    a.socket.write(Buffer.alloc(150 * 1024, 0x61));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const b = open();
    b.socket.write(Buffer.alloc(200 * 1024, 0x62));
    expect(await b.reply).toMatch(/^HTTP\/1\.1 503/);
    a.socket.write(Buffer.alloc(50 * 1024, 0x61));
    expect(await a.reply).toMatch(/^HTTP\/1\.1 200/);
    b.socket.destroy();
    await h.listener.idle();
    const refused = h.events.find((e) => e.responseStatus === 503);
    expect(refused?.rejected?.message).toMatch(/already holding/);
    // Once recorded, the bytes are given back: a full-size body fits again.
    expect(await post(h.url, Buffer.alloc(200 * 1024, 0x63), { 'Content-Type': 'application/octet-stream' })).toBe(200);
  });

  it('UTF-8 bodies are still kept whole as text', async () => {
    h = await startHarness();
    const text = JSON.stringify({ app_id: 'a', message: { contact_message: { text_message: { text: 'é'.repeat(10_000) } } } });
    expect(await post(h.url, text, { 'Content-Type': 'application/json' })).toBe(200);
    await h.listener.idle();
    expect(h.events[0]?.bodyText).toBe(text);
    expect(h.events[0]?.bodyBase64).toBeUndefined();
  });
});
