/** The account parts of the playground in a user's words: sign up, sign out, saved scripts, my executions. */
import type { Locator, Page } from 'playwright-core';
import { BASE_URL } from './browser';

const ACTION_TIMEOUT_MS = 10_000;

/** Fails at once, saying why, when the server has no account endpoints yet (HTTP 404). */
export async function assertAccountsApiIsUp(): Promise<void> {
  const url = `${BASE_URL}/api/v1/auth/config`;
  const response = await fetch(url).catch((error: Error) => error);
  if (response instanceof Error || !response.ok) {
    const why = response instanceof Error ? response.message : `HTTP ${response.status}`;
    throw new Error(`The accounts API is not available at ${url} (${why}): these tests need a backend with accounts.`);
  }
  const config = (await response.json()) as { registration_enabled?: boolean };
  if (config.registration_enabled !== true) throw new Error(`${url} says registration is disabled: these tests sign up.`);
}

export function randomUsername(): string {
  return `e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export class AccountsPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  get signInForm(): Locator {
    return this.page.getByRole('form', { name: /Sign in|Create an account/ });
  }

  get signedInAs(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'Signed in as' });
  }

  get myExecutions(): Locator {
    return this.page.getByRole('navigation', { name: 'My executions' });
  }

  get recentRuns(): Locator {
    return this.page.getByRole('navigation', { name: 'Recent runs' });
  }

  get savedScripts(): Locator {
    return this.page.getByRole('list', { name: 'Your saved scripts' });
  }

  savedScript(name: string): Locator {
    return this.savedScripts.getByRole('listitem', { name, exact: true });
  }

  async signUp(username: string, password: string): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Sign in' }).click();
    await this.signInForm.getByRole('button', { name: 'Create an account instead' }).click();
    await this.signInForm.getByLabel('Username').fill(username);
    await this.signInForm.getByLabel('Password').fill(password);
    await this.signInForm.getByRole('button', { name: 'Create an account', exact: true }).click();
    await this.signedInAs.filter({ hasText: username }).waitFor({ timeout: ACTION_TIMEOUT_MS });
  }

  async saveScript(name: string): Promise<void> {
    await this.page.getByLabel('Script name').fill(name);
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await this.savedScript(name).waitFor({ timeout: ACTION_TIMEOUT_MS });
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await this.page.getByRole('banner').getByRole('button', { name: 'Sign in' }).waitFor({ timeout: ACTION_TIMEOUT_MS });
  }
}
