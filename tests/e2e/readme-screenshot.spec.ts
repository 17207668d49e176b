import { copyFile, mkdir } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startApp } from '../support/appHost';
import { startEchoServer } from '../support/echoServer';
import { AppPage } from './pages/AppPage';

/**
 * The README's screenshot, taken from the real app. Every run checks the screen renders; with
 * SCE_UPDATE_SCREENSHOTS=1 the picture replaces tests/e2e/screenshots/app.png.
 */
test('the main screen with a sent request renders for the README', async ({ page }) => {
  const app = await startApp();
  const echo = await startEchoServer();
  try {
    const ui = new AppPage(page);
    await ui.open(app.host.url);
    await ui.createEnvironment('Local echo', { server: echo.url, project_id_hint: 'demo' });
    await ui.method.selectOption('POST');
    await ui.url.fill('{{server}}/v1/projects/{{project_id_hint}}/messages:send');
    await ui.setHeader(1, 'X-Request-Source', 'explorer');
    await ui.setJsonBody('{"app_id": "01HXAMPLEAPP", "recipient": {"identified_by": {"channel_identities": [{"channel": "SMS", "identity": "+46700000000"}]}}, "message": {"text_message": {"text": "Hello from {{project_id_hint}}"}}}');
    await page.getByRole('button', { name: 'Beautify' }).click();
    await expect(page.getByTestId('body-editor')).toContainText('"channel_identities": [');
    await ui.send.click();
    await expect(ui.status).toHaveText('200 OK');
    await expect(ui.responseBody).toContainText('"path": "/v1/projects/demo/messages:send"');
    await page.mouse.move(0, 0);
    const path = test.info().outputPath('app.png');
    await page.screenshot({ path });
    if (process.env.SCE_UPDATE_SCREENSHOTS === '1') {
      await mkdir('tests/e2e/screenshots', { recursive: true });
      await copyFile(path, 'tests/e2e/screenshots/app.png');
    }
  } finally {
    await app.close();
    await echo.close();
  }
});
