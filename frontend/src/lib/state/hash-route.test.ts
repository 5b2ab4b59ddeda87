import { describe, expect, it } from 'vitest';
import { HashRoute, parseExecutionId, type RouteWindow } from './hash-route.svelte';

function fakeWindow(hash: string) {
  const listeners: Array<() => void> = [];
  const win = {
    location: { hash, origin: 'https://code.example', pathname: '/', search: '' },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
    removeEventListener: () => undefined,
  };
  return { win: win as unknown as RouteWindow, location: win.location, fireHashChange: () => listeners.forEach((l) => l()) };
}

describe('HashRoute', () => {
  it('reads the execution id from #/executions/{id}', () => {
    expect(parseExecutionId('#/executions/3f2a-77')).toBe('3f2a-77');
    expect(parseExecutionId('#/executions/a%2Fb')).toBe('a/b');
    expect(parseExecutionId('#/')).toBeNull();
    expect(parseExecutionId('')).toBeNull();
  });

  it('follows hash changes and writes the hash when an execution is shown', () => {
    const { win, location, fireHashChange } = fakeWindow('#/executions/first');
    const route = new HashRoute(win);
    expect(route.executionId).toBe('first');

    location.hash = '#/executions/second';
    fireHashChange();
    expect(route.executionId).toBe('second');

    route.showExecution('third');
    expect(location.hash).toBe('#/executions/third');
    expect(route.executionId).toBe('third');
  });

  it('builds a permalink that reloads the execution', () => {
    const route = new HashRoute(fakeWindow('').win);
    expect(route.permalink('abc')).toBe('https://code.example/#/executions/abc');
  });
});
