import { describe, expect, it } from 'vitest';
import { LiveOutput, parseLiveChunk } from './live-output.svelte';

/** A frame scheduler the test runs by hand: renders happen only when it says so. */
function frames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (render: () => void) => void queued.push(render),
    pending: () => queued.length,
    run: () => queued.splice(0).forEach((render) => render()),
  };
}

describe('LiveOutput', () => {
  it('shows chunks per stream once the next frame renders', () => {
    const frame = frames();
    const live = new LiveOutput({ schedule: frame.schedule });

    live.push({ stream: 'stdout', sequence: 0, text: 'one\n' });
    live.push({ stream: 'stderr', sequence: 1, text: 'oops\n' });
    live.push({ stream: 'stdout', sequence: 2, text: 'two\n' });
    expect(live.stdout).toBe('');

    frame.run();
    expect(live.stdout).toBe('one\ntwo\n');
    expect(live.stderr).toBe('oops\n');
  });

  it('renders a flood of chunks in one frame', () => {
    const frame = frames();
    const live = new LiveOutput({ schedule: frame.schedule });

    for (let sequence = 0; sequence < 10_000; sequence += 1) live.push({ stream: 'stdout', sequence, text: 'x' });

    expect(frame.pending()).toBe(1);
    frame.run();
    expect(live.stdout).toHaveLength(10_000);
  });

  it('keeps at most the limit per stream and says so', () => {
    const frame = frames();
    const live = new LiveOutput({ schedule: frame.schedule, limitChars: 5 });

    live.push({ stream: 'stdout', sequence: 0, text: 'abc' });
    frame.run();
    live.push({ stream: 'stdout', sequence: 1, text: 'defgh' });
    live.push({ stream: 'stderr', sequence: 2, text: 'e' });
    frame.run();

    expect(live.stdout).toBe('abcde');
    expect(live.stderr).toBe('e');
    expect(live.truncated).toBe(true);
  });

  it('ignores a chunk it has already seen', () => {
    const frame = frames();
    const live = new LiveOutput({ schedule: frame.schedule });

    live.push({ stream: 'stdout', sequence: 0, text: 'a' });
    live.push({ stream: 'stdout', sequence: 1, text: 'b' });
    live.push({ stream: 'stdout', sequence: 1, text: 'b' });
    live.push({ stream: 'stdout', sequence: 0, text: 'a' });
    frame.run();

    expect(live.stdout).toBe('ab');
  });

  it('forgets everything on reset, including a render already scheduled', () => {
    const frame = frames();
    const live = new LiveOutput({ schedule: frame.schedule });
    live.push({ stream: 'stdout', sequence: 0, text: 'old run' });

    live.reset();
    frame.run();
    live.push({ stream: 'stdout', sequence: 0, text: 'new run' });
    frame.run();

    expect(live.stdout).toBe('new run');
  });
});

describe('parseLiveChunk', () => {
  it('reads an output event and refuses anything else', () => {
    expect(parseLiveChunk('{"stream":"stderr","sequence":3,"text":"x"}')).toEqual({
      stream: 'stderr',
      sequence: 3,
      text: 'x',
    });
    expect(parseLiveChunk('{"stream":"stdin","sequence":3,"text":"x"}')).toBeNull();
    expect(parseLiveChunk('{"stream":"stdout","text":"x"}')).toBeNull();
    expect(parseLiveChunk('not json')).toBeNull();
  });
});
