// Issue 19, item 5: the browser host kept a connection that never sent a byte open for as long as
// the client liked. A silent or slow connection is closed within the header timeout; the page's
// WebSocket, quiet between calls, is not.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../electron/backend/index';
import { startHost, type Host } from '../../electron/host/server';
import { rawGet } from './hostServer';
import { connectWs, type WsClient } from './wsClient';

const TIMEOUT_MS = 300;

/** Milliseconds until the server closes `socket`, or null if it is still open after `waitMs`. */
function closedWithin(socket: Socket, waitMs: number): Promise<number | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('browser host connection timeouts', () => {
  let dir: string;
  let host: Host;
  let client: WsClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-host-timeouts-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>test</title>');
    const backend = {
      handlers: { 'sandbox.status': async () => ({ running: false }) },
      subscribe: () => () => undefined,
      close: async () => undefined,
    } as unknown as Backend;
    host = await startHost({ backend, staticDir: dir, headerTimeoutMs: TIMEOUT_MS });
    client = await connectWs(host);
  });
  afterAll(async () => {
    client.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a connection that never sends a byte is closed within the header timeout', async () => {
    const socket = await open(host.port);
    // Generous against a loaded machine; without the timeout it stays open for minutes.
    expect(await closedWithin(socket, 5000)).not.toBeNull();
  });

  test('a connection that sends its headers a byte at a time is closed too', async () => {
    const socket = await open(host.port);
    const request = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Slow: `;
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(i < request.length ? (request[i++] ?? 'a') : 'a');
    }, TIMEOUT_MS / 6);
    try {
      expect(await closedWithin(socket, 8000)).not.toBeNull();
    } finally {
      clearInterval(drip);
    }
  });

  test('the page keeps its quiet WebSocket and the host keeps serving', async () => {
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 4));
    expect(await client.call('sandbox.status', {})).toMatchObject({ ok: true, result: { running: false } });
    const page = await rawGet(host.port, `/?token=${host.token}`);
    expect(page.status).toBe(302);
  });
});
