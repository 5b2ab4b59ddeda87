/**
 * A running execution's output as it arrives (`output` events of its stream), stdout and stderr apart.
 * Chunks are collected as they come but shown at most once per animation frame, so a script that floods its
 * output costs one render per frame, not one per chunk; each stream keeps at most `limitChars`.
 */
import type { LiveOutputChunk } from '../api/execution-types';

export type FrameScheduler = (render: () => void) => void;

export interface LiveOutputOptions {
  /** Defaults to requestAnimationFrame. */
  schedule?: FrameScheduler;
  /** Characters kept per stream; the server caps bytes the same way (1 MiB by default). */
  limitChars?: number;
}

const DEFAULT_LIMIT_CHARS = 1024 * 1024;

export class LiveOutput {
  stdout = $state('');
  stderr = $state('');
  /** More arrived than a stream keeps. */
  truncated = $state(false);

  #schedule: FrameScheduler;
  #limitChars: number;
  #pending = { stdout: '', stderr: '' };
  #lastSequence = -1;
  #scheduled = false;
  #generation = 0;

  constructor(options: LiveOutputOptions = {}) {
    this.#schedule = options.schedule ?? ((render) => requestAnimationFrame(render));
    this.#limitChars = options.limitChars ?? DEFAULT_LIMIT_CHARS;
  }

  /** Takes a chunk; one already seen (or older) is ignored, so a replay after reconnecting adds nothing twice. */
  push(chunk: LiveOutputChunk): void {
    if (chunk.sequence <= this.#lastSequence) return;
    this.#lastSequence = chunk.sequence;
    this.#pending[chunk.stream] += chunk.text;
    if (this.#scheduled) return;
    this.#scheduled = true;
    const generation = this.#generation;
    this.#schedule(() => {
      if (generation === this.#generation) this.#render();
    });
  }

  /** Forgets everything, e.g. for the next run; a render already scheduled does nothing. */
  reset(): void {
    this.#generation += 1;
    this.#scheduled = false;
    this.#pending = { stdout: '', stderr: '' };
    this.#lastSequence = -1;
    this.stdout = '';
    this.stderr = '';
    this.truncated = false;
  }

  #render(): void {
    this.#scheduled = false;
    this.stdout = this.#append(this.stdout, this.#pending.stdout);
    this.stderr = this.#append(this.stderr, this.#pending.stderr);
    this.#pending = { stdout: '', stderr: '' };
  }

  #append(shown: string, more: string): string {
    if (more === '') return shown;
    const room = this.#limitChars - shown.length;
    if (more.length > room) this.truncated = true;
    return room > 0 ? shown + more.slice(0, room) : shown;
  }
}

/** The chunk in an `output` event's data, or null when it is not one. */
export function parseLiveChunk(data: string): LiveOutputChunk | null {
  try {
    const value = JSON.parse(data) as Partial<LiveOutputChunk> | null;
    if (
      value &&
      (value.stream === 'stdout' || value.stream === 'stderr') &&
      typeof value.sequence === 'number' &&
      typeof value.text === 'string'
    ) {
      return value as LiveOutputChunk;
    }
  } catch {
    // Not JSON: ignored, the final result holds the output anyway.
  }
  return null;
}
