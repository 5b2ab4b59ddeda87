/**
 * Accounts end to end, against an app whose API has /api/v1/auth, /api/v1/scripts and the execution list
 * (I8S_BASE_URL, as for the playground tests). Without them every test here fails at once, saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertAppIsUp, launchBrowser, type LaunchedBrowser } from './browser';
import { AccountsPage, assertAccountsApiIsUp, randomUsername } from './accounts-page';
import { PlaygroundPage } from './playground-page';

const PASSWORD = 'correct horse battery';
const PHONE = { width: 390, height: 844 };

describe('Integr8sCode accounts', () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    await assertAppIsUp();
    await assertAccountsApiIsUp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, runs into My executions, saves a script, stays signed in across a reload, signs out', async () => {
    const page = await browser.context.newPage();
    const playground = new PlaygroundPage(page);
    const accounts = new AccountsPage(page);
    const username = randomUsername();
    const scriptName = `greeting ${username}`;
    await playground.open();

    await accounts.signUp(username, PASSWORD);
    expect(await accounts.signedInAs.innerText()).toContain(username);

    await playground.pasteScript(`print("hello from ${username}")\n`);
    await playground.runButton.click();
    await playground.waitForStatus('completed');
    await playground.waitForText(playground.stdout, `hello from ${username}`);
    await accounts.myExecutions.getByRole('link').filter({ hasText: username }).first().waitFor({ timeout: 10_000 });

    await accounts.saveScript(scriptName);

    await page.reload();
    await playground.editor.waitFor();
    await accounts.signedInAs.filter({ hasText: username }).waitFor({ timeout: 10_000 });
    await accounts.savedScript(scriptName).waitFor({ timeout: 10_000 });
    await accounts.myExecutions.getByRole('link').filter({ hasText: username }).first().waitFor({ timeout: 10_000 });

    await accounts.savedScript(scriptName).getByRole('button', { name: `Open ${scriptName}` }).click();
    expect(await playground.editorText()).toContain(`print("hello from ${username}")`);

    await accounts.signOut();
    expect(await accounts.signedInAs.count()).toBe(0);
    expect(await accounts.savedScripts.count()).toBe(0);
    await accounts.recentRuns.waitFor();
    expect(await playground.editorText()).toContain(`print("hello from ${username}")`);
  });

  it('fits a phone screen when signed in', async () => {
    const phone = await launchBrowser(PHONE);
    try {
      const page = await phone.context.newPage();
      const playground = new PlaygroundPage(page);
      const accounts = new AccountsPage(page);
      await playground.open();

      await accounts.signUp(randomUsername(), PASSWORD);
      await accounts.saveScript('phone script');

      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
      expect(await playground.runButton.isVisible()).toBe(true);
    } finally {
      await phone.close();
    }
  });
});
