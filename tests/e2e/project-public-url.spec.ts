import { expect, test } from './fixtures';

/**
 * A public URL for real callbacks: a pasted URL (your own tunnel) and one click that points the app's webhook at
 * it with a fresh secret; an ngrok tunnel that cannot start says why in one line and leaves the paste option working.
 */
test('a pasted public URL becomes the app’s webhook in one click; a failed ngrok start says why and pasting still works', async ({ app, page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  const created = await app.backend.handlers['project.createApp']({ environmentId, displayName: 'Callbacks' });
  expect(created.ok).toBe(true);
  await app.backend.handlers['webhooks.start']({ port: 0 });

  await page.getByRole('tab', { name: 'Project' }).click();
  const publicUrl = page.getByRole('region', { name: 'Public URL' });
  await expect(publicUrl.getByTestId('tunnel-status')).toHaveText('No public URL yet.');
  await expect(publicUrl.getByRole('button', { name: /Point the webhook of Callbacks here/ })).toBeDisabled();

  // Said as it is typed, before anything is kept.
  await publicUrl.getByLabel('Public URL').fill('not a url');
  await expect(publicUrl.getByTestId('public-url-problem')).toHaveText('Paste a full https:// URL.');
  await expect(publicUrl.getByRole('button', { name: 'Use this URL' })).toBeDisabled();

  await publicUrl.getByLabel('Public URL').fill('https://my-tunnel.example.net/sinch');
  await publicUrl.getByRole('button', { name: 'Use this URL' }).click();
  await expect(publicUrl.getByTestId('tunnel-status')).toContainText('https://my-tunnel.example.net/sinch');
  await publicUrl.getByRole('button', { name: /Point the webhook of Callbacks here/ }).click();
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  await expect(webhooks.getByRole('listitem')).toHaveCount(1);
  await expect(webhooks.getByRole('listitem')).toContainText('https://my-tunnel.example.net/sinch');
  await expect(webhooks.getByRole('listitem')).toContainText('points at your public URL');
  await expect(webhooks.getByTestId('webhook-secret-state')).toHaveText(/Secret in keychain ✓/);

  // ngrok: the authtoken goes to the keychain; without a network the start fails in one line.
  await publicUrl.getByRole('button', { name: 'Forget it' }).click();
  await publicUrl.getByLabel('ngrok authtoken').fill('2abcdefghijklmnopqrstuvwxyz_0123456789ABCDEFG');
  await publicUrl.getByRole('button', { name: 'Keep in keychain' }).click();
  await expect(publicUrl.getByText('ngrok authtoken in the keychain ✓')).toBeVisible();
  await publicUrl.getByRole('button', { name: 'Start ngrok tunnel' }).click();
  await expect(publicUrl.locator('.field-error, [data-testid="tunnel-problem"]').first()).toBeVisible({ timeout: 30_000 });
  await expect(publicUrl.getByLabel('Public URL')).toBeEnabled();
  // It can be tried again (after fixing the network or the token).
  await expect(publicUrl.getByRole('button', { name: 'Start ngrok tunnel' })).toBeEnabled();
  await page.mouse.move(0, 0);
  await publicUrl.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('project-public-url.png') });
});
