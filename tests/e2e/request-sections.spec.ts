import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const heightOf = async (locator: Locator): Promise<number> => (await locator.boundingBox())?.height ?? 0;

test('a request with a body opens on its body, in an editor with room; each tab keeps the section it shows', async ({ page, ui }) => {
  const sections = ui.request.getByRole('tablist');
  await ui.openFromPalette('send text message', /Send text message/);
  // A POST from the catalog: its body is what there is to read and edit, not an empty Params table.
  await expect(sections.getByRole('tab', { name: /Body/ })).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByTestId('body-editor');
  await expect(editor.locator('.view-lines')).toContainText('text_message');
  // The walk measured about 190 px in a 900 px window: until a response comes, the request has the panel's height.
  const panel = page.getByRole('tabpanel');
  expect(await heightOf(editor), 'the body editor takes the room there is').toBeGreaterThan(0.55 * (await heightOf(panel)));
  await expect(page.getByRole('separator', { name: 'Resize the request and the response' })).toBeHidden();

  // A GET has nothing to send in a body: it opens on its params.
  await ui.openFromPalette('list apps', /List apps/);
  await expect(sections.getByRole('tab', { name: /Params/ })).toHaveAttribute('aria-selected', 'true');
  await sections.getByRole('tab', { name: /Headers/ }).click();

  // Back and forth: each tab shows what it showed.
  await page
    .getByRole('tablist', { name: 'Open requests' })
    .getByRole('tab', { name: /Send text message/ })
    .click();
  await expect(sections.getByRole('tab', { name: /Body/ })).toHaveAttribute('aria-selected', 'true');
  await page
    .getByRole('tablist', { name: 'Open requests' })
    .getByRole('tab', { name: /List apps/ })
    .click();
  await expect(sections.getByRole('tab', { name: /Headers/ })).toHaveAttribute('aria-selected', 'true');
});

test('with a response, request and response share the panel: the split drags, and moves from the keyboard', async ({ page, ui, echo }) => {
  await ui.sendRequest('POST', echo.url, '{"order": 42}');
  await expect(ui.status).toHaveText('200 OK');
  const editor = page.getByTestId('body-editor');
  const handle = page.getByRole('separator', { name: 'Resize the request and the response' });
  await expect(handle).toHaveAttribute('aria-valuenow', '45');
  const before = await heightOf(editor);

  const box = await handle.boundingBox();
  if (!box) throw new Error('the split handle is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 120, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => heightOf(editor)).toBeGreaterThan(before + 80);
  const dragged = await heightOf(editor);

  await handle.focus();
  await page.keyboard.press('End');
  await expect.poll(() => heightOf(editor)).toBeGreaterThan(dragged + 40);
  const tall = await heightOf(editor);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => heightOf(editor)).toBeLessThan(tall - 10);

  // The split stays as left while the app runs; a double-click puts it back.
  await page.getByRole('tab', { name: 'Project' }).click();
  await page.getByRole('tab', { name: 'Requests' }).click();
  await expect(handle).toHaveAttribute('aria-valuenow', '80');
  await handle.dblclick();
  await expect(handle).toHaveAttribute('aria-valuenow', '45');
});
