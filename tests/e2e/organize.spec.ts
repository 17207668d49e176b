import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dragWithMouse } from './pages/drag';

async function rowAction(page: Page, row: string, action: string): Promise<void> {
  await page.getByRole('treeitem', { name: row, exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: action }).click();
}

async function rename(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel(`Rename ${from}`).fill(to);
  await page.keyboard.press('Enter');
}

test('a user organises a collection with menus and drag and drop, and the files follow', async ({ app, ui: { page } }) => {
  await page.getByRole('button', { name: '+ New' }).click();
  await page.getByLabel('New collection name').fill('Orders');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('treeitem', { name: 'Orders' })).toBeVisible();

  for (const name of ['Alpha', 'Beta']) {
    await rowAction(page, 'Orders', 'New request');
    await page.getByRole('treeitem', { name: 'GET New request' }).dblclick();
    await rename(page, 'New request', name);
    await expect(page.getByRole('treeitem', { name: `GET ${name}` })).toBeVisible();
    // Its open tab follows the new name, and the rename is not an unsaved change.
    await expect(page.getByRole('tab', { name: new RegExp(name) })).toBeVisible();
  }
  await expect(page.getByRole('tab', { name: /New request/ })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /Beta/ }).locator('.dirty-dot')).toHaveCount(0);
  await rowAction(page, 'Orders', 'New folder');
  await page.getByRole('treeitem', { name: 'New folder' }).dblclick();
  await rename(page, 'New folder', 'Archive');

  const names = async (): Promise<string[]> => page.getByRole('treeitem').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  const ordersRows = async (): Promise<string[]> => {
    const all = await names();
    return all.slice(all.indexOf('Orders') + 1);
  };
  await expect.poll(ordersRows).toEqual(['GET Alpha', 'GET Beta', 'Archive']);

  // Menus: move Beta above Alpha.
  await rowAction(page, 'GET Beta', 'Move up');
  await expect.poll(ordersRows).toEqual(['GET Beta', 'GET Alpha', 'Archive']);

  // Drag and drop: Alpha into Archive.
  await dragWithMouse(page, page.getByRole('treeitem', { name: 'GET Alpha' }), page.getByRole('treeitem', { name: 'Archive' }), 'into');
  await expect.poll(ordersRows).toEqual(['GET Beta', 'Archive']);
  await expect(page.getByTestId('tree-announcement')).toHaveText('Moved Alpha into Archive.');
  await page.getByRole('treeitem', { name: 'Archive' }).click();
  await expect(page.getByRole('treeitem', { name: 'GET Alpha' })).toHaveAttribute('aria-level', '3');
  const archive = join(app.dataDir, 'workspace', 'orders', 'archive');
  expect((await readdir(archive)).filter((f) => f.endsWith('.request.json'))).toEqual(['alpha.request.json']);

  // And back out by dropping it on a request of the collection: it lands before that one.
  await dragWithMouse(page, page.getByRole('treeitem', { name: 'GET Alpha' }), page.getByRole('treeitem', { name: 'GET Beta' }), 'before');
  await expect.poll(ordersRows).toEqual(['GET Alpha', 'GET Beta', 'Archive']);
  expect((await readdir(archive)).filter((f) => f.endsWith('.request.json'))).toEqual([]);

  // Within one parent, the lower half of a row drops after it: Alpha goes below Beta (not one further down).
  await dragWithMouse(page, page.getByRole('treeitem', { name: 'GET Alpha' }), page.getByRole('treeitem', { name: 'GET Beta' }), 'after');
  await expect.poll(ordersRows).toEqual(['GET Beta', 'GET Alpha', 'Archive']);
  const order = async (): Promise<string> => readFile(join(app.dataDir, 'workspace', 'orders', 'collection.json'), 'utf8');
  await expect.poll(order).toMatch(/beta\.request\.json[\s\S]*alpha\.request\.json/);

  // Escape during a drag cancels it: released over Archive, nothing moves and the row is not opened.
  const tabs = await page.getByRole('tab').count();
  const beta = page.getByRole('treeitem', { name: 'GET Beta' });
  const box = (await beta.boundingBox())!;
  const target = (await page.getByRole('treeitem', { name: 'Archive' }).boundingBox())!;
  await page.mouse.move(box.x + 24, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 24, target.y + target.height / 2, { steps: 8 });
  await expect(page.getByRole('treeitem', { name: 'Archive' })).toHaveClass(/\bdrop-into\b/);
  await expect(beta).toHaveClass(/\bdragging\b/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('treeitem', { name: 'Archive' })).not.toHaveClass(/\bdrop-into\b/);
  await page.mouse.up();
  await expect(beta).not.toHaveClass(/\bdragging\b/);
  expect(await ordersRows()).toEqual(['GET Beta', 'GET Alpha', 'Archive']);
  expect(await page.getByRole('tab').count()).toBe(tabs);

  // By keyboard: Alt+↓ and Alt+↑ move the focused row among its siblings (as the channel list
  // does), the files follow, and a screen reader is told where it went.
  // The first click after a cancelled drag counts (it once went to the drag on a busy page).
  await page.getByRole('treeitem', { name: 'GET Beta' }).click();
  await expect(page.getByRole('treeitem', { name: 'GET Beta' })).toHaveClass(/\bfocused\b/);
  await expect(page.getByRole('tree', { name: 'Collections' })).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(ordersRows).toEqual(['GET Alpha', 'GET Beta', 'Archive']);
  await expect(page.getByTestId('tree-announcement')).toHaveText('Moved Beta to position 2 of 3 in Orders.');
  await expect.poll(order).toMatch(/alpha\.request\.json[\s\S]*beta\.request\.json/);
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(ordersRows).toEqual(['GET Alpha', 'Archive', 'GET Beta']);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('tree-announcement')).toHaveText('Beta is already last in Orders.');
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(ordersRows).toEqual(['GET Alpha', 'GET Beta', 'Archive']);
});
