import { startSandbox, type SandboxHandle } from '../../electron/backend/sandbox/index';
import { expect, test as base } from './fixtures';

/**
 * Needs the real OS keychain: `npm test` runs inside a D-Bus session with an unlocked
 * gnome-keyring. The sandbox here stands in for Sinch's token endpoint and API.
 */
const KEY_SECRET = 'e2e-very-secret-value-7f3a9c';

const test = base.extend<{ sandbox: SandboxHandle }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none.
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ keyId: 'e2e-key-id', keySecret: KEY_SECRET });
    try {
      await use(sandbox);
    } finally {
      await sandbox.close();
    }
  },
});

test('an access key entered in the UI authenticates requests with a Bearer token; after a reload the secret is still set but nowhere in the page', async ({
  page,
  ui,
  sandbox,
}) => {
  await page.getByRole('button', { name: 'Environments' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environments' });
  await dialog.getByLabel('New environment name').fill('Staging');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const form = dialog.getByRole('form', { name: 'Environment Staging' });
  await form.getByLabel('Region').selectOption('custom');
  await form.getByLabel('Custom base URL').fill(sandbox.conversationUrl);
  await form.getByLabel('Project ID').fill(sandbox.projectId);
  await form.getByLabel('Token URL').fill(sandbox.authUrl);
  await form.getByLabel('Key ID').fill('e2e-key-id');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved environment "Staging".')).toBeVisible();

  await form.getByLabel('Key secret').fill(KEY_SECRET);
  await form.getByRole('button', { name: 'Store secret' }).click();
  await expect(form.getByTestId('secret-status')).toContainText('Stored in keychain ✓');
  await form.getByRole('button', { name: 'Get token now' }).click();
  await expect(form.getByTestId('token-info')).toContainText(/New bearer token .* expires in \d+:\d\d/i);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await ui.sendRequest('GET', '{{base_url}}/v1/projects/{{project_id}}/apps');
  await expect(ui.status).toHaveText('200 OK');
  await ui.response.getByRole('tab', { name: /Timeline/ }).click();
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Token');

  await page.reload();
  await expect(page.getByText('Sinch Conversation Explorer').first()).toBeVisible();
  await page.getByRole('button', { name: 'Environments' }).click();
  await expect(page.getByTestId('secret-status')).toContainText('Stored in keychain ✓');
  const html = await page.content();
  expect(html).not.toContain(KEY_SECRET);
  expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(KEY_SECRET);
});

test('a wrong key secret is reported as a token problem, distinct from the API answer', async ({ page, ui, sandbox }) => {
  await page.getByRole('button', { name: 'Environments' }).click();
  const dialog = page.getByRole('dialog', { name: 'Environments' });
  await dialog.getByLabel('New environment name').fill('Wrong');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const form = dialog.getByRole('form', { name: 'Environment Wrong' });
  await form.getByLabel('Region').selectOption('custom');
  await form.getByLabel('Custom base URL').fill(sandbox.conversationUrl);
  await form.getByLabel('Token URL').fill(sandbox.authUrl);
  await form.getByLabel('Key ID').fill('e2e-key-id');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByLabel('Key secret').fill('not-the-secret');
  await form.getByRole('button', { name: 'Store secret' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await ui.sendRequest('GET', '{{base_url}}/v1/projects/x/apps');
  await expect(page.getByTestId('send-error')).toContainText(/token/i);
  await expect(page.getByTestId('send-error')).not.toContainText('not-the-secret');
});
