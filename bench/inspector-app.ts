/**
 * The app of bench/callbacks-inspector.bench.ts: the real backend and browser host, a webhook
 * secret stored (from BENCH_SECRET), the listener started on a free port. Prints one JSON line
 * with both URLs, stops on SIGTERM. Run compiled by that bench: `node inspector-app.mjs <dataDir> <pageDir>`.
 */
import { createBackend } from '../electron/backend/index';
import { startHost } from '../electron/host/server';

async function runApp(dataDir: string, rendererDir: string): Promise<void> {
  const backend = await createBackend({ dataDir, host: 'browser', version: 'bench', keychainService: `Sinch Conversation Explorer (bench ${process.pid})` });
  const host = await startHost({ backend, staticDir: rendererDir });
  const h = backend.handlers;
  const env = await h['environments.create']({ name: 'Bench' });
  const secret = { environmentId: env.id, purpose: 'webhook-secret' as const, name: 'bench', value: process.env.BENCH_SECRET ?? '' };
  try {
    await h['credentials.set'](secret);
  } catch {
    // No OS keychain here: the app's own passphrase-protected file instead.
    await h['credentials.useEncryptedFile']({ passphrase: 'bench-passphrase' });
    await h['credentials.set'](secret);
  }
  const listener = await h['webhooks.start']({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ type: 'listening', app: host.url, listener: listener.url }));
  process.on('SIGTERM', () => {
    void (async () => {
      await host.close();
      await backend.close();
      process.exit(0);
    })();
  });
}

await runApp(process.argv[2] ?? '', process.argv[3] ?? '');
