import { describe, expect, it } from 'vitest';
import { RECENT_EXECUTIONS_KEY, RecentExecutions } from './recent-executions.svelte';
import { MemoryStorage } from '../../test-support/fakes';

describe('RecentExecutions', () => {
  it('records new runs first and keeps them across page loads', () => {
    const storage = new MemoryStorage();
    const recent = new RecentExecutions(storage);
    recent.record({ execution_id: 'a', status: 'queued', script: '\n# first\nprint(1)', created_at: '2026-01-01T10:00:00Z' });
    recent.record({ execution_id: 'b', status: 'queued', script: 'print(2)', created_at: '2026-01-01T10:01:00Z' });

    const reloaded = new RecentExecutions(storage);

    expect(reloaded.items.map((item) => [item.execution_id, item.preview])).toEqual([
      ['b', 'print(2)'],
      ['a', '# first'],
    ]);
  });

  it('updates the status of a known run in place, keeping its preview', () => {
    const storage = new MemoryStorage();
    const recent = new RecentExecutions(storage);
    recent.record({ execution_id: 'a', status: 'queued', script: 'print(1)', created_at: '2026-01-01T10:00:00Z' });
    recent.record({ execution_id: 'b', status: 'queued', script: 'print(2)', created_at: '2026-01-01T10:01:00Z' });

    recent.record({ execution_id: 'a', status: 'completed' });

    expect(recent.items.map((item) => [item.execution_id, item.status, item.preview])).toEqual([
      ['b', 'queued', 'print(2)'],
      ['a', 'completed', 'print(1)'],
    ]);
    expect(new RecentExecutions(storage).items[1].status).toBe('completed');
  });

  it('keeps only the newest entries', () => {
    const recent = new RecentExecutions(new MemoryStorage(), 3);
    for (const id of ['a', 'b', 'c', 'd']) recent.record({ execution_id: id, status: 'completed', script: id });

    expect(recent.items.map((item) => item.execution_id)).toEqual(['d', 'c', 'b']);
  });

  it('ignores corrupt or foreign data in storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(RECENT_EXECUTIONS_KEY, '{not json');
    expect(new RecentExecutions(storage).items).toEqual([]);

    storage.setItem(RECENT_EXECUTIONS_KEY, JSON.stringify([{ execution_id: 1 }, 'x', null]));
    expect(new RecentExecutions(storage).items).toEqual([]);
  });

  it('clears the list and its storage', () => {
    const storage = new MemoryStorage();
    const recent = new RecentExecutions(storage);
    recent.record({ execution_id: 'a', status: 'completed', script: 'x' });

    recent.clear();

    expect(recent.items).toEqual([]);
    expect(storage.getItem(RECENT_EXECUTIONS_KEY)).toBeNull();
  });

  it('works without storage', () => {
    const recent = new RecentExecutions(null);
    recent.record({ execution_id: 'a', status: 'running', script: 'x' });
    expect(recent.items).toHaveLength(1);
  });
});
