import { describe, expect, it, vi } from 'vitest';
import { createRuntimesApi, type Runtimes } from '../api/runtimes';
import { jsonResponse } from '../../test-support/fakes';
import { RuntimeInfo } from './runtime-info.svelte';

const RUNTIMES: Runtimes = {
  image: 'integr8scode-sandbox:abc',
  debian_suite: 'bookworm',
  python: { implementation: 'CPython', version: '3.11.2' },
  packages: [
    { module: 'numpy', distribution: 'numpy', version: '1.24.2', debian_package: 'python3-numpy', debian_version: '1:1.24.2-1' },
    { module: 'PIL', distribution: 'Pillow', version: '9.4.0' },
  ],
};

describe('runtime info', () => {
  it('reads the runtimes from the API and names Python and the packages', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL) => jsonResponse(200, RUNTIMES));
    const info = new RuntimeInfo(createRuntimesApi({ fetch }));

    await info.load();

    expect(fetch.mock.calls[0]?.[0]).toBe('api/v1/runtimes');
    expect(info.pythonLabel).toBe('Python 3.11.2');
    expect(info.packageNames).toEqual(['numpy', 'PIL']);
    expect(info.error).toBeNull();
  });

  it('keeps the server problem when the runtimes cannot be read, and clears it on a later success', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(503, { title: 'Starting up', status: 503 }, { 'Retry-After': '2' }))
      .mockResolvedValueOnce(jsonResponse(200, RUNTIMES));
    const info = new RuntimeInfo(createRuntimesApi({ fetch }));

    await info.load();
    expect(info.pythonLabel).toBeNull();
    expect(info.error).toMatchObject({ status: 503, title: 'Starting up', retryAfterSeconds: 2 });

    await info.load();
    expect(info.error).toBeNull();
    expect(info.pythonLabel).toBe('Python 3.11.2');
  });
});
