/** The executions this browser ran or opened, newest first, kept in localStorage. */
import type { ExecutionSnapshot, ExecutionStatus } from '../api/execution-types';
import type { KeyValueStorage } from './browser-storage';

export interface RecentExecution {
  execution_id: string;
  status: ExecutionStatus;
  created_at: string;
  /** The first non-empty line of the script. */
  preview: string;
}

export const RECENT_EXECUTIONS_KEY = 'integr8scode.recent-executions';

export class RecentExecutions {
  items = $state<RecentExecution[]>([]);

  #storage: KeyValueStorage | null;
  #limit: number;

  constructor(storage: KeyValueStorage | null, limit = 15) {
    this.#storage = storage;
    this.#limit = limit;
    this.items = this.#load();
  }

  record(snapshot: ExecutionSnapshot): void {
    const existing = this.items.find((item) => item.execution_id === snapshot.execution_id);
    const entry: RecentExecution = {
      execution_id: snapshot.execution_id,
      status: snapshot.status,
      created_at: snapshot.created_at ?? existing?.created_at ?? new Date().toISOString(),
      preview: snapshot.script !== undefined ? previewOf(snapshot.script) : (existing?.preview ?? ''),
    };
    if (existing !== undefined && sameEntry(existing, entry)) return;
    const items = existing ? this.items.map((item) => (item === existing ? entry : item)) : [entry, ...this.items];
    this.items = items.slice(0, this.#limit);
    this.#save();
  }

  clear(): void {
    this.items = [];
    this.#storage?.removeItem(RECENT_EXECUTIONS_KEY);
  }

  #load(): RecentExecution[] {
    try {
      const parsed: unknown = JSON.parse(this.#storage?.getItem(RECENT_EXECUTIONS_KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isRecentExecution).slice(0, this.#limit) : [];
    } catch {
      return [];
    }
  }

  #save(): void {
    try {
      this.#storage?.setItem(RECENT_EXECUTIONS_KEY, JSON.stringify(this.items));
    } catch {
      // Storage full or disabled: the list still works for this page.
    }
  }
}

function previewOf(script: string): string {
  const line = script.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  return line.trim().slice(0, 80);
}

function sameEntry(a: RecentExecution, b: RecentExecution): boolean {
  return a.status === b.status && a.preview === b.preview && a.created_at === b.created_at;
}

function isRecentExecution(value: unknown): value is RecentExecution {
  const item = value as RecentExecution | null;
  return (
    typeof item?.execution_id === 'string' &&
    typeof item.status === 'string' &&
    typeof item.created_at === 'string' &&
    typeof item.preview === 'string'
  );
}
