import { expect, test } from './fixtures';

/**
 * Issue #9 item 2: a catalog request saved into the user's own collection must still send after a
 * restart. The catalog's defaults it uses ({{recipient_phone}}) come along into the new
 * collection's variables, and the app says which it added.
 */
test('catalog request → Ctrl/Cmd+S into a new collection → restart → Send succeeds against the sandbox', async ({ page, app, ui }) => {
  // No variables of its own: {{recipient_phone}} only exists as a catalog default.
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });

  await ui.openFromPalette('create contact', /Create contact/);
  await page.keyboard.press('ControlOrMeta+S');
  const save = page.getByRole('dialog', { name: 'Save request' });
  await save.getByLabel('Request name to save').fill('My contact');
  await save.getByLabel('New collection name').fill('Saved from catalog');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Saved "My contact" in Saved from catalog/)).toBeVisible();
  await expect(page.getByText(/Added the catalog default \{\{recipient_phone\}\} to the variables of Saved from catalog/)).toBeVisible();

  await app.restart();
  await ui.open(app.host.url);
  await page.getByRole('treeitem', { name: 'Saved from catalog' }).click();
  await page.getByRole('treeitem', { name: 'POST My contact' }).click();
  await ui.send.click();
  await expect(ui.blocked).toBeHidden();
  await expect(ui.status).toHaveText('200 OK');
  expect(await ui.responseText()).toContain('+46700000001');
});
