import { expect, test } from './fixtures';

/**
 * Issue #9 item 2: history keeps what a request needs to be sent again (its own variables, the
 * collection whose variables it used) and the response it got; reopening an entry shows that
 * response, and Send works again, also after a restart.
 */
test('history entry → reopen shows the recorded response → Send succeeds', async ({ page, app, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });

  // A catalog request ({{recipient_phone}} is a catalog default) with a request-level variable.
  await ui.openFromPalette('create contact', /Create contact/);
  await ui.request.getByRole('tab', { name: /Variables/ }).click();
  await page.getByLabel('Request variables Variable 1', { exact: true }).fill('display');
  await page.getByLabel('Request variables Value 1', { exact: true }).fill('From history');
  await ui.setJsonBody('{"display_name": "{{display}}", "language": "EN_US", "channel_identities": [{"channel": "SMS", "identity": "{{recipient_phone}}"}]}');
  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');

  await app.restart();
  await ui.open(app.host.url);

  await page.getByRole('tab', { name: 'History' }).click();
  const row = page.getByRole('list', { name: 'History' }).getByRole('button').first();
  await expect(row).toContainText('200');
  await row.click();
  // The recorded response is shown, marked as such, before anything is sent.
  await expect(page.getByTestId('recorded-response')).toContainText(/Recorded/);
  await expect(ui.status).toHaveText('200 OK');
  expect(await ui.responseText()).toContain('From history');

  await ui.send.click();
  await expect(ui.blocked).toBeHidden();
  await expect(page.getByTestId('recorded-response')).toBeHidden();
  await expect(ui.status).toHaveText('200 OK');
  expect(await ui.responseText()).toContain('From history');
  expect(await ui.responseText()).toContain('+46700000001');
});
