import { describe, expect, it, vi } from 'vitest';
import { createArtifactsApi, isInlineImage, type ArtifactList } from '../api/artifacts';
import { jsonResponse } from '../../test-support/fakes';
import { ExecutionArtifacts, type ObjectUrls } from './execution-artifacts.svelte';

const LIST: ArtifactList = {
  items: [
    { name: 'data.csv', media_type: 'text/csv', size: 71 },
    { name: 'figure-1.png', media_type: 'image/png', size: 17442 },
    { name: 'page.svg', media_type: 'image/svg+xml', size: 72 },
  ],
  refused: [{ name: 'passwd', reason: 'a symbolic link; only regular files are collected' }],
};

function fakeUrls(): ObjectUrls & { created: Blob[]; revoked: string[] } {
  const created: Blob[] = [];
  const revoked: string[] = [];
  return {
    created,
    revoked,
    createObjectURL: (blob) => {
      created.push(blob);
      return `blob:${created.length}`;
    },
    revokeObjectURL: (url) => void revoked.push(url),
  };
}

/** Answers the listing as JSON and every file with its name as its bytes. */
function serverFetch(list: ArtifactList = LIST) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.endsWith('/artifacts')) return jsonResponse(200, list);
    return new Response(decodeURIComponent(url.split('/').pop() ?? ''), { status: 200, headers: { 'Content-Type': 'image/png' } });
  });
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('execution artifacts', () => {
  it('shows raster images inline only, and offers everything else, SVG too, for download', () => {
    expect(LIST.items.map(isInlineImage)).toEqual([false, true, false]);
    expect(isInlineImage({ name: 'a.webp', media_type: 'image/webp', size: 1 })).toBe(true);
    expect(isInlineImage({ name: 'a.html', media_type: 'text/html', size: 1 })).toBe(false);
  });

  it('lists the files of a finished execution and fetches its images with the token-carrying fetch', async () => {
    const fetch = serverFetch();
    const urls = fakeUrls();
    const artifacts = new ExecutionArtifacts(createArtifactsApi({ fetch }), urls);

    artifacts.follow({ execution_id: 'e 1', status: 'running' });
    await settled();
    expect(fetch).not.toHaveBeenCalled();

    artifacts.follow({ execution_id: 'e 1', status: 'completed' });
    artifacts.follow({ execution_id: 'e 1', status: 'completed' });
    await settled();
    await settled();

    expect(fetch.mock.calls.map((call) => String(call[0]))).toEqual([
      'api/v1/executions/e%201/artifacts',
      'api/v1/executions/e%201/artifacts/figure-1.png',
    ]);
    expect(artifacts.images.map((image) => [image.artifact.name, image.url])).toEqual([['figure-1.png', 'blob:1']]);
    expect(await urls.created[0]?.text()).toBe('figure-1.png');
    expect(artifacts.downloads.map((artifact) => artifact.name)).toEqual(['data.csv', 'page.svg']);
    expect(artifacts.refused).toEqual(LIST.refused);
  });

  it('drops the previous execution’s images (revoking their URLs) and ignores its late answers', async () => {
    let answerList: (response: Response) => void = () => {};
    const fetch = vi
      .fn()
      .mockImplementationOnce(() => new Promise<Response>((resolve) => (answerList = resolve)))
      .mockImplementation(serverFetch());
    const urls = fakeUrls();
    const artifacts = new ExecutionArtifacts(createArtifactsApi({ fetch }), urls);

    artifacts.follow({ execution_id: 'old', status: 'completed' });
    artifacts.follow({ execution_id: 'new', status: 'failed' });
    await settled();
    await settled();
    expect(artifacts.images.map((image) => image.url)).toEqual(['blob:1']);

    answerList(jsonResponse(200, LIST));
    await settled();
    await settled();
    expect(artifacts.executionId).toBe('new');
    expect(artifacts.images).toHaveLength(1);

    artifacts.follow({ execution_id: 'third', status: 'queued' });
    expect(urls.revoked).toEqual(['blob:1']);
    expect(artifacts.files).toEqual([]);
  });

  it('downloads a file as an object URL and shows the problem when it is gone', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, { items: [], refused: [] }))
      .mockResolvedValueOnce(new Response('a,b\n', { status: 200 }))
      .mockResolvedValueOnce(jsonResponse(404, { title: 'Artifact not found', status: 404, detail: 'no artifact named x' }));
    const urls = fakeUrls();
    const artifacts = new ExecutionArtifacts(createArtifactsApi({ fetch }), urls);
    artifacts.follow({ execution_id: 'e1', status: 'completed' });
    await settled();

    const url = await artifacts.downloadUrl(LIST.items[0]!);
    expect(url).toBe('blob:1');
    expect(String(fetch.mock.calls[1]?.[0])).toBe('api/v1/executions/e1/artifacts/data.csv');
    artifacts.releaseDownload(url!);
    expect(urls.revoked).toEqual(['blob:1']);

    expect(await artifacts.downloadUrl(LIST.items[0]!)).toBeNull();
    expect(artifacts.error).toMatchObject({ status: 404, title: 'Artifact not found' });
  });
});
