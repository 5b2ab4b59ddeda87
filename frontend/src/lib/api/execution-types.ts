/** Types of the executions resource, exactly as the API sends them (snake_case). */

export type ExecutionStatus = 'queued' | 'running' | 'completed' | 'failed' | 'timeout' | 'cancelled';

const STATUS_ORDER: Record<ExecutionStatus, number> = {
  queued: 0,
  running: 1,
  completed: 2,
  failed: 2,
  timeout: 2,
  cancelled: 2,
};

export function isTerminal(status: ExecutionStatus): boolean {
  return STATUS_ORDER[status] === 2;
}

/** Status only moves forward: a late or duplicate event must not move it back. */
export function isBackwards(from: ExecutionStatus, to: ExecutionStatus): boolean {
  return STATUS_ORDER[to] < STATUS_ORDER[from] || (isTerminal(from) && from !== to);
}

export interface ExecutionLimits {
  timeout_seconds: number;
  memory_mb: number;
  cpu_millicores: number;
}

export interface ResourceUsage {
  cpu_time_ms: number;
  max_rss_kb: number;
}

export interface Execution {
  execution_id: string;
  status: ExecutionStatus;
  script: string;
  stdin: string | null;
  output: string;
  errors: string;
  exit_code: number | null;
  failure_reason: string | null;
  output_truncated: boolean;
  limits: ExecutionLimits;
  runner: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  resource_usage?: ResourceUsage | null;
  /** The username of whoever ran it; absent or null for anonymous runs. */
  owner?: string | null;
}

/** What a status event or a partial view carries: at least the id and the status. */
/** An `output` event of the events stream: what a running script wrote (openapi.yaml, LiveOutputChunk). */
export interface LiveOutputChunk {
  stream: 'stdout' | 'stderr';
  sequence: number;
  text: string;
}

export type ExecutionSnapshot = Pick<Execution, 'execution_id' | 'status'> & Partial<Execution>;

export interface ExecutionRequest {
  script: string;
  stdin?: string;
  limits?: Partial<ExecutionLimits>;
}

export interface ExecutionAccepted {
  execution_id: string;
  status: 'queued';
}

/** The answer to a cancel: cancelled at once (it was queued), or running while its stop is under way. */
export interface ExecutionCancelAnswer {
  execution_id: string;
  status: 'cancelled' | 'running';
}

/** One row of the signed-in user's execution list. */
export interface ExecutionSummary {
  execution_id: string;
  status: ExecutionStatus;
  created_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  exit_code: number | null;
  script_preview: string;
}

export interface ExecutionPage {
  items: ExecutionSummary[];
  page: number;
  size: number;
  total: number;
}
