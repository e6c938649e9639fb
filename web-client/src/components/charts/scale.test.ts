import { describe, expect, it } from 'vitest';
import { isEmpty, niceStep, scale, valueDomain } from './scale';

describe('chart scales', () => {
  it('picks 1, 2 or 5 × 10ⁿ steps', () => {
    expect(niceStep(1000, 4)).toBe(500);
    expect(niceStep(730, 4)).toBe(200);
    expect(niceStep(90, 4)).toBe(50);
    expect(niceStep(3, 4)).toBe(1);
  });

  it('always includes zero and rounds out to whole steps', () => {
    expect(valueDomain([120, 730])).toEqual({ min: 0, max: 800, ticks: [0, 200, 400, 600, 800] });
    const withRefunds = valueDomain([500, -150]);
    expect(withRefunds.min).toBeLessThan(0);
    expect(withRefunds.ticks).toContain(0);
    expect(withRefunds.min).toBeLessThanOrEqual(-150);
  });

  it('maps values proportionally', () => {
    const y = scale({ min: 0, max: 800, ticks: [] }, 200);
    expect(y(0)).toBe(0);
    expect(y(400)).toBe(100);
    expect(y(800)).toBe(200);
  });

  it('treats all zeros as nothing to draw', () => {
    expect(isEmpty([])).toBe(true);
    expect(isEmpty([0, 0])).toBe(true);
    expect(isEmpty([0, 1])).toBe(false);
    expect(valueDomain([0, 0])).toEqual({ min: 0, max: 1, ticks: [0] });
  });

  it('never has a negative zero on the axis', () => {
    const domain = valueDomain([2500, -0]);
    expect(Object.is(domain.min, -0)).toBe(false);
    expect(domain.ticks.some((t) => Object.is(t, -0))).toBe(false);
  });
});
