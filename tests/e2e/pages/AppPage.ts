import { expect, type Locator, type Page } from '@playwright/test';

/** The app as a user sees it: named by what is on the screen, not by CSS. */
export class AppPage {
  readonly url: Locator;
  readonly method: Locator;
  readonly send: Locator;
  readonly status: Locator;
  readonly responseBody: Locator;
  readonly blocked: Locator;
  readonly environmentPicker: Locator;
  readonly request: Locator;
  readonly response: Locator;

  constructor(readonly page: Page) {
    this.url = page.getByLabel('URL', { exact: true });
    this.method = page.getByLabel('Method');
    this.send = page.getByRole('button', { name: 'Send', exact: true });
    this.status = page.getByTestId('response-status');
    this.responseBody = page.getByTestId('response-body');
    this.blocked = page.getByTestId('send-blocked');
    this.environmentPicker = page.getByLabel('Active environment');
    this.request = page.getByRole('region', { name: 'Request' });
    this.response = page.getByRole('region', { name: 'Response' });
  }

  /** Opens the app and waits until the last run's tabs are back: typing earlier could go into a blank tab the restore replaces. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByText('Sinch Conversation Explorer').first()).toBeVisible();
    await expect(this.page.locator('.app')).toHaveAttribute('data-session-restored', 'true');
  }

  /** Pastes text into the URL field as a user's Ctrl+V does (a paste event with clipboard data), so the app's curl detection runs. */
  async pasteIntoUrl(text: string): Promise<void> {
    await this.url.click();
    await this.url.evaluate((input, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  async createEnvironment(name: string, variables: Record<string, string>, options: { region?: string; appId?: string } = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'Environments' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Environments' });
    await dialog.getByLabel('New environment name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    const form = dialog.getByRole('form', { name: `Environment ${name}` });
    await expect(form).toBeVisible();
    if (options.region) await form.getByLabel('Region').selectOption(options.region);
    if (options.appId) await form.getByLabel('App ID').fill(options.appId);
    let row = 1;
    for (const [key, value] of Object.entries(variables)) {
      await form.getByLabel(`Variables Variable ${row}`, { exact: true }).fill(key);
      await form.getByLabel(`Variables Value ${row}`, { exact: true }).fill(value);
      row++;
    }
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(this.page.getByText(`Saved environment "${name}".`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Sets a variable in a row of an existing environment's table, saves, and closes the dialog. */
  async setEnvironmentVariable(environment: string, row: number, key: string, value: string): Promise<void> {
    await this.page.getByRole('tab', { name: 'Requests' }).click();
    await this.page.getByRole('button', { name: 'Environments' }).click();
    const form = this.page.getByRole('form', { name: `Environment ${environment}` });
    await form.getByLabel(`Variables Variable ${row}`, { exact: true }).fill(key);
    await form.getByLabel(`Variables Value ${row}`, { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Save' }).click();
    // Closing with unsaved changes asks first; wait until the save has landed.
    await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
    await expect(form.getByLabel('Unsaved changes')).toBeHidden();
    await this.page.getByRole('dialog', { name: 'Environments' }).getByRole('button', { name: 'Close' }).click();
    await expect(this.page.getByRole('dialog', { name: 'Environments' })).toBeHidden();
  }

  /** Opens each catalog request by palette search and sends it, expecting 200 OK. */
  async sendFromCatalog(...steps: readonly (readonly [string, RegExp])[]): Promise<void> {
    for (const [search, tab] of steps) {
      await this.openFromPalette(search, tab);
      await this.send.click();
      await expect(this.status).toHaveText('200 OK');
    }
  }

  /** Opens a request of any collection with Ctrl/Cmd+K. */
  async openFromPalette(search: string, tabName: RegExp): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+K');
    await this.page.getByLabel('Search requests').fill(search);
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByRole('tab', { name: tabName })).toBeVisible();
  }

  /** Switches to the webhook inspector and starts the listener on a free port; returns its URL. */
  async startListener(): Promise<string> {
    await this.page.getByRole('tab', { name: /Webhooks/ }).click();
    await this.page.getByLabel('Listener port').fill('0');
    await this.page.getByRole('button', { name: 'Start listener' }).click();
    const status = this.page.getByTestId('listener-status');
    await expect(status).toContainText(/Listening at http:\/\/127\.0\.0\.1:\d+\//);
    return /http:\/\/127\.0\.0\.1:\d+\//.exec(await status.innerText())?.[0] ?? '';
  }

  /** Webhooks › Fire a sample…: sends the listener a sample of `trigger`, unsigned or signed with the secret labelled `signWith`. */
  async fireSample(trigger: string, signWith?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Fire a sample…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Fire a sample' });
    await dialog.getByLabel('Sample trigger').selectOption(trigger);
    await dialog.getByLabel('Sign with').selectOption(signWith === undefined ? { value: '' } : { label: signWith });
    await dialog.getByRole('button', { name: 'Fire', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Sets method, URL and (for methods with one) a one-line JSON body, then sends. */
  async sendRequest(method: string, url: string, jsonBody?: string): Promise<void> {
    await this.method.selectOption(method);
    await this.url.fill(url);
    if (jsonBody !== undefined) await this.setJsonBody(jsonBody);
    await this.send.click();
  }

  /** The response body as the editor shows it (the lines in view). */
  async responseText(): Promise<string> {
    await expect(this.responseBody.locator('.view-lines')).toBeVisible();
    return (await this.responseBody.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  async setHeader(row: number, name: string, value: string): Promise<void> {
    await this.request.getByRole('tab', { name: /Headers/ }).click();
    await this.page.getByLabel(`Headers Header ${row}`, { exact: true }).fill(name);
    await this.page.getByLabel(`Headers Value ${row}`, { exact: true }).fill(value);
  }

  async setJsonBody(text: string): Promise<void> {
    await this.request.getByRole('tab', { name: /Body/ }).click();
    await this.page.getByRole('radio', { name: 'JSON' }).check();
    const editor = this.page.getByTestId('body-editor');
    await expect(editor.locator('.monaco-editor')).toBeVisible();
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }
}
