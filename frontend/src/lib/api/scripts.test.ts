import { describe, expect, it, vi } from 'vitest';
import { createScriptsApi } from './scripts';
import { jsonResponse, savedScript } from '../../test-support/fakes';

function call(fetch: ReturnType<typeof vi.fn>): [string, RequestInit] {
  return fetch.mock.calls[0] as unknown as [string, RequestInit];
}

describe('scripts API client', () => {
  it('lists the saved scripts', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { items: [savedScript()] }));

    expect(await createScriptsApi({ fetch }).list()).toEqual([savedScript()]);
    expect(call(fetch)[0]).toBe('api/v1/scripts');
  });

  it('creates with POST and saves over with PUT, both as JSON', async () => {
    const input = { name: 'hello', script: 'print(1)', stdin: 'x', limits: { timeout_seconds: 2 } };
    const create = vi.fn(async () => jsonResponse(201, savedScript()));
    await createScriptsApi({ fetch: create }).create(input);
    expect(call(create)[0]).toBe('api/v1/scripts');
    expect(call(create)[1].method).toBe('POST');
    expect(JSON.parse(call(create)[1].body as string)).toEqual(input);

    const update = vi.fn(async () => jsonResponse(200, savedScript()));
    await createScriptsApi({ fetch: update }).update('s/1', input);
    expect(call(update)[0]).toBe('api/v1/scripts/s%2F1');
    expect(call(update)[1].method).toBe('PUT');
  });

  it('deletes (204, no body) and runs a saved script', async () => {
    const remove = vi.fn(async () => new Response(null, { status: 204 }));
    await expect(createScriptsApi({ fetch: remove }).remove('s1')).resolves.toBeUndefined();
    expect(call(remove)[1].method).toBe('DELETE');

    const run = vi.fn(async () => jsonResponse(202, { execution_id: 'e1', status: 'queued' }));
    expect(await createScriptsApi({ fetch: run }).run('s1')).toEqual({ execution_id: 'e1', status: 'queued' });
    expect(call(run)[0]).toBe('api/v1/scripts/s1/run');
    expect(call(run)[1].method).toBe('POST');
  });

  it('reports a duplicate name with its detail', async () => {
    const fetch = vi.fn(async () => jsonResponse(400, { title: 'Name taken', status: 400, detail: 'A script named hello exists.' }));
    const error = await createScriptsApi({ fetch }).create({ name: 'hello', script: '' }).catch((e) => e);
    expect(error).toMatchObject({ status: 400, detail: 'A script named hello exists.' });
  });

  it("shows the server's own title and detail for a missing script", async () => {
    const fetch = vi.fn(async () => jsonResponse(404, { title: 'Script not found', status: 404, detail: "You have no saved script with the id 's1'." }));

    const error = await createScriptsApi({ fetch }).run('s1').catch((e) => e);

    expect(error).toMatchObject({ status: 404, title: 'Script not found', detail: "You have no saved script with the id 's1'." });
  });

  it('names a missing saved script as such when the 404 has no problem body, never as an execution', async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 404 }));

    const error = await createScriptsApi({ fetch }).remove('s1').catch((e) => e);

    expect(error).toMatchObject({ kind: 'http', status: 404, title: 'Saved script not found', detail: null });
  });

  it('reads a Retry-After date on 429', async () => {
    const retryAt = new Date(Date.now() + 90_000).toUTCString();
    const fetch = vi.fn(async () => jsonResponse(429, { title: 'Too many running executions', status: 429 }, { 'Retry-After': retryAt }));

    const error = await createScriptsApi({ fetch }).run('s1').catch((e) => e);

    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(88);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(90);
  });
});
