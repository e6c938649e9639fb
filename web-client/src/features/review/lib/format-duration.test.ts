import { describe, expect, it } from 'vitest';
import { formatDuration, formatHours } from './format-duration';

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration(12)).toBe('less than a minute');
    expect(formatDuration(60)).toBe('1 minute');
    expect(formatDuration(5 * 60 + 30)).toBe('5 minutes');
    expect(formatDuration(3 * 3600 + 59)).toBe('3 hours');
    expect(formatDuration(86_400)).toBe('1 day');
    expect(formatDuration(3 * 86_400 + 7200)).toBe('3 days');
  });

  it('converts hours from the stats endpoint', () => {
    expect(formatHours(0.5)).toBe('30 minutes');
    expect(formatHours(49.5)).toBe('2 days');
  });
});
