import { expect, test } from './fixtures';

test('sandbox traffic appears live in the inspector with valid signatures, and survives a restart', async ({ page, app, ui }) => {
  await ui.createEnvironment('Sandbox', { recipient_phone: '+46700000042' }, { region: 'sandbox' });
  const listenerUrl = await ui.startListener();

  // Back to requests: create an app and a webhook pointing at the listener, then send a message.
  await ui.setEnvironmentVariable('Sandbox', 2, 'webhook_target', `${listenerUrl}sinch`);
  await ui.sendFromCatalog(['create app', /Create app/], ['create webhook', /Create webhook/], ['send text message', /Send text message/]);

  await page.getByRole('tab', { name: /Webhooks/ }).click();
  const list = page.getByTestId('event-list');
  await expect(list.getByRole('button', { name: /MESSAGE_DELIVERY valid DELIVERED/ }).first()).toBeVisible();
  await list
    .getByRole('button', { name: /MESSAGE_DELIVERY valid DELIVERED/ })
    .first()
    .click();
  await expect(page.getByTestId('event-verdict')).toHaveText('valid');
  const signature = page.getByTestId('signature-panel');
  await expect(signature).toContainText('sandbox webhook');
  await expect(signature.locator('.sig-ok').first()).toBeVisible();

  // The timeline follows the message: submit, queued, delivered.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByRole('list', { name: 'Event timeline' })).toContainText('MESSAGE_SUBMIT');

  // Filters narrow the list.
  await page.getByLabel('Filter by trigger').selectOption('MESSAGE_SUBMIT');
  await expect(page.getByTestId('event-count')).toHaveText('1 event');
  await page.getByLabel('Filter by trigger').selectOption('');

  // Replaying an event as-is is caught as a reused nonce.
  await list
    .getByRole('button', { name: /MESSAGE_SUBMIT/ })
    .first()
    .click();
  await page.getByRole('tab', { name: 'Replay' }).click();
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByTestId('replay-outcome')).toContainText('Answered 200');
  await expect(list.getByRole('button', { name: /MESSAGE_SUBMIT nonce reused|MESSAGE_SUBMIT replayed/ }).first()).toBeVisible();

  // History across restarts.
  const total = await page.getByTestId('event-count').innerText();
  await app.restart();
  await ui.open(app.host.url);
  await page.getByRole('tab', { name: /Webhooks/ }).click();
  await expect(page.getByTestId('event-count')).toHaveText(total);
});

test('a fired sample arrives unsigned and is classified by its trigger; a stopped listener says so', async ({ page, ui }) => {
  await ui.startListener();
  await ui.fireSample('CONTACT_MERGE');
  const row = page.getByTestId('event-list').getByRole('button', { name: /CONTACT_MERGE unsigned/ });
  await expect(row).toBeVisible();
  await row.click();
  await page.getByRole('tab', { name: 'Raw' }).click();
  await expect(page.getByTestId('raw-request')).toContainText('contact_merge_notification');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('listener-status')).toHaveText('Listener stopped');
});

test('forwarding passes every callback on to a second local server byte for byte', async ({ page, app, ui, receiver: target }) => {
  await ui.createEnvironment('Sandbox', { recipient_phone: '+46700000042' }, { region: 'sandbox' });
  const listenerUrl = await ui.startListener();
  await page.getByLabel('Forward to').fill(target.url);
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop forwarding' })).toBeVisible();

  await ui.setEnvironmentVariable('Sandbox', 2, 'webhook_target', listenerUrl);
  await ui.sendFromCatalog(['create app', /Create app/], ['create webhook', /Create webhook/], ['send text message', /Send text message/]);
  const forwarded = await target.waitFor((c) => 'message_delivery_report' in c.body && JSON.stringify(c.body).includes('DELIVERED'));

  // What the listener received and what the target got are the same bytes, signature included.
  const page1 = await app.backend.handlers['webhooks.query']({ filter: { triggers: ['MESSAGE_DELIVERY'] }, offset: 0, limit: 50 });
  const stored = await Promise.all(page1.events.map((e) => app.backend.handlers['webhooks.get']({ id: e.id })));
  const same = stored.find((e) => e.bodyText === forwarded.raw);
  expect(same).toBeDefined();
  const header = (name: string): string | undefined => same?.headers.find((h) => h.name.toLowerCase() === name)?.value;
  expect(forwarded.headers['x-sinch-webhook-signature']).toBe(header('x-sinch-webhook-signature'));
  await page.getByRole('tab', { name: /Webhooks/ }).click();
  await expect(
    page
      .getByTestId('event-list')
      .getByRole('button', { name: /MESSAGE_DELIVERY valid/ })
      .first(),
  ).toContainText('→ 200');
});
