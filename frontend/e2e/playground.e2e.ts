/**
 * End to end in Debian's chromium against a running Integr8sCode app (I8S_BASE_URL,
 * default http://127.0.0.1:8080) that serves the UI at / and the API under /api/v1.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertAppIsUp, launchBrowser, type LaunchedBrowser } from './browser';
import { PlaygroundPage } from './playground-page';

// import.meta.dirname is Node 20.11+; a file URL works on Node 18 as well.
// The README's picture; refreshed only on request (I8S_SCREENSHOT=1), so a test run leaves the tree clean.
const SCREENSHOT_PATH = process.env.I8S_SCREENSHOT
  ? fileURLToPath(new URL('../../docs/images/ui.png', import.meta.url))
  : null;
const PHONE = { width: 390, height: 844 };

describe('Integr8sCode playground', () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    await assertAppIsUp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openPlayground(hash = ''): Promise<PlaygroundPage> {
    const playground = new PlaygroundPage(await browser.context.newPage());
    await playground.open(hash);
    return playground;
  }

  it('runs a typed script and shows its output, then reloads it from the permalink', async () => {
    const playground = await openPlayground();
    await playground.typeScript('import sys\nprint("Hello, Integr8sCode!")\nprint(sys.version_info[0])\n');

    await playground.runButton.click();
    await playground.waitForStatus('completed');

    await playground.waitForText(playground.stdout, 'Hello, Integr8sCode!');
    expect(await playground.runButton.isEnabled()).toBe(true);
    expect(await playground.page.getByTestId('exit-code').innerText()).toBe('0');
    if (SCREENSHOT_PATH) {
      mkdirSync(dirname(SCREENSHOT_PATH), { recursive: true });
      await playground.page.screenshot({ path: SCREENSHOT_PATH });
    }

    const permalink = await playground.permalink.inputValue();
    expect(permalink).toMatch(/#\/executions\/[^/]+$/);
    expect(playground.page.url()).toBe(permalink);
    const reloaded = new PlaygroundPage(await browser.context.newPage());
    await reloaded.page.goto(permalink);
    await reloaded.waitForStatus('completed');
    await reloaded.waitForText(reloaded.stdout, 'Hello, Integr8sCode!');
    expect(await reloaded.editorText()).toContain('print("Hello, Integr8sCode!")');
    await reloaded.page.getByRole('navigation', { name: 'Recent runs' }).getByRole('link').first().waitFor();
  });

  it('shows output while the script still runs, stdout and stderr apart, then the stored result', async () => {
    const playground = await openPlayground();
    await playground.pasteScript(
      'import sys, time\nprint("before the pause", flush=True)\ntime.sleep(3)\nprint("after the pause", file=sys.stderr)\n',
    );

    await playground.runButton.click();
    await playground.waitForText(playground.stdout, 'before the pause');

    // Still running (the script sleeps 3 s): the status event may trail the output by a moment, never by seconds.
    await playground.waitForStatus('running', 2_000);
    expect(await playground.stderr.innerText()).not.toContain('after the pause');
    await playground.waitForStatus('completed');
    await playground.waitForText(playground.stderr, 'after the pause');
    expect(await playground.stdout.innerText()).not.toContain('after the pause');
  });

  it('shows the traceback of a failing script in the error area (run with Ctrl+Enter)', async () => {
    const playground = await openPlayground();
    await playground.pasteScript('print("before the error")\nraise ValueError("bad value from e2e")\n');

    await playground.editor.press('Control+Enter');
    await playground.waitForStatus('failed');

    await playground.waitForText(playground.stderr, 'Traceback');
    await playground.waitForText(playground.stderr, 'ValueError: bad value from e2e');
    await playground.waitForText(playground.stdout, 'before the error');
    expect(await playground.page.getByTestId('exit-code').innerText()).not.toBe('0');
  });

  it('loads the stdin example and feeds its input to the script', async () => {
    const playground = await openPlayground();
    await playground.page.getByLabel('Load an example').selectOption({ label: 'Echo standard input' });
    expect(await playground.page.getByLabel('Standard input').inputValue()).toContain('second line');

    await playground.runButton.click();
    await playground.waitForStatus('completed');

    await playground.waitForText(playground.stdout, '2: second line');
  });

  it('stops an endless loop at the 2 second timeout', async () => {
    const playground = await openPlayground();
    await playground.pasteScript('while True:\n    pass\n');
    await playground.setLimit('Timeout (s)', 2);

    await playground.runButton.click();
    expect(await playground.runButton.isDisabled()).toBe(true);
    await playground.waitForStatus('timeout');

    expect(await playground.runButton.isEnabled()).toBe(true);
  });

  it("shows the server's problem when it refuses a limit", async () => {
    const playground = await openPlayground();
    await playground.setLimit('Timeout (s)', 1_000_000);

    await playground.runButton.click();

    await playground.alert.getByText('HTTP 400').waitFor({ timeout: 10_000 });
    expect(await playground.runButton.isEnabled()).toBe(true);
  });

  it('names the Python and the packages scripts run with, and a script sees those versions', async () => {
    const playground = await openPlayground();
    await playground.runtimeDetails.waitFor();
    const summary = await playground.runtimeDetails.locator('summary').innerText();
    expect(summary).toMatch(/^Python 3\.\d+\.\d+ with .*numpy/);
    const numpyVersion = await playground.listedVersionOf('numpy');
    expect(numpyVersion).toMatch(/^\d+\.\d+/);

    await playground.typeScript('import sys, numpy\nprint(sys.version.split()[0], numpy.__version__)\n');
    await playground.runButton.click();
    await playground.waitForStatus('completed');

    await playground.waitForText(playground.stdout, `${summary.split(' ')[1]} ${numpyVersion}`);
  });

  it('shows a matplotlib figure inline and offers the other files for download', async () => {
    const playground = await openPlayground();
    await playground.pasteScript(
      [
        'import numpy as np, pandas as pd, matplotlib.pyplot as plt',
        "frame = pd.DataFrame({'x': np.arange(30), 'y': np.cos(np.arange(30) / 4)})",
        'plt.plot(frame.x, frame.y)',
        'plt.show()',
        "frame.to_csv('/tmp/outputs/wave.csv', index=False)",
        "print('plotted')",
        '',
      ].join('\n'),
    );

    await playground.runButton.click();
    await playground.waitForStatus('completed');

    const image = playground.page.getByTestId('artifact-image');
    await image.waitFor({ timeout: 15_000 });
    expect(await image.getAttribute('alt')).toBe('figure-1.png');
    // Decoded by the real browser: a broken or blocked image has no natural size.
    await playground.page.waitForFunction(
      () => (document.querySelector('[data-testid="artifact-image"]') as HTMLImageElement | null)?.complete === true,
    );
    const size = await image.evaluate((element) => [(element as HTMLImageElement).naturalWidth, (element as HTMLImageElement).naturalHeight]);
    expect(size[0]).toBeGreaterThan(0);
    expect(size[1]).toBeGreaterThan(0);

    const download = playground.page.waitForEvent('download');
    await playground.page.getByRole('button', { name: 'wave.csv' }).click();
    expect((await download).suggestedFilename()).toBe('wave.csv');
  });

  it('explains an unknown execution id', async () => {
    const playground = await openPlayground('#/executions/00000000-0000-0000-0000-000000000000');

    await playground.alert.waitFor({ timeout: 10_000 });
    expect((await playground.alert.innerText()).length).toBeGreaterThan(0);
  });

  it('fits a phone screen and runs there', async () => {
    const phone = await launchBrowser(PHONE);
    try {
      const playground = new PlaygroundPage(await phone.context.newPage());
      await playground.open();

      const pageWidth = await playground.page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth).toBeLessThanOrEqual(PHONE.width);
      expect(await playground.runButton.isVisible()).toBe(true);

      await playground.typeScript('print("Hello, Integr8sCode!")');
      await playground.runButton.click();
      await playground.waitForStatus('completed');
      await playground.waitForText(playground.stdout, 'Hello, Integr8sCode!');
    } finally {
      await phone.close();
    }
  });

  // Last: its stream pours a megabyte into the page, which should not slow the tests after it.
  it('stays responsive while a script floods its output, and shows no more than the cap', async () => {
    const playground = await openPlayground();
    await playground.pasteScript(
      'import sys, time\nsys.stdout.write("flooding\\n" * 400000)\nsys.stdout.flush()\ntime.sleep(8)\n',
    );

    await playground.runButton.click();
    await playground.waitForText(playground.stdout, 'flooding');
    // The page still answers while output pours in, and the running view holds at most the 1 MiB cap.
    // (The script sleeps long enough that the run is still live here, also when the browser renders slowly.)
    expect(await playground.stdout.getAttribute('data-live')).toBe('true');
    const shown = (await playground.stdout.locator('pre').textContent())?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(1024 * 1024);
    await playground.waitForStatus('completed');
  });
});
