import { describe, expect, it } from 'vitest';
import { parseMoney } from './parse-money';

describe('parseMoney', () => {
  it('reads whole and decimal amounts as minor units', () => {
    expect(parseMoney('25', 'USD')).toBe(2500);
    expect(parseMoney('25.5', 'USD')).toBe(2550);
    expect(parseMoney('0.07', 'USD')).toBe(7);
    expect(parseMoney('1,234.56', 'USD')).toBe(123456);
    expect(parseMoney(' 19,99 ', 'EUR')).toBe(1999);
  });

  it('follows the currency’s digits', () => {
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    expect(parseMoney('1.5', 'JPY')).toBeNull();
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '-5', '1.234', '1e3', '12.3.4']) expect(parseMoney(text, 'USD')).toBeNull();
  });
});
