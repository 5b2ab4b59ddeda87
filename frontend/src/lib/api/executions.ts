/** API client for the executions resource: submit a script, read it back, follow its events, list mine. */
import { jsonBody, requestJson, resolveClient, type ApiClientOptions } from './http';
import type { Execution, ExecutionAccepted, ExecutionPage, ExecutionRequest } from './execution-types';

export interface ExecutionsApi {
  create(request: ExecutionRequest): Promise<ExecutionAccepted>;
  get(executionId: string): Promise<Execution>;
  eventsUrl(executionId: string): string;
  /** The signed-in user's executions, newest first; `page` counts from 0. */
  list(page: number, size: number): Promise<ExecutionPage>;
}

export function createExecutionsApi(options: ApiClientOptions = {}): ExecutionsApi {
  const { baseUrl, fetchImpl } = resolveClient(options);
  const executionUrl = (id: string) => `${baseUrl}/executions/${encodeURIComponent(id)}`;

  return {
    create: (request) =>
      requestJson<ExecutionAccepted>(fetchImpl, `${baseUrl}/executions`, jsonBody('POST', request)),
    get: (executionId) => requestJson<Execution>(fetchImpl, executionUrl(executionId)),
    eventsUrl: (executionId) => `${executionUrl(executionId)}/events`,
    list: (page, size) => requestJson<ExecutionPage>(fetchImpl, `${baseUrl}/executions?page=${page}&size=${size}`),
  };
}
