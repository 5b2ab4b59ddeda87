/** API client for the executions resource: submit a script, read it back, follow its events. */
import { requestJson, type FetchFunction } from './http';
import type { Execution, ExecutionAccepted, ExecutionRequest } from './execution-types';

export interface ExecutionsApi {
  create(request: ExecutionRequest): Promise<ExecutionAccepted>;
  get(executionId: string): Promise<Execution>;
  eventsUrl(executionId: string): string;
}

export interface ExecutionsApiOptions {
  /** Relative by default, so the UI works under whatever path serves it. */
  baseUrl?: string;
  fetch?: FetchFunction;
}

export function createExecutionsApi(options: ExecutionsApiOptions = {}): ExecutionsApi {
  const baseUrl = (options.baseUrl ?? 'api/v1').replace(/\/$/, '');
  const fetchImpl: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  const executionUrl = (id: string) => `${baseUrl}/executions/${encodeURIComponent(id)}`;

  return {
    create: (request) =>
      requestJson<ExecutionAccepted>(fetchImpl, `${baseUrl}/executions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      }),
    get: (executionId) => requestJson<Execution>(fetchImpl, executionUrl(executionId)),
    eventsUrl: (executionId) => `${executionUrl(executionId)}/events`,
  };
}
