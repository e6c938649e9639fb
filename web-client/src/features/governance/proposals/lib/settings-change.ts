import { formatMoney } from '@/lib/format-money';
import { formatBasisPoints } from '@/lib/format-month';
import { parseMoney } from '@/lib/parse-money';
import type { CoopSettings, SettingsChange } from '../api/types';

/**
 * The "binding settings change" part of the proposal form. People type percentages and amounts; the API takes basis
 * points (10000 = 100 %) and minor units (CONVENTIONS: integers only). An empty field means "no change".
 */
export type SettingsForm = {
  royaltyRateStandard: string;
  royaltyRateExtended: string;
  payoutThreshold: string;
  patronageCash: string;
  /** Member class → percentage text. */
  classShares: Record<string, string>;
  /** Licence option code → price text in the catalogue's currency. */
  licensePrices: Record<string, string>;
};

/** Keys of the change as the API names them; the form shows an error next to each. */
export type SettingsField =
  | 'royaltyRateStandardBp'
  | 'royaltyRateExtendedBp'
  | 'payoutThresholdMinor'
  | 'patronageCashBp'
  | 'patronageClassShares'
  | 'licensePrices';

export const emptySettingsForm = (): SettingsForm => ({
  royaltyRateStandard: '',
  royaltyRateExtended: '',
  payoutThreshold: '',
  patronageCash: '',
  classShares: {},
  licensePrices: {},
});

/** "80" → 8000, "12.5" → 1250, "12,25" → 1225; null when it is not a percentage between 0 and 100 with ≤ 2 decimals. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{0,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

/** 8000 → "80", 1250 → "12.5", 1225 → "12.25": what the person would type. */
export function percentText(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Minor units → the amount as typed ("25.00" → "25", "12.50" → "12.50"). */
export function moneyText(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (digits === 0) return String(minor);
  const unit = 10 ** digits;
  const whole = Math.trunc(minor / unit);
  const fraction = minor % unit;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(digits, '0')}`;
}

export type SettingsParse = { change: SettingsChange | null; errors: Partial<Record<SettingsField, string>> };

/**
 * The form as a SettingsChange with only the fields that differ from today's value (so "80" when the rate is already
 * 80 % is no change), or the errors to show. Class shares are all-or-nothing and must add up to 100 %.
 */
export function settingsChangeFromForm(form: SettingsForm, current: CoopSettings): SettingsParse {
  const errors: SettingsParse['errors'] = {};
  const change: SettingsChange = {};

  const rate = (text: string, field: 'royaltyRateStandardBp' | 'royaltyRateExtendedBp' | 'patronageCashBp', now: number) => {
    if (text.trim() === '') return;
    const bp = parsePercent(text);
    if (bp === null) errors[field] = 'Enter a percentage between 0 and 100, with at most two decimals (e.g. 80 or 72.5).';
    else if (bp !== now) change[field] = bp;
  };
  rate(form.royaltyRateStandard, 'royaltyRateStandardBp', current.royaltyRateStandardBp);
  rate(form.royaltyRateExtended, 'royaltyRateExtendedBp', current.royaltyRateExtendedBp);
  rate(form.patronageCash, 'patronageCashBp', current.patronageCashBp);

  if (form.payoutThreshold.trim() !== '') {
    const minor = parseMoney(form.payoutThreshold, current.currency);
    if (minor === null) errors.payoutThresholdMinor = `Enter an amount in ${current.currency}, e.g. 25 or 25.50.`;
    else if (minor !== current.payoutThresholdMinor) change.payoutThresholdMinor = minor;
  }

  const classes = Object.keys(current.patronageClassShares);
  const typed = classes.filter((c) => (form.classShares[c] ?? '').trim() !== '');
  if (typed.length > 0) {
    const shares: Record<string, number> = {};
    let bad = false;
    for (const c of classes) {
      const bp = parsePercent(form.classShares[c] ?? '');
      if (bp === null) bad = true;
      else shares[c] = bp;
    }
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    if (bad) errors.patronageClassShares = `Give every class a percentage (${classes.join(', ')}); together they make 100 %.`;
    else if (total !== 10000) errors.patronageClassShares = `The class shares add up to ${percentText(total)} %; they must make 100 %.`;
    else if (classes.some((c) => shares[c] !== current.patronageClassShares[c])) change.patronageClassShares = shares;
  }

  const prices: Record<string, number> = {};
  const badPrices: string[] = [];
  for (const option of current.licensePrices) {
    const text = form.licensePrices[option.code] ?? '';
    if (text.trim() === '') continue;
    const minor = parseMoney(text, option.price?.currency ?? current.currency);
    if (minor === null || minor <= 0) badPrices.push(option.label);
    else if (minor !== option.price?.amount) prices[option.code] = minor;
  }
  if (badPrices.length > 0) errors.licensePrices = `Enter a price above zero for: ${badPrices.join(', ')}.`;
  else if (Object.keys(prices).length > 0) change.licensePrices = prices;

  return { change: Object.keys(change).length > 0 ? change : null, errors };
}

/** A draft's change back into the form, for editing. */
export function formFromSettingsChange(change: SettingsChange | null | undefined, current: CoopSettings | undefined): SettingsForm {
  const form = emptySettingsForm();
  if (!change) return form;
  if (change.royaltyRateStandardBp != null) form.royaltyRateStandard = percentText(change.royaltyRateStandardBp);
  if (change.royaltyRateExtendedBp != null) form.royaltyRateExtended = percentText(change.royaltyRateExtendedBp);
  if (change.patronageCashBp != null) form.patronageCash = percentText(change.patronageCashBp);
  if (change.payoutThresholdMinor != null) form.payoutThreshold = moneyText(change.payoutThresholdMinor, current?.currency ?? 'USD');
  for (const [c, bp] of Object.entries(change.patronageClassShares ?? {})) form.classShares[c] = percentText(bp);
  for (const [code, minor] of Object.entries(change.licensePrices ?? {})) {
    const currency = current?.licensePrices.find((o) => o.code === code)?.price?.currency ?? current?.currency ?? 'USD';
    form.licensePrices[code] = moneyText(minor, currency);
  }
  return form;
}

export type ChangeLine = { key: string; label: string; from: string | null; to: string };

const CLASS_LABELS: Record<string, string> = {
  contributor: 'contributors',
  worker: 'workers',
  founder: 'founders',
  buyer_member: 'buyer members',
  buyerMember: 'buyer members',
};
export const classLabel = (memberClass: string) => CLASS_LABELS[memberClass] ?? memberClass.replace(/_/g, ' ');

/** A change as "setting: from → to" lines, today's value from `current` when it is known. */
export function describeSettingsChange(change: SettingsChange, current: CoopSettings | undefined): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const pct = (bp: number | undefined) => (bp === undefined ? null : formatBasisPoints(bp));
  const currency = current?.currency ?? 'USD';
  if (change.royaltyRateStandardBp != null)
    lines.push({ key: 'standard', label: 'Standard royalty rate', from: pct(current?.royaltyRateStandardBp), to: pct(change.royaltyRateStandardBp)! });
  if (change.royaltyRateExtendedBp != null)
    lines.push({ key: 'extended', label: 'Extended royalty rate', from: pct(current?.royaltyRateExtendedBp), to: pct(change.royaltyRateExtendedBp)! });
  if (change.payoutThresholdMinor != null)
    lines.push({
      key: 'threshold',
      label: 'Payout threshold',
      from: current ? formatMoney(current.payoutThresholdMinor, currency) : null,
      to: formatMoney(change.payoutThresholdMinor, currency),
    });
  for (const [c, bp] of Object.entries(change.patronageClassShares ?? {}))
    lines.push({ key: `class-${c}`, label: `Patronage share for ${classLabel(c)}`, from: pct(current?.patronageClassShares?.[c]), to: pct(bp)! });
  if (change.patronageCashBp != null)
    lines.push({ key: 'cash', label: 'Patronage paid in cash', from: pct(current?.patronageCashBp), to: pct(change.patronageCashBp)! });
  for (const [code, minor] of Object.entries(change.licensePrices ?? {})) {
    const option = current?.licensePrices.find((o) => o.code === code);
    const optionCurrency = option?.price?.currency ?? currency;
    lines.push({
      key: `price-${code}`,
      label: `Price of ${option?.label ?? code}`,
      // A licence option without a price is sold on quote.
      from: option ? (option.price ? formatMoney(option.price.amount, optionCurrency) : 'on quote') : null,
      to: formatMoney(minor, optionCurrency),
    });
  }
  if (change.patronagePool)
    lines.push({ key: 'pool', label: `Patronage pool for ${change.patronagePool.year}`, from: null, to: formatMoney(change.patronagePool.pool.amount, change.patronagePool.pool.currency) });
  return lines;
}
