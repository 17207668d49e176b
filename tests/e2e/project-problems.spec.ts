import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/** A token host that refuses every key, as Sinch's does a wrong one. */
async function refusingTokenHost(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_client","error_description":"Client authentication failed"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`, server };
}

/**
 * Bad input in the Project view is said next to the field it belongs to, in words, with the API's own answer one
 * click away; and the guided first run can be skipped, reopened from the header, and remembers its progress.
 */
test('a wrong project id is said next to it, with the API’s answer one click away; limits are said before sending', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  await page.getByRole('tab', { name: 'Project' }).click();
  const access = page.getByRole('region', { name: 'Access' });
  await access.getByLabel('Project ID').fill('no-such-project');
  await access.getByRole('button', { name: 'Check' }).click();

  const problem = access.getByTestId('project-id-problem');
  await expect(problem).toContainText(/project id/i);
  // The sandbox answers as Sinch does for a project the key does not belong to.
  await expect(problem.getByText(/^HTTP 40[34]$/)).toBeHidden();
  await problem.getByText("Show the API's answer").click();
  await expect(problem.getByText(/^HTTP 40[34]$/)).toBeVisible();
  await expect(problem.locator('.api-request')).toContainText(/GET http:\/\/127\.0\.0\.1:\d+\/v1\/projects\/no-such-project\/apps/);
  await expect(problem.locator('.api-body')).toContainText('no-such-project');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: test.info().outputPath('project-error.png') });

  // Put it right: the problem goes and the apps are listed.
  await access.getByLabel('Project ID').fill('');
  await access.getByRole('button', { name: 'Check' }).click();
  await expect(access.getByTestId('access-result')).toContainText('0 apps in project');
  await expect(problem).toBeHidden();

  // A webhook target longer than the API allows is said before anything is sent.
  await page.getByLabel('New app display name').fill('Limits');
  await page.getByRole('button', { name: 'Create app' }).click();
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  await webhooks.getByRole('button', { name: 'Add webhook' }).click();
  const form = webhooks.getByRole('form', { name: 'Add a webhook' });
  await form.getByLabel('Target URL').fill(`https://example.com/${'a'.repeat(740)}`);
  await expect(form.getByText('A webhook target may have at most 742 characters: shorten the URL.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Create webhook' })).toBeDisabled();
  // A target the API refuses (Sinch's own hosts) comes back next to the target.
  await form.getByLabel('Target URL').fill('https://us.conversation.api.sinch.com/hook');
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(form.getByTestId('webhook-problem')).toContainText(/Sinch refuses its own Conversation API hosts/);
});

test('the first run can be skipped, reopened from the header, and remembers its progress across a restart', async ({ app, page, ui }) => {
  const banner = page.getByRole('region', { name: 'Getting started' });
  await banner.getByRole('button', { name: 'Not now' }).click();
  await expect(banner).toBeHidden();
  await page.getByRole('tab', { name: 'Project' }).click();
  await expect(page.getByText('No environment yet')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Getting started' })).toBeHidden();

  await page.getByRole('button', { name: 'Getting started', exact: true }).click();
  const checklist = page.getByRole('complementary', { name: 'Getting started' });
  await checklist.getByRole('button', { name: 'Create environment' }).click();
  await expect(checklist.getByTestId('step-environment')).toHaveClass(/\bdone\b/);
  await expect(checklist.getByTestId('step-access')).toHaveAttribute('aria-current', 'step');

  await app.restart();
  await ui.open(app.host.url);
  await page.getByRole('tab', { name: 'Project' }).click();
  await expect(checklist.getByTestId('step-environment')).toHaveClass(/\bdone\b/);
  await expect(checklist.getByTestId('step-access')).toHaveAttribute('aria-current', 'step');

  await checklist.getByRole('button', { name: 'Skip' }).click();
  await expect(checklist).toBeHidden();
  await page.getByRole('button', { name: 'Getting started', exact: true }).click();
  await expect(checklist.getByTestId('step-access')).toHaveAttribute('aria-current', 'step');
});

test('a key the token host refuses is said next to the key, with the token call one click away; the typed secret never reaches the page', async ({
  app,
  page,
  ui,
}) => {
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8'))),
  );
  await ui.open(app.host.url);
  const host = await refusingTokenHost();
  try {
    // A real region, from the checklist's first step.
    await page.getByRole('region', { name: 'Getting started' }).getByRole('button', { name: 'Start the guided setup' }).click();
    const checklist = page.getByRole('complementary', { name: 'Getting started' });
    await checklist.getByLabel('Where to work').selectOption('us');
    await checklist.getByLabel('Project ID of the new environment').fill('my-project');
    await checklist.getByRole('button', { name: 'Create environment' }).click();
    await expect(checklist.getByTestId('step-environment')).toHaveClass(/\bdone\b/);
    const access = page.getByRole('region', { name: 'Access' });
    await expect(access.getByLabel('Project ID')).toHaveValue('my-project');
    // Global is the recommended default; the regional host and a custom URL are offered beside it.
    await expect(access.getByLabel('Token URL')).toHaveValue('global');
    await expect(access.getByLabel('Token URL').locator('option')).toHaveText([
      /^Global — https:\/\/auth\.sinch\.com\/oauth2\/token \(recommended\)$/,
      /^US — https:\/\/us\.auth\.sinch\.com/,
      'Custom URL…',
    ]);
    await access.getByLabel('Token URL').selectOption('custom');
    await access.getByLabel('Custom token URL').fill(host.url);
    await access.getByLabel('Key ID').fill('key-1');
    await access.getByLabel('Key secret').fill('typed-key-secret-5d1e');
    await access.getByRole('button', { name: 'Check' }).click();

    const problem = access.getByTestId('key-problem');
    await expect(problem.locator('> span')).toHaveText(
      'The token endpoint refused key id "key-1" (401: invalid_client, Client authentication failed): check the key id and key secret in the Sinch dashboard (Settings → Access keys), and create a new key if the secret is lost (it is shown only once).',
    );
    await problem.getByText("Show the API's answer").click();
    await expect(problem.getByText('HTTP 401')).toBeVisible();
    await expect(problem.locator('.api-request')).toHaveText(`POST ${host.url}`);
    await expect(access.getByLabel('Key secret')).toHaveAttribute('placeholder', /Stored in the keychain/);
    expect(frames.join('\n')).not.toContain('typed-key-secret-5d1e');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: test.info().outputPath('project-token-refused.png') });
  } finally {
    host.server.close();
  }
});

test('an app with 5 webhooks, the most the API allows, says so instead of offering a sixth', async ({ app, page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const environmentId = (await app.backend.handlers['environments.list'](undefined)).activeId ?? '';
  const created = await app.backend.handlers['project.createApp']({ environmentId, displayName: 'Busy' });
  if (!created.ok) throw new Error(created.problem.message);
  for (let i = 1; i <= 5; i++) {
    const hook = await app.backend.handlers['project.saveWebhook']({
      environmentId,
      appId: created.value.id,
      target: `https://example.com/hook/${i}`,
      triggers: ['MESSAGE_INBOUND'],
      secret: { mode: 'none' },
    });
    expect(hook.ok).toBe(true);
  }
  await page.getByRole('tab', { name: 'Project' }).click();
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  await expect(webhooks.getByText('5 of 5')).toBeVisible();
  await expect(webhooks.getByRole('button', { name: 'Add webhook' })).toBeDisabled();
  await expect(webhooks.getByText('This app has 5 webhooks, the most the API allows: edit or delete one to point callbacks elsewhere.')).toBeVisible();
  await expect(webhooks.getByTestId('webhook-secret-state').first()).toHaveText('No secret: unsigned');
});
