import { expect, test } from './fixtures';

/**
 * The seed's journey through the UI: Sandbox environment, then Create App → Create Webhook →
 * Create Contact → Send Text Message, each using what the previous one captured; then a modified
 * copy is saved into the user's own collection and is still there after the host restarts.
 */
test('create app → webhook → contact → text message with captured ids, saved copy survives a restart', async ({ page, app, ui, receiver }) => {
  await ui.createEnvironment('Sandbox', { webhook_target: receiver.url, recipient_phone: '+46700000077' }, { region: 'sandbox' });

  await ui.openFromPalette('create app', /Create app/);
  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  await expect(page.getByTestId('captures-report')).toContainText('{{app_id}} =');

  await ui.openFromPalette('create webhook', /Create webhook/);
  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  await expect(page.getByTestId('captures-report')).toContainText('{{webhook_id}} =');

  await ui.openFromPalette('create contact', /Create contact/);
  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  const contactId = /\{\{contact_id\}\} = (\w+)/.exec(await page.getByTestId('captures-report').innerText())?.[1] ?? '';
  expect(contactId).toMatch(/^[0-9A-Z]{26}$/);

  await ui.openFromPalette('send text to a contact', /Send text to a contact/);
  await ui.setJsonBody(
    '{"app_id": "{{app_id}}", "recipient": {"contact_id": "{{contact_id}}"}, "message": {"text_message": {"text": "Your parcel is on its way"}}}',
  );
  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  await expect(page.getByTestId('captures-report')).toContainText('{{message_id}} =');
  // The sandbox delivers to the webhook the journey created, for the contact it created.
  const delivery = await receiver.waitFor((c) => 'message_delivery_report' in c.body);
  expect(JSON.stringify(delivery.body)).toContain(contactId);

  await page.keyboard.press('ControlOrMeta+S');
  const save = page.getByRole('dialog', { name: 'Save request' });
  await save.getByLabel('Request name to save').fill('Parcel on its way');
  await save.getByLabel('New collection name').fill('My journey');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Saved "Parcel on its way" in My journey/)).toBeVisible();

  await app.restart();
  await ui.open(app.host.url);
  await page.getByRole('treeitem', { name: 'My journey' }).click();
  await page.getByRole('treeitem', { name: 'POST Parcel on its way' }).click();
  await page.getByRole('region', { name: 'Request' }).getByRole('tab', { name: /Body/ }).click();
  await expect(page.getByTestId('body-editor')).toContainText('Your parcel is on its way');
});
