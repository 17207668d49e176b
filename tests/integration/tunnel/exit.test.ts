import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./fixtures/tunnelChild.ts', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

async function runChild(
  serverAddr: string,
  limitMs: number,
): Promise<{ report: { status: string; error?: string; closedAt: number }; exitedAt: number | 'hung'; stderr: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, serverAddr], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exitedAt = await new Promise<number | 'hung'>((resolve) => {
    const limit = setTimeout(() => {
      proc.kill('SIGKILL');
      resolve('hung');
    }, limitMs);
    proc.on('exit', () => {
      clearTimeout(limit);
      resolve(Date.now());
    });
  });
  const line = out.trim().split('\n').pop() ?? '{}';
  return { report: JSON.parse(line.startsWith('{') ? line : '{}') as { status: string; error?: string; closedAt: number }, exitedAt, stderr };
}

describe('a process that started an ngrok tunnel that failed', () => {
  it('ends by itself after close(): the ingress refused the connection', { timeout: 30_000 }, async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const { report, exitedAt, stderr } = await runChild(`127.0.0.1:${port}`, 20_000);
    expect(report.status, stderr).toBe('error');
    expect(exitedAt).not.toBe('hung');
    if (exitedAt !== 'hung') expect(exitedAt - report.closedAt).toBeLessThan(3000);
  });

  it('ends by itself after close(): the ingress spoke garbage', { timeout: 30_000 }, async () => {
    const sockets = new Set<Socket>();
    const server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
      s.end('garbage, not ngrok\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const { report, exitedAt, stderr } = await runChild(`127.0.0.1:${port}`, 20_000);
      expect(report.status, stderr).toBe('error');
      expect(exitedAt).not.toBe('hung');
      if (exitedAt !== 'hung') expect(exitedAt - report.closedAt).toBeLessThan(3000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
