/** API client for accounts: the server's settings, sign-up, sign-in and who the token belongs to. */
import { jsonBody, requestJson, resolveClient, type ApiClientOptions } from './http';

export interface AuthConfig {
  registration_enabled: boolean;
  anonymous_enabled: boolean;
}

export interface User {
  user_id: string;
  username: string;
  roles: string[];
}

export interface Credentials {
  username: string;
  password: string;
}

export interface TokenGrant {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds from now. */
  expires_in: number;
  user: User;
}

export interface AuthApi {
  config(): Promise<AuthConfig>;
  register(credentials: Credentials): Promise<TokenGrant>;
  login(credentials: Credentials): Promise<TokenGrant>;
  me(): Promise<User>;
}

export function createAuthApi(options: ApiClientOptions = {}): AuthApi {
  const { baseUrl, fetchImpl } = resolveClient(options);
  const url = (path: string) => `${baseUrl}/auth/${path}`;
  return {
    config: () => requestJson<AuthConfig>(fetchImpl, url('config')),
    register: (credentials) => requestJson<TokenGrant>(fetchImpl, url('register'), jsonBody('POST', credentials)),
    login: (credentials) => requestJson<TokenGrant>(fetchImpl, url('login'), jsonBody('POST', credentials)),
    me: () => requestJson<User>(fetchImpl, url('me')),
  };
}

const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const MIN_PASSWORD_LENGTH = 10;

/** The server's rules for a new account, checked before sending; null when they hold. */
export function credentialsProblem({ username, password }: Credentials): string | null {
  if (!USERNAME_PATTERN.test(username)) {
    return 'A username has 3 to 32 characters: letters, digits, "_", "." or "-".';
  }
  if (password.length < MIN_PASSWORD_LENGTH) return `A password has at least ${MIN_PASSWORD_LENGTH} characters.`;
  return null;
}
