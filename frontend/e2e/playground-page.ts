/** What the e2e tests do on the playground page, in the words a user would use. */
import type { Locator, Page } from 'playwright-core';
import type { ExecutionStatus } from '../src/lib/api/execution-types';
import { BASE_URL } from './browser';

const RESULT_TIMEOUT_MS = 30_000;

export class PlaygroundPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(hash = ''): Promise<void> {
    await this.page.goto(`${BASE_URL}/${hash}`);
    await this.editor.waitFor();
  }

  get editor(): Locator {
    return this.page.getByRole('textbox', { name: 'Python script' });
  }

  get runButton(): Locator {
    return this.page.getByRole('button', { name: 'Run', exact: true });
  }

  get stdout(): Locator {
    return this.page.getByRole('region', { name: 'Standard output' });
  }

  get stderr(): Locator {
    return this.page.getByRole('region', { name: 'Standard error' });
  }

  get permalink(): Locator {
    return this.page.getByLabel('Link to this execution');
  }

  /** The editor's footer naming the Python version and the packages scripts can import. */
  get runtimeDetails(): Locator {
    return this.page.getByTestId('runtime-details');
  }

  /** The version the runtime table lists for an importable module. */
  async listedVersionOf(module: string): Promise<string> {
    await this.runtimeDetails.locator('summary').click();
    const row = this.runtimeDetails.getByRole('row').filter({ has: this.page.getByRole('cell', { name: module, exact: true }) });
    return (await row.getByRole('cell').nth(1).innerText()).trim();
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  /** Replaces the editor's text by typing it key by key; Escape closes completions before Enter. */
  async typeScript(script: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    const lines = script.split('\n');
    for (const [index, line] of lines.entries()) {
      await this.page.keyboard.type(line);
      if (index === lines.length - 1) break;
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Enter');
    }
  }

  /** Replaces the editor's text in one insertion, so auto-indent cannot re-indent it. */
  async pasteScript(script: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(script);
  }

  async editorText(): Promise<string> {
    return (await this.page.locator('.cm-line').allInnerTexts()).join('\n');
  }

  async setLimit(label: 'Timeout (s)' | 'Memory (MB)' | 'CPU (mCPU)', value: number): Promise<void> {
    await this.page.getByLabel(label).fill(String(value));
  }

  status(status: ExecutionStatus): Locator {
    return this.page.locator(`[role="status"][data-status="${status}"]`);
  }

  async waitForStatus(status: ExecutionStatus, timeout = RESULT_TIMEOUT_MS): Promise<void> {
    await this.status(status).waitFor({ timeout });
  }

  async waitForText(region: Locator, text: string, timeout = RESULT_TIMEOUT_MS): Promise<void> {
    await region.getByText(text).first().waitFor({ timeout });
  }
}
