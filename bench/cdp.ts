/**
 * A page opened in the system Chromium through a bare DevTools connection that enables no
 * domain: unlike Playwright, which always enables Network and so receives every WebSocket frame
 * (a 4 MB `collections.list` answer is copied to the driver and parsed there, on the same two
 * cores), this measures what a user's window does. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { chromiumArgs, chromiumPath } from '../tests/support/chromium';

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

export class BareChromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly ws: WebSocket,
    private readonly profile: string,
  ) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
      if (message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result ?? {});
    });
  }

  static async launch(): Promise<BareChromium> {
    if (!chromiumPath) throw new Error('No Chromium found');
    const profile = await mkdtemp(join(tmpdir(), 'sce-cdp-'));
    const child = spawn(
      chromiumPath,
      [...chromiumArgs, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--window-size=1400,900', 'about:blank'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 30_000);
      child.stderr?.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const ws = new WebSocket(endpoint, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new BareChromium(child, ws, profile);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /**
   * Opens `url` in a fresh browser context (no cache, like a new launch's window) and returns the
   * milliseconds until `ready` (a JS expression) is true, polled every 5 ms.
   */
  async open(url: string, ready: string, timeoutMs = 60_000): Promise<number> {
    const { browserContextId } = (await this.send('Target.createBrowserContext')) as { browserContextId: string };
    const { targetId } = (await this.send('Target.createTarget', { url: 'about:blank', browserContextId })) as { targetId: string };
    const { sessionId } = (await this.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    try {
      await this.send('Emulation.setDeviceMetricsOverride', { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
      const start = performance.now();
      await this.send('Page.navigate', { url }, sessionId);
      for (;;) {
        const { result } = (await this.send('Runtime.evaluate', { expression: `Boolean(${ready})`, returnByValue: true }, sessionId)) as {
          result: { value?: boolean };
        };
        if (result.value === true) return performance.now() - start;
        if (performance.now() - start > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms: ${ready}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await this.send('Target.closeTarget', { targetId }).catch(() => undefined);
      await this.send('Target.disposeBrowserContext', { browserContextId }).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.ws.close();
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    await rm(this.profile, { recursive: true, force: true });
  }
}
