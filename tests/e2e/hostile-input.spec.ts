import { expect, test } from './fixtures';

// Issue 19, item 1: a callback of [[[…]]] nested 20 000 deep was listed, and opening Diff on it
// took the whole app down. It is listed with what is wrong, Diff says so plainly, the app goes on.
test('a deeply nested callback is listed, Diff on it says why it cannot compare, and the app keeps working', async ({ page, ui }) => {
  const listenerUrl = await ui.startListener();
  const post = (body: string): Promise<Response> => fetch(listenerUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  expect((await post('{"message_delivery_report":{"status":"DELIVERED","message_id":"01HDEEPTEST"},"app_id":"a1"}')).status).toBe(200);
  expect((await post(`${'['.repeat(20_000)}${']'.repeat(20_000)}`)).status).toBe(200);

  const list = page.getByTestId('event-list');
  const deep = list.getByRole('button', { name: /nested deeper than 64 levels/ });
  await expect(deep).toBeVisible();
  await deep.click();
  await page.getByRole('tab', { name: 'Diff' }).click();
  const picker = page.getByLabel('Compare with');
  await picker.selectOption((await picker.locator('option', { hasText: 'MESSAGE_DELIVERY' }).getAttribute('value')) ?? '');
  const problem = page.getByTestId('diff-problem');
  await expect(problem).toContainText("This callback's body is JSON nested deeper than 64 levels");
  await expect(page.getByRole('table', { name: 'Differences' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/hostile-diff.png' });

  // Still alive: the other callback opens and compares, and a new one arrives live.
  await list.getByRole('button', { name: /MESSAGE_DELIVERY/ }).click();
  await page.getByRole('tab', { name: 'Body' }).click();
  await expect(page.getByTestId('event-body')).toContainText('DELIVERED');
  expect((await post('{"message_delivery_report":{"status":"READ","message_id":"01HDEEPTEST"},"app_id":"a1"}')).status).toBe(200);
  await expect(list.getByRole('button', { name: /READ/ })).toBeVisible();
});

// Issue 19, item 3: a padlocked value shorter than 4 characters cannot be hidden inside other text
// without garbling it (`response` → `resp[redacted]se`); the user is told where they type it and
// with the first response that has it in scope, and the response keeps its shape.
test('a short padlocked value is flagged in the environment editor and with the first response, which arrives whole', async ({ page, ui, echo }) => {
  await ui.createEnvironment('Short', { server: echo.url });
  await page.getByRole('button', { name: 'Environments' }).click();
  const form = page.getByRole('form', { name: 'Environment Short' });
  await form.getByLabel('Variables Variable 2', { exact: true }).fill('flag');
  await form.getByLabel('Variables Value 2', { exact: true }).fill('x');
  await form.getByRole('button', { name: 'Keep Variables row 2 secret' }).click();
  await form.getByLabel('Variables Value 2', { exact: true }).fill('on');
  await expect(form.getByRole('note')).toContainText('Shorter than 4 characters');
  await form.getByRole('note').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/hostile-short-secret-editor.png' });
  await form.getByLabel('Variables Value 2', { exact: true }).fill('on-and-on');
  await expect(form.getByRole('note')).toHaveCount(0);
  await form.getByLabel('Variables Value 2', { exact: true }).fill('on');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.getByRole('dialog', { name: 'Environments' }).getByRole('button', { name: 'Close' }).click();

  await ui.setHeader(1, 'X-Flag', '{{flag}}');
  await ui.sendRequest('GET', '{{server}}/conversations?option=one');
  await expect(page.getByTestId('response-status')).toContainText('200');
  await expect(page.getByTestId('send-warning')).toContainText('{{flag}} is shorter than 4 characters');
  await page.screenshot({ path: '/tmp/hostile-short-secret.png' });
  // Sent again: said once, not with every response.
  await ui.send.click();
  await expect(page.getByTestId('response-status')).toContainText('200');
  await expect(page.getByTestId('send-warning')).toHaveCount(0);
  expect(await ui.responseText()).toContain('conversations');
});
