import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const fixture = fileURLToPath(new URL('../fixtures/postman/sinch-public-style.postman_collection.json', import.meta.url));

/**
 * Issue 19, item 9: Sinch's own collection, imported, sent to `…/projects//messages:send`: its
 * {{PROJECT_ID}}, {{APP_ID}}, {{BASE_URL}} are its own empty collection variables, and were shown
 * green. Now an empty variable is marked empty where it is used (and sending with one in the path is
 * held back with a warning), and the import's report offers to bind the variables to the active
 * environment, after which the requests send to the sandbox at once.
 */
test('a Sinch-style collection: its empty variables are marked, and bound to the environment it sends to the sandbox', async ({ page, ui, app }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const file = join(app.dataDir, 'Sinch.postman_collection.json');
  await copyFile(fixture, file);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  const tree = page.getByRole('tree', { name: 'Collections' });

  // Imported as it is (the offer left alone): the empty variables are marked where they are used, never green.
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Import as').fill('As shipped');
  await dialog.getByLabel('Choose a file to import').setInputFiles(file);
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText('as the collection “As shipped”');
  // The GETs' empty form-data bodies are not reported as something that cannot be sent.
  await expect(report).not.toContainText('form-data');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await tree.getByRole('treeitem', { name: 'App', exact: true }).first().click();
  await tree.getByRole('treeitem', { name: 'GET List apps' }).first().click();
  await expect(ui.url).toHaveValue('{{BASE_URL}}/v1/projects/{{PROJECT_ID}}/apps');
  const project = ui.request.locator('mark[data-variable="PROJECT_ID"]');
  await expect(project).toHaveAttribute('data-state', 'empty');
  await expect(project).toHaveClass('var-empty');
  await expect(ui.url).toHaveAttribute('title', /\{\{PROJECT_ID\}\} is empty: defined in the collection's variables with no value/);
  await page.screenshot({ path: test.info().outputPath('empty-variables.png') });
  await ui.send.click();
  await expect(ui.blocked).toContainText(
    "Variables {{BASE_URL}} (in the collection's variables), {{PROJECT_ID}} (in the collection's variables) are empty, so the URL path would have a gap",
  );
  await expect(ui.blocked.getByRole('button', { name: 'Send anyway' })).toBeVisible();
  await expect(ui.status).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('empty-warning.png') });

  // Imported again, this time taking the report's offer: bound, the same request reaches the sandbox.
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Import as').fill('Bound');
  await dialog.getByLabel('Choose a file to import').setInputFiles(file);
  const offer = dialog.getByRole('region', { name: 'Bind to the environment' });
  await expect(offer.getByRole('checkbox', { name: /\{\{PROJECT_ID\}\} → \{\{project_id\}\}, the environment's Project ID/ })).toBeChecked();
  await expect(offer.getByRole('checkbox', { name: /\{\{BASE_URL\}\} → \{\{base_url\}\}/ })).toBeChecked();
  await expect(offer.getByRole('checkbox', { name: /\{\{APP_ID\}\} → \{\{app_id\}\}/ })).toBeChecked();
  await expect(offer).toContainText("{{KEY_ID}}, {{KEY_SECRET}}: the environment's access key, which authenticates every request instead.");
  await page.screenshot({ path: test.info().outputPath('bind-offer.png') });
  await offer.getByRole('button', { name: 'Bind 4 variables' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Bound to the environment' })).toContainText(
    '{{BASE_URL}}, {{PROJECT_ID}}, {{APP_ID}}, {{CONTACT}}',
  );
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect(tree.getByRole('treeitem', { name: 'Bound' })).toHaveAttribute('aria-expanded', 'true');
  // The bound collection's folders come last; under load they can appear a moment after the
  // collection itself, and .last() would then open the first import's request (CI run).
  await expect(tree.getByRole('treeitem', { name: 'App', exact: true })).toHaveCount(2);
  await tree.getByRole('treeitem', { name: 'App', exact: true }).last().click();
  await expect(tree.getByRole('treeitem', { name: 'GET List apps' })).toHaveCount(2);
  await tree.getByRole('treeitem', { name: 'GET List apps' }).last().click();
  await expect(ui.request.locator('mark[data-variable="PROJECT_ID"]')).toHaveAttribute('data-state', 'defined');
  await expect(page.getByTestId('resolved-url')).toContainText(/→ http:\/\/127\.0\.0\.1:\d+\/v1\/projects\/[^/]+\/apps$/);
  await ui.send.click();
  await expect(ui.status).toContainText('200');
  await page.screenshot({ path: test.info().outputPath('bound-sent.png') });

  await tree.getByRole('treeitem', { name: 'Contact', exact: true }).last().click();
  await tree.getByRole('treeitem', { name: 'POST Create contact' }).last().click();
  await ui.send.click();
  await expect(ui.status).toContainText('200');
  expect(await ui.responseText()).toContain('"display_name": "From the public collection"');
});

/** Issue 19, item 2: credentials in a curl pasted into the URL bar became part of the request, then of any file it was saved to. */
test('a curl command pasted with an API key becomes placeholders, and the key goes to the keychain', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  const curl = `curl '{{base_url}}/v1/projects/{{project_id}}/apps?api_key=PASTED-QUERY-KEY' -H 'X-Api-Key: PASTED-HEADER-KEY'`;
  await ui.pasteIntoUrl(curl);
  await expect(ui.url).toHaveValue('{{base_url}}/v1/projects/{{project_id}}/apps?api_key={{api_key}}');
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByTestId('import-report')).toContainText('Read the pasted curl command into the open GET request.');
  const offer = dialog.getByRole('region', { name: 'Secrets found in the file' });
  await expect(offer).toContainText('api_key query parameter → padlocked variable {{api_key}}');
  await expect(offer).toContainText('X-Api-Key header → padlocked variable {{x_api_key}}');
  await page.screenshot({ path: test.info().outputPath('pasted-curl-offer.png') });
  await offer.getByRole('button', { name: 'Store in the keychain' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Stored in the keychain' })).toContainText('api_key query parameter, X-Api-Key header');
  await dialog.getByRole('button', { name: 'Done' }).click();
  expect(await page.content()).not.toMatch(/PASTED-(QUERY|HEADER)-KEY/);
  // The request reads the stored values: it sends (the sandbox ignores the extra key).
  await ui.send.click();
  await expect(ui.status).toContainText('200');
});
