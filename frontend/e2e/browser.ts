/** Launches Debian's chromium through playwright-core; no browser is ever downloaded. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const BASE_URL = (process.env.I8S_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const CHROMIUM_PATH = process.env.I8S_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'i8s-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Fails fast, with a readable message, when no app listens at I8S_BASE_URL. */
export async function assertAppIsUp(): Promise<void> {
  try {
    const response = await fetch(`${BASE_URL}/`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(
      `No Integr8sCode app answers at ${BASE_URL} (${(error as Error).message}). ` +
        'Start the backend (it serves the UI at /) or set I8S_BASE_URL.',
    );
  }
}
