import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../electron/backend/index';
import { startHost, type Host } from '../../electron/host/server';

export interface TestHost {
  host: Host;
  close(): Promise<void>;
}

/**
 * The real browser host over a tiny static folder and a backend with no methods: the HTTP
 * surface (token, cookie, redirect, static files) is what these tests probe.
 */
export async function startTestHost(token = 'test-token-0123456789abcdef'): Promise<TestHost> {
  const dir = await mkdtemp(join(tmpdir(), 'sce-host-sec-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>test</title>');
  const backend = { handlers: {}, subscribe: () => () => undefined, close: async () => undefined } as unknown as Backend;
  const host = await startHost({ backend, staticDir: dir, token });
  return {
    host,
    async close() {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with the path sent exactly as given (fetch would normalise it). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket upgrade request written by hand; resolves with the first line of the answer (or '' if the socket closed). */
export function rawUpgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n')) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.setTimeout(5000, () => socket.destroy());
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
