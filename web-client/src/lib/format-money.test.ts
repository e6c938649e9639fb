import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money';

describe('formatMoney', () => {
  it('formats cents as dollars', () => {
    expect(formatMoney(1500, 'USD', 'en-US')).toBe('$15.00');
    expect(formatMoney(15000, 'USD', 'en-US')).toBe('$150.00');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00');
  });

  it('follows the currency for the number of minor digits', () => {
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
    expect(formatMoney(1500, 'KWD', 'en-US').replace(/\s/g, ' ')).toBe('KWD 1.500');
  });

  it("uses the reader's locale for separators and symbol placement", () => {
    // de-DE puts the symbol after the amount with a (narrow) no-break space.
    expect(formatMoney(123456, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('1.234,56 €');
  });
});
