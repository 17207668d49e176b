import { DEMO_CREDENTIALS } from '../../electron/backend/sandbox/index';
import { expect, test } from './fixtures';

test('Simulate inbound starts from {{contact_id}}, and an empty postback answers the last choice sent to the contact', async ({ page, app, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/apps',
    '{"display_name": "Choices", "channel_credentials": [{"channel": "SMS", "static_bearer": {"claimed_identity": "12345", "token": "t"}}]}',
  );
  await expect(ui.status).toHaveText('200 OK');
  const appId = /"id": "([0-9A-Z]{26})"/.exec(await ui.responseText())?.[1] ?? '';
  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/contacts',
    '{"channel_identities": [{"channel": "SMS", "identity": "+46700000042"}], "language": "EN_US", "display_name": "Ada"}',
  );
  await expect(ui.status).toHaveText('200 OK');
  const contactId = /"id": "([0-9A-Z]{26})"/.exec(await ui.responseText())?.[1] ?? '';
  await ui.setEnvironmentVariable('Sandbox', 1, 'contact_id', contactId);
  await ui.sendRequest(
    'POST',
    '{{base_url}}/v1/projects/{{project_id}}/messages:send',
    `{"app_id": "${appId}", "recipient": {"contact_id": "{{contact_id}}"}, "message": {"choice_message": {"text_message": {"text": "Pick"}, "choices": [{"text_message": {"text": "Yes"}, "postback_data": "answer_yes"}]}}}`,
  );
  await expect(ui.status).toHaveText('200 OK');

  await page.getByRole('button', { name: 'Simulate inbound…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Simulate inbound' });
  await expect(dialog.getByLabel('Simulate contact ID')).toHaveValue(contactId);
  await dialog.getByLabel('Simulate app ID').fill(appId);
  await dialog.getByLabel('Simulate kind').selectOption('postback');
  await expect(dialog.getByLabel('Simulate postback data')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Send as contact' }).click();
  await expect(dialog).toBeHidden();
  const sent = page.getByText(/The contact sent message ([0-9A-Z]{26})/);
  await expect(sent).toBeVisible();
  const messageId = /message ([0-9A-Z]{26})/.exec(await sent.innerText())?.[1] ?? '';

  // Read the stored reply straight from the sandbox, as a user's own code would.
  const status = await app.backend.handlers['sandbox.status'](undefined);
  const basic = Buffer.from(`${DEMO_CREDENTIALS.keyId}:${DEMO_CREDENTIALS.keySecret}`).toString('base64');
  const res = await fetch(`${status.urls?.conversationUrl ?? ''}/v1/projects/${DEMO_CREDENTIALS.projectId}/messages/${messageId}`, {
    headers: { Authorization: `Basic ${basic}` },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { contact_message: unknown }).contact_message).toEqual({
    choice_response_message: { message_id: expect.any(String), postback_data: 'answer_yes' },
  });
});
