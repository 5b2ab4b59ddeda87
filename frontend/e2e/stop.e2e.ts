/**
 * End to end in Debian's chromium against a running Integr8sCode app: the Stop button stops a running script,
 * which ends cancelled with what it printed before the stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertAppIsUp, launchBrowser, type LaunchedBrowser } from './browser';
import { PlaygroundPage } from './playground-page';

describe('Stopping a run', () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    await assertAppIsUp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('stops a running script with the Stop button and keeps what it printed', async () => {
    const playground = new PlaygroundPage(await browser.context.newPage());
    await playground.open();
    await playground.pasteScript("import time\nprint('before the stop', flush=True)\nwhile True:\n    time.sleep(0.05)\n");
    await playground.setLimit('Timeout (s)', 10);
    const stop = playground.page.getByRole('button', { name: 'Stop', exact: true });

    await playground.runButton.click();
    await playground.waitForStatus('running');
    // Time to print once the sandbox runs the script (well under the 10 s limit, which would end it as a timeout).
    await playground.page.waitForTimeout(2_000);
    await stop.click();
    await playground.waitForStatus('cancelled', 15_000);

    await playground.waitForText(playground.stdout, 'before the stop');
    expect(await stop.count()).toBe(0);
    expect(await playground.runButton.isEnabled()).toBe(true);
    expect(await playground.page.getByText('cancelled while running').count()).toBe(1);
  });
});
