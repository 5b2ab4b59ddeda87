/** The signed-in user's executions as the server lists them, newest first, a page at a time. */
import { toApiError, type ApiError } from '../api/http';
import type { ExecutionsApi } from '../api/executions';
import type { ExecutionSnapshot } from '../api/execution-types';
import type { RecentExecution } from './recent-executions.svelte';

export class MyExecutions {
  items = $state<RecentExecution[]>([]);
  page = $state(0);
  total = $state(0);
  loading = $state(false);
  error = $state<ApiError | null>(null);

  readonly size: number;
  #api: Pick<ExecutionsApi, 'list'>;
  #request = 0;

  constructor(api: Pick<ExecutionsApi, 'list'>, size = 20) {
    this.#api = api;
    this.size = size;
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.total / this.size));
  }

  get hasPrevious(): boolean {
    return this.page > 0;
  }

  get hasNext(): boolean {
    return this.page + 1 < this.pageCount;
  }

  async load(page = this.page): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    this.error = null;
    try {
      const result = await this.#api.list(Math.max(0, page), this.size);
      if (request !== this.#request) return;
      this.items = result.items.map((item) => ({
        execution_id: item.execution_id,
        status: item.status,
        created_at: item.created_at,
        preview: item.script_preview,
      }));
      this.page = result.page;
      this.total = result.total;
    } catch (error) {
      if (request === this.#request) this.error = toApiError(error);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  /** Follows a run in progress: its row changes in place, and a new run on the first page brings a reload. */
  record(snapshot: ExecutionSnapshot): void {
    const item = this.items.find((candidate) => candidate.execution_id === snapshot.execution_id);
    if (item !== undefined) item.status = snapshot.status;
    else if (this.page === 0) void this.load(0);
  }

  next(): Promise<void> {
    return this.load(this.page + 1);
  }

  previous(): Promise<void> {
    return this.load(this.page - 1);
  }

  clear(): void {
    this.#request++;
    this.items = [];
    this.page = 0;
    this.total = 0;
    this.loading = false;
    this.error = null;
  }
}
