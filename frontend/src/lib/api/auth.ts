/** API client for accounts: the server's settings, sign-up, sign-in and who the token belongs to. */
import { createHttpClient, jsonBody, type ApiClientOptions } from './http';

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
  const http = createHttpClient(options);
  const url = (path: string) => `${http.baseUrl}/auth/${path}`;
  return {
    config: () => http.json<AuthConfig>(url('config')),
    register: (credentials) => http.json<TokenGrant>(url('register'), jsonBody('POST', credentials)),
    login: (credentials) => http.json<TokenGrant>(url('login'), jsonBody('POST', credentials)),
    me: () => http.json<User>(url('me')),
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
