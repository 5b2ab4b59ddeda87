import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { ExecutionsApi } from '../api/executions';
import type { ExecutionSnapshot, LiveOutputChunk } from '../api/execution-types';
import { ExecutionSession } from './execution-session.svelte';
import type { WatchOptions } from './execution-watcher';
import { asEventSource, execution, FakeEventSource } from '../../test-support/fakes';

function fakeApi(overrides: Partial<ExecutionsApi> = {}): ExecutionsApi {
  return {
    create: vi.fn(async () => ({ execution_id: 'exec-1', status: 'queued' as const })),
    get: vi.fn(async () => execution()),
    eventsUrl: (id) => `api/v1/executions/${id}/events`,
    list: vi.fn(async () => ({ items: [], page: 0, size: 20, total: 0 })),
    cancel: vi.fn(async (id: string) => ({ execution_id: id, status: 'cancelled' as const })),
    ...overrides,
  };
}

/** A watch double: the test pushes updates through `push`. */
function controlledWatch() {
  let options: WatchOptions | null = null;
  const stop = vi.fn();
  return {
    watch: vi.fn((_id: string, watchOptions: WatchOptions) => ((options = watchOptions), stop)),
    push: (snapshot: ExecutionSnapshot) => options!.onUpdate(snapshot),
    output: (chunk: LiveOutputChunk) => options!.onOutput?.(chunk),
    fail: (error: ApiError) => options!.onError(error),
    stop,
  };
}

describe('ExecutionSession', () => {
  let clock = 1_000;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 1_000;
    FakeEventSource.instances = [];
  });
  afterEach(() => vi.useRealTimers());

  it('collects live output while a run is active and starts the next run without it', async () => {
    const watch = controlledWatch();
    const frames: (() => void)[] = [];
    const session = new ExecutionSession({
      api: fakeApi(),
      watch: watch.watch,
      scheduleFrame: (render) => void frames.push(render),
    });
    await session.run({ script: 'print(1)' });
    watch.push({ execution_id: 'exec-1', status: 'running' });

    watch.output({ stream: 'stdout', sequence: 0, text: '1\n' });
    frames.splice(0).forEach((render) => render());
    expect(session.live.stdout).toBe('1\n');

    watch.push(execution({ status: 'completed', output: '1\n' }));
    await session.run({ script: 'print(2)' });
    expect(session.live.stdout).toBe('');
  });

  it('moves queued → running → completed and is busy until the end', async () => {
    const watch = controlledWatch();
    const snapshots: ExecutionSnapshot[] = [];
    const session = new ExecutionSession({ api: fakeApi(), watch: watch.watch, now: () => clock, onSnapshot: (s) => snapshots.push(s) });
    expect(session.busy).toBe(false);

    const running = session.run({ script: 'print("Hello, Integr8sCode!")' });
    expect(session.submitting).toBe(true);
    expect(session.busy).toBe(true);
    expect(await running).toBe('exec-1');

    expect(session.status).toBe('queued');
    expect(session.execution?.script).toBe('print("Hello, Integr8sCode!")');
    expect(session.busy).toBe(true);
    watch.push({ execution_id: 'exec-1', status: 'running' });
    expect(session.status).toBe('running');
    clock += 1_500;
    vi.advanceTimersByTime(100);
    expect(session.elapsedMs).toBe(1_500);

    watch.push(execution({ status: 'completed', duration_ms: 42 }));
    expect(session.status).toBe('completed');
    expect(session.busy).toBe(false);
    expect(session.elapsedMs).toBe(42);
    expect(session.execution?.output).toBe('Hello, Integr8sCode!\n');
    expect(snapshots.map((s) => s.status)).toEqual(['queued', 'running', 'completed']);
  });

  it('stops a queued run at once: cancelled, no longer busy, and Stop is gone', async () => {
    const watch = controlledWatch();
    const api = fakeApi();
    const session = new ExecutionSession({ api, watch: watch.watch });
    await session.run({ script: 'print(1)' });
    expect(session.canStop).toBe(true);

    await session.stop();

    expect(api.cancel).toHaveBeenCalledWith('exec-1');
    expect(session.status).toBe('cancelled');
    expect(session.busy).toBe(false);
    expect(session.canStop).toBe(false);
    expect(session.stopping).toBe(false);
  });

  it('keeps a running run shown as stopping until its cancelled status arrives with the output so far', async () => {
    const watch = controlledWatch();
    const api = fakeApi({ cancel: vi.fn(async (id: string) => ({ execution_id: id, status: 'running' as const })) });
    const session = new ExecutionSession({ api, watch: watch.watch });
    await session.run({ script: 'print(1)' });
    watch.push({ execution_id: 'exec-1', status: 'running' });

    await session.stop();

    expect(session.status).toBe('running');
    expect(session.stopping).toBe(true);
    expect(session.canStop).toBe(false);
    await session.stop();
    expect(api.cancel).toHaveBeenCalledTimes(1);
    watch.push(execution({ status: 'cancelled', output: 'before the stop\n', failure_reason: 'cancelled while running' }));
    expect(session.status).toBe('cancelled');
    expect(session.execution?.output).toBe('before the stop\n');
    expect(session.stopping).toBe(false);
    expect(session.busy).toBe(false);
  });

  it('says nothing when the run finished before its stop (409), and shows any other refusal', async () => {
    const finished = new ApiError({ kind: 'http', title: 'Execution already finished', status: 409 });
    const api = fakeApi({ cancel: vi.fn().mockRejectedValueOnce(finished).mockRejectedValueOnce(new ApiError({ kind: 'http', title: 'Not found', status: 404 })) });
    const watch = controlledWatch();
    const session = new ExecutionSession({ api, watch: watch.watch });
    await session.run({ script: 'print(1)' });

    await session.stop();
    expect(session.error).toBeNull();
    expect(session.canStop).toBe(true);

    await session.stop();
    expect(session.error?.status).toBe(404);
  });

  it('starts a saved script through the given submit and follows it like any run', async () => {
    const watch = controlledWatch();
    const api = fakeApi();
    const session = new ExecutionSession({ api, watch: watch.watch });
    const submit = vi.fn(async () => ({ execution_id: 'saved-run', status: 'queued' as const }));

    expect(await session.run({ script: 'print("saved")' }, submit)).toBe('saved-run');

    expect(api.create).not.toHaveBeenCalled();
    expect(session.execution).toMatchObject({ execution_id: 'saved-run', script: 'print("saved")' });
    expect(watch.watch).toHaveBeenCalledWith('saved-run', expect.anything());
  });

  it('never moves a status backwards', async () => {
    const watch = controlledWatch();
    const session = new ExecutionSession({ api: fakeApi(), watch: watch.watch });
    await session.run({ script: 'x' });

    watch.push({ execution_id: 'exec-1', status: 'running' });
    watch.push({ execution_id: 'exec-1', status: 'queued' });
    expect(session.status).toBe('running');
    watch.push({ execution_id: 'exec-1', status: 'timeout' });
    watch.push({ execution_id: 'exec-1', status: 'completed' });
    expect(session.status).toBe('timeout');
  });

  it('shows the server problem when the submission is refused', async () => {
    const problem = new ApiError({ kind: 'http', status: 413, title: 'Script too large', detail: 'At most 64 KiB.' });
    const session = new ExecutionSession({ api: fakeApi({ create: vi.fn(async () => Promise.reject(problem)) }) });

    expect(await session.run({ script: 'x' })).toBeNull();
    expect(session.error).toBe(problem);
    expect(session.execution).toBeNull();
    expect(session.busy).toBe(false);
  });

  it('ignores Run while an execution is still going', async () => {
    const api = fakeApi();
    const session = new ExecutionSession({ api, watch: controlledWatch().watch });
    await session.run({ script: 'x' });

    expect(await session.run({ script: 'y' })).toBeNull();
    expect(api.create).toHaveBeenCalledTimes(1);
  });

  it('keeps the result and shows the error when watching fails', async () => {
    const watch = controlledWatch();
    const session = new ExecutionSession({ api: fakeApi(), watch: watch.watch });
    await session.run({ script: 'x' });

    watch.fail(new ApiError({ kind: 'network', title: 'Could not reach the Integr8sCode server' }));
    expect(session.error?.kind).toBe('network');
    expect(session.status).toBe('queued');
  });

  it('opens a finished execution from a permalink without watching it', async () => {
    const watch = controlledWatch();
    const session = new ExecutionSession({ api: fakeApi(), watch: watch.watch });

    await session.open('exec-1');

    expect(session.status).toBe('completed');
    expect(watch.watch).not.toHaveBeenCalled();
  });

  it('opens a running execution and follows it', async () => {
    const watch = controlledWatch();
    const api = fakeApi({ get: vi.fn(async () => execution({ status: 'running', duration_ms: null })) });
    const session = new ExecutionSession({ api, watch: watch.watch });

    await session.open('exec-1');

    expect(session.busy).toBe(true);
    expect(watch.watch).toHaveBeenCalledWith('exec-1', expect.anything());
  });

  it('reports an unknown permalink id', async () => {
    const notFound = new ApiError({ kind: 'http', status: 404, title: 'Execution not found' });
    const session = new ExecutionSession({ api: fakeApi({ get: vi.fn(async () => Promise.reject(notFound)) }) });

    await session.open('nope');

    expect(session.error?.title).toBe('Execution not found');
    expect(session.busy).toBe(false);
  });

  it('falls back from SSE to polling end to end with a fake EventSource', async () => {
    const get = vi.fn(async () => execution({ status: get.mock.calls.length < 2 ? 'running' : 'completed' }));
    const session = new ExecutionSession({ api: fakeApi({ get }), eventSource: asEventSource(FakeEventSource) });
    await session.run({ script: 'x' });
    const source = FakeEventSource.instances[0];

    source.emitStatus({ execution_id: 'exec-1', status: 'running' });
    expect(session.status).toBe('running');
    source.fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.status).toBe('running');
    await vi.advanceTimersByTimeAsync(500);

    expect(session.status).toBe('completed');
    expect(session.busy).toBe(false);
    expect(get).toHaveBeenCalledTimes(2);
  });
});
