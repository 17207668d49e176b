import type { Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';
import { expect, test } from './fixtures';

/**
 * The page never gets wider than the window, in any view, while an editor is shown. A real window sizes the page
 * from the window (no emulated viewport), so this file runs that way: Monaco's automatic layout and a grid's auto
 * column once fed each other and widened the page by hundreds of pixels a second, pushing Send off-screen.
 */
const WIDTH = 1400;
const HEIGHT = 900;
test.use({ viewport: null, launchOptions: chromiumLaunchOptions([`--window-size=${WIDTH},${HEIGHT}`]) });

/** Samples the page width for a while, so growth that takes a few layout passes is caught too. */
async function expectPageFitsWindow(page: Page, what: string): Promise<void> {
  const samples: { scrollWidth: number; innerWidth: number; editorRight: number }[] = [];
  for (let i = 0; i < 8; i++) {
    samples.push(
      await page.evaluate(() => ({
        // The document, and every editor on screen (an ancestor clipping the overflow must not hide the growth).
        scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
        innerWidth: window.innerWidth,
        editorRight: Math.max(0, ...[...document.querySelectorAll('.monaco-editor')].map((e) => e.getBoundingClientRect().right)),
      })),
    );
    await page.waitForTimeout(250);
  }
  const widest = Math.max(...samples.map((s) => s.scrollWidth));
  const innerWidth = samples[0]?.innerWidth ?? 0;
  expect(innerWidth, 'the window is as wide as asked').toBeGreaterThan(WIDTH - 50);
  const editorRight = Math.max(...samples.map((s) => s.editorRight));
  expect.soft(editorRight, `${what}: every editor ends inside the window`).toBeLessThanOrEqual(innerWidth);
  expect
    .soft(widest, `${what}: the page (${samples.map((s) => s.scrollWidth).join(', ')} px over 2 s) stays within the ${innerWidth} px window`)
    .toBeLessThanOrEqual(innerWidth);
}

async function expectInWindow(page: Page, name: string, box: { x: number; y: number; width: number; height: number } | null): Promise<void> {
  const innerWidth = await page.evaluate(() => window.innerWidth);
  expect(box, `${name} is on the page`).not.toBeNull();
  if (box) expect(box.x + box.width, `${name} is inside the window`).toBeLessThanOrEqual(innerWidth);
}

test('no view is wider than the window while a request, response or event body is shown; Send stays in reach', async ({ page, ui }) => {
  await expectPageFitsWindow(page, 'first start');

  await ui.createEnvironment('Sandbox', { recipient_phone: '+46700000042' }, { region: 'sandbox' });
  await ui.openFromPalette('create app', /Create app/);
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  await expect(page.getByTestId('body-editor').locator('.view-lines')).toBeVisible();
  await expectPageFitsWindow(page, 'Create app, Body tab');
  await expectInWindow(page, 'Send', await ui.send.boundingBox());

  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  await expect(ui.responseBody.locator('.view-lines')).toBeVisible();
  await expectPageFitsWindow(page, 'Create app, response body');
  await expectInWindow(page, 'Send', await ui.send.boundingBox());

  // Other request tabs and the docs keep the width too.
  for (const tab of [/Headers/, /Docs/, /Captures/]) {
    const button = ui.request.getByRole('tab', { name: tab });
    if ((await button.count()) === 0) continue;
    await button.first().click();
    await expectPageFitsWindow(page, `request tab ${String(tab)}`);
  }

  // A long, unbroken body line must scroll inside the editor, not widen the page.
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  await page
    .getByTestId('body-editor')
    .locator('.monaco-editor')
    .click({ position: { x: 120, y: 10 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(`{"text": "${'x'.repeat(3000)}"}`);
  await expectPageFitsWindow(page, 'a 3000-character body line');

  // The Code panel's editor, holding that same 3000-character line, wraps inside its dialog.
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Code' }).getByTestId('code-editor').locator('.view-lines')).toContainText('xxxx');
  await expectPageFitsWindow(page, 'Code panel');
  await page.getByRole('dialog', { name: 'Code' }).getByRole('button', { name: 'Close' }).click();

  // The webhook inspector with an event's body.
  await ui.startListener();
  await ui.fireSample('CONTACT_MERGE');
  const row = page.getByTestId('event-list').getByRole('button', { name: /CONTACT_MERGE/ });
  await row.first().click();
  await page.getByRole('tab', { name: 'Body', exact: true }).click();
  await expect(page.getByTestId('event-body').locator('.view-lines')).toBeVisible();
  await expectPageFitsWindow(page, 'inspector, event body');
  await page.getByRole('tab', { name: 'Replay', exact: true }).click();
  await expectPageFitsWindow(page, 'inspector, replay editor');

  // Back to requests: the editors laid out while hidden must still fit.
  await page.getByRole('tab', { name: 'Requests' }).click();
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  await expectPageFitsWindow(page, 'back to requests');
  await expectInWindow(page, 'Send', await ui.send.boundingBox());
});
