import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { AuthApi, TokenGrant } from '../api/auth';
import { AUTH_STORAGE_KEY, AuthSession, SESSION_EXPIRED } from './auth-session.svelte';
import { MemoryStorage } from '../../test-support/fakes';

const ADA = { user_id: 'u1', username: 'ada', roles: ['user'] };
const grant = (token = 'tok-1', expiresIn = 3600): TokenGrant => ({ access_token: token, token_type: 'Bearer', expires_in: expiresIn, user: ADA });
const unauthorized = () => new ApiError({ kind: 'http', status: 401, title: 'Unauthorized' });

function fakeApi(overrides: Partial<AuthApi> = {}): AuthApi {
  return {
    config: vi.fn(async () => ({ registration_enabled: true, anonymous_enabled: true })),
    register: vi.fn(async () => grant()),
    login: vi.fn(async () => grant()),
    me: vi.fn(async () => ADA),
    ...overrides,
  };
}

describe('AuthSession', () => {
  it('signs in, stores the token with its expiry and hands it out', async () => {
    const storage = new MemoryStorage();
    const auth = new AuthSession({ api: fakeApi(), storage, now: () => 1_000 });
    auth.prompt();

    expect(await auth.signIn({ username: 'ada', password: 'secret-password' })).toBe(true);

    expect(auth.user?.username).toBe('ada');
    expect(auth.token()).toBe('tok-1');
    expect(auth.prompting).toBe(false);
    expect(JSON.parse(storage.getItem(AUTH_STORAGE_KEY)!)).toMatchObject({ token: 'tok-1', expiresAt: 3_601_000 });
  });

  it('restores a stored session and confirms it with /auth/me', async () => {
    const storage = new MemoryStorage();
    await new AuthSession({ api: fakeApi(), storage, now: () => 0 }).signIn({ username: 'ada', password: 'p' });
    const api = fakeApi({ me: vi.fn(async () => ({ ...ADA, roles: ['user', 'admin'] })) });

    const restored = new AuthSession({ api, storage, now: () => 60_000 });
    expect(restored.user?.username).toBe('ada');
    await restored.load();

    expect(api.me).toHaveBeenCalled();
    expect(restored.user?.roles).toEqual(['user', 'admin']);
    expect(restored.signedIn).toBe(true);
  });

  it('signs out with a plain message when /auth/me refuses the stored token', async () => {
    const storage = new MemoryStorage();
    await new AuthSession({ api: fakeApi(), storage, now: () => 0 }).signIn({ username: 'ada', password: 'p' });
    const restored = new AuthSession({ api: fakeApi({ me: vi.fn(async () => Promise.reject(unauthorized())) }), storage, now: () => 0 });

    await restored.load();

    expect(restored.user).toBeNull();
    expect(restored.notice).toBe(SESSION_EXPIRED);
    expect(restored.prompting).toBe(true);
    expect(storage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });

  it('keeps the stored session when /auth/me cannot be reached', async () => {
    const storage = new MemoryStorage();
    await new AuthSession({ api: fakeApi(), storage, now: () => 0 }).signIn({ username: 'ada', password: 'p' });
    const offline = new ApiError({ kind: 'network', title: 'Could not reach' });
    const restored = new AuthSession({ api: fakeApi({ me: vi.fn(async () => Promise.reject(offline)) }), storage, now: () => 0 });

    await restored.load();

    expect(restored.user?.username).toBe('ada');
  });

  it('drops a token once its expires_in has passed', async () => {
    let clock = 0;
    const storage = new MemoryStorage();
    const auth = new AuthSession({ api: fakeApi({ login: vi.fn(async () => grant('tok', 60)) }), storage, now: () => clock });
    await auth.signIn({ username: 'ada', password: 'p' });

    clock = 59_999;
    expect(auth.token()).toBe('tok');
    clock = 60_000;
    expect(auth.token()).toBeNull();
    expect(auth.user).toBeNull();
    expect(auth.notice).toBe(SESSION_EXPIRED);
  });

  it('signs out when the server rejects the current token, not an older one', async () => {
    const login = vi.fn().mockResolvedValueOnce(grant('old')).mockResolvedValueOnce(grant('new'));
    const auth = new AuthSession({ api: fakeApi({ login }), storage: null });
    await auth.signIn({ username: 'ada', password: 'p' });
    await auth.signIn({ username: 'ada', password: 'p' });

    auth.tokenRejected('old');
    expect(auth.signedIn).toBe(true);

    auth.tokenRejected('new');
    expect(auth.signedIn).toBe(false);
    expect(auth.notice).toBe(SESSION_EXPIRED);
  });

  it('checks new credentials before registering and shows the server problem after', async () => {
    const register = vi.fn(async () => Promise.reject(new ApiError({ kind: 'http', status: 400, title: 'Refused', detail: 'The username ada is taken.' })));
    const auth = new AuthSession({ api: fakeApi({ register }), storage: null });

    expect(await auth.register({ username: 'ada', password: 'short' })).toBe(false);
    expect(register).not.toHaveBeenCalled();
    expect(auth.error?.detail).toMatch(/at least 10/);

    expect(await auth.register({ username: 'ada', password: 'long enough pw' })).toBe(false);
    expect(auth.error?.detail).toBe('The username ada is taken.');
    expect(auth.signedIn).toBe(false);
    expect(auth.pending).toBe(false);
  });

  it('signs out on request, forgetting the stored token without a notice', async () => {
    const storage = new MemoryStorage();
    const auth = new AuthSession({ api: fakeApi(), storage });
    await auth.register({ username: 'ada', password: 'long enough pw' });

    auth.signOut();

    expect(auth.token()).toBeNull();
    expect(auth.notice).toBeNull();
    expect(auth.prompting).toBe(false);
    expect(storage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });

  it("follows the server's settings, and offers no accounts when it has none", async () => {
    const closed = new AuthSession({
      api: fakeApi({ config: vi.fn(async () => ({ registration_enabled: false, anonymous_enabled: false })) }),
      storage: null,
    });
    await closed.load();
    expect([closed.accountsAvailable, closed.canRegister, closed.canRunAnonymously]).toEqual([true, false, false]);

    const notFound = new ApiError({ kind: 'http', status: 404, title: 'Not found' });
    const old = new AuthSession({ api: fakeApi({ config: vi.fn(async () => Promise.reject(notFound)) }), storage: null });
    await old.load();
    expect([old.accountsAvailable, old.canRegister, old.canRunAnonymously]).toEqual([false, false, true]);
  });

  it('tells who signed in, and that they signed out, once each', async () => {
    const changes: Array<string | null> = [];
    const auth = new AuthSession({ api: fakeApi(), storage: null, onUserChange: (user) => changes.push(user?.username ?? null) });

    await auth.signIn({ username: 'ada', password: 'p' });
    await auth.load();
    auth.signOut();

    expect(changes).toEqual(['ada', null]);
  });

  it('tells that the user is gone when the session expires or the server refuses the token', async () => {
    let clock = 0;
    const changes: Array<string | null> = [];
    const onUserChange = (user: { username: string } | null) => changes.push(user?.username ?? null);
    const storage = new MemoryStorage();
    const auth = new AuthSession({ api: fakeApi({ login: vi.fn(async () => grant('tok', 60)) }), storage, onUserChange, now: () => clock });
    await auth.signIn({ username: 'ada', password: 'p' });
    clock = 60_000;
    auth.token();

    await auth.signIn({ username: 'ada', password: 'p' });
    const restored = new AuthSession({ api: fakeApi({ me: vi.fn(async () => Promise.reject(unauthorized())) }), storage, onUserChange, now: () => clock });
    await restored.load();

    expect(changes).toEqual(['ada', null, 'ada', null]);
    expect(restored.prompting).toBe(true);
  });

  it('does not report the user restored from storage as a sign-in', async () => {
    const storage = new MemoryStorage();
    await new AuthSession({ api: fakeApi(), storage }).signIn({ username: 'ada', password: 'p' });
    const onUserChange = vi.fn();

    const restored = new AuthSession({ api: fakeApi(), storage, onUserChange });
    await restored.load();

    expect(restored.user?.username).toBe('ada');
    expect(onUserChange).not.toHaveBeenCalled();
  });

  it('ignores a corrupt stored session', () => {
    const storage = new MemoryStorage();
    storage.setItem(AUTH_STORAGE_KEY, '{"token": 1}');
    expect(new AuthSession({ api: fakeApi(), storage }).user).toBeNull();
  });
});
