import { expect, test } from './fixtures';

test('Ctrl/Cmd+K opens the palette from inside an editor, finds a request by what it sends, and reopens with the last query selected', async ({ page, ui }) => {
  await ui.openFromPalette('create app', /Create app/);
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  const editor = page.getByTestId('body-editor');
  await editor.locator('.monaco-editor').click({ position: { x: 120, y: 10 } });
  await expect(editor.locator('.monaco-editor')).toHaveClass(/\bfocused\b/);

  await page.keyboard.press('ControlOrMeta+K');
  const palette = page.getByRole('dialog', { name: 'Go to request' });
  await expect(palette).toBeVisible();
  const search = palette.getByLabel('Search requests');
  await expect(search).toBeFocused();
  // The editor did not take the key as a chord start and did not type into the body.
  await search.fill('composing');
  const first = palette.getByRole('option').first();
  await expect(first).toContainText('Send typing indicator on');
  await expect(first).toContainText('body:');
  await expect(first).toContainText('composing_event');

  // Escape gives the focus back to the editor.
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(editor.locator('.monaco-editor')).toHaveClass(/\bfocused\b/);

  // Reopened from the editor: the last query is there, selected, so typing replaces it.
  await page.keyboard.press('ControlOrMeta+K');
  await expect(search).toHaveValue('composing');
  expect(await search.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 'composing'.length]);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: /Send typing indicator on/ })).toBeVisible();

  await page.keyboard.press('ControlOrMeta+K');
  await page.keyboard.type('delete webhook');
  await expect(search).toHaveValue('delete webhook');
  await expect(palette.getByRole('option').first()).toContainText('Delete webhook');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: /Delete webhook/ })).toBeVisible();
  // The Create app body was not changed by any of the keys above.
  await page.getByRole('tab', { name: /Create app/ }).click();
  await expect(page.getByRole('tab', { name: /Create app/ }).getByLabel('Unsaved changes')).toHaveCount(0);
});
