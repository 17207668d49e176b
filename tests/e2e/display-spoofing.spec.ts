// Finding 7 of issue #10: a U+202E RIGHT-TO-LEFT OVERRIDE in a name or a callback's text
// reordered what the user read (`Invoice ‮fdp.exe` shows as `Invoice exe.pdf`). Every label
// built from such text shows the control visibly escaped instead.
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

const RLO = '\u202E';
const SPOOF = `Invoice ${RLO}fdp.exe`;
const SHOWN = 'Invoice ⟨U+202E⟩fdp.exe';

test('names and callback summaries with bidi overrides are shown escaped in the tree, tabs, environments, history and inspector', async ({ page, app }) => {
  const h = app.backend.handlers;
  const collection = await h['collections.create']({ name: `Billing ${RLO}gnillib` });
  const listener = await h['webhooks.start']({ port: 0 });
  const saved = await h['collections.saveRequest']({
    parentId: collection.id,
    request: {
      id: 'spoofed-request-0001',
      name: SPOOF,
      method: 'POST',
      url: listener.url,
      headers: [{ key: 'Content-Type', value: 'application/json', enabled: true }],
      params: [],
      body: { mode: 'json', text: JSON.stringify({ app_id: 'app', message: { contact_message: { text_message: { text: `pay ${RLO}won` } } } }) },
      captures: [],
      variables: [],
      description: '',
      auth: 'none',
    },
  });
  await h['environments.create']({ name: `Prod ${RLO}dorp` });

  // Opened after the data is in place (not the `ui` fixture), so the first load shows it.
  const ui = new AppPage(page);
  await ui.open(app.host.url);

  const tree = page.getByRole('tree');
  await expect(tree).toContainText('Billing ⟨U+202E⟩gnillib');
  await page.getByRole('treeitem', { name: /Billing/ }).click();
  const row = page.getByRole('treeitem', { name: /Invoice/ });
  await expect(row).toContainText(SHOWN);
  await row.click();
  await expect(page.getByRole('tab', { name: /Invoice/ })).toContainText(SHOWN);
  await page.screenshot({ path: 'test-results/display-spoofing-tree.png' });

  await expect(ui.environmentPicker).toContainText('Prod ⟨U+202E⟩dorp');

  await ui.send.click();
  await expect(ui.status).toHaveText('200 OK');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByRole('list', { name: 'History' })).toContainText(SHOWN);

  await page.getByRole('tab', { name: /Webhooks/ }).click();
  const events = page.getByTestId('event-list');
  await expect(events).toContainText('pay ⟨U+202E⟩won');
  // Nowhere on the page is the raw override left to reorder text.
  expect(await page.evaluate(() => document.body.innerText.includes('\u202E'))).toBe(false);
  await page.screenshot({ path: 'test-results/display-spoofing.png' });
  expect(saved.name).toBe(SPOOF);
});
