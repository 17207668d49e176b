import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import type { Backend } from '../../electron/backend/index';
import type { Host } from '../../electron/host/server';
import { startApp, type RunningApp } from '../support/appHost';
import { startEchoServer, type EchoServer } from '../support/echoServer';
import { startWebhookReceiver } from '../support/webhookReceiver';
import { AppPage } from './pages/AppPage';

export { expect } from '@playwright/test';

/**
 * The app under test: the real backend and browser host on a fresh data folder of its own. `host` and `backend`
 * always name the running launch, so after `restart()` the same object reaches the new one.
 */
export interface TestApp {
  readonly host: Host;
  readonly backend: Backend;
  /** Kept across stop/start/restart; removed when the test ends. */
  readonly dataDir: string;
  readonly running: boolean;
  /** Quits the app (host, then backend) and keeps its data folder. */
  stop(): Promise<void>;
  /**
   * Launches it again on the same data folder, with a new launch token. On a new port unless `samePort` (a tab
   * still open from the old launch then reaches the new one, as after a user's restart).
   */
  start(options?: { samePort?: boolean }): Promise<void>;
  /** `stop()` then `start()`. */
  restart(options?: { samePort?: boolean }): Promise<void>;
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

export interface Fixtures {
  /** Started before the test, stopped and its data folder removed after it, pass or fail. */
  app: TestApp;
  /**
   * The page, opened at the app's URL. A test that drives the page only through Playwright can take it from here:
   * `async ({ ui: { page } }) => …`. One that must prepare the backend before the page loads uses `page` and `app`.
   */
  ui: AppPage;
  /** Opt-in: a local HTTP server that answers with what it received (tests/support/echoServer). */
  echo: EchoServer;
  /** Opt-in: a local HTTP server that records webhook callbacks (tests/support/webhookReceiver). */
  receiver: WebhookReceiver;
}

async function launchApp(dataDir: string): Promise<{ app: TestApp; dispose(): Promise<void> }> {
  let current: RunningApp | null = null;
  let lastPort: number | undefined;
  const running = (): RunningApp => {
    if (!current) throw new Error('The app is stopped: call app.start() first.');
    return current;
  };
  const app: TestApp = {
    get host() {
      return running().host;
    },
    get backend() {
      return running().backend;
    },
    dataDir,
    get running() {
      return current !== null;
    },
    async stop() {
      const stopping = running();
      current = null;
      await stopping.close();
    },
    async start(options = {}) {
      if (current) throw new Error('The app is already running: call app.stop() or app.restart().');
      current = await startApp({ dataDir, ...(options.samePort && lastPort ? { port: lastPort } : {}) });
      lastPort = current.host.port;
    },
    async restart(options = {}) {
      await app.stop();
      await app.start(options);
    },
  };
  await app.start();
  return {
    app,
    async dispose() {
      // startApp was given the folder, so closing leaves it: remove it here, also when closing fails.
      try {
        if (current) await app.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
  app: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sce-e2e-'));
    let launched: Awaited<ReturnType<typeof launchApp>>;
    try {
      launched = await launchApp(dataDir);
    } catch (error) {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
    try {
      await use(launched.app);
    } finally {
      await launched.dispose();
    }
  },
  ui: async ({ page, app }, use) => {
    const ui = new AppPage(page);
    await ui.open(app.host.url);
    await use(ui);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
  echo: async ({}, use) => {
    const echo = await startEchoServer();
    try {
      await use(echo);
    } finally {
      await echo.close();
    }
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
  receiver: async ({}, use) => {
    const receiver = await startWebhookReceiver();
    try {
      await use(receiver);
    } finally {
      await receiver.close();
    }
  },
});
