import { describe, expect, it } from 'vitest';
import { formatBp, formatSettingValue, formatShares } from './settings-format';

describe('settings format', () => {
  it('reads basis points, money and class shares in plain figures', () => {
    expect(formatBp(5000)).toBe('50 %');
    expect(formatBp(1250)).toBe('12.5 %');
    expect(formatBp(7575)).toBe('75.75 %');
    expect(formatShares({ contributor: 9000, worker: 500, founder: 500 })).toBe('Contributors 90 %, Workers 5 %, Founders 5 %');
    expect(formatSettingValue({ number: 8000 }, 'bp', 'USD')).toBe('80 %');
    expect(formatSettingValue({ number: 2500 }, 'minor', 'USD')).toBe('$25.00');
    expect(formatSettingValue({ money: { amount: 1700, currency: 'USD' } }, 'money', 'USD')).toBe('$17.00');
    expect(formatSettingValue(null, 'money', 'USD')).toBe('—');
  });
});
