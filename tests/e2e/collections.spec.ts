import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('the catalog flow: create an app, its id is captured, send a message with it, save the request, find it in history', async ({ page, app, ui }) => {
  await ui.createEnvironment('Sandbox', { recipient_phone: '+46700000042' }, { region: 'sandbox' });

  // Jump to a catalog request with the command palette.
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByLabel('Search requests').fill('create app');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: /Create app/ })).toBeVisible();
  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  const captured = page.getByTestId('captures-report');
  await expect(captured).toContainText('{{app_id}} =');
  const appId = /\{\{app_id\}\} = (\w+)/.exec((await captured.innerText()) ?? '')?.[1] ?? '';
  expect(appId).toMatch(/^[0-9A-Z]{26}$/);

  // The environment now holds the app id: the send template resolves without typing it.
  await page.getByRole('button', { name: 'Variables' }).click();
  await expect(page.getByRole('table', { name: 'Resolved variables' })).toContainText(appId);
  await page.getByRole('dialog', { name: 'Variables' }).getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Filter requests').fill('text message');
  await page
    .getByRole('treeitem', { name: /POST .*text message/i })
    .first()
    .click();
  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  await expect(page.getByTestId('captures-report')).toContainText('{{message_id}} =');

  // Save a copy of it into a collection of the user's own.
  await page.keyboard.press('ControlOrMeta+S');
  const save = page.getByRole('dialog', { name: 'Save request' });
  await save.getByLabel('Request name to save').fill('Shipping notice');
  await save.getByLabel('New collection name').fill('Order updates');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Saved "Shipping notice" in Order updates/)).toBeVisible();
  await page.getByLabel('Filter requests').fill('');
  await expect(page.getByRole('treeitem', { name: 'POST Shipping notice' })).toBeVisible();

  // On disk: one pretty JSON file per request, in the workspace folder.
  const workspace = join(app.dataDir, 'workspace');
  const [collectionDir] = await readdir(workspace);
  const files = await readdir(join(workspace, collectionDir ?? ''));
  const requestFile = files.find((f) => f.endsWith('.request.json')) ?? '';
  const text = await readFile(join(workspace, collectionDir ?? '', requestFile), 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'sinch-explorer/request', request: { name: 'Shipping notice', method: 'POST' } });

  // Edit → unsaved marker → Ctrl+S saves in place.
  await ui.url.fill('{{base_url}}/v1/projects/{{project_id}}/messages:send?x=1');
  await expect(page.getByRole('tab', { name: /Shipping notice/ }).getByLabel('Unsaved changes')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+S');
  await expect(page.getByRole('tab', { name: /Shipping notice/ }).getByLabel('Unsaved changes')).toBeHidden();
  expect(await readFile(join(workspace, collectionDir ?? '', requestFile), 'utf8')).toContain('messages:send?x=1');

  // History lists what was sent and reopens it.
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history.getByRole('button')).toHaveCount(2);
  await page.getByLabel('Search history').fill('apps');
  await expect(history.getByRole('button')).toHaveCount(1);
  await history.getByRole('button').first().click();
  await expect(ui.url).toHaveValue('{{base_url}}/v1/projects/{{project_id}}/apps');
});

test('a body that breaks the schema is flagged before sending, and can be sent anyway to see the API error', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox', appId: '01HXAMPLEAPP0000000000000' });
  await page.keyboard.press('ControlOrMeta+K');
  await page.getByLabel('Search requests').fill('send text message');
  await page.keyboard.press('Enter');
  await ui.setJsonBody(
    '{"app_id": "{{app_id}}", "recipient": {"contact_id": "x"}, "message": {"text_message": {"text": "a"}, "media_message": {"url": "https://example.com/a.png"}}}',
  );
  // The editor itself marks what the schema does not allow, before anything is sent.
  await expect(page.getByTestId('body-editor').locator('.squiggly-warning, .squiggly-error').first()).toBeVisible();
  await ui.send.click();
  await expect(page.getByTestId('schema-problems')).toBeVisible();
  await page.getByRole('button', { name: 'Send anyway' }).click();
  await expect(ui.status).toHaveText(/^(400|404)/);
  expect(await ui.responseText()).toContain('"error"');
});

test('a hand-broken request file is named in the sidebar and the rest still loads', async ({ app, ui: { page } }) => {
  await page.getByRole('button', { name: '+ New' }).click();
  await page.getByLabel('New collection name').fill('Mine');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('treeitem', { name: 'Mine' })).toBeVisible();
  const dir = join(app.dataDir, 'workspace', 'mine');
  await writeFile(join(dir, 'broken.request.json'), '{ "format": "sinch-explorer/request", ');
  await page.reload();
  await expect(page.getByTestId('collection-problems')).toContainText('broken.request.json');
  await expect(page.getByRole('treeitem', { name: 'Mine' })).toBeVisible();
});

test('copy as curl masks the Authorization header unless asked', async ({ page, ui }) => {
  await ui.url.fill('https://example.invalid/v1/x');
  await ui.setHeader(1, 'Authorization', 'Bearer super-secret-token');
  await page.getByRole('button', { name: 'curl' }).click();
  const text = page.getByTestId('curl-text');
  await expect(text).toContainText('curl');
  await expect(text).not.toContainText('super-secret-token');
  await page.getByLabel(/Include credentials/).check();
  await expect(text).toContainText('super-secret-token');
});
