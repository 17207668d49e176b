import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppPage } from './pages/AppPage';

// A real-size window, as the walk of issue 19 was done.
test.use({ viewport: { width: 1400, height: 900 } });

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

/** The Environments dialog is never opened: everything the walk needs comes from the Project view. */
async function expectEnvironmentsNeverOpened(page: Page): Promise<void> {
  await expect(page.getByRole('dialog', { name: 'Environments' })).toHaveCount(0);
}

test('the guided setup, a restart, then catalog requests, all without opening Environments', async ({ app, page, context, ui }) => {
  test.setTimeout(150_000);
  // 1. From an empty data folder: Getting started → the sandbox.
  await page.getByRole('region', { name: 'Getting started' }).getByRole('button', { name: 'Start the guided setup' }).click();
  const checklist = page.getByRole('complementary', { name: 'Getting started' });
  await checklist.getByRole('button', { name: 'Create environment' }).click();
  await expect(checklist.getByTestId('step-environment')).toHaveClass(/\bdone\b/);
  await expect(ui.environmentPicker).toHaveValue(/.+/);
  await checklist.getByRole('button', { name: 'Check access' }).click();
  await expect(checklist.getByTestId('step-access')).toHaveClass(/\bdone\b/);

  // 2. An app: it becomes the app the requests use.
  await page.getByLabel('New app display name').fill('My first app');
  await page.getByRole('button', { name: 'Create app' }).click();
  await expect(checklist.getByTestId('step-app')).toHaveClass(/\bdone\b/);
  const appId = (await page.getByRole('list', { name: 'Apps in the project' }).locator('.app-row.selected code').innerText()).trim();
  expect(appId).toMatch(/^[0-9A-Z]{26}$/);
  await expect(page.getByTestId('requests-app')).toContainText('This is the app your requests use ({{app_id}})');

  // 3. A channel (one is enough to go on).
  const channels = page.getByRole('region', { name: 'Channels' });
  await channels.getByRole('button', { name: 'Add channel' }).first().click();
  const channelForm = channels.getByRole('form', { name: 'Add a channel' });
  await channelForm.getByLabel('Channel', { exact: true }).selectOption('SMS');
  await channelForm.getByLabel('Sender identity').fill('447700900001');
  await channelForm.getByLabel('Token', { exact: true }).fill('walk-sms-token');
  await channelForm.getByRole('button', { name: 'Add channel' }).click();
  await expect(checklist.getByTestId('step-channels')).toHaveClass(/\bdone\b/);
  await checklist.getByTestId('step-order').getByRole('button', { name: 'Keep this order' }).click();

  // 4. A webhook with "Use my listener" (it reads "Start my listener and use it" while the listener is stopped).
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  await webhooks.getByRole('button', { name: 'Add webhook' }).click();
  const hookForm = webhooks.getByRole('form', { name: 'Add a webhook' });
  await hookForm.getByRole('button', { name: 'Start my listener and use it' }).click();
  await expect(hookForm.getByLabel('Target URL')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  const listenerUrl = await hookForm.getByLabel('Target URL').inputValue();
  await hookForm.getByRole('button', { name: 'Create webhook' }).click();
  await expect(checklist.getByTestId('step-webhook')).toHaveClass(/\bdone\b/);

  // 5. The first message, delivered with a valid signature.
  await checklist.getByLabel('Recipient').fill('+46700000042');
  await checklist.getByRole('button', { name: 'Send message' }).click();
  await expect(checklist.getByTestId('first-run-verdict')).toHaveText(/^valid/);
  await expect(checklist.getByTestId('step-callback')).toHaveClass(/\bdone\b/);
  await expect(checklist.getByText(/^All done/)).toBeVisible();
  await shot(page, 'walk-1-before-restart');
  await expectEnvironmentsNeverOpened(page);

  // 6. Quit and start again on the same port; the old tab cannot use its token, so the new link is opened.
  await app.restart({ samePort: true });
  await expect(page.getByTestId('connection-banner')).toContainText('The app was restarted', { timeout: 20_000 });
  const fresh = await context.newPage();
  const ui2 = new AppPage(fresh);
  await ui2.open(app.host.url);

  // The listener is back as it was, on the port the webhook points at.
  expect((await app.backend.handlers['webhooks.status'](undefined)).url).toBe(listenerUrl);
  await fresh.getByRole('tab', { name: /Webhooks/ }).click();
  await expect(fresh.getByTestId('listener-status')).toHaveText(`Listening at ${listenerUrl}`);

  // The finished run reads as it ended: no "Waiting for its MESSAGE_DELIVERY callback…" above "All done".
  await fresh.getByRole('tab', { name: 'Project' }).click();
  const checklist2 = fresh.getByRole('complementary', { name: 'Getting started' });
  await expect(checklist2.getByText(/^All done/)).toBeVisible();
  await expect(checklist2.getByTestId('first-run-verdict')).toHaveText(/^valid/);
  await expect(checklist2).not.toContainText('Waiting for its MESSAGE_DELIVERY callback');
  await shot(fresh, 'walk-2-after-restart');

  // 7. A message sent after the restart (the catalog's Send text message): its callbacks arrive in the inspector.
  await fresh.getByRole('tab', { name: 'Requests' }).click();
  await ui2.openFromPalette('send text message', /Send text message/);
  await ui2.send.click();
  await expect(ui2.status).toHaveText('200 OK');
  const messageId = /"message_id": "([0-9A-Z]{26})"/.exec(await ui2.responseText())?.[1] ?? '';
  expect(messageId).not.toBe('');
  await fresh.getByRole('tab', { name: /Webhooks/ }).click();
  await fresh.getByLabel('Search events').fill(messageId);
  const list = fresh.getByTestId('event-list');
  // Only this message's report (the search applies as it is typed), verified with the webhook's secret.
  await expect(list.getByRole('button', { name: /MESSAGE_DELIVERY valid DELIVERED/ })).toHaveCount(1);
  await list.getByRole('button', { name: /MESSAGE_DELIVERY valid DELIVERED/ }).click();
  await expect(fresh.getByTestId('event-verdict')).toHaveText('valid');
  await shot(fresh, 'walk-3-callbacks-after-restart');

  // 8. The catalog's Get app sends to the app the guided setup made: 200.
  await fresh.getByRole('tab', { name: 'Requests' }).click();
  await ui2.openFromPalette('get app', /Get app/);
  await ui2.send.click();
  await expect(ui2.status).toHaveText('200 OK');
  expect(await ui2.responseText()).toContain(appId);
  await shot(fresh, 'walk-4-get-app');
  await expectEnvironmentsNeverOpened(fresh);
});

test('the Requests view says when the app’s webhook points at a stopped listener; Start listener brings the waiting callbacks', async ({ app, page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  const listener = await ui.startListener();
  const created = await app.backend.handlers['project.createApp']({ environmentId, displayName: 'Bot' });
  if (!created.ok) throw new Error(created.problem.message);
  const appId = created.value.id;
  await app.backend.handlers['project.saveChannel']({
    environmentId,
    appId,
    formId: 'SMS',
    values: [
      { path: 'claimed_identity', value: '447700900001' },
      { path: 'token', value: 't' },
    ],
  });
  const hook = await app.backend.handlers['project.saveWebhook']({
    environmentId,
    appId,
    target: listener,
    triggers: ['MESSAGE_DELIVERY'],
    secret: { mode: 'generate' },
  });
  if (!hook.ok) throw new Error(hook.problem.message);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('listener-status')).toHaveText('Listener stopped');
  await page.getByRole('tab', { name: 'Requests' }).click();
  const notice = page.getByTestId('stopped-listener-notice');
  await expect(notice).toContainText(`Webhook ${hook.value.id} of your app ({{app_id}}) sends callbacks to your listener at ${listener}, which is stopped`);
  const sent = await app.backend.handlers['project.sendTestMessage']({ environmentId, appId, channel: 'SMS', identity: '+46700000042', text: 'Hi' });
  if (!sent.ok) throw new Error(sent.problem.message);
  await page.screenshot({ path: test.info().outputPath('stopped-listener-notice.png') });

  await notice.getByRole('button', { name: 'Start listener' }).click();
  await expect(notice).toBeHidden();
  await page.getByRole('tab', { name: /Webhooks/ }).click();
  await page.getByLabel('Search events').fill(sent.value.messageId);
  await expect(page.getByTestId('event-list').getByRole('button', { name: /MESSAGE_DELIVERY valid DELIVERED/ })).toHaveCount(1);
});
