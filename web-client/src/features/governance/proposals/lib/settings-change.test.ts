import { describe, expect, it } from 'vitest';
import { settings } from '../testing/fixtures';
import {
  describeSettingsChange,
  emptySettingsForm,
  formFromSettingsChange,
  moneyText,
  parsePercent,
  percentText,
  settingsChangeFromForm,
} from './settings-change';

describe('percentages ⇄ basis points', () => {
  it('reads what people type', () => {
    expect(parsePercent('80')).toBe(8000);
    expect(parsePercent('72.5')).toBe(7250);
    expect(parsePercent('12,25')).toBe(1225);
    expect(parsePercent(' 80 % ')).toBe(8000);
    expect(parsePercent('0')).toBe(0);
    expect(parsePercent('100')).toBe(10000);
  });

  it('refuses what is not a percentage', () => {
    for (const bad of ['', 'abc', '-5', '100.01', '101', '12.345', '1e2']) expect(parsePercent(bad), bad).toBeNull();
  });

  it('writes basis points back the way they would be typed', () => {
    expect(percentText(8000)).toBe('80');
    expect(percentText(7250)).toBe('72.5');
    expect(percentText(1225)).toBe('12.25');
    expect(percentText(5)).toBe('0.05');
    for (const bp of [0, 1, 99, 3333, 10000]) expect(parsePercent(percentText(bp))).toBe(bp);
  });

  it('writes minor units back as amounts', () => {
    expect(moneyText(2500, 'USD')).toBe('25');
    expect(moneyText(2550, 'USD')).toBe('25.50');
    expect(moneyText(5, 'USD')).toBe('0.05');
    expect(moneyText(1200, 'JPY')).toBe('1200');
  });
});

describe('settingsChangeFromForm', () => {
  it('sends only what changes, in basis points and minor units', () => {
    const form = { ...emptySettingsForm(), royaltyRateExtended: '80', royaltyRateStandard: '50', payoutThreshold: '30.5' };
    form.licensePrices = { small: '12', large: '49' };
    expect(settingsChangeFromForm(form, settings)).toEqual({
      change: { royaltyRateExtendedBp: 8000, payoutThresholdMinor: 3050, licensePrices: { small: 1200 } },
      errors: {},
    });
  });

  it('is no change at all when nothing differs from today', () => {
    expect(settingsChangeFromForm(emptySettingsForm(), settings)).toEqual({ change: null, errors: {} });
    expect(settingsChangeFromForm({ ...emptySettingsForm(), royaltyRateExtended: '75' }, settings).change).toBeNull();
  });

  it('explains each field it cannot read', () => {
    const form = { ...emptySettingsForm(), royaltyRateExtended: '180', payoutThreshold: 'lots', licensePrices: { small: '0' } };
    const { change, errors } = settingsChangeFromForm(form, settings);
    expect(change).toBeNull();
    expect(errors.royaltyRateExtendedBp).toMatch(/between 0 and 100/);
    expect(errors.payoutThresholdMinor).toMatch(/amount in USD/);
    expect(errors.licensePrices).toMatch(/Small/);
  });

  it('takes class shares all together and only when they make 100 %', () => {
    const partial = { ...emptySettingsForm(), classShares: { contributor: '85' } };
    expect(settingsChangeFromForm(partial, settings).errors.patronageClassShares).toMatch(/Give every class/);
    const over = { ...emptySettingsForm(), classShares: { contributor: '85', worker: '10', founder: '10' } };
    expect(settingsChangeFromForm(over, settings).errors.patronageClassShares).toMatch(/add up to 105 %/);
    const ok = { ...emptySettingsForm(), classShares: { contributor: '85', worker: '10', founder: '5' } };
    expect(settingsChangeFromForm(ok, settings).change).toEqual({ patronageClassShares: { contributor: 8500, worker: 1000, founder: 500 } });
  });

  it('round-trips a draft’s change through the form', () => {
    const change = { royaltyRateExtendedBp: 8050, payoutThresholdMinor: 5000, patronageCashBp: 2500, licensePrices: { large: 5900 } };
    expect(settingsChangeFromForm(formFromSettingsChange(change, settings), settings).change).toEqual(change);
  });
});

describe('describeSettingsChange', () => {
  it('reads "from → to" with today’s values', () => {
    const lines = describeSettingsChange({ royaltyRateExtendedBp: 8000, payoutThresholdMinor: 5000, licensePrices: { small: 1200 } }, settings);
    expect(lines.map((l) => `${l.label}: ${l.from} → ${l.to}`)).toEqual([
      'Extended royalty rate: 75% → 80%',
      'Payout threshold: $25.00 → $50.00',
      'Price of Small: $9.00 → $12.00',
    ]);
  });

  it('gives only the new value when today’s is unknown', () => {
    expect(describeSettingsChange({ royaltyRateStandardBp: 5500 }, undefined)).toEqual([
      { key: 'standard', label: 'Standard royalty rate', from: null, to: '55%' },
    ]);
  });
});
