import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function rowAction(page: Page, row: string, action: string): Promise<void> {
  await page.getByRole('treeitem', { name: row, exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: action }).click();
}

async function rename(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel(`Rename ${from}`).fill(to);
  await page.keyboard.press('Enter');
}

/**
 * Drags one tree row onto another with the mouse, as a user does. A single jump of the pointer (plain `dragTo`)
 * raced the native drag session in headed Chromium on a loaded machine, so the pointer moves in steps, and the
 * button is released only once the target shows its drop hint (`drop-into` on a folder, `drop-before` on a
 * request), that is once it has accepted a dragover. A drag that never got that far is abandoned outside the tree,
 * where nothing accepts a drop (so nothing moves), and tried again.
 */
async function dragRow(page: Page, source: Locator, target: Locator, hint: 'into' | 'before'): Promise<void> {
  await expect(async () => {
    await source.scrollIntoViewIfNeeded();
    await source.hover();
    const from = await source.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('A row to drag or drop on is not on the page.');
    await page.mouse.down();
    try {
      // A few pixels within the row first: Chromium starts the drag session on the first moves.
      await page.mouse.move(from.x + from.width / 2 + 6, from.y + from.height / 2 + 3, { steps: 4 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      await expect(target).toHaveClass(new RegExp(`\\bdrop-${hint}\\b`), { timeout: 2_000 });
    } catch (error) {
      await page.mouse.move(1, 1, { steps: 4 });
      await page.mouse.up();
      throw error;
    }
    await page.mouse.up();
  }).toPass({ timeout: 30_000 });
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
  }
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
  await dragRow(page, page.getByRole('treeitem', { name: 'GET Alpha' }), page.getByRole('treeitem', { name: 'Archive' }), 'into');
  await expect.poll(ordersRows).toEqual(['GET Beta', 'Archive']);
  await page.getByRole('treeitem', { name: 'Archive' }).click();
  await expect(page.getByRole('treeitem', { name: 'GET Alpha' })).toHaveAttribute('aria-level', '3');
  const archive = join(app.dataDir, 'workspace', 'orders', 'archive');
  expect((await readdir(archive)).filter((f) => f.endsWith('.request.json'))).toEqual(['alpha.request.json']);

  // And back out by dropping it on a request of the collection: it lands before that one.
  await dragRow(page, page.getByRole('treeitem', { name: 'GET Alpha' }), page.getByRole('treeitem', { name: 'GET Beta' }), 'before');
  await expect.poll(ordersRows).toEqual(['GET Alpha', 'GET Beta', 'Archive']);
  expect((await readdir(archive)).filter((f) => f.endsWith('.request.json'))).toEqual([]);
});
