import { expect, test } from './fixtures';

const SECRET = 'whsec-orders-5d1c0b7a9e';

test('Fire a sample… signs with a secret chosen by name, and the listener reads it as valid', async ({ page, app, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  await app.backend.handlers['credentials.set']({ environmentId, purpose: 'webhook-secret', name: 'orders-hook', value: SECRET });
  await ui.startListener();

  // Unsigned, as before.
  await ui.fireSample('MESSAGE_DELIVERY');
  await expect(page.getByTestId('event-list').getByRole('button', { name: /MESSAGE_DELIVERY unsigned/ })).toBeVisible();

  // Signed with one of my webhook secrets: offered by its name, grouped by kind.
  await page.getByRole('button', { name: 'Fire a sample…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fire a sample' });
  const signWith = dialog.getByLabel('Sign with');
  await expect(signWith.locator('optgroup[label="Webhook secrets"] option')).toHaveText(['Sandbox › orders-hook']);
  await dialog.getByLabel('Sample trigger').selectOption('MESSAGE_INBOUND');
  await signWith.selectOption({ label: 'Sandbox › orders-hook' });
  await dialog.getByRole('button', { name: 'Fire', exact: true }).click();
  await expect(dialog).toBeHidden();
  const signed = page.getByTestId('event-list').getByRole('button', { name: /MESSAGE_INBOUND valid/ });
  await expect(signed).toBeVisible();
  await signed.click();
  await expect(page.getByTestId('event-verdict')).toHaveText('valid');

  // The dialog opens on what was fired last; the secret's value never reached the page.
  await page.getByRole('button', { name: 'Fire a sample…' }).click();
  await expect(dialog.getByLabel('Sample trigger')).toHaveValue('MESSAGE_INBOUND');
  await expect(signWith.locator('option:checked')).toHaveText('Sandbox › orders-hook');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await page.content()).not.toContain(SECRET);
});
