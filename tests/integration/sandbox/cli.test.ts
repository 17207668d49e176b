import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../scripts/sinch-explorer.mjs', import.meta.url));

function run(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl !== -1) resolve(out.slice(0, nl));
    });
    child.on('exit', () => reject(new Error(`exited before printing: ${err}`)));
  });
  // Not every caller waits for output (the port-taken case exits first); keep that rejection handled.
  firstLine.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, firstLine, exit, stderr: () => err };
}

describe('sinch-explorer sandbox', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('prints one JSON line with URLs and demo credentials, serves tokens, and stops cleanly on SIGTERM', async () => {
    const proc = run(['--json', '--token-ttl', '120']);
    children.push(proc.child);
    const info = JSON.parse(await proc.firstLine) as Record<string, string>;
    expect(Object.keys(info).sort()).toEqual(['authUrl', 'conversationUrl', 'keyId', 'keySecret', 'projectId', 'templateUrl']);
    expect(info['conversationUrl']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(info['authUrl'] ?? '', {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${info['keyId']}:${info['keySecret']}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(120);
    proc.child.kill('SIGTERM');
    expect(await proc.exit).toBe(0);
  });

  it('fails with one clear line and exit code 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const proc = run(['--port', String(port)]);
      children.push(proc.child);
      expect(await proc.exit).toBe(1);
      expect(proc.stderr().trim()).toBe(`Cannot start the sandbox: Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
