import { expect, test, type TestApp } from './fixtures';
import { dragWithMouse } from './pages/drag';

const SMS_TOKEN = 'typed-sms-token-7f3a9c';
const WHATSAPP_TOKEN = 'typed-whatsapp-token-51be02';

/** The app's channel order as the API has it: `GET app`, sent through the backend as the Requests view would. */
async function channelOrderOnServer(app: TestApp, environmentId: string, appId: string): Promise<string[]> {
  const result = await app.backend.handlers['requests.send']({
    requestId: `check-${Date.now()}`,
    request: { method: 'GET', url: `{{base_url}}/v1/projects/{{project_id}}/apps/${appId}`, params: [], headers: [], body: { mode: 'none', text: '' } },
    environmentId,
  });
  if (!result.ok) throw new Error(`GET app failed: ${JSON.stringify(result.error)}`);
  const json = JSON.parse(result.response.body.preview) as { channel_credentials: { channel: string }[] };
  return json.channel_credentials.map((c) => c.channel);
}

async function webhookSecretsOnServer(app: TestApp, environmentId: string, appId: string): Promise<string[]> {
  const result = await app.backend.handlers['requests.send']({
    requestId: `hooks-${Date.now()}`,
    request: {
      method: 'GET',
      url: `{{base_url}}/v1/projects/{{project_id}}/apps/${appId}/webhooks`,
      params: [],
      headers: [],
      body: { mode: 'none', text: '' },
    },
    environmentId,
  });
  if (!result.ok) throw new Error('GET webhooks failed');
  const json = JSON.parse(result.response.body.preview) as { webhooks: { secret: string }[] };
  return json.webhooks.map((w) => w.secret);
}

test('getting started from an empty data folder, only through the Project view: sandbox → access → app → channels → order → webhook → message → valid callback', async ({
  app,
  page,
  ui,
}) => {
  // Everything the page receives from the backend, to prove no secret ever reaches it.
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8'))),
  );
  await ui.open(app.host.url);

  // A first launch offers the guided setup.
  const banner = page.getByRole('region', { name: 'Getting started' });
  await banner.getByRole('button', { name: 'Start the guided setup' }).click();
  const checklist = page.getByRole('complementary', { name: 'Getting started' });
  await expect(checklist).toBeVisible();

  // 1. Where to work: the sandbox.
  await expect(checklist.getByLabel('Where to work')).toHaveValue('sandbox');
  await checklist.getByRole('button', { name: 'Create environment' }).click();
  await expect(checklist.getByTestId('step-environment')).toHaveClass(/\bdone\b/);
  await expect(ui.environmentPicker).toHaveValue(/.+/);

  // 2. Access: a token from the sandbox's own token endpoint.
  await checklist.getByRole('button', { name: 'Check access' }).click();
  await expect(page.getByTestId('access-result')).toContainText(/Token from .* expires in \d+ min/);
  await expect(checklist.getByTestId('step-access')).toHaveClass(/\bdone\b/);

  // 3. An app.
  await page.getByLabel('New app display name').fill('Support bot');
  await page.getByRole('button', { name: 'Create app' }).click();
  const apps = page.getByRole('list', { name: 'Apps in the project' });
  await expect(apps.getByRole('button', { name: /^Support bot/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(checklist.getByTestId('step-app')).toHaveClass(/\bdone\b/);
  const appId = (await apps.locator('.app-row.selected code').innerText()).trim();
  expect(appId).toMatch(/^[0-9A-Z]{26}$/);

  // 4. SMS and WhatsApp, from their credential forms.
  const channels = page.getByRole('region', { name: 'Channels' });
  for (const [channel, sender, token] of [
    ['SMS', '447700900001', SMS_TOKEN],
    ['WHATSAPP', 'whatsapp-bot-1', WHATSAPP_TOKEN],
  ] as const) {
    await channels.getByRole('button', { name: 'Add channel' }).first().click();
    const form = channels.getByRole('form', { name: 'Add a channel' });
    await form.getByLabel('Channel', { exact: true }).selectOption(channel);
    await form.getByLabel('Sender identity').fill(sender);
    await form.getByLabel('Token', { exact: true }).fill(token);
    await form.getByRole('button', { name: 'Add channel' }).click();
    await expect(form).toBeHidden();
  }
  const rows = channels.getByRole('list', { name: 'Channels in priority order' }).getByRole('listitem');
  const order = (): Promise<string[]> => rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-channel-key') ?? ''));
  await expect.poll(order).toEqual(['SMS', 'WHATSAPP']);
  await expect(checklist.getByTestId('step-channels')).toHaveClass(/\bdone\b/);

  // 5. Priority by drag and drop: WhatsApp first, and the API has it so.
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  await dragWithMouse(page, channels.locator('[data-channel-key="WHATSAPP"]'), channels.locator('[data-channel-key="SMS"]'), 'before');
  await expect.poll(order).toEqual(['WHATSAPP', 'SMS']);
  await expect(channels.getByTestId('order-announcement')).toHaveText('WHATSAPP moved to position 1 of 2.');
  await expect.poll(() => channelOrderOnServer(app, environmentId, appId)).toEqual(['WHATSAPP', 'SMS']);
  await expect(checklist.getByTestId('step-order')).toHaveClass(/\bdone\b/);

  // …and by keyboard: Alt+ArrowUp on SMS puts it back first, and says where it went.
  await channels.locator('[data-channel-key="SMS"]').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(order).toEqual(['SMS', 'WHATSAPP']);
  await expect(channels.getByTestId('order-announcement')).toHaveText('SMS moved to position 1 of 2.');
  await expect(channels.locator('[data-channel-key="SMS"]')).toBeFocused();
  await expect.poll(() => channelOrderOnServer(app, environmentId, appId)).toEqual(['SMS', 'WHATSAPP']);

  // 6. A webhook to the listener, with a secret generated for it.
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  await webhooks.getByRole('button', { name: 'Add webhook' }).click();
  const hookForm = webhooks.getByRole('form', { name: 'Add a webhook' });
  await hookForm.getByRole('button', { name: /use it|Use my listener/ }).click();
  await expect(hookForm.getByLabel('Target URL')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await expect(hookForm.getByRole('radio', { name: 'Generate one for me' })).toBeChecked();
  await hookForm.getByRole('button', { name: 'Create webhook' }).click();
  await expect(webhooks.getByTestId('webhook-secret-state')).toHaveText(/Secret in keychain ✓/);
  await expect(checklist.getByTestId('step-webhook')).toHaveClass(/\bdone\b/);

  // 7. A first text message, and 8. its delivery callback, verified with that secret.
  await checklist.getByLabel('Recipient').fill('+46700000042');
  await checklist.getByRole('button', { name: 'Send message' }).click();
  await expect(checklist.getByTestId('first-run-verdict')).toHaveText(/^valid/);
  await expect(checklist.getByTestId('step-callback')).toHaveClass(/\bdone\b/);
  await checklist.getByRole('button', { name: 'Open it in the inspector' }).click();
  await expect(page.getByTestId('event-verdict')).toHaveText('valid');

  // No secret reached the page: neither the channel tokens typed, nor the webhook secret generated.
  const [generated] = await webhookSecretsOnServer(app, environmentId, appId);
  expect(generated?.length ?? 0).toBeGreaterThanOrEqual(32);
  const received = frames.join('\n');
  expect(received.length).toBeGreaterThan(1000);
  for (const secret of [SMS_TOKEN, WHATSAPP_TOKEN, generated ?? '']) expect(received).not.toContain(secret);
  expect(await page.content()).not.toContain(generated ?? '');
});
