import { describe, expect, it } from 'vitest';
import { HashRoute, parseExecutionId } from './hash-route.svelte';
import { fakeWindow } from '../../test-support/fakes';

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

  it('calls its handler when the user navigates to another execution, not for the address it started with', () => {
    const { win, location, fireHashChange } = fakeWindow('#/executions/first');
    const opened: string[] = [];
    new HashRoute(win, (executionId) => opened.push(executionId));

    location.hash = '#/executions/second';
    fireHashChange();
    location.hash = '#/';
    fireHashChange();
    location.hash = '#/executions/second';
    fireHashChange();

    expect(opened).toEqual(['second', 'second']);
  });

  it('does not call its handler for the hash change that showing an execution causes', () => {
    const { win, fireHashChange } = fakeWindow('');
    const opened: string[] = [];
    const route = new HashRoute(win, (executionId) => opened.push(executionId));

    route.showExecution('mine');
    fireHashChange();

    expect(opened).toEqual([]);
  });

  it('builds a permalink that reloads the execution', () => {
    const route = new HashRoute(fakeWindow('').win);
    expect(route.permalink('abc')).toBe('https://code.example/#/executions/abc');
  });
});
