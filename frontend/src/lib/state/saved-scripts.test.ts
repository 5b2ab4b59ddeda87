import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { SavedScript, ScriptsApi } from '../api/scripts';
import { requestOf, SavedScripts } from './saved-scripts.svelte';
import { savedScript } from '../../test-support/fakes';

function fakeApi(overrides: Partial<ScriptsApi> = {}): ScriptsApi {
  return {
    list: vi.fn(async () => [savedScript({ script_id: 'b', name: 'zeta' }), savedScript({ script_id: 'a', name: 'alpha' })]),
    create: vi.fn(async (input) => savedScript({ ...input, script_id: 'new', stdin: input.stdin ?? null })),
    update: vi.fn(async (id, input) => savedScript({ ...input, script_id: id, stdin: input.stdin ?? null })),
    remove: vi.fn(async () => undefined),
    run: vi.fn(async () => ({ execution_id: 'e1', status: 'queued' as const })),
    ...overrides,
  };
}

async function loaded(api = fakeApi()): Promise<SavedScripts> {
  const saved = new SavedScripts(api);
  await saved.load();
  return saved;
}

describe('SavedScripts', () => {
  it('loads the scripts sorted by name', async () => {
    const saved = await loaded();
    expect(saved.items.map((item) => item.name)).toEqual(['alpha', 'zeta']);
    expect(saved.loading).toBe(false);
  });

  it('saves under a new name with create', async () => {
    const api = fakeApi();
    const saved = await loaded(api);

    const result = await saved.save('  beta ', { script: 'print(2)', stdin: 'in' });

    expect(api.create).toHaveBeenCalledWith({ name: 'beta', script: 'print(2)', stdin: 'in' });
    expect(result?.script_id).toBe('new');
    expect(saved.items.map((item) => item.name)).toEqual(['alpha', 'beta', 'zeta']);
    expect(saved.pendingId).toBeNull();
  });

  it('saves over a script of the same name with update', async () => {
    const api = fakeApi();
    const saved = await loaded(api);

    await saved.save('zeta', { script: 'print("new")', limits: { timeout_seconds: 3 } });

    expect(api.create).not.toHaveBeenCalled();
    expect(api.update).toHaveBeenCalledWith('b', { name: 'zeta', script: 'print("new")', limits: { timeout_seconds: 3 } });
    expect(saved.items).toHaveLength(2);
    expect(saved.byName('zeta')?.script).toBe('print("new")');
  });

  it('renames with the stored content and keeps the list sorted', async () => {
    const api = fakeApi();
    const saved = await loaded(api);

    await saved.rename(saved.byName('zeta')!, 'aardvark');

    expect(api.update).toHaveBeenCalledWith('b', { name: 'aardvark', script: 'print("hello")' });
    expect(saved.items.map((item) => item.name)).toEqual(['aardvark', 'alpha']);
  });

  it('deletes a script', async () => {
    const api = fakeApi();
    const saved = await loaded(api);

    expect(await saved.remove(saved.byName('alpha')!)).toBe(true);

    expect(api.remove).toHaveBeenCalledWith('a');
    expect(saved.items.map((item) => item.name)).toEqual(['zeta']);
  });

  it("keeps the list and shows the server's problem when a save is refused", async () => {
    const duplicate = new ApiError({ kind: 'http', status: 400, title: 'Name taken', detail: 'A script named alpha exists.' });
    const saved = await loaded(fakeApi({ update: vi.fn(async () => Promise.reject(duplicate)) }));

    expect(await saved.rename(saved.byName('zeta')!, 'alpha')).toBeNull();

    expect(saved.error?.detail).toBe('A script named alpha exists.');
    expect(saved.items.map((item) => item.name)).toEqual(['alpha', 'zeta']);
  });

  it('keeps a script whose delete failed', async () => {
    const saved = await loaded(fakeApi({ remove: vi.fn(async () => Promise.reject(new ApiError({ kind: 'network', title: 'Offline' }))) }));

    expect(await saved.remove(saved.byName('alpha')!)).toBe(false);

    expect(saved.items).toHaveLength(2);
    expect(saved.error?.title).toBe('Offline');
  });

  it('runs a saved script through the server and clears on sign-out', async () => {
    const api = fakeApi();
    const saved = await loaded(api);

    expect(await saved.start(saved.byName('alpha')!)).toEqual({ execution_id: 'e1', status: 'queued' });
    expect(api.run).toHaveBeenCalledWith('a');

    saved.clear();
    expect(saved.items).toEqual([]);
  });

  it('drops a list that arrives after a sign-out', async () => {
    let answer: (items: ReturnType<typeof savedScript>[]) => void = () => {};
    const api = fakeApi({ list: vi.fn(() => new Promise<SavedScript[]>((resolve) => { answer = resolve; })) });
    const saved = new SavedScripts(api);

    const loading = saved.load();
    saved.clear();
    answer([savedScript({ script_id: 'late', name: 'late' })]);
    await loading;

    expect(saved.items).toEqual([]);
    expect(saved.loading).toBe(false);
  });

  it('turns a saved script into the request the editor would send', () => {
    expect(requestOf(savedScript())).toEqual({ script: 'print("hello")' });
    expect(requestOf(savedScript({ stdin: 'x', limits: { memory_mb: 64 } }))).toEqual({
      script: 'print("hello")',
      stdin: 'x',
      limits: { memory_mb: 64 },
    });
  });
});
