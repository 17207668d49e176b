import { createServer, type Server } from 'node:net';
import { expect, test } from './fixtures';

const SMS_APP = '{"display_name": "Failures", "channel_credentials": [{"channel": "SMS", "static_bearer": {"claimed_identity": "12345", "token": "t"}}]}';

test('a failed delivery shows its reason in the list and the details, marked as a failure; search applies as you type', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const listenerUrl = await ui.startListener();
  await page.getByRole('tab', { name: 'Requests' }).click();
  await ui.sendRequest('POST', '{{base_url}}/v1/projects/{{project_id}}/apps', SMS_APP);
  await expect(ui.status).toHaveText('200 OK');
  const appId = /"id": "([0-9A-Z]{26})"/.exec(await ui.responseText())?.[1] ?? '';
  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/webhooks',
    `{"app_id": "${appId}", "target": "${listenerUrl}", "target_type": "HTTP", "triggers": ["MESSAGE_DELIVERY"]}`,
  );
  await expect(ui.status).toHaveText('200 OK');
  // Identities ending in 9999 cannot be reached in the sandbox.
  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/messages:send',
    `{"app_id": "${appId}", "recipient": {"identified_by": {"channel_identities": [{"channel": "SMS", "identity": "+46700009999"}]}}, "message": {"text_message": {"text": "Hi"}}}`,
  );
  await expect(ui.status).toHaveText('200 OK');

  await page.getByRole('tab', { name: /Webhooks/ }).click();
  const failed = page.getByRole('button', { name: /^Failed: RECIPIENT_NOT_REACHABLE\. MESSAGE_DELIVERY/ });
  await expect(failed).toBeVisible();
  await expect(failed).toHaveClass(/\bfailed\b/);
  await expect(failed).toContainText('FAILED RECIPIENT_NOT_REACHABLE');
  await expect(failed.locator('svg.failure-icon')).toBeVisible();
  // A delivered-then-queued report of the same message is not marked.
  await expect(page.getByRole('button', { name: /^MESSAGE_DELIVERY .*QUEUED_ON_CHANNEL/ })).not.toHaveClass(/\bfailed\b/);

  await failed.click();
  await expect(page.getByTestId('event-failure')).toContainText('Delivery failed: RECIPIENT_NOT_REACHABLE');
  await expect(page.getByTestId('event-failure')).toContainText('configured to be unreachable');

  // Typing filters without Enter, as the other filters do.
  await expect(page.getByTestId('event-count')).toHaveText('2 events');
  await page.getByLabel('Search events').pressSequentially('not_reach', { delay: 30 });
  await expect(page.getByTestId('event-count')).toHaveText('1 event');
  await page.getByLabel('Search events').fill('');
  await expect(page.getByTestId('event-count')).toHaveText('2 events');
});

test('listener port errors are plain words, go away when the port changes, and the toolbar fits one row', async ({ ui: { page } }) => {
  await page.getByRole('tab', { name: /Webhooks/ }).click();
  const port = page.getByLabel('Listener port');
  const start = page.getByRole('button', { name: 'Start listener' });

  await port.fill('70000');
  if (await start.isEnabled()) await start.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Port must be a whole number from 0 to 65535 (0 picks a free port).' })).toBeVisible();
  await expect(page.getByText(/Too big|expected number/)).toHaveCount(0);
  // The sentence goes under the toolbar: the controls stay on one row at 1400 px.
  expect((await page.locator('.listener-bar').boundingBox())?.height ?? 0).toBeLessThan(52);

  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  try {
    const taken = (busy.address() as { port: number }).port;
    await port.fill(String(taken));
    await start.click();
    const inUse = page.getByRole('alert').filter({ hasText: 'already in use' });
    await expect(inUse).toContainText('Type another port in the box');
    await expect(inUse).not.toContainText('--port');
    await port.fill('0');
    await expect(inUse).toHaveCount(0);
    await start.click();
    await expect(page.getByTestId('listener-status')).toContainText('Listening at');
  } finally {
    busy.close();
  }

  // At 1400 px the listener controls and the filters each take one row.
  for (const bar of [page.locator('.listener-bar'), page.locator('.filter-bar')]) {
    const box = await bar.boundingBox();
    expect(box?.height ?? 0).toBeLessThan(52);
  }
  await page.screenshot({ path: test.info().outputPath('inspector-1400.png') });
});
