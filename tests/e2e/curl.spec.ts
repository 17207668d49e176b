import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

const run = promisify(execFile);

/** Runs the command as the dialog printed it, through `sh` and the real curl; returns status and body. */
async function runCurl(command: string): Promise<{ status: number; body: string }> {
  const script = `curl() { command curl -sS -w '\\n%{http_code}' "$@"; }\n${command}`;
  const { stdout } = await run('/bin/sh', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeout: 20_000 });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

/**
 * Issue #9 item 3: Copy as curl, pasted into a terminal, runs. With "Include credentials" the
 * command carries the sandbox's bearer token and Content-Type and creates the contact; without it
 * the token is a $SINCH_TOKEN placeholder, so the page never saw it.
 */
test('copy as curl from the catalog runs against the sandbox as printed', async ({ page, ui }) => {
  await ui.createEnvironment('Sandbox', {}, { region: 'sandbox' });
  await ui.openFromPalette('create contact', /Create contact/);

  await page.getByRole('button', { name: 'curl', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Copy as curl' });
  const text = dialog.getByTestId('curl-text');
  await expect(text).toContainText('-H "Authorization: Bearer $SINCH_TOKEN"');
  await expect(text).toContainText("-H 'Content-Type: application/json'");
  const masked = await text.innerText();
  expect(masked).not.toMatch(/Bearer ey/);
  expect((await runCurl(masked)).status).toBe(401);

  await dialog.getByRole('checkbox', { name: /Include credentials/ }).check();
  await expect(text).toContainText(/Authorization: Bearer ey/);
  await expect(dialog.getByTestId('curl-warning')).toContainText(/expires in about \d+ minutes/);
  const answer = await runCurl(await text.innerText());
  expect(answer.status, answer.body).toBe(200);
  expect(JSON.parse(answer.body)).toMatchObject({
    display_name: 'Ada Lovelace',
    channel_identities: [
      { channel: 'SMS', identity: '+46700000001' },
      { channel: 'WHATSAPP', identity: '+46700000001' },
    ],
  });

  // Reopening the dialog starts without credentials again.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'curl', exact: true }).click();
  await expect(dialog.getByRole('checkbox', { name: /Include credentials/ })).not.toBeChecked();
  await expect(text).toContainText('$SINCH_TOKEN');
});
