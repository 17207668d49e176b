import { fileURLToPath } from 'node:url';
import { _electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-runtime.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = electronBinary(root);

test('the Electron app opens its window with the app in it', async () => {
  test.skip(
    binary === null,
    "Electron's runtime is not installed on this machine (its download host is unreachable); the browser-host tests cover the same app.",
  );
  const app = await _electron.launch({ executablePath: binary ?? undefined, args: [root], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
  try {
    const window = await app.firstWindow();
    await expect(window.getByText('Sinch Conversation Explorer').first()).toBeVisible();
    const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);

    // What the hardened window lets the page do, seen from the page.
    const page = await window.evaluate(() => {
      const bridge = (globalThis as { sinch?: Record<string, unknown> }).sinch;
      let evalBlocked = false;
      try {
        // The policy has no 'unsafe-eval'.
        eval('1');
      } catch {
        evalBlocked = true;
      }
      return {
        protocol: location.protocol,
        process: typeof (globalThis as { process?: unknown }).process,
        bridgeKeys: bridge ? Object.keys(bridge).sort() : null,
        popup: globalThis.open('about:blank') === null,
        evalBlocked,
      };
    });
    expect(page).toEqual({ protocol: 'app:', process: 'undefined', bridgeKeys: ['events', 'methods', 'on'], popup: true, evalBlocked: true });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
  }
});
