import { expect, test } from './fixtures';

test('choosing the Sandbox region starts the sandbox; a user creates an app, a webhook, and simulates an inbound message', async ({ page, ui, receiver }) => {
  await ui.createEnvironment('Try it offline', {}, { region: 'sandbox' });
  await expect(page.getByTestId('sandbox-badge')).toContainText(/Sandbox at 127\.0\.0\.1:\d+/);
  await expect(page.getByTestId('active-region')).toHaveText('sandbox');

  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/apps',
    '{"display_name": "Explorer demo", "channel_credentials": [{"channel": "SMS", "static_bearer": {"claimed_identity": "12345", "token": "t"}}]}',
  );
  await expect(ui.status).toHaveText('200 OK');
  const appId = /"id": "([0-9A-Z]{26})"/.exec(await ui.responseText())?.[1];
  expect(appId).toBeTruthy();

  await ui.sendRequest(
    'POST',
    `{{base_url}}/v1/projects/{{project_id}}/webhooks`,
    `{"app_id": "${appId}", "target": "${receiver.url}", "target_type": "HTTP", "secret": "whsec-demo", "triggers": ["MESSAGE_INBOUND"]}`,
  );
  await expect(ui.status).toHaveText('200 OK');

  await ui.sendRequest('GET', `{{base_url}}/v1/projects/{{project_id}}/apps/${appId}/x-wrong`);
  await expect(ui.status).toHaveText(/^404/);
  expect(await ui.responseText()).toContain('"status": "NOT_FOUND"');

  await page.getByRole('button', { name: 'Simulate inbound…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Simulate inbound' });
  await dialog.getByLabel('Simulate app ID').fill(appId ?? '');
  await dialog.getByLabel('Simulate identity').fill('+46700000123');
  await dialog.getByLabel('Simulate text').fill('Is my order on its way?');
  await dialog.getByRole('button', { name: 'Send as contact' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/The contact sent message/)).toBeVisible();

  const callback = await receiver.waitFor((c) => 'message' in c.body);
  expect(callback.raw).toContain('Is my order on its way?');
  expect(callback.headers['x-sinch-webhook-signature']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  expect(callback.body.app_id).toBe(appId);
});

test('simulating inbound for an unknown app says what is wrong', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  await page.getByRole('button', { name: 'Simulate inbound…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Simulate inbound' });
  await dialog.getByLabel('Simulate app ID').fill('NOPE');
  await dialog.getByRole('button', { name: 'Send as contact' }).click();
  await expect(dialog.getByRole('alert')).toContainText('NOPE');
});
