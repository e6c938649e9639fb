import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyCompact, formatMoneyOf } from './format-money';

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

describe('formatMoney for ledgers', () => {
  it('shows refunds and reversals as negative amounts', () => {
    expect(formatMoney(-1250, 'USD', 'en-US')).toBe('-$12.50');
    expect(formatMoney(-1, 'EUR', 'en-US')).toBe('-€0.01');
  });

  it('keeps large balances exact to the cent', () => {
    expect(formatMoney(123456789, 'USD', 'en-US')).toBe('$1,234,567.89');
  });
});

describe('formatMoneyCompact', () => {
  it('keeps axis labels short', () => {
    expect(formatMoneyCompact(0, 'USD', 'en-US')).toBe('$0');
    expect(formatMoneyCompact(50, 'USD', 'en-US')).toBe('$0.50');
    expect(formatMoneyCompact(150000, 'USD', 'en-US')).toBe('$1.5K');
    expect(formatMoneyCompact(-2500, 'USD', 'en-US')).toBe('-$25');
  });
});

describe('formatMoneyOf', () => {
  it('formats the API’s money objects', () => {
    expect(formatMoneyOf({ amount: 2500, currency: 'USD' }, 'en-US')).toBe('$25.00');
  });
});
