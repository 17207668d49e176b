import { expect, test } from './fixtures';

test('Diff: the picker keeps its choice when new callbacks arrive, the table always matches it, and it fits its pane', async ({ page, app, ui }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await ui.startListener();
  // A full first page of callbacks: the oldest is the last one loaded.
  for (let i = 0; i < 100; i++) await app.backend.handlers['webhooks.fireSample']({ trigger: 'MESSAGE_DELIVERY' });
  await expect(page.getByTestId('event-count')).toHaveText('100 events');
  await page.getByTestId('event-list').getByRole('button').first().click();
  const details = page.getByTestId('event-details');
  await details.getByRole('tab', { name: 'Diff' }).click();

  const picker = details.getByLabel('Compare with');
  const oldest = await picker.locator('option').last().getAttribute('value');
  expect(oldest).toBeTruthy();
  await picker.selectOption(oldest ?? '');
  const chosenText = (await picker.locator('option:checked').textContent()) ?? '';
  const table = details.getByRole('table', { name: 'Differences' });
  await expect(table).toBeVisible();

  // The picker is no wider than the pane it sits in (its options are whole summaries).
  const pane = await page.locator('.event-details-pane').boundingBox();
  const row = await picker.boundingBox();
  const previous = await details.getByRole('button', { name: /^Previous / }).boundingBox();
  expect((row?.x ?? 0) + (row?.width ?? 0), 'the picker ends inside its pane').toBeLessThanOrEqual((pane?.x ?? 0) + (pane?.width ?? 0));
  expect((previous?.x ?? 0) + (previous?.width ?? 0), 'so does the Previous button').toBeLessThanOrEqual((pane?.x ?? 0) + (pane?.width ?? 0));

  // A new callback re-reads the list: the compared event is now past the first page, and the picker still names it.
  await app.backend.handlers['webhooks.fireSample']({ trigger: 'MESSAGE_DELIVERY' });
  await expect(page.getByTestId('event-count')).toHaveText('101 events');
  await expect(picker).toHaveValue(oldest ?? '');
  await expect(picker.locator('option:checked')).toHaveText(chosenText);
  await expect(table).toBeVisible();

  // Back to no choice: no table left over from the last one.
  await picker.selectOption('');
  await expect(table).toBeHidden();
});
