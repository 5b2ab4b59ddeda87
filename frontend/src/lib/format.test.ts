import { describe, expect, it } from 'vitest';
import { formatDuration, formatKilobytes, formatRetryAfter } from './format';

describe('formatting', () => {
  it('shows durations in the unit a person reads best', () => {
    expect(formatDuration(42)).toBe('42 ms');
    expect(formatDuration(2_000)).toBe('2.00 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('shows memory in KiB or MiB', () => {
    expect(formatKilobytes(512)).toBe('512 KiB');
    expect(formatKilobytes(9_216)).toBe('9.0 MiB');
  });
});

describe('formatRetryAfter', () => {
  const now = Date.parse('2026-01-01T10:00:00Z');
  it('says how long and until when', () => {
    expect(formatRetryAfter(7, now)).toMatch(/^Try again in 7 s \(at .+\)\.$/);
    expect(formatRetryAfter(125, now)).toMatch(/^Try again in 2 min 5 s /);
    expect(formatRetryAfter(120, now)).toMatch(/^Try again in 2 min \(/);
  });
  it('says now when there is nothing to wait for', () => {
    expect(formatRetryAfter(0, now)).toBe('You can try again now.');
  });
});
