import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples';
import { ScriptDraft } from './script-draft.svelte';
import { savedScript } from '../../test-support/fakes';

const example = (id: string) => EXAMPLES.find((candidate) => candidate.id === id)!;

describe('ScriptDraft', () => {
  it('sends only the script when stdin and limits are empty', () => {
    expect(new ScriptDraft(example('hello')).toRequest()).toEqual({ script: example('hello').script });
  });

  it('sends stdin and only the limits the user set', () => {
    const draft = new ScriptDraft(example('stdin'));
    draft.limits.memory_mb = 64;

    expect(draft.toRequest()).toEqual({
      script: example('stdin').script,
      stdin: 'first line\nsecond line\nthird line\n',
      limits: { memory_mb: 64 },
    });
  });

  it('takes the limits of an example and clears the others', () => {
    const draft = new ScriptDraft(example('memory'));
    draft.useExample(example('timeout'));

    expect(draft.limits).toEqual({ timeout_seconds: 2, memory_mb: null, cpu_millicores: null });
    expect(draft.toRequest().limits).toEqual({ timeout_seconds: 2 });
  });

  it('shows a stored script and its input', () => {
    const draft = new ScriptDraft(example('hello'));
    draft.useScript('print(input())', null);

    expect(draft.script).toBe('print(input())');
    expect(draft.stdin).toBe('');
  });

  it('opens a saved script with its own input and limits', () => {
    const draft = new ScriptDraft(example('hello'));
    draft.limits.cpu_millicores = 250;

    draft.useSaved(savedScript({ script: 'print(3)', stdin: 'in', limits: { timeout_seconds: 4 } }));

    expect(draft.toRequest()).toEqual({ script: 'print(3)', stdin: 'in', limits: { timeout_seconds: 4 } });
  });
});
