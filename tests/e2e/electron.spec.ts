import { fileURLToPath } from 'node:url';
import { _electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-runtime.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = electronBinary(root);

test('the Electron app opens its window with the app in it', async () => {
  test.skip(binary === null, "Electron's runtime is not installed on this machine (its download host is unreachable); the browser-host tests cover the same app.");
  const app = await _electron.launch({ executablePath: binary ?? undefined, args: [root], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } });
  try {
    const window = await app.firstWindow();
    await expect(window.getByText('Sinch Conversation Explorer').first()).toBeVisible();
    const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined');
    expect(isolated).toBe(true);
  } finally {
    await app.close();
  }
});
