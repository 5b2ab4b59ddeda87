import { describe, expect, it, vi } from 'vitest';
import { createAuthorizedFetch, type TokenHolder } from './authorized-fetch';
import { jsonResponse } from '../../test-support/fakes';

function holder(token: string | null): TokenHolder & { tokenRejected: ReturnType<typeof vi.fn> } {
  return { token: () => token, tokenRejected: vi.fn() };
}

describe('authorized fetch', () => {
  it('adds the bearer token and keeps the other headers', async () => {
    const base = vi.fn(async () => jsonResponse(200, {}));
    const fetch = createAuthorizedFetch(holder('tok-1'), base);

    await fetch('api/v1/scripts', { method: 'POST', headers: { 'Content-Type': 'application/json' } });

    const init = (base.mock.calls[0] as unknown as [string, RequestInit])[1];
    const headers = new Headers(init.headers);
    expect(headers.get('Authorization')).toBe('Bearer tok-1');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init.method).toBe('POST');
  });

  it('sends no Authorization header when signed out, and a 401 then signs nobody out', async () => {
    const base = vi.fn(async () => jsonResponse(401, { title: 'Unauthorized' }));
    const tokens = holder(null);

    const response = await createAuthorizedFetch(tokens, base)('api/v1/auth/login');

    expect(response.status).toBe(401);
    expect(new Headers((base.mock.calls[0] as unknown as [string, RequestInit])[1]?.headers).has('Authorization')).toBe(false);
    expect(tokens.tokenRejected).not.toHaveBeenCalled();
  });

  it('reports the token it sent when the server answers 401', async () => {
    const tokens = holder('tok-old');
    const fetch = createAuthorizedFetch(tokens, async () => jsonResponse(401, { title: 'Token expired' }));

    const response = await fetch('api/v1/executions?page=0&size=20');

    expect(response.status).toBe(401);
    expect(tokens.tokenRejected).toHaveBeenCalledWith('tok-old');
  });

  it('leaves other failures to the caller', async () => {
    const tokens = holder('tok');
    await createAuthorizedFetch(tokens, async () => jsonResponse(403, { title: 'Forbidden' }))('x');
    expect(tokens.tokenRejected).not.toHaveBeenCalled();
  });
});
