import type { TestApp } from './fixtures';
import { expect, test } from './fixtures';

/** A sandbox contact created with a WhatsApp number and no display name (Sinch then names it "Unknown"). */
async function contactWithoutName(app: TestApp, environmentId: string): Promise<string> {
  const sent = await app.backend.handlers['requests.send']({
    requestId: 'nameless-contact',
    request: {
      method: 'POST',
      url: '{{base_url}}/v1/projects/{{project_id}}/contacts',
      params: [],
      headers: [],
      body: { mode: 'json', text: JSON.stringify({ language: 'EN_US', channel_identities: [{ channel: 'WHATSAPP', identity: '+46700000001' }] }) },
    },
    environmentId,
  });
  if (!sent.ok) throw new Error(sent.error.message);
  expect(sent.response.status).toBe(200);
  return (JSON.parse(sent.response.body.preview) as { id: string }).id;
}

test('a wide window shows phone numbers and ids whole: inspector rows, event header, and contacts read by their number', async ({ page, app, ui }) => {
  await page.setViewportSize({ width: 1700, height: 900 });
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';

  // Inspector rows: "+46701234567 · msg <26 characters>", not "+46701… · msg 01M994…".
  await ui.startListener();
  await app.backend.handlers['webhooks.fireSample']({ trigger: 'MESSAGE_DELIVERY' });
  const row = page.getByTestId('event-list').getByRole('button').first();
  const summary = row.locator('.event-summary');
  await expect(summary).toContainText('+46701234567');
  await expect(summary).toContainText(/msg [0-9A-Z]{26}$/);
  expect(await summary.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the summary is not cut by the row').toBe(true);
  await row.click();
  await expect(page.getByTestId('event-details').locator('.event-summary')).toContainText(/\+46701234567 · msg [0-9A-Z]{26}/);

  // A contact with no name of its own reads by its number, in the Simulate inbound picker…
  const contactId = await contactWithoutName(app, environmentId);
  await page.getByRole('tab', { name: 'Requests' }).click();
  await page.getByRole('button', { name: 'Simulate inbound…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Simulate inbound' });
  await dialog.getByRole('radio', { name: 'An existing contact' }).check();
  const picker = dialog.getByLabel('Simulate contact', { exact: true });
  await expect(picker.locator('option', { hasText: '+46700000001 (WHATSAPP)' })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: 'Unknown' })).toHaveCount(0);
  await picker.selectOption({ label: '+46700000001 (WHATSAPP)' });
  await expect(dialog.getByLabel('Simulate contact ID')).toHaveValue(contactId);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // …and in the Project view's "Which channel will a message use?".
  const created = await app.backend.handlers['project.createApp']({ environmentId, displayName: 'Shop' });
  if (!created.ok) throw new Error(created.problem.message);
  await page.getByRole('tab', { name: 'Project' }).click();
  const routing = page.getByRole('region', { name: 'Which channel will a message use?' });
  await routing.getByRole('button', { name: 'Reload contacts' }).click();
  await expect(routing.getByLabel('Contact').locator('option', { hasText: '+46700000001 (WHATSAPP)' })).toHaveCount(1);
  await expect(routing.getByLabel('Contact').locator('option', { hasText: 'Unknown' })).toHaveCount(0);
});
