import { describe, expect, it } from 'vitest';
import { formatDuration, formatKilobytes } from './format';

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
