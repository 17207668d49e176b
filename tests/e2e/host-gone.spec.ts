import { expect, test } from './fixtures';

test('when the app is gone, the page says which command to run again and shows no sandbox or listener as running', async ({ page, app, ui }) => {
  await ui.createEnvironment('Offline', {}, { region: 'sandbox' });
  await ui.startListener();
  await page.getByRole('tab', { name: 'Requests' }).click();
  const badge = page.getByTestId('sandbox-badge');
  await expect(badge).toContainText(/Sandbox at 127\.0\.0\.1:\d+/);
  await expect(badge.locator('.dot.ok')).toHaveCount(1);
  await expect(page.getByRole('tab', { name: /Webhooks/ }).locator('.dot.ok')).toHaveCount(1);

  await app.stop();

  // The command this launch was started with (the test host starts as `npx sinch-explorer web` does), not a guess.
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('Is “npx sinch-explorer web” still running?');
  await expect(banner).not.toContainText('npm start');
  // The sandbox and the listener ran in the app: nothing says they still run.
  await expect(badge).not.toContainText('Sandbox at');
  await expect(badge).toContainText('Sandbox unreachable');
  await expect(badge.locator('.dot.ok')).toHaveCount(0);
  await expect(badge.getByRole('button', { name: 'Simulate inbound…' })).toBeDisabled();
  await expect(badge.getByRole('button', { name: 'Reset…' })).toBeDisabled();
  await expect(page.getByRole('tab', { name: /Webhooks/ }).locator('.dot.ok')).toHaveCount(0);
  await page.getByRole('tab', { name: /Webhooks/ }).click();
  await expect(page.getByTestId('listener-status')).toHaveText('Listener out of reach: the app is not running');
});
