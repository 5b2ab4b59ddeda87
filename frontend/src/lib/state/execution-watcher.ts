/**
 * Follows one execution until it reaches a terminal status: Server-Sent Events first (with the
 * script's live output), polling GET when SSE is unsupported or fails, and a final GET for the full document.
 */
import { toApiError, type ApiError } from '../api/http';
import type { ExecutionsApi } from '../api/executions';
import { isTerminal, type ExecutionSnapshot, type LiveOutputChunk } from '../api/execution-types';
import { parseLiveChunk } from './live-output.svelte';

export type EventSourceConstructor = new (url: string) => EventSource;

export interface WatchOptions {
  api: Pick<ExecutionsApi, 'get' | 'eventsUrl'>;
  onUpdate(snapshot: ExecutionSnapshot): void;
  onError(error: ApiError): void;
  /** Live output while the script runs (SSE only; polling shows the output at the end). */
  onOutput?(chunk: LiveOutputChunk): void;
  /** Leave undefined to poll only. */
  eventSource?: EventSourceConstructor;
  pollIntervalMs?: number;
  /** Transient failures in a row (network, 429, 5xx) tolerated while polling. */
  maxPollFailures?: number;
}

export type StopWatching = () => void;

export function watchExecution(executionId: string, options: WatchOptions): StopWatching {
  const { api, onUpdate, onError, eventSource } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const maxPollFailures = options.maxPollFailures ?? 5;
  let stopped = false;
  let source: EventSource | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let pollFailures = 0;

  const stop = () => {
    stopped = true;
    source?.close();
    source = null;
    clearTimeout(pollTimer);
  };

  const confirmTerminal = async () => {
    stop();
    try {
      onUpdate(await api.get(executionId));
    } catch {
      // The terminal event already carried the document; the confirming GET only refines it.
    }
  };

  const poll = async () => {
    try {
      const execution = await api.get(executionId);
      pollFailures = 0;
      if (stopped) return;
      onUpdate(execution);
      if (isTerminal(execution.status)) return stop();
    } catch (error) {
      if (stopped) return;
      const apiError = toApiError(error);
      pollFailures += 1;
      if (!apiError.isTransient || pollFailures >= maxPollFailures) {
        stop();
        return onError(apiError);
      }
    }
    pollTimer = setTimeout(poll, pollIntervalMs);
  };

  const fallBackToPolling = () => {
    if (stopped) return;
    source?.close();
    source = null;
    void poll();
  };

  if (eventSource === undefined) {
    void poll();
    return stop;
  }

  try {
    source = new eventSource(api.eventsUrl(executionId));
  } catch {
    fallBackToPolling();
    return stop;
  }
  source.addEventListener('status', (event) => {
    if (stopped) return;
    const snapshot = parseSnapshot((event as MessageEvent<string>).data);
    if (snapshot === null) return fallBackToPolling();
    onUpdate(snapshot);
    if (isTerminal(snapshot.status)) void confirmTerminal();
  });
  source.addEventListener('output', (event) => {
    if (stopped) return;
    const chunk = parseLiveChunk((event as MessageEvent<string>).data);
    if (chunk !== null) options.onOutput?.(chunk);
  });
  source.addEventListener('error', fallBackToPolling);
  return stop;
}

function parseSnapshot(data: string): ExecutionSnapshot | null {
  try {
    const value = JSON.parse(data) as Partial<ExecutionSnapshot> | null;
    if (value && typeof value.execution_id === 'string' && typeof value.status === 'string') {
      return value as ExecutionSnapshot;
    }
  } catch {
    // Unparseable event data: the caller falls back to polling.
  }
  return null;
}
