import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The request tab that has the keyboard focus, by its name ('' when the focus is elsewhere). */
async function focusedTab(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('role') === 'tab' && el.closest('[aria-label="Open requests"]') ? (el.querySelector('.request-tab-name')?.textContent ?? '') : '';
  });
}

test('request tabs are a tablist: one tab stop, arrow keys and Home/End move and show, Delete closes', async ({ page, ui }) => {
  for (const [search, name] of [
    ['list apps', /List apps/],
    ['create app', /Create app/],
    ['get app', /Get app/],
  ] as const)
    await ui.openFromPalette(search, name);
  const strip = page.getByRole('tablist', { name: 'Open requests' });
  const tabs = strip.getByRole('tab');
  await expect(tabs).toHaveCount(3);

  // The panel the tabs control is the one showing the active request, named by its tab.
  const active = strip.getByRole('tab', { selected: true });
  await expect(active).toContainText('Get app');
  const panelId = await active.getAttribute('aria-controls');
  const panel = page.getByRole('tabpanel');
  await expect(panel).toHaveAttribute('id', panelId ?? 'missing');
  await expect(panel).toHaveAttribute('aria-labelledby', (await active.getAttribute('id')) ?? 'missing');
  await expect(panel.getByRole('region', { name: 'Request' })).toBeVisible();

  // One tab stop: Shift+Tab from the request lands on the active tab (not on a ×), and Tab leaves the strip.
  await ui.method.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'New request' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedTab(page)).toBe('Get app');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New request' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  expect(await focusedTab(page)).toBe('Get app');
  await expect(strip.locator('[tabindex="0"]')).toHaveCount(1);

  // Arrow keys move the focus and show the tab; Home/End jump; the ends wrap round.
  await page.keyboard.press('ArrowLeft');
  await expect(strip.getByRole('tab', { name: /Create app/ })).toHaveAttribute('aria-selected', 'true');
  expect(await focusedTab(page)).toBe('Create app');
  await expect(ui.url).toHaveValue(/\/apps$/);
  await page.keyboard.press('Home');
  await expect(strip.getByRole('tab', { name: /List apps/ })).toHaveAttribute('aria-selected', 'true');
  expect(await focusedTab(page)).toBe('List apps');
  await page.keyboard.press('ArrowLeft');
  await expect(strip.getByRole('tab', { name: /Get app/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(strip.getByRole('tab', { name: /List apps/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(strip.getByRole('tab', { name: /Get app/ })).toHaveAttribute('aria-selected', 'true');

  // Delete closes the focused tab; the focus goes to the tab shown next.
  await page.keyboard.press('Delete');
  await expect(tabs).toHaveCount(2);
  await expect(strip.getByRole('tab', { name: /Get app/ })).toHaveCount(0);
  await expect(strip.getByRole('tab', { name: /Create app/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => focusedTab(page)).toBe('Create app');

  // The × still closes with the pointer.
  await strip.getByRole('button', { name: 'Close List apps' }).click();
  await expect(tabs).toHaveCount(1);
});

test('Ctrl+Tab, Ctrl+Shift+Tab, Ctrl+PageDown/PageUp and Ctrl+W work anywhere in the Requests view, in the body editor too', async ({ page, ui }) => {
  for (const [search, name] of [
    ['list apps', /List apps/],
    ['create app', /Create app/],
    ['create contact', /Create contact/],
  ] as const)
    await ui.openFromPalette(search, name);
  const strip = page.getByRole('tablist', { name: 'Open requests' });
  const selected = strip.getByRole('tab', { selected: true });

  // From the URL field.
  await ui.url.click();
  await page.keyboard.press('Control+Tab');
  await expect(selected).toContainText('List apps');
  await page.keyboard.press('Control+Shift+Tab');
  await expect(selected).toContainText('Create contact');
  await page.keyboard.press('Control+PageUp');
  await expect(selected).toContainText('Create app');
  await page.keyboard.press('Control+PageDown');
  await expect(selected).toContainText('Create contact');

  // From inside Monaco, which takes most keys for itself.
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  const editor = page.getByTestId('body-editor');
  await editor.locator('.monaco-editor').click({ position: { x: 160, y: 10 } });
  await page.keyboard.press('Control+PageUp');
  await expect(selected).toContainText('Create app');
  // The editor went with its tab: the keyboard is on the new tab, so the next press still has a place to start.
  await expect.poll(() => focusedTab(page)).toBe('Create app');
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  await editor.locator('.monaco-editor').click({ position: { x: 160, y: 10 } });
  await page.keyboard.press('Control+Tab');
  await expect(selected).toContainText('Create contact');

  // An edit in the body editor, then Ctrl+W there: it asks first, in the app's dialog; Cancel keeps the tab.
  await ui.request.getByRole('tab', { name: /Body/ }).click();
  await editor.locator('.monaco-editor').click({ position: { x: 160, y: 10 } });
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect(selected.getByLabel('Unsaved changes')).toBeVisible();
  await page.keyboard.press('Control+W');
  const ask = page.getByRole('dialog', { name: 'Unsaved changes' });
  await expect(ask).toContainText('Create contact');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(strip.getByRole('tab')).toHaveCount(3);
  await page.keyboard.press('Control+W');
  await ask.getByRole('button', { name: 'Close without saving' }).click();
  await expect(strip.getByRole('tab')).toHaveCount(2);
  await expect(strip.getByRole('tab', { name: /Create contact/ })).toHaveCount(0);

  // A tab with nothing unsaved closes at once.
  await ui.url.click();
  await page.keyboard.press('Control+W');
  await expect(strip.getByRole('tab')).toHaveCount(1);

  // Outside the Requests view Ctrl+W closes nothing (and never the app window).
  await page.getByRole('tab', { name: /Webhooks/ }).click();
  await page.keyboard.press('Control+W');
  await page.keyboard.press('Control+Tab');
  await page.getByRole('tab', { name: 'Requests' }).click();
  await expect(strip.getByRole('tab')).toHaveCount(1);
});

test('the active tab stays in view when it widens with its unsaved-changes dot, and after Environments closes', async ({ page, ui }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  for (const search of ['list apps', 'create app', 'get app', 'create contact', 'list contacts', 'list webhooks', 'create webhook', 'delete webhook']) {
    await page.keyboard.press('ControlOrMeta+K');
    await page.getByLabel('Search requests').fill(search);
    await page.keyboard.press('Enter');
  }
  const strip = page.getByRole('tablist', { name: 'Open requests' });
  await expect(strip.getByRole('tab')).toHaveCount(8);
  const activeInView = (): Promise<boolean> =>
    page.evaluate(() => {
      const bar = document.querySelector('[aria-label="Open requests"]')?.getBoundingClientRect();
      const tab = document.querySelector('[aria-label="Open requests"] [aria-selected="true"]')?.getBoundingClientRect();
      return Boolean(bar && tab && tab.left >= bar.left - 0.5 && tab.right <= bar.right + 0.5);
    });
  await expect.poll(activeInView).toBe(true);

  // An edit marks the tab unsaved (it grows by its dot); then the environment gets an App ID in Environments.
  await ui.url.fill('{{base_url}}/v1/projects/{{project_id}}/webhooks/{{webhook_id}}?why=edited');
  await expect(strip.getByRole('tab', { selected: true }).getByLabel('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Environments' }).click();
  const form = page.getByRole('form', { name: 'Environment Sandbox' });
  await form.getByLabel('App ID').fill('01APPFROMTHEWALK');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.getByRole('dialog', { name: 'Environments' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog', { name: 'Environments' })).toBeHidden();
  await expect.poll(activeInView).toBe(true);
  await expect(strip.getByRole('tab', { selected: true }).getByRole('button', { name: /^Close / })).toBeInViewport({ ratio: 1 });
});
