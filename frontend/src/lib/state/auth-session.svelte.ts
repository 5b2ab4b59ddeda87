/** Who is signed in: the token (kept in localStorage until it expires), the user and the server's account settings. */
import { ApiError, toApiError } from '../api/http';
import { credentialsProblem, type AuthApi, type AuthConfig, type Credentials, type TokenGrant, type User } from '../api/auth';
import type { TokenHolder } from '../api/authorized-fetch';
import type { KeyValueStorage } from './browser-storage';

export const AUTH_STORAGE_KEY = 'integr8scode.auth';
export const SESSION_EXPIRED = 'Your session expired — sign in again.';

interface StoredSession {
  token: string;
  expiresAt: number;
  user: User;
}

export interface AuthSessionOptions {
  api: AuthApi;
  storage: KeyValueStorage | null;
  /** Someone signed in, or signed out (also when the session expired); not called for the user restored at start. */
  onUserChange?: (user: User | null) => void;
  now?: () => number;
}

export class AuthSession implements TokenHolder {
  /** Null until loaded, and when the server has no account endpoints (anonymous only). */
  config = $state<AuthConfig | null>(null);
  user = $state<User | null>(null);
  /** Why the user was signed out, shown until they act. */
  notice = $state<string | null>(null);
  error = $state<ApiError | null>(null);
  pending = $state(false);
  /** The sign-in form is open: the user asked for it, or an action needs an account. */
  prompting = $state(false);

  readonly signedIn = $derived(this.user !== null);
  readonly accountsAvailable = $derived(this.config !== null);
  readonly canRegister = $derived(this.config?.registration_enabled === true);
  readonly canRunAnonymously = $derived(this.config?.anonymous_enabled !== false);

  #api: AuthApi;
  #storage: KeyValueStorage | null;
  #onUserChange: (user: User | null) => void;
  #now: () => number;
  #session: StoredSession | null = null;

  constructor(options: AuthSessionOptions) {
    this.#api = options.api;
    this.#storage = options.storage;
    this.#onUserChange = options.onUserChange ?? (() => {});
    this.#now = options.now ?? Date.now;
    this.#session = this.#read();
    this.user = this.#session?.user ?? null;
  }

  /** Reads the server's settings and checks a restored token with /auth/me. */
  async load(): Promise<void> {
    try {
      this.config = await this.#api.config();
    } catch {
      this.config = null;
    }
    if (this.token() === null) return;
    try {
      this.#setUser(await this.#api.me());
    } catch (error) {
      // 401: the token is no longer valid. Anything else (offline, a 5xx): keep the stored session.
      if (toApiError(error).status === 401) this.#signOut(SESSION_EXPIRED);
    }
  }

  token(): string | null {
    const session = this.#session;
    if (session === null) return null;
    if (this.#now() < session.expiresAt) return session.token;
    this.#signOut(SESSION_EXPIRED);
    return null;
  }

  tokenRejected(token: string): void {
    if (this.#session?.token === token) this.#signOut(SESSION_EXPIRED);
  }

  signIn(credentials: Credentials): Promise<boolean> {
    return this.#authenticate(() => this.#api.login(credentials));
  }

  register(credentials: Credentials): Promise<boolean> {
    const problem = credentialsProblem(credentials);
    if (problem !== null) {
      this.error = new ApiError({ kind: 'http', title: 'Check your username and password', detail: problem });
      return Promise.resolve(false);
    }
    return this.#authenticate(() => this.#api.register(credentials));
  }

  signOut(): void {
    this.#signOut(null);
  }

  /** Opens the sign-in form, with a reason when an action needs an account. */
  prompt(reason: string | null = null): void {
    this.notice = reason;
    this.error = null;
    this.prompting = true;
  }

  dismiss(): void {
    this.prompting = false;
    this.notice = null;
    this.error = null;
  }

  async #authenticate(request: () => Promise<TokenGrant>): Promise<boolean> {
    if (this.pending) return false;
    this.pending = true;
    this.error = null;
    try {
      const grant = await request();
      this.#session = { token: grant.access_token, expiresAt: this.#now() + grant.expires_in * 1000, user: grant.user };
      this.#write(this.#session);
      this.dismiss();
      this.#setUser(grant.user);
      return true;
    } catch (error) {
      this.error = toApiError(error);
      return false;
    } finally {
      this.pending = false;
    }
  }

  #signOut(notice: string | null): void {
    this.#session = null;
    this.#write(null);
    if (notice !== null) this.prompt(notice);
    this.#setUser(null);
  }

  /** A new /auth/me answer for the same user (fresh roles) is no change of who is signed in. */
  #setUser(user: User | null): void {
    const changed = user?.username !== this.user?.username;
    this.user = user;
    if (changed) this.#onUserChange(user);
  }

  #read(): StoredSession | null {
    try {
      const value = JSON.parse(this.#storage?.getItem(AUTH_STORAGE_KEY) ?? 'null') as StoredSession | null;
      const valid =
        typeof value?.token === 'string' && typeof value.expiresAt === 'number' && typeof value.user?.username === 'string';
      return valid ? value : null;
    } catch {
      return null;
    }
  }

  #write(session: StoredSession | null): void {
    try {
      if (session === null) this.#storage?.removeItem(AUTH_STORAGE_KEY);
      else this.#storage?.setItem(AUTH_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Storage full or disabled: the session lasts for this page only.
    }
  }
}
