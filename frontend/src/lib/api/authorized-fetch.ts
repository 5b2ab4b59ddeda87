/** A fetch that carries the signed-in user's token and reports when the server stops accepting it. */
import type { FetchFunction } from './http';

export interface TokenHolder {
  /** The current bearer token, or null when signed out (or the token has run out). */
  token(): string | null;
  /** The server answered 401 to a request made with this token: it expired or was revoked. */
  tokenRejected(token: string): void;
}

export function createAuthorizedFetch(holder: TokenHolder, fetchImpl?: FetchFunction): FetchFunction {
  const base: FetchFunction = fetchImpl ?? ((input, init) => fetch(input, init));
  return async (input, init) => {
    const token = holder.token();
    if (token === null) return base(input, init);
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    const response = await base(input, { ...init, headers });
    if (response.status === 401) holder.tokenRejected(token);
    return response;
  };
}
