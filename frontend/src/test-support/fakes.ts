/** Test doubles shared by the unit tests: fetch responses, an in-memory Storage, an EventSource, a window's hash. */
import type { Execution, ExecutionSnapshot } from '../lib/api/execution-types';
import type { SavedScript } from '../lib/api/scripts';
import type { RouteWindow } from '../lib/state/hash-route.svelte';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType, ...headers } });
}

export function execution(overrides: Partial<Execution> = {}): Execution {
  return {
    execution_id: 'exec-1',
    status: 'completed',
    script: 'print("Hello, Integr8sCode!")',
    stdin: null,
    output: 'Hello, Integr8sCode!\n',
    errors: '',
    exit_code: 0,
    failure_reason: null,
    output_truncated: false,
    limits: { timeout_seconds: 10, memory_mb: 128, cpu_millicores: 500 },
    runner: 'runc',
    created_at: '2026-01-01T10:00:00Z',
    updated_at: '2026-01-01T10:00:01Z',
    started_at: '2026-01-01T10:00:00.100Z',
    finished_at: '2026-01-01T10:00:00.140Z',
    duration_ms: 40,
    ...overrides,
  };
}

export class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

type Listener = (event: Event) => void;

/** Records every instance; tests push `status` and `output` events or an error into it. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly url: string;
  closed = false;
  #listeners = new Map<string, Listener[]>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  emitStatus(snapshot: ExecutionSnapshot | string): void {
    const data = typeof snapshot === 'string' ? snapshot : JSON.stringify(snapshot);
    this.#dispatch('status', new MessageEvent('status', { data }));
  }

  emitOutput(chunk: { stream: string; sequence: number; text: string } | string): void {
    const data = typeof chunk === 'string' ? chunk : JSON.stringify(chunk);
    this.#dispatch('output', new MessageEvent('output', { data }));
  }

  fail(): void {
    this.#dispatch('error', new Event('error'));
  }

  #dispatch(type: string, event: Event): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}

export function asEventSource(fake: typeof FakeEventSource): new (url: string) => EventSource {
  return fake as unknown as new (url: string) => EventSource;
}

export function savedScript(overrides: Partial<SavedScript> = {}): SavedScript {
  return {
    script_id: 'script-1',
    name: 'hello',
    script: 'print("hello")',
    stdin: null,
    limits: null,
    created_at: '2026-01-01T10:00:00Z',
    updated_at: '2026-01-01T10:00:00Z',
    ...overrides,
  };
}

/** A window whose hash the test sets; `navigate` is the user changing it (a pasted link, back or forward). */
export function fakeWindow(hash: string) {
  const listeners: Array<() => void> = [];
  const win = {
    location: { hash, origin: 'https://code.example', pathname: '/', search: '' },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    removeEventListener: () => undefined,
  };
  const fireHashChange = () => listeners.forEach((listener) => listener());
  return {
    win: win as unknown as RouteWindow,
    location: win.location,
    fireHashChange,
    navigate(to: string) {
      win.location.hash = to;
      fireHashChange();
    },
  };
}
