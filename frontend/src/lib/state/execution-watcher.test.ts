import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { ExecutionSnapshot, LiveOutputChunk } from '../api/execution-types';
import { watchExecution } from './execution-watcher';
import { asEventSource, execution, FakeEventSource } from '../../test-support/fakes';

function setup(get: (id: string) => Promise<ReturnType<typeof execution>>, withEventSource = true) {
  const updates: ExecutionSnapshot[] = [];
  const errors: ApiError[] = [];
  const output: LiveOutputChunk[] = [];
  const api = { get: vi.fn(get), eventsUrl: (id: string) => `api/v1/executions/${id}/events` };
  const stop = watchExecution('exec-1', {
    api,
    eventSource: withEventSource ? asEventSource(FakeEventSource) : undefined,
    onUpdate: (snapshot) => updates.push(snapshot),
    onError: (error) => errors.push(error),
    onOutput: (chunk) => output.push(chunk),
    pollIntervalMs: 500,
    maxPollFailures: 3,
  });
  return { api, updates, errors, output, stop, source: () => FakeEventSource.instances.at(-1)! };
}

describe('watchExecution', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.instances = [];
  });
  afterEach(() => vi.useRealTimers());

  it('passes on output events while the execution runs, and none after it stopped', () => {
    const { output, stop, source } = setup(async () => execution());

    source().emitStatus({ execution_id: 'exec-1', status: 'running' });
    source().emitOutput({ stream: 'stdout', sequence: 0, text: 'hi\n' });
    source().emitOutput('garbage');
    source().emitOutput({ stream: 'stderr', sequence: 1, text: 'oops\n' });
    stop();
    source().emitOutput({ stream: 'stdout', sequence: 2, text: 'late\n' });

    expect(output).toEqual([
      { stream: 'stdout', sequence: 0, text: 'hi\n' },
      { stream: 'stderr', sequence: 1, text: 'oops\n' },
    ]);
  });

  it('follows SSE status events, then confirms the terminal state with a GET', async () => {
    const { api, updates, source } = setup(async () => execution({ status: 'completed' }));

    expect(source().url).toBe('api/v1/executions/exec-1/events');
    source().emitStatus({ execution_id: 'exec-1', status: 'queued' });
    source().emitStatus({ execution_id: 'exec-1', status: 'running' });
    source().emitStatus(execution({ status: 'completed' }));
    await vi.runAllTimersAsync();

    expect(updates.map((update) => update.status)).toEqual(['queued', 'running', 'completed', 'completed']);
    expect(updates.at(-1)?.output).toBe('Hello, Integr8sCode!\n');
    expect(source().closed).toBe(true);
    expect(api.get).toHaveBeenCalledTimes(1);
  });

  it('falls back to polling every 500 ms when the event stream fails', async () => {
    const states = ['running', 'running', 'timeout'] as const;
    const { api, updates, source } = setup(async () => execution({ status: states[api.get.mock.calls.length - 1] }));

    source().emitStatus({ execution_id: 'exec-1', status: 'queued' });
    source().fail();
    expect(source().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.get).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(api.get).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5_000);

    expect(api.get).toHaveBeenCalledTimes(3);
    expect(updates.map((update) => update.status)).toEqual(['queued', 'running', 'running', 'timeout']);
  });

  it('polls when EventSource is not available', async () => {
    const { api, updates } = setup(async () => execution({ status: 'failed' }), false);
    await vi.runAllTimersAsync();

    expect(FakeEventSource.instances).toHaveLength(0);
    expect(api.get).toHaveBeenCalledTimes(1);
    expect(updates[0].status).toBe('failed');
  });

  it('falls back to polling when an event carries unreadable data', async () => {
    const { api, source } = setup(async () => execution());
    source().emitStatus('not json');
    await vi.runAllTimersAsync();

    expect(source().closed).toBe(true);
    expect(api.get).toHaveBeenCalled();
  });

  it('keeps polling through transient failures, then gives up with the last error', async () => {
    const { api, errors } = setup(async () => {
      throw new ApiError({ kind: 'network', title: 'Could not reach the Integr8sCode server' });
    }, false);
    await vi.runAllTimersAsync();

    expect(api.get).toHaveBeenCalledTimes(3);
    expect(errors).toHaveLength(1);
    expect(errors[0].kind).toBe('network');
  });

  it('stops at once on a non-transient error such as 404', async () => {
    const { api, errors } = setup(async () => {
      throw new ApiError({ kind: 'http', status: 404, title: 'Execution not found' });
    }, false);
    await vi.runAllTimersAsync();

    expect(api.get).toHaveBeenCalledTimes(1);
    expect(errors[0].title).toBe('Execution not found');
  });

  it('reports nothing after it was stopped', async () => {
    const { updates, stop, source } = setup(async () => execution());
    stop();
    source().emitStatus({ execution_id: 'exec-1', status: 'running' });
    source().fail();
    await vi.runAllTimersAsync();

    expect(updates).toEqual([]);
    expect(source().closed).toBe(true);
  });
});
