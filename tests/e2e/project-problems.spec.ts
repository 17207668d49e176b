import { expect, test } from './fixtures';

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
