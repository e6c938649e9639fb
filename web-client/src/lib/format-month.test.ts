import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatDay, formatMonth, formatMonthShort } from './format-month';

describe('month and rate formatting', () => {
  it('formats yyyy-mm as a calendar month whatever the time zone', () => {
    expect(formatMonth('2026-11', 'en-GB')).toBe('November 2026');
    expect(formatMonth('2027-01', 'en-US')).toBe('January 2027');
    expect(formatMonth('not a month', 'en-US')).toBe('not a month');
  });

  it('gives short axis labels, with the year on January', () => {
    expect(formatMonthShort('2026-11', 'en-GB')).toBe('Nov');
    expect(formatMonthShort('2027-01', 'en-GB')).toBe('Jan 27');
  });

  it('turns basis points into percentages', () => {
    expect(formatBasisPoints(5000, 'en-US')).toBe('50%');
    expect(formatBasisPoints(7500, 'en-US')).toBe('75%');
    expect(formatBasisPoints(3333, 'en-US')).toBe('33.33%');
    expect(formatBasisPoints(10000, 'en-US')).toBe('100%');
  });

  it('reads a bare date as that calendar day', () => {
    expect(formatDay('2026-12-01', 'en-GB')).toBe('1 Dec 2026');
  });
});
