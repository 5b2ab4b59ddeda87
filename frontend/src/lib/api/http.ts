/** Shared HTTP plumbing for the API-client modules: JSON requests and RFC 9457 problems. */

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  [extension: string]: unknown;
}

export type ApiErrorKind = 'http' | 'network' | 'bad-response';

const FALLBACK_TITLES: Record<number, string> = {
  400: 'The request was not valid',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Execution not found',
  413: 'The script or its input is too large',
  415: 'The request was not JSON',
  429: 'Too many runs',
  503: 'The queue is full',
};

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly title: string;
  readonly detail: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    kind: ApiErrorKind;
    title: string;
    status?: number;
    detail?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(options.detail ? `${options.title}: ${options.detail}` : options.title);
    this.name = 'ApiError';
    this.kind = options.kind;
    this.status = options.status ?? null;
    this.title = options.title;
    this.detail = options.detail ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  /** Worth trying again later: the network, rate limiting, an overloaded or failing server. */
  get isTransient(): boolean {
    return this.kind === 'network' || this.status === 429 || (this.status !== null && this.status >= 500);
  }
}

/** Any thrown value as an ApiError, so the UI has one shape to show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    kind: 'bad-response',
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : String(error),
  });
}

export type FetchFunction = typeof fetch;

/** What every API-client module accepts. */
export interface ApiClientOptions {
  /** Relative by default, so the UI works under whatever path serves it. */
  baseUrl?: string;
  /** Usually the authorized fetch, which adds the signed-in user's token. */
  fetch?: FetchFunction;
}

export function resolveClient(options: ApiClientOptions): { baseUrl: string; fetchImpl: FetchFunction } {
  return {
    baseUrl: (options.baseUrl ?? 'api/v1').replace(/\/$/, ''),
    fetchImpl: options.fetch ?? ((input, init) => fetch(input, init)),
  };
}

/** A request with a JSON body. */
export function jsonBody(method: 'POST' | 'PUT', body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

/** A request whose success answer has no body (204). */
export async function requestEmpty(fetchImpl: FetchFunction, url: string, init?: RequestInit): Promise<void> {
  await send(fetchImpl, url, init);
}

export async function requestJson<T>(fetchImpl: FetchFunction, url: string, init?: RequestInit): Promise<T> {
  const response = await send(fetchImpl, url, init);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError({
      kind: 'bad-response',
      status: response.status,
      title: 'The server sent an unreadable response',
      detail: `Expected JSON from ${url}.`,
    });
  }
}

async function send(fetchImpl: FetchFunction, url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      ...init,
      headers: { Accept: 'application/json, application/problem+json', ...init?.headers },
    });
  } catch {
    throw new ApiError({
      kind: 'network',
      title: 'Could not reach the Integr8sCode server',
      detail: 'Check your connection and try again.',
    });
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const problem = await readProblem(response);
  return new ApiError({
    kind: 'http',
    status: response.status,
    title: problem?.title || FALLBACK_TITLES[response.status] || `The server answered HTTP ${response.status}`,
    detail: problem?.detail ?? null,
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body: unknown = await response.json();
    return body !== null && typeof body === 'object' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
