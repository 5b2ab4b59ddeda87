import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { ExecutionPage, ExecutionSummary } from '../api/execution-types';
import { MyExecutions } from './my-executions.svelte';

function summary(id: string): ExecutionSummary {
  return { execution_id: id, status: 'completed', created_at: '2026-01-01T10:00:00Z', finished_at: null, duration_ms: 5, exit_code: 0, script_preview: `print(${id})` };
}

/** A server with `total` executions named e0, e1, … newest first. */
function server(total: number) {
  return {
    list: vi.fn(async (page: number, size: number): Promise<ExecutionPage> => {
      const ids = Array.from({ length: total }, (_, index) => `e${index}`).slice(page * size, (page + 1) * size);
      return { items: ids.map(summary), page, size, total };
    }),
  };
}

describe('MyExecutions', () => {
  it('loads the first page as list rows', async () => {
    const mine = new MyExecutions(server(3), 2);

    await mine.load();

    expect(mine.items).toEqual([
      { execution_id: 'e0', status: 'completed', created_at: '2026-01-01T10:00:00Z', preview: 'print(e0)' },
      { execution_id: 'e1', status: 'completed', created_at: '2026-01-01T10:00:00Z', preview: 'print(e1)' },
    ]);
    expect([mine.page, mine.pageCount, mine.hasPrevious, mine.hasNext]).toEqual([0, 2, false, true]);
  });

  it('pages forward and back', async () => {
    const api = server(5);
    const mine = new MyExecutions(api, 2);
    await mine.load();

    await mine.next();
    await mine.next();
    expect(mine.items.map((item) => item.execution_id)).toEqual(['e4']);
    expect([mine.page, mine.hasNext, mine.hasPrevious]).toEqual([2, false, true]);

    await mine.previous();
    expect(mine.page).toBe(1);
    expect(api.list).toHaveBeenLastCalledWith(1, 2);
  });

  it('keeps the newest answer when pages are asked for quickly', async () => {
    let release: (page: ExecutionPage) => void = () => {};
    const slow = new Promise<ExecutionPage>((resolve) => (release = resolve));
    const api = { list: vi.fn().mockReturnValueOnce(slow).mockResolvedValueOnce({ items: [summary('fresh')], page: 1, size: 2, total: 3 }) };
    const mine = new MyExecutions(api, 2);

    const first = mine.load(0);
    await mine.load(1);
    release({ items: [summary('stale')], page: 0, size: 2, total: 3 });
    await first;

    expect(mine.items.map((item) => item.execution_id)).toEqual(['fresh']);
    expect(mine.loading).toBe(false);
  });

  it('updates a listed run in place and reloads for a new one', async () => {
    const api = server(1);
    const mine = new MyExecutions(api);
    await mine.load();

    mine.record({ execution_id: 'e0', status: 'failed' });
    expect(mine.items[0].status).toBe('failed');
    expect(api.list).toHaveBeenCalledTimes(1);

    mine.record({ execution_id: 'brand-new', status: 'queued' });
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('keeps the page and shows the error when listing fails, and clears on sign-out', async () => {
    const api = server(3);
    const mine = new MyExecutions(api, 2);
    await mine.load();
    api.list.mockRejectedValueOnce(new ApiError({ kind: 'http', status: 500, title: 'Broken' }));

    await mine.next();
    expect(mine.error?.title).toBe('Broken');
    expect(mine.page).toBe(0);
    expect(mine.items).toHaveLength(2);

    mine.clear();
    expect([mine.items.length, mine.total, mine.error]).toEqual([0, 0, null]);
  });
});
