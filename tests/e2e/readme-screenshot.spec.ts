import { copyFile, mkdir } from 'node:fs/promises';
import { expect, test } from './fixtures';

/**
 * The README's screenshot, taken from the real app talking to the real sandbox. Every run checks
 * the screen; with SCE_UPDATE_SCREENSHOTS=1 the picture replaces tests/e2e/screenshots/app.png.
 */
test('sending a text message to the sandbox, as the README shows it', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', { recipient_phone: '+46700000042' }, { region: 'sandbox' });
  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/apps',
    '{"display_name": "Support bot", "channel_credentials": [{"channel": "SMS", "static_bearer": {"claimed_identity": "12345", "token": "t"}}]}',
  );
  await expect(ui.status).toHaveText('200 OK');
  const appId = /"id": "([0-9A-Z]{26})"/.exec(await ui.responseText())?.[1] ?? '';
  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/messages:send',
    `{"app_id": "${appId}", "recipient": {"identified_by": {"channel_identities": [{"channel": "SMS", "identity": "{{recipient_phone}}"}]}}, "message": {"text_message": {"text": "Your order has shipped!"}}}`,
  );
  await expect(ui.status).toHaveText('200 OK');
  await expect(ui.responseBody).toContainText('"message_id"');
  await page.getByRole('button', { name: 'Beautify' }).click();
  await expect(page.getByTestId('body-editor')).toContainText('"channel_identities": [');
  await page.getByRole('treeitem', { name: 'Messages' }).click();
  await page.getByRole('treeitem', { name: 'Send message' }).click();
  await expect(page.getByText('Saved environment')).toHaveCount(0);
  await page.mouse.move(0, 0);
  const path = test.info().outputPath('app.png');
  await page.screenshot({ path });
  if (process.env.SCE_UPDATE_SCREENSHOTS === '1') {
    await mkdir('tests/e2e/screenshots', { recursive: true });
    await copyFile(path, 'tests/e2e/screenshots/app.png');
  }
});

test('the webhook inspector with live sandbox traffic, as the README shows it', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', { recipient_phone: '+46700000042' }, { region: 'sandbox' });
  const listenerUrl = await ui.startListener();
  await ui.setEnvironmentVariable('Sandbox', 2, 'webhook_target', listenerUrl);
  await ui.sendFromCatalog(
    ['create app', /Create app/],
    ['create webhook', /Create webhook/],
    ['send text message', /Send text message/],
    ['send choice quick replies', /quick replies/],
  );
  await page.getByRole('tab', { name: /Webhooks/ }).click();
  const delivered = page
    .getByTestId('event-list')
    .getByRole('button', { name: /MESSAGE_DELIVERY valid DELIVERED/ })
    .first();
  await expect(delivered).toBeVisible();
  await delivered.click();
  await expect(page.getByTestId('event-verdict')).toHaveText('valid');
  await expect(page.getByText('Saved environment')).toHaveCount(0);
  const path = test.info().outputPath('inspector.png');
  await page.screenshot({ path });
  if (process.env.SCE_UPDATE_SCREENSHOTS === '1') await copyFile(path, 'tests/e2e/screenshots/inspector.png');
});
