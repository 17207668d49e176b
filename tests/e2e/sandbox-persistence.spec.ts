import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const CREATE_APP =
  '{"display_name": "Kept across restarts", "channel_credentials": [{"channel": "SMS", "static_bearer": {"claimed_identity": "12345", "token": "t"}}]}';

test('the sandbox keeps its apps across a restart; a tab from the old launch says so; Reset empties it and offers to clear stale ids', async ({
  page,
  context,
  app,
  ui,
}) => {
  await ui.createEnvironment('Offline', { contact_id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' }, { region: 'sandbox' });
  await expect(page.getByTestId('sandbox-badge')).toContainText(/Sandbox at 127\.0\.0\.1:\d+/);
  await ui.sendRequest('POST', '{{base_url}}/v1/projects/{{project_id}}/apps', CREATE_APP);
  await expect(ui.status).toHaveText('200 OK');
  const appId = /"id": "([0-9A-Z]{26})"/.exec(await ui.responseText())?.[1] ?? '';
  expect(appId).not.toBe('');

  // Quit and start again on the same data folder and port: a new launch token.
  await app.stop();
  // While the app is down the tab retries, visibly and a bounded number of times.
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText(/Reconnecting .*\(attempt \d of 8\)/);
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await app.start({ samePort: true });

  // The old tab cannot use its token any more: it says what happened instead of reconnecting forever.
  await expect(page.getByTestId('connection-banner')).toContainText('The app was restarted: open the new link printed in the terminal.', { timeout: 20_000 });

  const fresh = await context.newPage();
  const ui2 = new AppPage(fresh);
  await ui2.open(app.host.url);
  await expect(fresh.getByTestId('sandbox-badge')).toContainText(/Sandbox at 127\.0\.0\.1:\d+/);
  await ui2.sendRequest('GET', `{{base_url}}/v1/projects/{{project_id}}/apps/${appId}`);
  await expect(ui2.status).toHaveText('200 OK');
  expect(await ui2.responseText()).toContain('Kept across restarts');

  // Reset asks first, in the app's own dialog; Cancel keeps everything.
  await fresh.getByTestId('sandbox-badge').getByRole('button', { name: 'Reset…' }).click();
  const confirm = fresh.getByRole('dialog', { name: 'Reset sandbox' });
  await expect(confirm).toContainText('deletes every app, contact');
  await fresh.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await fresh.getByTestId('sandbox-badge').getByRole('button', { name: 'Reset…' }).click();
  await confirm.getByRole('button', { name: 'Reset sandbox' }).click();

  const done = fresh.getByRole('dialog', { name: 'Sandbox reset' });
  await expect(done).toContainText('{{contact_id}}');
  await expect(done).toContainText('01HZZZZZZZZZZZZZZZZZZZZZZZ');
  await done.getByRole('button', { name: /Clear/ }).click();
  await expect(done).toBeHidden();
  await expect(fresh.getByText(/Cleared 1 id that pointed into the old sandbox/)).toBeVisible();

  await ui2.send.click();
  await expect(ui2.status).toHaveText(/^404/);
});
