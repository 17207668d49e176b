import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startApp, type RunningApp } from '../support/appHost';
import { AppPage } from './pages/AppPage';

let app: RunningApp;
test.beforeEach(async () => {
  app = await startApp();
});
test.afterEach(async () => {
  await app.close();
});

async function rowAction(page: Page, row: string, action: string): Promise<void> {
  await page.getByRole('treeitem', { name: row, exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: action }).click();
}

async function rename(page: Page, from: string, to: string): Promise<void> {
  await page.getByLabel(`Rename ${from}`).fill(to);
  await page.keyboard.press('Enter');
}

test('a user organises a collection with menus and drag and drop, and the files follow', async ({ page }) => {
  const ui = new AppPage(page);
  await ui.open(app.host.url);
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
  await page.getByRole('treeitem', { name: 'GET Alpha' }).dragTo(page.getByRole('treeitem', { name: 'Archive' }));
  await page.getByRole('treeitem', { name: 'Archive' }).click();
  await expect(page.getByRole('treeitem', { name: 'GET Alpha' })).toHaveAttribute('aria-level', '3');
  const archive = join(app.dataDir, 'workspace', 'orders', 'archive');
  expect((await readdir(archive)).filter((f) => f.endsWith('.request.json'))).toEqual(['alpha.request.json']);

  // And back out by dropping it on a request of the collection: it lands before that one.
  await page.getByRole('treeitem', { name: 'GET Alpha' }).dragTo(page.getByRole('treeitem', { name: 'GET Beta' }));
  await expect.poll(ordersRows).toEqual(['GET Alpha', 'GET Beta', 'Archive']);
  expect((await readdir(archive)).filter((f) => f.endsWith('.request.json'))).toEqual([]);
});
