import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionSummary } from '../api/execution-types';
import { EXAMPLES } from '../examples';
import { AUTH_STORAGE_KEY } from './auth-session.svelte';
import { Playground } from './playground.svelte';
import { asEventSource, execution, FakeEventSource, fakeWindow, jsonResponse, MemoryStorage, savedScript } from '../../test-support/fakes';

const ADA = { user_id: 'u1', username: 'ada', roles: ['user'] };
const GRANT = { access_token: 'tok-ada', token_type: 'Bearer', expires_in: 3600, user: ADA };
const ADAS_RUN: ExecutionSummary = {
  execution_id: 'exec-old',
  status: 'completed',
  created_at: '2026-01-01T09:00:00Z',
  finished_at: '2026-01-01T09:00:01Z',
  duration_ms: 30,
  exit_code: 0,
  script_preview: 'print("old")',
};

type Route = (token: string | null) => Response;

/** Answers for ada's token only, as the server does for a user's own resources. */
const adaOnly = (answer: () => Response): Route => (token) =>
  token === 'tok-ada' ? answer() : jsonResponse(401, { title: 'Unauthorized', status: 401 });

/** A fake API answering by method and path; it records each request as `METHOD path` and the token it carried. */
function fakeServer(overrides: Record<string, Route> = {}) {
  const routes: Record<string, Route> = {
    'GET api/v1/auth/config': () => jsonResponse(200, { registration_enabled: true, anonymous_enabled: true }),
    'POST api/v1/auth/login': () => jsonResponse(200, GRANT),
    'GET api/v1/auth/me': adaOnly(() => jsonResponse(200, ADA)),
    'GET api/v1/scripts': adaOnly(() => jsonResponse(200, { items: [savedScript()] })),
    'GET api/v1/executions': adaOnly(() => jsonResponse(200, { items: [ADAS_RUN], page: 0, size: 20, total: 1 })),
    'POST api/v1/executions': () => jsonResponse(202, { execution_id: 'exec-new', status: 'queued' }),
    'POST api/v1/scripts/script-1/run': () => jsonResponse(202, { execution_id: 'exec-saved', status: 'queued' }),
    'GET api/v1/executions/exec-1': () => jsonResponse(200, execution({ script: 'print("linked")', stdin: 'linked input' })),
    'GET api/v1/runtimes': () =>
      jsonResponse(200, { image: 'integr8scode-sandbox:abc', python: { implementation: 'CPython', version: '3.11.2' }, packages: [{ module: 'numpy', version: '1.24.2' }] }),
    'GET api/v1/executions/exec-2': () => jsonResponse(200, execution({ execution_id: 'exec-2', script: 'print("second")' })),
    ...overrides,
  };
  const requests: Array<{ request: string; token: string | null }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = `${init?.method ?? 'GET'} ${String(input).split('?')[0]}`;
    const token = new Headers(init?.headers).get('Authorization')?.replace('Bearer ', '') ?? null;
    requests.push({ request, token });
    return routes[request]?.(token) ?? jsonResponse(404, { title: 'Not found', status: 404 });
  };
  return {
    fetch,
    requested: (request: string) => requests.filter((sent) => sent.request === request),
  };
}

/** Lets the fake server's answers arrive: they are promises, not timers. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Playground', () => {
  let playground: Playground;
  let server: ReturnType<typeof fakeServer>;
  let storage: MemoryStorage;
  let address: ReturnType<typeof fakeWindow>;

  function start(hash = '', serverOverrides: Record<string, Route> = {}): Playground {
    server = fakeServer(serverOverrides);
    address = fakeWindow(hash);
    playground = new Playground({
      window: address.win,
      storage,
      example: EXAMPLES[0],
      fetch: server.fetch,
      eventSource: asEventSource(FakeEventSource),
    });
    playground.start();
    return playground;
  }

  beforeEach(() => {
    storage = new MemoryStorage();
    FakeEventSource.instances = [];
  });
  afterEach(() => playground?.dispose());

  it('brings the saved scripts and my executions when someone signs in, with their token', async () => {
    const { auth, saved, mine } = start();
    await settle();
    expect(server.requested('GET api/v1/scripts')).toEqual([]);

    await auth.signIn({ username: 'ada', password: 'long enough pw' });
    await settle();

    expect(saved.items.map((script) => script.name)).toEqual(['hello']);
    expect(mine.items.map((item) => item.execution_id)).toEqual(['exec-old']);
    expect(server.requested('GET api/v1/scripts')).toEqual([{ request: 'GET api/v1/scripts', token: 'tok-ada' }]);
  });

  it('shows which Python and packages scripts run with, for anyone', async () => {
    const { runtime } = start();
    await settle();

    expect(runtime.pythonLabel).toBe('Python 3.11.2');
    expect(runtime.packageNames).toEqual(['numpy']);
    expect(server.requested('GET api/v1/runtimes')).toEqual([{ request: 'GET api/v1/runtimes', token: null }]);
  });

  it('drops the lists on sign-out but keeps the editor as it was', async () => {
    const { auth, saved, mine, draft } = start();
    await auth.signIn({ username: 'ada', password: 'long enough pw' });
    await settle();
    expect([saved.items.length, mine.items.length]).toEqual([1, 1]);
    draft.script = 'print("still mine")';

    auth.signOut();

    expect(saved.items).toEqual([]);
    expect(mine.items).toEqual([]);
    expect(draft.script).toBe('print("still mine")');
  });

  it('shows the lists of a user signed in before the reload, and drops them when the server refuses the token', async () => {
    storage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ token: 'tok-ada', expiresAt: Date.now() + 60_000, user: ADA }));
    const restored = start();
    await settle();
    expect(restored.saved.items.map((script) => script.name)).toEqual(['hello']);
    restored.dispose();

    storage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ token: 'tok-revoked', expiresAt: Date.now() + 60_000, user: ADA }));
    const refused = start();
    await settle();

    expect(refused.auth.signedIn).toBe(false);
    expect(refused.saved.items).toEqual([]);
    expect(refused.mine.items).toEqual([]);
  });

  it('opens the execution the address names, with its script and input in the editor', async () => {
    const { session, draft } = start('#/executions/exec-1');
    await settle();

    expect(session.execution?.execution_id).toBe('exec-1');
    expect(playground.currentId).toBe('exec-1');
    expect(draft.script).toBe('print("linked")');
    expect(draft.stdin).toBe('linked input');
  });

  it('opens an execution the user navigates to, and leaves the one on screen and its edits alone', async () => {
    const { session, draft } = start('#/executions/exec-1');
    await settle();

    address.navigate('#/executions/exec-2');
    await settle();
    expect(session.execution?.execution_id).toBe('exec-2');
    expect(draft.script).toBe('print("second")');

    draft.script = 'print("edited")';
    address.navigate('#/');
    address.navigate('#/executions/exec-2');
    await settle();
    expect(server.requested('GET api/v1/executions/exec-2')).toHaveLength(1);
    expect(draft.script).toBe('print("edited")');
  });

  it('puts a new run in the address and in the recent runs, without fetching it back', async () => {
    const { recent, draft } = start();
    draft.script = 'print("new")';

    await playground.run();
    address.fireHashChange();
    await settle();

    expect(address.location.hash).toBe('#/executions/exec-new');
    expect(recent.items.map((item) => [item.execution_id, item.preview])).toEqual([['exec-new', 'print("new")']]);
    expect(server.requested('GET api/v1/executions/exec-new')).toEqual([]);
    expect(FakeEventSource.instances.map((source) => source.url)).toEqual(['api/v1/executions/exec-new/events']);
  });

  it('runs a saved script as stored, puts it in the editor and follows it', async () => {
    const { auth, draft, session } = start();
    await auth.signIn({ username: 'ada', password: 'long enough pw' });

    await playground.runSaved(savedScript({ script: 'print("saved")' }));

    expect(server.requested('POST api/v1/scripts/script-1/run')).toHaveLength(1);
    expect(draft.script).toBe('print("saved")');
    expect(session.execution?.execution_id).toBe('exec-saved');
    expect(address.location.hash).toBe('#/executions/exec-saved');
  });

  it('asks to sign in instead of running when the server allows no anonymous runs', async () => {
    const closed = () => jsonResponse(200, { registration_enabled: true, anonymous_enabled: false });
    const { auth, session } = start('', { 'GET api/v1/auth/config': closed });
    await settle();

    await playground.run();

    expect(auth.prompting).toBe(true);
    expect(auth.notice).toBe('Sign in to run scripts.');
    expect(session.execution).toBeNull();
    expect(server.requested('POST api/v1/executions')).toEqual([]);
  });
});
