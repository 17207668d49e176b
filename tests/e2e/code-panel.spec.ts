import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

const run = promisify(execFile);
const NODE_MODULES = resolve(import.meta.dirname, '../../node_modules');

/** Runs copied code with node, as a user would after pasting it into a file (the SDK found through NODE_PATH). */
async function runNode(source: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sce-code-e2e-'));
  try {
    const file = join(dir, 'snippet.cjs');
    await writeFile(file, source);
    const { stdout } = await run(process.execPath, [file], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_PATH: NODE_MODULES }, timeout: 30_000 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Issue #13: the Code panel. A catalog send in the sandbox, as Node (fetch) with credentials, copied
 * and run with node, sends the message; the Sinch SDK call for it runs with the real @sinch/sdk-core;
 * without credentials nothing secret is on the page and the code says what to set.
 */
test('Code panel: copy a catalog send as Node code with credentials and run it against the sandbox', async ({ page, ui }) => {
  // What Copy puts on the clipboard, kept where the test can read it (no clipboard permission needed).
  await page.addInitScript(() => {
    const copied: string[] = [];
    Object.defineProperty(window, '__copied', { value: copied });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) } });
  });
  await page.reload();
  const copied = async (): Promise<string> => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1) ?? '');

  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  await ui.sendFromCatalog(['create app', /Create app/]);
  await ui.openFromPalette('send text message', /Send text message/);

  await page.getByRole('button', { name: 'Code', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Code' });
  const editor = dialog.getByTestId('code-editor');
  const credentials = dialog.getByRole('checkbox', { name: 'Include credentials' });
  await expect(credentials).not.toBeChecked();

  await dialog.getByLabel('Language').selectOption({ label: 'Node (fetch)' });
  await expect(editor).toContainText('process.env.SINCH_TOKEN');
  await expect(dialog.getByTestId('code-credentials-warning')).toBeHidden();
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const masked = await copied();
  expect(masked.split('\n')[0]).toBe('// Secrets redacted (Authorization): set SINCH_TOKEN in the environment (export SINCH_TOKEN=…) before running.');
  expect(masked).not.toMatch(/Bearer ey/);

  await credentials.check();
  await expect(dialog.getByTestId('code-credentials-warning')).toContainText('paste it only somewhere safe');
  // Monaco shows spaces as no-break spaces: \s matches both.
  await expect(editor).toContainText(/Bearer\sey/);
  await expect(dialog.getByTestId('code-warning')).toContainText(/expires in about \d+ minutes/);
  await page.screenshot({ path: test.info().outputPath('code-panel.png') });
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const node = await copied();
  expect(node).toContain('myHeaders.append("Content-Type", "application/json");');
  expect(node).toMatch(/myHeaders\.append\("Authorization", "Bearer ey[\w.-]+"\);/);
  expect(node).toContain('"text": "Hello from Sinch Conversation Explorer!"');
  expect(JSON.parse(await runNode(node))).toMatchObject({ message_id: expect.stringMatching(/^\w+$/) });

  // The same request as the Sinch SDK call, with the other SDKs' method names.
  await dialog.getByLabel('Language').selectOption({ label: 'Sinch SDK (Node)' });
  await expect(editor).toContainText('sinchClient.conversation.messages.send({');
  await expect(dialog.getByTestId('code-sdk-names')).toContainText('sinchClient.conversation().v1().messages().sendMessage(…)');
  await expect(dialog.getByTestId('code-sdk-names')).toContainText('sinch.Conversation.Messages.Send(…)');
  await page.screenshot({ path: test.info().outputPath('code-panel-sdk.png') });
  await dialog.getByRole('button', { name: 'Copy' }).click();
  const sdk = await copied();
  expect(sdk).toContain('keySecret: "sandbox-key-secret",');
  expect(await runNode(sdk)).toMatch(/"message_id": "\w+"/);

  // The language is remembered; credentials are off again when the panel reopens.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  await expect(dialog.getByLabel('Language')).toHaveValue('node-sdk');
  await expect(credentials).not.toBeChecked();
  await expect(editor).toContainText(/keySecret:\sprocess\.env\.SINCH_KEY_SECRET,/);
});
