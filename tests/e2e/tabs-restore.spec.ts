import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const SECRET = 'Bearer sk_live_7Hq2mZr9Xw4Lp8Tn';

async function sessionFile(dataDir: string): Promise<string> {
  return readFile(join(dataDir, 'session.json'), 'utf8').catch(() => '');
}

async function replaceBody(page: Page, text: string): Promise<void> {
  await page.getByRole('region', { name: 'Request' }).getByRole('tab', { name: /Body/ }).click();
  await page.getByRole('radio', { name: 'JSON' }).check();
  await page
    .getByTestId('body-editor')
    .locator('.monaco-editor')
    .click({ position: { x: 120, y: 10 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

test('open tabs and unsaved drafts come back after a restart; a secret header value is never written', async ({ page, app, ui }) => {
  // A request of my own, never saved, with a credential header and an ordinary one.
  await ui.method.selectOption('POST');
  await ui.url.fill('https://orders.example.test/v1/orders');
  await ui.setHeader(1, 'Authorization', SECRET);
  await ui.setHeader(2, 'X-Trace', 'trace-42');
  await replaceBody(page, '{"order": 42}');

  // Two catalog requests: one edited, one left as it is.
  await ui.openFromPalette('list apps', /List apps/);
  await ui.openFromPalette('create app', /Create app/);
  await replaceBody(page, '{"display_name": "Draft from before the restart"}');
  const tabs = page.getByRole('tablist', { name: 'Open requests' });
  await expect(tabs.getByRole('tab')).toHaveCount(3);

  // Saved in the background, without the secret.
  await expect.poll(() => sessionFile(app.dataDir), { timeout: 10_000 }).toContain('Draft from before the restart');
  await expect.poll(() => sessionFile(app.dataDir)).toContain('trace-42');
  expect(await sessionFile(app.dataDir)).not.toContain('sk_live_7Hq2mZr9Xw4Lp8Tn');

  await app.restart();
  await ui.open(app.host.url);

  // The same tabs, in order, the same one active, drafts still unsaved.
  await expect(tabs.getByRole('tab')).toHaveCount(3);
  await expect(tabs.getByRole('tab').nth(0)).toContainText('Untitled request');
  await expect(tabs.getByRole('tab').nth(1)).toContainText('List apps');
  await expect(tabs.getByRole('tab').nth(2)).toContainText('Create app');
  await expect(tabs.getByRole('tab', { name: /Create app/ })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: /Create app/ }).getByLabel('Unsaved changes')).toBeVisible();
  await expect(tabs.getByRole('tab', { name: /List apps/ }).getByLabel('Unsaved changes')).toHaveCount(0);
  await page.getByRole('region', { name: 'Request' }).getByRole('tab', { name: /Body/ }).click();
  await expect(page.getByTestId('body-editor')).toContainText('Draft from before the restart');

  // My own request: everything but the credential, and the tab says what to enter again.
  await tabs.getByRole('tab', { name: /Untitled request/ }).click();
  await expect(ui.method).toHaveValue('POST');
  await expect(ui.url).toHaveValue('https://orders.example.test/v1/orders');
  await ui.request.getByRole('tab', { name: /Headers/ }).click();
  await expect(page.getByLabel('Headers Header 1', { exact: true })).toHaveValue('Authorization');
  await expect(page.getByLabel('Headers Value 1', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Headers Value 2', { exact: true })).toHaveValue('trace-42');
  const notice = page.getByTestId('restored-notice');
  await expect(notice).toContainText('header Authorization');
  await expect(notice).toContainText(/never written to disk/);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  await expect(page.getByTestId('body-editor')).toContainText('"order": 42');
});

test('closing tabs is remembered too: after a restart only the open ones come back', async ({ page, app, ui }) => {
  await ui.openFromPalette('list apps', /List apps/);
  await ui.openFromPalette('create contact', /Create contact/);
  await ui.openFromPalette('get app', /Get app/);
  const tabs = page.getByRole('tablist', { name: 'Open requests' });
  await tabs.getByRole('button', { name: 'Close Create contact' }).click();
  await tabs.getByRole('tab', { name: /List apps/ }).click();
  // Wait for the save of this very state (an earlier save, with List apps alone, also lacked Create contact).
  await expect
    .poll(async () => {
      const { session } = JSON.parse((await sessionFile(app.dataDir)) || '{}') as {
        session?: { activeTabId: string | null; tabs: { id: string; requestId: string }[] };
      };
      const open = session?.tabs ?? [];
      return { open: open.map((t) => t.requestId), active: open.find((t) => t.id === session?.activeTabId)?.requestId };
    })
    .toEqual({ open: ['apps.list', 'apps.get'], active: 'apps.list' });

  await app.restart();
  await ui.open(app.host.url);
  await expect(tabs.getByRole('tab')).toHaveCount(2);
  await expect(tabs.getByRole('tab', { name: /List apps/ })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: /Get app/ })).toBeVisible();
});

test('the active tab is scrolled into view when many are open', async ({ page, ui }) => {
  const names = [
    'List apps',
    'Get app',
    'Create app',
    'Update app',
    'Delete app',
    'List contacts',
    'Get contact',
    'Create contact',
    'Update contact',
    'Delete contact',
    'List webhooks',
    'Create webhook',
  ];
  for (const name of names) await ui.openFromPalette(name.toLowerCase(), new RegExp(`^\\w+ ${name}`));
  const bar = page.getByRole('tablist', { name: 'Open requests' });
  const inView = async (name: string): Promise<boolean> => {
    const [tab, strip] = await Promise.all([bar.getByRole('tab', { name: new RegExp(`^\\w+ ${name}`) }).boundingBox(), bar.boundingBox()]);
    return tab !== null && strip !== null && tab.x >= strip.x - 1 && tab.x + tab.width <= strip.x + strip.width + 1;
  };
  // The strip overflows: the first tab is pushed out of view by the last one opened.
  await expect.poll(() => inView('Create webhook')).toBe(true);
  expect(await inView('List apps')).toBe(false);
  // Going back to a tab far to the left (from the palette, as a user does) brings it into view, and back again.
  await ui.openFromPalette('list apps', /List apps/);
  await expect.poll(() => inView('List apps')).toBe(true);
  await ui.openFromPalette('create webhook', /Create webhook/);
  await expect.poll(() => inView('Create webhook')).toBe(true);
});
