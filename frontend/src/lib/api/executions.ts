/** API client for the executions resource: submit a script, read it back, follow its events, list mine. */
import { createHttpClient, jsonBody, type ApiClientOptions } from './http';
import type {
  Execution,
  ExecutionAccepted,
  ExecutionCancelAnswer,
  ExecutionPage,
  ExecutionRequest,
} from './execution-types';

export interface ExecutionsApi {
  create(request: ExecutionRequest): Promise<ExecutionAccepted>;
  get(executionId: string): Promise<Execution>;
  eventsUrl(executionId: string): string;
  /** Stops a queued or running execution (a 409 problem once it has finished). */
  cancel(executionId: string): Promise<ExecutionCancelAnswer>;
  /** The signed-in user's executions, newest first; `page` counts from 0. */
  list(page: number, size: number): Promise<ExecutionPage>;
}

export interface ExecutionsApiOptions extends ApiClientOptions {
  /** The signed-in user's token for the event stream: EventSource cannot send an Authorization header. */
  eventsToken?: () => string | null;
}

export function createExecutionsApi(options: ExecutionsApiOptions = {}): ExecutionsApi {
  const http = createHttpClient(options, { 404: 'Execution not found' });
  const eventsQuery = () => {
    const token = options.eventsToken?.() ?? null;
    return token === null ? '' : `?access_token=${encodeURIComponent(token)}`;
  };
  const collection = `${http.baseUrl}/executions`;
  const executionUrl = (id: string) => `${collection}/${encodeURIComponent(id)}`;

  return {
    create: (request) => http.json<ExecutionAccepted>(collection, jsonBody('POST', request)),
    get: (executionId) => http.json<Execution>(executionUrl(executionId)),
    eventsUrl: (executionId) => `${executionUrl(executionId)}/events${eventsQuery()}`,
    cancel: (executionId) => http.json<ExecutionCancelAnswer>(`${executionUrl(executionId)}/cancel`, { method: 'POST' }),
    list: (page, size) => http.json<ExecutionPage>(`${collection}?page=${page}&size=${size}`),
  };
}
