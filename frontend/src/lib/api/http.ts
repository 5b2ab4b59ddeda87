/** Shared HTTP plumbing for the API-client modules: JSON requests and RFC 9457 problems, titled per resource. */

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  [extension: string]: unknown;
}

export type ApiErrorKind = 'http' | 'network' | 'bad-response';

/** Titles by status for answers without a problem document; each client adds its own (what a 404 means for it). */
export type FallbackTitles = Partial<Record<number, string>>;

const FALLBACK_TITLES: FallbackTitles = {
  400: 'The request was not valid',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Not found',
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

/** The requests of one API-client module, under its base URL, with its fallback titles. */
export interface HttpClient {
  readonly baseUrl: string;
  json<T>(url: string, init?: RequestInit): Promise<T>;
  /** A request whose success answer has no body (204). */
  empty(url: string, init?: RequestInit): Promise<void>;
  /** A file: its bytes, whatever their type (errors are still problems). */
  blob(url: string): Promise<Blob>;
}

export function createHttpClient(options: ApiClientOptions, titles: FallbackTitles = {}): HttpClient {
  const fetchImpl: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  const fallbackTitles = { ...FALLBACK_TITLES, ...titles };
  const send = (url: string, init?: RequestInit) => sendRequest(fetchImpl, fallbackTitles, url, init);
  return {
    baseUrl: (options.baseUrl ?? 'api/v1').replace(/\/$/, ''),
    json: async <T>(url: string, init?: RequestInit) => readJson<T>(await send(url, init), url),
    empty: async (url, init) => void (await send(url, init)),
    blob: async (url) => (await send(url, { headers: { Accept: '*/*' } })).blob(),
  };
}

/** A request with a JSON body. */
export function jsonBody(method: 'POST' | 'PUT', body: unknown): RequestInit {
  return { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

async function readJson<T>(response: Response, url: string): Promise<T> {
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

async function sendRequest(fetchImpl: FetchFunction, titles: FallbackTitles, url: string, init?: RequestInit): Promise<Response> {
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
  if (!response.ok) throw await errorFromResponse(response, titles);
  return response;
}

/** The server's own problem title and detail; a title by status only when it sent none. */
async function errorFromResponse(response: Response, titles: FallbackTitles): Promise<ApiError> {
  const problem = await readProblem(response);
  return new ApiError({
    kind: 'http',
    status: response.status,
    title: problem?.title || titles[response.status] || `The server answered HTTP ${response.status}`,
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
