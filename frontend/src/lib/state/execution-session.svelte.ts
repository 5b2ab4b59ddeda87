/** The execution shown in the playground: submitting it, following its status, timing it. */
import { toApiError, type ApiError } from '../api/http';
import type { ExecutionsApi } from '../api/executions';
import {
  isBackwards,
  isTerminal,
  type ExecutionAccepted,
  type ExecutionRequest,
  type ExecutionSnapshot,
} from '../api/execution-types';
import { watchExecution, type StopWatching, type WatchOptions } from './execution-watcher';
import { LiveOutput, type FrameScheduler } from './live-output.svelte';

export interface ExecutionSessionOptions {
  api: ExecutionsApi;
  /** Called with every accepted change, e.g. to keep the recent-executions list current. */
  onSnapshot?: (snapshot: ExecutionSnapshot) => void;
  watch?: (executionId: string, options: WatchOptions) => StopWatching;
  eventSource?: WatchOptions['eventSource'];
  now?: () => number;
  tickMs?: number;
  /** How live output renders are batched (requestAnimationFrame by default). */
  scheduleFrame?: FrameScheduler;
}

export class ExecutionSession {
  execution = $state<ExecutionSnapshot | null>(null);
  error = $state<ApiError | null>(null);
  submitting = $state(false);
  loading = $state(false);
  /** A stop was asked for and the execution has not ended yet. */
  stopping = $state(false);
  nowMs = $state(0);
  /** What the script wrote so far while it runs; the stored output replaces it once the run ends. */
  readonly live: LiveOutput;

  readonly status = $derived(this.execution?.status ?? null);
  readonly active = $derived(this.execution !== null && !isTerminal(this.execution.status));
  readonly busy = $derived(this.submitting || this.loading || this.active);
  /** The Stop button: while the execution is queued or running and no stop is under way. */
  readonly canStop = $derived(this.active && !this.stopping);
  readonly elapsedMs = $derived(this.#elapsed());

  #options: ExecutionSessionOptions;
  #now: () => number;
  #stopWatching: StopWatching | null = null;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #localStartMs: number | null = null;

  constructor(options: ExecutionSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.nowMs = this.#now();
    this.live = new LiveOutput({ schedule: options.scheduleFrame });
  }

  /**
   * Submits a script; resolves to the new execution id, or null when the server refused it.
   * `submit` starts it another way (a saved script's run); `request` is still what is shown meanwhile.
   */
  async run(
    request: ExecutionRequest,
    submit: () => Promise<ExecutionAccepted> = () => this.#options.api.create(request),
  ): Promise<string | null> {
    if (this.busy) return null;
    this.#reset();
    this.submitting = true;
    try {
      const accepted = await submit();
      this.#localStartMs = this.#now();
      this.#apply({
        ...accepted,
        script: request.script,
        stdin: request.stdin ?? null,
        created_at: new Date(this.#localStartMs).toISOString(),
      });
      this.#follow(accepted.execution_id);
      return accepted.execution_id;
    } catch (error) {
      this.error = toApiError(error);
      return null;
    } finally {
      this.submitting = false;
    }
  }

  /** Shows an existing execution (a permalink), following it if it has not finished. */
  async open(executionId: string): Promise<void> {
    if (this.execution?.execution_id === executionId) return;
    this.#reset();
    this.loading = true;
    try {
      const execution = await this.#options.api.get(executionId);
      this.#apply(execution);
      if (!isTerminal(execution.status)) this.#follow(executionId);
    } catch (error) {
      this.error = toApiError(error);
    } finally {
      this.loading = false;
    }
  }

  /**
   * Asks the server to stop the execution shown. A queued one is cancelled at once; a running one keeps
   * running here until the watcher brings its final status (cancelled, with the output so far). A 409
   * means it finished first: the watcher brings that status too, so it is no error to show.
   */
  async stop(): Promise<void> {
    const current = this.execution;
    if (current === null || !this.canStop) return;
    this.stopping = true;
    try {
      const answer = await this.#options.api.cancel(current.execution_id);
      if (answer.status === 'cancelled') this.#apply({ execution_id: answer.execution_id, status: 'cancelled' });
    } catch (error) {
      const problem = toApiError(error);
      if (problem.status !== 409) this.error = problem;
      this.stopping = false;
    }
  }

  dispose(): void {
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.#stopTicking();
  }

  #reset(): void {
    this.dispose();
    this.execution = null;
    this.error = null;
    this.stopping = false;
    this.#localStartMs = null;
    this.live.reset();
  }

  #follow(executionId: string): void {
    const watch = this.#options.watch ?? watchExecution;
    this.#startTicking();
    this.#stopWatching = watch(executionId, {
      api: this.#options.api,
      eventSource: this.#options.eventSource,
      onUpdate: (snapshot) => this.#apply(snapshot),
      onOutput: (chunk) => this.live.push(chunk),
      onError: (error) => {
        this.error = error;
        this.#stopTicking();
      },
    });
  }

  #apply(snapshot: ExecutionSnapshot): void {
    const current = this.execution;
    if (current !== null) {
      if (current.execution_id !== snapshot.execution_id) return;
      if (isBackwards(current.status, snapshot.status)) return;
    }
    this.execution = { ...current, ...snapshot };
    this.nowMs = this.#now();
    if (isTerminal(snapshot.status)) {
      this.#stopTicking();
      this.stopping = false;
    }
    this.#options.onSnapshot?.(this.execution);
  }

  #startTicking(): void {
    this.#stopTicking();
    this.#ticker = setInterval(() => (this.nowMs = this.#now()), this.#options.tickMs ?? 100);
  }

  #stopTicking(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  #elapsed(): number | null {
    const execution = this.execution;
    if (execution === null) return null;
    if (isTerminal(execution.status) && execution.duration_ms != null) return execution.duration_ms;
    const since = this.#localStartMs ?? Date.parse(execution.started_at ?? execution.created_at ?? '');
    return Number.isNaN(since) ? null : Math.max(0, this.nowMs - since);
  }
}
