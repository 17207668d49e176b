import { copyFile, mkdir } from 'node:fs/promises';
import { expect, test } from './fixtures';

/**
 * The README's picture of the Project view, from the real app and the real sandbox; with
 * SCE_UPDATE_SCREENSHOTS=1 it replaces tests/e2e/screenshots/project.png. The other pictures are kept with the
 * test's output, to look at the view as a user does (forms open, the routing explained, the checklist).
 */
test('the Project view of a sandbox app with two channels, a webhook and a contact, as the README shows it', async ({ app, page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  const h = app.backend.handlers;
  const created = await h['project.createApp']({ environmentId, displayName: 'Support bot' });
  if (!created.ok) throw new Error(created.problem.message);
  const appId = created.value.id;
  for (const [formId, sender] of [
    ['WHATSAPP', 'whatsapp-bot-1'],
    ['SMS', '447700900001'],
  ] as const) {
    const saved = await h['project.saveChannel']({
      environmentId,
      appId,
      formId,
      values: [
        { path: 'claimed_identity', value: sender },
        { path: 'token', value: 'sandbox-token' },
      ],
    });
    if (!saved.ok) throw new Error(saved.problem.message);
  }
  const listener = await h['webhooks.start']({ port: 0 });
  const hook = await h['project.saveWebhook']({
    environmentId,
    appId,
    target: listener.url,
    triggers: ['MESSAGE_INBOUND', 'MESSAGE_DELIVERY', 'EVENT_DELIVERY'],
    secret: { mode: 'generate' },
  });
  if (!hook.ok) throw new Error(hook.problem.message);
  const contact = await h['requests.send']({
    requestId: 'contact',
    request: {
      method: 'POST',
      url: '{{base_url}}/v1/projects/{{project_id}}/contacts',
      params: [],
      headers: [],
      body: {
        mode: 'json',
        text: JSON.stringify({ display_name: 'Ann Andersson', language: 'EN', channel_identities: [{ channel: 'SMS', identity: '+46700000042' }] }),
      },
    },
    environmentId,
  });
  expect(contact.ok && contact.response.status, contact.ok ? contact.response.body.preview : '').toBe(200);

  await page.getByRole('tab', { name: 'Project' }).click();
  // Opened by itself on this first launch: the README shows the view without it.
  await page.getByRole('complementary', { name: 'Getting started' }).getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('region', { name: 'Access' }).getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('access-result')).toContainText('1 app in project');
  await expect(page.getByRole('region', { name: 'Channels' }).locator('[data-channel-key]')).toHaveCount(2);
  const routing = page.getByRole('region', { name: 'Which channel will a message use?' });
  await routing.getByLabel('Contact').selectOption({ label: 'Ann Andersson (SMS)' });
  await expect(routing.getByRole('status')).toContainText('First try: SMS');
  await expect(page.getByText('Saved environment')).toHaveCount(0);
  await page.mouse.move(0, 0);
  const path = test.info().outputPath('project.png');
  await page.screenshot({ path });
  if (process.env.SCE_UPDATE_SCREENSHOTS === '1') {
    await mkdir('tests/e2e/screenshots', { recursive: true });
    await copyFile(path, 'tests/e2e/screenshots/project.png');
  }

  // The rest of the view, for a look: the routing below the fold, the forms open, the checklist.
  await routing.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('project-routing.png') });
  const channels = page.getByRole('region', { name: 'Channels' });
  await channels.getByRole('button', { name: 'Edit SMS' }).click();
  await expect(channels.getByRole('form', { name: 'Edit SMS' })).toBeVisible();
  await channels.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('project-channel-form.png') });
  await channels.getByRole('button', { name: 'Cancel' }).click();
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  await webhooks.getByRole('button', { name: 'Add webhook' }).click();
  await webhooks.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('project-webhook-form.png') });
  await webhooks.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Getting started', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Getting started' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('project-first-run.png') });
});
