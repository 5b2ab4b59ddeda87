import { describe, expect, it, vi } from 'vitest';
import { createExecutionsApi } from './executions';
import { ApiError } from './http';
import { execution, jsonResponse } from '../../test-support/fakes';

describe('executions API client', () => {
  it('posts the script as JSON and returns the accepted execution', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(202, { execution_id: 'abc', status: 'queued' }, { Location: '/api/v1/executions/abc' }),
    );
    const api = createExecutionsApi({ fetch });

    const accepted = await api.create({ script: 'print(1)', stdin: 'x', limits: { timeout_seconds: 2 } });

    expect(accepted).toEqual({ execution_id: 'abc', status: 'queued' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('api/v1/executions');
    expect(init.method).toBe('POST');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ script: 'print(1)', stdin: 'x', limits: { timeout_seconds: 2 } });
  });

  it('reads one execution and builds its events URL under the base URL', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, execution({ execution_id: 'a/b' })));
    const api = createExecutionsApi({ baseUrl: '/api/v1/', fetch });

    const result = await api.get('a/b');

    expect(result.output).toBe('Hello, Integr8sCode!\n');
    expect(fetch).toHaveBeenCalledWith('/api/v1/executions/a%2Fb', expect.anything());
    expect(api.eventsUrl('a/b')).toBe('/api/v1/executions/a%2Fb/events');
  });

  it('cancels with a bodiless POST and reports a finished execution as a 409 problem', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(202, { execution_id: 'e1', status: 'cancelled' }))
      .mockResolvedValueOnce(
        jsonResponse(409, { title: 'Execution already finished', status: 409, detail: "Execution 'e1' is completed" }, {
          'Content-Type': 'application/problem+json',
        }),
      );
    const api = createExecutionsApi({ baseUrl: '/api/v1', fetch });

    expect(await api.cancel('e1')).toEqual({ execution_id: 'e1', status: 'cancelled' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/executions/e1/cancel');
    expect(init.method).toBe('POST');
    expect(init.body).toBeUndefined();
    await expect(api.cancel('e1')).rejects.toMatchObject({ status: 409 });
  });

  it('passes the signed-in token to the event stream as a query parameter', () => {
    let token: string | null = 'a.b+c';
    const api = createExecutionsApi({ baseUrl: '/api/v1', eventsToken: () => token });

    expect(api.eventsUrl('e1')).toBe('/api/v1/executions/e1/events?access_token=a.b%2Bc');
    token = null;
    expect(api.eventsUrl('e1')).toBe('/api/v1/executions/e1/events');
  });

  it("lists a page of the user's executions", async () => {
    const page = { items: [{ execution_id: 'e1', status: 'completed', created_at: 'x', finished_at: 'y', duration_ms: 3, exit_code: 0, script_preview: 'print(1)' }], page: 2, size: 5, total: 11 };
    const fetch = vi.fn(async () => jsonResponse(200, page));

    expect(await createExecutionsApi({ fetch }).list(2, 5)).toEqual(page);
    expect(fetch).toHaveBeenCalledWith('api/v1/executions?page=2&size=5', expect.anything());
  });

  it('turns a problem+json answer into an ApiError with its title and detail', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(400, { type: 'about:blank', title: 'Invalid limits', status: 400, detail: 'memory_mb must be at most 512' }),
    );
    const error = await createExecutionsApi({ fetch }).create({ script: 'x' }).catch((caught) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'http', status: 400, title: 'Invalid limits', detail: 'memory_mb must be at most 512' });
    expect(error.message).toBe('Invalid limits: memory_mb must be at most 512');
    expect(error.isTransient).toBe(false);
  });

  it('reads Retry-After on 429 and calls it transient', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(429, { title: 'Too many requests', status: 429 }, { 'Retry-After': '7' }),
    );
    const error = await createExecutionsApi({ fetch }).create({ script: 'x' }).catch((caught) => caught);

    expect(error).toMatchObject({ status: 429, title: 'Too many requests', retryAfterSeconds: 7, isTransient: true });
  });

  it('names the status plainly when the error body is not a problem document', async () => {
    const fetch = vi.fn(async () => new Response('<html>Gateway Timeout</html>', { status: 503 }));
    const error = await createExecutionsApi({ fetch }).get('x').catch((caught) => caught);

    expect(error).toMatchObject({ kind: 'http', status: 503, title: 'The queue is full', detail: null });
  });

  it('names a missing execution when the 404 has no problem body', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 404 }));
    const error = await createExecutionsApi({ fetch }).get('x').catch((caught) => caught);

    expect(error).toMatchObject({ kind: 'http', status: 404, title: 'Execution not found' });
  });

  it('falls back to the HTTP status for an unknown error without a body', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 502 }));
    const error = await createExecutionsApi({ fetch }).get('x').catch((caught) => caught);

    expect(error.title).toBe('The server answered HTTP 502');
  });

  it('reports a network failure as a readable network error', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await createExecutionsApi({ fetch }).get('x').catch((caught) => caught);

    expect(error).toMatchObject({ kind: 'network', status: null, title: 'Could not reach the Integr8sCode server' });
    expect(error.isTransient).toBe(true);
  });

  it('reports a success answer that is not JSON as a bad response', async () => {
    const fetch = vi.fn(async () => new Response('<!doctype html>', { status: 200 }));
    const error = await createExecutionsApi({ fetch }).get('x').catch((caught) => caught);

    expect(error).toMatchObject({ kind: 'bad-response', status: 200 });
  });
});
