import { expect, test, type TestApp } from './fixtures';

async function appOnServer(
  app: TestApp,
  environmentId: string,
  appId: string,
): Promise<{ display_name: string; channel_credentials: { channel: string; static_bearer?: { claimed_identity: string; token: string } }[] }> {
  const result = await app.backend.handlers['requests.send']({
    requestId: `get-${Date.now()}`,
    request: { method: 'GET', url: `{{base_url}}/v1/projects/{{project_id}}/apps/${appId}`, params: [], headers: [], body: { mode: 'none', text: '' } },
    environmentId,
  });
  if (!result.ok) throw new Error('GET app failed');
  return JSON.parse(result.response.body.preview) as Awaited<ReturnType<typeof appOnServer>>;
}

/** Editing in the Project view: an empty secret keeps the app's value; rename; remove and delete ask first. */
test('edit a channel keeping its secret, rename the app, remove a channel and delete the app after asking', async ({ app, page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  const created = await app.backend.handlers['project.createApp']({ environmentId, displayName: 'Shop' });
  if (!created.ok) throw new Error(created.problem.message);
  const appId = created.value.id;
  for (const formId of ['SMS', 'WHATSAPP']) {
    const saved = await app.backend.handlers['project.saveChannel']({
      environmentId,
      appId,
      formId,
      values: [
        { path: 'claimed_identity', value: `${formId}-1` },
        { path: 'token', value: `kept-${formId}-token` },
      ],
    });
    expect(saved.ok).toBe(true);
  }

  await page.getByRole('tab', { name: 'Project' }).click();
  const channels = page.getByRole('region', { name: 'Channels' });
  await channels.getByRole('button', { name: 'Edit SMS' }).click();
  const form = channels.getByRole('form', { name: 'Edit SMS' });
  await expect(form.getByText('leave one empty to keep the value the app has')).toBeVisible();
  await expect(form.getByLabel('Sender identity')).toHaveValue('SMS-1');
  await expect(form.getByLabel('Token', { exact: true })).toHaveValue('');
  await expect(form.getByLabel('Token', { exact: true })).toHaveAttribute('placeholder', /leave empty to keep it/);
  await form.getByLabel('Sender identity').fill('SMS-2');
  await form.getByRole('button', { name: 'Save channel' }).click();
  await expect(form).toBeHidden();
  await expect(channels.locator('[data-channel-key="SMS"]')).toContainText('SMS-2');
  const edited = await appOnServer(app, environmentId, appId);
  expect(edited.channel_credentials.map((c) => [c.channel, c.static_bearer?.claimed_identity, c.static_bearer?.token])).toEqual([
    ['SMS', 'SMS-2', 'kept-SMS-token'],
    ['WHATSAPP', 'WHATSAPP-1', 'kept-WHATSAPP-token'],
  ]);

  // Move buttons, then remove after asking.
  await channels.getByRole('button', { name: 'Move SMS down' }).click();
  await expect(channels.getByTestId('order-announcement')).toHaveText('SMS moved to position 2 of 2.');
  await channels.getByRole('button', { name: 'Remove WHATSAPP' }).click();
  await page.getByRole('dialog', { name: 'Remove WHATSAPP?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(channels.locator('[data-channel-key]')).toHaveCount(1);
  expect((await appOnServer(app, environmentId, appId)).channel_credentials.map((c) => c.channel)).toEqual(['SMS']);

  // Rename, then delete after asking (Cancel first changes nothing).
  const apps = page.getByRole('list', { name: 'Apps in the project' });
  await apps.getByRole('button', { name: 'Rename Shop' }).click();
  await apps.getByLabel('New name for Shop').fill('Shop EU');
  await apps.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(apps.getByRole('button', { name: /^Shop EU/ })).toBeVisible();
  expect((await appOnServer(app, environmentId, appId)).display_name).toBe('Shop EU');
  await apps.getByRole('button', { name: 'Delete Shop EU' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this app?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(apps.getByRole('listitem')).toHaveCount(1);
  await apps.getByRole('button', { name: 'Delete Shop EU' }).click();
  await confirm.getByRole('button', { name: 'Delete app' }).click();
  await expect(apps.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('No apps in this project yet.')).toBeVisible();
});

test('which channel a message will use, and the contact’s own priority edited in place', async ({ app, page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  const created = await app.backend.handlers['project.createApp']({ environmentId, displayName: 'Shop' });
  if (!created.ok) throw new Error(created.problem.message);
  for (const formId of ['SMS', 'WHATSAPP']) {
    await app.backend.handlers['project.saveChannel']({
      environmentId,
      appId: created.value.id,
      formId,
      values: [
        { path: 'claimed_identity', value: '1' },
        { path: 'token', value: 't' },
      ],
    });
  }
  const contact = await app.backend.handlers['requests.send']({
    requestId: 'contact',
    request: {
      method: 'POST',
      url: '{{base_url}}/v1/projects/{{project_id}}/contacts',
      params: [],
      headers: [],
      body: {
        mode: 'json',
        text: JSON.stringify({
          display_name: 'Bo',
          language: 'EN',
          channel_identities: [
            { channel: 'SMS', identity: '+46700000001' },
            { channel: 'WHATSAPP', identity: '+46700000001' },
          ],
        }),
      },
    },
    environmentId,
  });
  expect(contact.ok && contact.response.status).toBe(200);

  await page.getByRole('tab', { name: 'Project' }).click();
  const routing = page.getByRole('region', { name: 'Which channel will a message use?' });
  await routing.getByLabel('Contact').selectOption({ label: 'Bo (SMS, WHATSAPP)' });
  await expect(routing.getByRole('status')).toContainText('First try: SMS');
  await routing.getByLabel("Channel to add to the contact's priority").selectOption('WHATSAPP');
  await routing.getByRole('button', { name: 'Add', exact: true }).click();
  await routing.getByRole('button', { name: 'Save the contact’s priority' }).click();
  await expect(routing.getByRole('status')).toContainText('First try: WHATSAPP');
  await expect(routing.getByTestId('routing')).toContainText("The contact's own channel priority comes next: WHATSAPP.");
});
