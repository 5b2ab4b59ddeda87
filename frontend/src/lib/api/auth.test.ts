import { describe, expect, it, vi } from 'vitest';
import { createAuthApi, credentialsProblem } from './auth';
import { jsonResponse } from '../../test-support/fakes';

const GRANT = {
  access_token: 'tok',
  token_type: 'Bearer',
  expires_in: 3600,
  user: { user_id: 'u1', username: 'ada', roles: ['user'] },
};

function call(fetch: ReturnType<typeof vi.fn>, index = 0): [string, RequestInit | undefined] {
  return fetch.mock.calls[index] as unknown as [string, RequestInit | undefined];
}

describe('auth API client', () => {
  it('reads the public account settings', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { registration_enabled: true, anonymous_enabled: false }));

    expect(await createAuthApi({ fetch }).config()).toEqual({ registration_enabled: true, anonymous_enabled: false });
    expect(call(fetch)[0]).toBe('api/v1/auth/config');
  });

  it('registers with the credentials as JSON and returns the token grant', async () => {
    const fetch = vi.fn(async () => jsonResponse(201, GRANT));

    const grant = await createAuthApi({ fetch }).register({ username: 'ada', password: 'long enough pw' });

    expect(grant.user.username).toBe('ada');
    const [url, init] = call(fetch);
    expect(url).toBe('api/v1/auth/register');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ username: 'ada', password: 'long enough pw' });
  });

  it("gives a duplicate name's problem detail back", async () => {
    const fetch = vi.fn(async () => jsonResponse(400, { title: 'Registration refused', status: 400, detail: 'The username ada is taken.' }));

    const error = await createAuthApi({ fetch }).register({ username: 'ada', password: 'long enough pw' }).catch((e) => e);

    expect(error).toMatchObject({ status: 400, detail: 'The username ada is taken.' });
  });

  it('signs in, and reports wrong credentials as 401', async () => {
    const ok = vi.fn(async () => jsonResponse(200, GRANT));
    expect((await createAuthApi({ fetch: ok }).login({ username: 'ada', password: 'x' })).access_token).toBe('tok');
    expect(call(ok)[0]).toBe('api/v1/auth/login');

    const refused = vi.fn(async () => jsonResponse(401, { title: 'Wrong username or password', status: 401 }));
    const error = await createAuthApi({ fetch: refused }).login({ username: 'ada', password: 'x' }).catch((e) => e);
    expect(error).toMatchObject({ status: 401, title: 'Wrong username or password' });
  });

  it('calls a server without account endpoints plainly "Not found", not an execution', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 404 }));

    const error = await createAuthApi({ fetch }).config().catch((e) => e);

    expect(error).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('asks who the token belongs to', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, GRANT.user));
    expect(await createAuthApi({ baseUrl: '/api/v1/', fetch }).me()).toEqual(GRANT.user);
    expect(call(fetch)[0]).toBe('/api/v1/auth/me');
  });
});

describe('credentialsProblem', () => {
  it.each([
    ['ab', 'long enough pw', /3 to 32/],
    ['a'.repeat(33), 'long enough pw', /3 to 32/],
    ['bad name', 'long enough pw', /3 to 32/],
    ['ada', 'short', /at least 10/],
  ])('refuses %j / %j', (username, password, message) => {
    expect(credentialsProblem({ username, password })).toMatch(message);
  });

  it('accepts names of letters, digits, _ . and -', () => {
    expect(credentialsProblem({ username: 'Ada_L.o-1', password: '0123456789' })).toBeNull();
  });
});
