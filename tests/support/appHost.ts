import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from '../../electron/backend/index';
import { startHost, type Host } from '../../electron/host/server';

export interface RunningApp {
  host: Host;
  backend: Backend;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real backend and browser host, on a free loopback port, with a fresh data folder. SCE_RENDERER_DIR points
 * it at another build of the page (so parallel work does not rebuild `dist/` under a running suite).
 */
export async function startApp(options: { dataDir?: string; port?: number } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'sce-e2e-')));
  // A keychain service of its own, so tests never see or change the user's real entries.
  // Started as a user starts the browser host from a terminal: the page names that command when it loses the backend.
  const backend = await createBackend({
    dataDir,
    host: 'browser',
    version: 'test',
    keychainService: `Sinch Conversation Explorer (test ${process.pid})`,
    launchCommand: 'npx sinch-explorer web',
  });
  const host = await startHost({
    backend,
    ...(options.port ? { port: options.port } : {}),
    staticDir: process.env.SCE_RENDERER_DIR ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
  });
  return {
    host,
    backend,
    dataDir,
    async close() {
      await host.close();
      await backend.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
