import { formatMoney } from '@/lib/format-money';
import type { SettingValue } from '../api/settings-types';

/** Basis points as a person reads them: 5000 → "50 %", 1250 → "12.5 %". */
export function formatBp(bp: number): string {
  const percent = bp / 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(2).replace(/0$/, '')} %`;
}

const CLASS_LABELS: Record<string, string> = {
  contributor: 'Contributors',
  worker: 'Workers',
  founder: 'Founders',
  buyerMember: 'Buyer members',
};

export const memberClassLabel = (memberClass: string) => CLASS_LABELS[memberClass] ?? memberClass;

export function formatShares(shares: Record<string, number>): string {
  return Object.entries(shares)
    .map(([memberClass, bp]) => `${memberClassLabel(memberClass)} ${formatBp(bp)}`)
    .join(', ');
}

/** A recorded setting value in its unit (see the history's contract): "—" when the setting had none. */
export function formatSettingValue(value: SettingValue | null | undefined, unit: string, currency: string): string {
  if (!value) return '—';
  if (value.money) return formatMoney(value.money.amount, value.money.currency);
  if (value.shares) return formatShares(value.shares);
  if (value.number === null || value.number === undefined) return '—';
  if (unit === 'bp') return formatBp(value.number);
  if (unit === 'minor') return formatMoney(value.number, currency);
  return String(value.number);
}
