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
