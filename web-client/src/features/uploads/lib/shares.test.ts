import { describe, expect, it } from 'vitest';
import { percentToBasisPoints, sharesError, toContributors } from './shares';

const row = (userId: string, percent: string) => ({ userId, displayName: userId, percent });

describe('royalty shares', () => {
  it('converts percentages to basis points', () => {
    expect(percentToBasisPoints('100')).toBe(10_000);
    expect(percentToBasisPoints('33.33')).toBe(3333);
    expect(percentToBasisPoints('0,5')).toBe(50);
    expect(percentToBasisPoints('12.345')).toBeNull();
    expect(percentToBasisPoints('101')).toBeNull();
    expect(percentToBasisPoints('-1')).toBeNull();
    expect(percentToBasisPoints('')).toBeNull();
  });

  it('requires shares summing to exactly 10,000 basis points', () => {
    expect(sharesError([row('a', '33.33'), row('b', '33.33'), row('c', '33.34')])).toBeNull();
    expect(sharesError([row('a', '50'), row('b', '40')])).toBe('Shares must add up to 100% (now 90%).');
    expect(sharesError([row('a', '60'), row('b', '50')])).toBe('Shares must add up to 100% (now 110%).');
    expect(sharesError([row('a', '100'), row('b', '0')])).toMatch(/between 0.01% and 100% for b/);
    expect(sharesError([])).toMatch(/At least one/);
    expect(toContributors([row('a', '59.5'), row('b', '40.5')])).toEqual([
      { userId: 'a', shareBasisPoints: 5950 },
      { userId: 'b', shareBasisPoints: 4050 },
    ]);
  });
});
