import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCallback } from '../../../electron/backend/webhooks/samples';

const BIN = fileURLToPath(new URL('../../../scripts/sinch-explorer.mjs', import.meta.url));

describe('sinch-explorer listen', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('prints one JSON line per callback with trigger and verdict, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sinch-listen-cli-'));
    dirs.push(dataDir);
    const child = spawn(process.execPath, [BIN, 'listen', '--port', '0', '--json', '--secret-env', 'X_TEST_SECRET', '--data-dir', dataDir, '--status', '202'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, X_TEST_SECRET: 'cli-secret' },
    });
    children.push(child);
    const lines: string[] = [];
    let buffered = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        lines.push(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitLines = async (n: number): Promise<void> => {
      const deadline = Date.now() + 15_000;
      while (lines.length < n) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`expected ${n} lines, got ${JSON.stringify(lines)}; stderr: ${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await waitLines(1);
    const hello = JSON.parse(lines[0] ?? '{}') as { type: string; url: string; port: number };
    expect(hello.type).toBe('listening');
    expect(hello.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const good = sampleCallback('MESSAGE_INBOUND', { secret: 'cli-secret' });
    const bad = sampleCallback('OPT_OUT', { secret: 'other' });
    expect((await fetch(hello.url, { method: 'POST', headers: good.headers, body: good.body })).status).toBe(202);
    expect((await fetch(hello.url, { method: 'POST', headers: bad.headers, body: bad.body })).status).toBe(202);
    await waitLines(3);
    const [inbound, optOut] = lines
      .slice(1)
      .map((l) => JSON.parse(l) as { type: string; trigger: string; verdict: string; summary: string; secretLabel?: string; responseStatus: number });
    expect(inbound).toMatchObject({ type: 'callback', trigger: 'MESSAGE_INBOUND', verdict: 'valid', secretLabel: 'env:X_TEST_SECRET', responseStatus: 202 });
    expect(inbound?.summary).toContain('INBOUND');
    expect(optOut).toMatchObject({ trigger: 'OPT_OUT', verdict: 'invalid' });
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(err).not.toContain('cli-secret');
  });
});
